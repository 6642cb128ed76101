"""The code base stays ruff-clean (lint and format), as CI would otherwise let it drift."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff")
    cmd = [exe] if exe else [sys.executable, "-m", "ruff"]
    return subprocess.run([*cmd, *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize(
    "args", [("check", "coopnet", "tests", "benchmarks"), ("format", "--check", "coopnet", "tests")]
)
def test_ruff(args):
    proc = _ruff(*args)
    assert proc.returncode == 0, proc.stdout + proc.stderr
