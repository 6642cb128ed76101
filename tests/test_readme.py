"""README's code examples run as written (on the bundled data and a user's CSV files)."""

from __future__ import annotations

import re
import webbrowser
from pathlib import Path

import matplotlib.pyplot as plt

import coopnet as cn

README = Path(__file__).resolve().parents[1] / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_has_the_two_setup_commands():
    text = README.read_text(encoding="utf-8")
    assert "pip install . && coopnet report -o report" in text
    assert "pip install '.[test]' && python -m pytest" in text


def test_readme_python_blocks_run_in_order(tmp_path, monkeypatch):
    """The blocks build on each other, as they would in one notebook."""
    blocks = _python_blocks()
    assert len(blocks) >= 2
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.chdir(tmp_path)
    cn.write_csv(cn.load_sample(), tmp_path)  # the "your own files" of the example
    namespace: dict = {}
    try:
        for i, block in enumerate(blocks):
            exec(compile(block, f"README.md python block {i}", "exec"), namespace)
    finally:
        plt.close("all")
    assert (tmp_path / "map.html").stat().st_size > 0
    assert (tmp_path / "out" / "edges.csv").is_file()
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
