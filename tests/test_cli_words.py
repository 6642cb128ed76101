"""The command line in its users' words (issue 13, point 12; issue 14's option names).

Help comes in Japanese, then English, and fits an 80-column console; errors name
the options a user types (``--force``, ``-o``, ``--type``), never the Python
parameters behind them, in Japanese and English; the valid values and the way
out (``--no-strict``) are said once under the problems.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import subprocess
import sys

import pytest
from conftest import EDGES, ORGS, write

from coopnet.cli import build_parser, main
from coopnet.cli.common import FLAGS, OPTIONS, in_cli_terms, text_width

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return parser, sub


COMMANDS = sorted(_commands()[1].choices)


def _ja_then_en(text: str) -> bool:
    """Japanese first, English after it (an option's ``日本語 / English``)."""
    first_ja = JAPANESE.search(text)
    english = [m.start() for m in LATIN_WORDS.finditer(text)]
    return first_ja is not None and bool(english) and first_ja.start() < english[-1]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_and_option_is_explained_in_japanese_then_english(cmd):
    _, sub = _commands()
    help_line = next(a.help for a in sub._choices_actions if a.dest == cmd)
    assert _ja_then_en(help_line), help_line
    command = sub.choices[cmd]
    paragraphs = command.description.split("\n\n")
    assert JAPANESE.search(paragraphs[0]) and re.match(r"[A-Z]", paragraphs[-1])
    for action in command._actions:
        if action.help == argparse.SUPPRESS:
            continue
        assert action.help and _ja_then_en(action.help), (cmd, action.option_strings)


@pytest.mark.parametrize("cmd", [None, *COMMANDS])
def test_help_fits_an_80_column_console(cmd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run([cmd, "--help"] if cmd else ["--help"])
    assert code == 0
    wide = [line for line in out.splitlines() if text_width(line) > 80]
    assert not wide
    assert "オプション / options" in out


def test_every_output_option_is_explained():
    _, sub = _commands()
    with_output = [c for c, p in sub.choices.items() if "-o" in p._option_string_actions]
    assert {"report", "export", "draw", "html", "slides", "template"} <= set(with_output)
    for cmd in with_output:
        action = sub.choices[cmd]._option_string_actions["-o"]
        assert action.required and _ja_then_en(action.help), cmd


def test_the_table_of_option_names_names_real_options():
    """Each parameter the table translates is an option some command has."""
    _, sub = _commands()
    options = {o for p in sub.choices.values() for o in p._option_string_actions}
    for param, option in {**OPTIONS, **FLAGS}.items():
        assert option in options, (param, option)


def test_the_api_names_work_but_the_help_shows_one():
    base = ["pairs", "--all", "--format", "csv", "--seed", "1"]
    assert run([*base, "--perm", "50"])[1] == run([*base, "--n-perm", "50"])[1]
    _, out, _ = run(["pairs", "--help"])
    assert "--perm N" in out and "--n-perm" not in out
    code, _, _ = run(["prefectures", "--pairs", "--n-perm", "20", "--top", "1"])
    assert code == 0


def test_draw_commands_take_seed_only_where_it_means_something():
    _, sub = _commands()
    for cmd in ("draw-timeline", "draw-prefectures"):
        assert "--seed" not in sub.choices[cmd]._option_string_actions, cmd
    for cmd in ("draw", "draw-types", "draw-periods", "draw-pairs"):
        assert "--seed" in sub.choices[cmd]._option_string_actions, cmd
    assert "入れ替え" in sub.choices["draw-pairs"]._option_string_actions["--seed"].help


# ------------------------------------------------------------------ errors
def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coopnet: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_an_existing_file_asks_for_force_in_both_languages(tmp_path):
    target = tmp_path / "s.pptx"
    target.write_bytes(b"mine")
    code, _, err = run(["slides", "-o", str(target)])
    line = _one_line(err)
    assert code == 2
    assert f"{target} はすでにあります。--force を付けると置き換えます" in line
    assert f"{target} already exists; add --force to replace it" in line
    assert "overwrite" not in line and "=True" not in line
    assert line.index("すでに") < line.index("already")  # Japanese first


def test_a_full_report_folder_names_the_option(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "mine.txt").write_text("x")
    code, _, err = run(["report", "-o", str(tmp_path / "r")])
    line = _one_line(err)
    assert code == 2 and f"-o '{tmp_path / 'r'}' is not empty" in line
    assert "add --force" in line and "outdir" not in line and "force=True" not in line


def test_a_wrong_type_names_the_option_and_suggests_the_synonym():
    code, _, err = run(["summary", "--type", "防災"])
    line = _one_line(err)
    assert code == 2 and "--type '防災'" in line and "types=" not in line
    assert "'災害支援型' のことですか" in line and "Did you mean '災害支援型'?" in line


def test_argparse_errors_are_said_in_both_languages():
    code, _, err = run(["draw"])
    assert code == 2
    assert "次の指定が必要です: -o/--output / the following arguments are required" in err
    code, _, err = run(["pairs", "--perm", "-3"])
    assert code == 2 and "0 以上の整数ではありません" in err and "not a whole number" in err


def test_data_problems_then_the_advice_once_in_cli_terms(tmp_path):
    orgs = ORGS.replace("JF,香川県", "漁業,香川県").replace("行政,香川県", "市,香川県")
    edges = EDGES.replace("学習会・イベント型", "研修")
    o, e = write(tmp_path / "o.csv", orgs), write(tmp_path / "e.csv", edges)
    code, _, err = run(["validate", "--orgs", o, "--edges", e])
    assert code == 2
    lines = err.strip().splitlines()
    assert (
        lines[0]
        == "coopnet: error: 入力データに 3 件の問題があります / 3 problems in the input data:"
    )
    problems = lines[1:4]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "unknown sector '漁業' (did you mean 'JF'?)",
        "unknown sector '市' (did you mean '行政'?)",
        "unknown type '研修' (did you mean '人事育成型'?)",
    ]
    advice = lines[4:]
    assert advice[0].startswith("セクターは次のどれか / Valid sectors: JA, 生協")
    assert advice[1].startswith("連携類型は次のどれか / Valid partnership types: 産消提携型")
    assert advice[2] == (
        "一覧にないセクター・連携類型もそのまま使うには --no-strict を付けてください / "
        "To accept sectors and partnership types outside these lists, add --no-strict."
    )
    assert len(advice) == 3 and "strict=False" not in err
    proc = subprocess.run(
        [sys.executable, "-m", "coopnet", "validate", "--orgs", o, "--edges", e, "--no-strict"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    warned = proc.stderr.splitlines()
    assert warned[0] == (
        f"coopnet: warning: {o}: 一覧にないセクターをそのまま使います: '漁業', '市' / {o}: "
        "accepting sectors outside coopnet's taxonomy: '漁業', '市'; they keep their own "
        "names and styles"
    )


@pytest.mark.parametrize(
    ("python", "cli"),
    [
        (
            "a already exists; pass overwrite=True to replace it",
            "a already exists; add --force to replace it",
        ),
        ("outdir='r' is not empty; pass force=True to …", "-o 'r' is not empty; add --force to …"),
        ("n_perm=-1 is not valid", "--perm -1 is not valid"),
        ("k=0 is not valid", "--sample 0 is not valid"),
        ("net.by_type(types='x')", "net.by_type(--type 'x')"),
        ("sub_types=1 and per.k=2 stay", "sub_types=1 and per.k=2 stay"),
    ],
)
def test_python_words_become_options(python, cli):
    assert in_cli_terms(python) == cli
