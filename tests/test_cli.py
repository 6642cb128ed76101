import subprocess
import sys

import pytest
from conftest import EDGES, ORGS, write

from coopnet.cli import main
from coopnet.cli.common import format_table, text_width


def test_summary_on_bundled_data(capsys):
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    for t in [
        "産消提携型",
        "事業連携型",
        "地域連携型",
        "学習会・イベント型",
        "災害支援型",
        "人事育成型",
    ]:
        assert t in out


def test_summary_on_user_files(small_files, capsys):
    orgs, edges = small_files
    assert main(["summary", "--orgs", orgs, "--edges", edges]) == 0
    out = capsys.readouterr().out
    assert "4 organisations, 4 partnerships (3 pairs), 2 cases" in out


def test_validate_ok_and_bad(tmp_path, capsys):
    o = write(tmp_path / "o.csv", ORGS)
    e = write(tmp_path / "e.csv", EDGES.replace("地域連携型", "地域連携"))
    assert main(["validate", o, write(tmp_path / "ok.csv", EDGES)]) == 0
    assert "OK: 4 organisations" in capsys.readouterr().out
    assert main(["validate", o, e]) == 2
    err = capsys.readouterr().err
    assert "e.csv, line 5, column 'type'" in err and "did you mean '地域連携型'?" in err
    assert "Traceback" not in err


def test_console_script_exits_2_without_traceback(tmp_path):
    o = write(tmp_path / "o.csv", ORGS)
    bad = tmp_path / "e.csv"
    bad.write_bytes(b"\x00\x01\x02")
    proc = subprocess.run(
        [sys.executable, "-m", "coopnet.cli", "validate", o, str(bad)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "is not a text file" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("cmd", ["summary", "validate"])
def test_help(cmd, capsys):
    with pytest.raises(SystemExit) as info:
        main([cmd, "--help"])
    assert info.value.code == 0
    assert "usage: coopnet" in capsys.readouterr().out


def test_text_width_counts_full_width_as_two():
    assert text_width("JA") == 2
    assert text_width("生協") == 4
    assert text_width("ＪＡ") == 4


def test_table_aligns_japanese():
    import pandas as pd

    table = format_table(pd.DataFrame({"name": ["生協", "JA香川県"], "n": [1, 10]}), index=False)
    lines = table.splitlines()
    assert len({text_width(line) for line in lines[2:]}) == 1  # rows end in the same column
    assert lines[2].endswith(" 1") and lines[3].endswith("10")


def test_orgs_without_edges_is_bad_input(small_files, capsys):
    assert main(["summary", "--orgs", small_files[0]]) == 2
    assert "--orgs was given without --edges" in capsys.readouterr().err
