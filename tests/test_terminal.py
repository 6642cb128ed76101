"""Every line the command prints is safe for a terminal (issue 17, point 6).

An ESC sequence in a name would set the window title or colours; a C1 CSI does
the same on some terminals; a carriage return or a bidi override rewrites what
the line seems to say. Such characters are printed as visible escapes
(``\\x1b``, ``\\u202e``) in tables, report lines, warnings and error messages.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import EDGES, ORGS, write

import coopnet as cn
from coopnet._io.terminal import terminal_lines, terminal_safe
from coopnet.cli import main
from coopnet.cli.common import emit, format_table, text_width

#: What must never reach a terminal raw (a line feed only between lines).
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

NAMES = {
    "ja": "\x1b]0;pwned\x07JA",
    "coop": "\x1b[31mred\x1b[0m",
    "jf": "\u202eevil\u202c漁協",
    "city": "高松\x9b31m市\rX\ny",
}


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def hostile(monkeypatch, tmp_path):
    """The bundled-data commands see a network whose names and name carry escapes.

    read_csv refuses control characters in a cell, so the network is built in
    memory, as a script could build one."""
    small = cn.read_csv(write(tmp_path / "o.csv", ORGS), write(tmp_path / "e.csv", EDGES))
    orgs = small.orgs
    orgs["name"] = [NAMES[i] for i in orgs.index]
    net = cn.Network(orgs, small.edges, name="\x1b]2;title\x07net")
    monkeypatch.setattr(cn.io, "load_sample", lambda: net)
    import coopnet.reporting as reporting

    monkeypatch.setattr(
        reporting,
        "_pictures",
        lambda net, **kw: {
            n: b"fake" for n in reporting.FILES if n.endswith((".png", ".html", ".pptx"))
        },
    )
    return net


def test_escapes():
    assert terminal_safe("\x1b]0;x\x07") == "\\x1b]0;x\\x07"
    assert terminal_safe("a\u202eb\u2066c") == "a\\u202eb\\u2066c"
    assert terminal_safe("\x9b\x7f\t\r\n") == "\\x9b\\x7f\\t\\r\\n"
    assert terminal_safe("JA香川県 ＪＡ — 生協") == "JA香川県 ＪＡ — 生協"
    assert terminal_safe(terminal_safe("\x1b")) == "\\x1b"
    assert terminal_lines("a\x1b\nb\u202e") == "a\\x1b\nb\\u202e"


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],
        ["centrality"],
        ["bridges"],
        ["bridges", "--ties"],
        ["communities"],
        ["types"],
        ["pairs", "--perm", "10"],
    ],
)
def test_tables_print_names_escaped(hostile, argv):
    code, out, err = run(argv)
    assert code == 0, err
    assert not UNSAFE.search(out + err), repr(UNSAFE.search(out + err))
    if argv[0] in ("centrality", "bridges", "communities"):
        assert "\\x1b" in out


def test_table_columns_stay_aligned(hostile):
    table = format_table(
        pd.DataFrame({"name": list(NAMES.values()), "n": [1, 2, 3, 10]}), index=False
    )
    lines = table.splitlines()
    assert len(lines) == 6
    assert len({text_width(line) for line in lines[2:]}) == 1


def test_report_lines_are_escaped(hostile, tmp_path):
    code, out, err = run(["report", "-o", str(tmp_path / "r")])
    assert code == 0, err
    assert not UNSAFE.search(out + err)
    assert "\\x1b]2;title\\x07net" in out


def test_csv_and_json_on_a_terminal_are_escaped_but_not_in_a_file(hostile):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    frame = cn.centrality(hostile)
    for fmt in ("csv", "json"):
        shown = Terminal()
        emit(frame, fmt, stream=shown)
        assert not UNSAFE.search(shown.getvalue())
        piped = io.StringIO()
        emit(frame, fmt, stream=piped)
        if fmt == "csv":  # data for a file or a pipe stays exactly the data
            assert "\x1b]0;pwned\x07JA" in piped.getvalue()


def test_error_messages_and_warnings_are_escaped(tmp_path):
    folder = tmp_path / "\x1b]0;dir\x07"
    folder.mkdir()
    o = write(folder / "o.csv", ORGS.replace(",行政,", ",\u202e研究所,"))
    e = write(folder / "e.csv", EDGES)
    code, out, err = run(["validate", o, str(folder / "missing\x1b[2J.csv")])
    assert code == 2
    assert "missing\\x1b[2J.csv: file not found" in err
    assert not UNSAFE.search(out + err)
    # warnings: in a fresh interpreter (pytest records warnings instead of printing them)
    proc = subprocess.run(
        [sys.executable, "-m", "coopnet", "summary", "--orgs", o, "--edges", e, "--no-strict"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(cn.__file__).parents[1])},
    )
    assert proc.returncode == 0, proc.stderr
    assert "warning: " in proc.stderr and "\\u202e研究所" in proc.stderr
    assert not UNSAFE.search(proc.stdout + proc.stderr)
    code, out, err = run(["summary", "--orgs", o, "--edges", e])
    assert code == 2 and "\\u202e" in err and not UNSAFE.search(err)
