"""The command line with a workbook: ``coopnet template``, ``--xlsx`` and
``coopnet validate FILE.xlsx``."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

import coopnet as cn
from coopnet.cli import main


@pytest.fixture
def small_book(small_files, tmp_path):
    """The four-organisation network of conftest as a workbook (no case table)."""
    return cn.write_excel(cn.read_csv(*small_files), tmp_path / "連携事例.xlsx")


def test_cli_template_and_xlsx_input(tmp_path, capsys):
    path = tmp_path / "連携事例.xlsx"
    assert main(["template", "-o", str(path)]) == 0
    assert main(["template", "-o", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["summary", "--xlsx", str(path), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "total,organisations,2" in out and "total,partnerships,1" in out
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.startswith("OK: 2 organisations, 1 partnerships")
    assert main(["summary", "--xlsx", str(path), "--orgs", "x.csv"]) == 2
    assert (
        "--xlsx and --orgs/--edges were given: give your data one way only"
        in capsys.readouterr().err
    )


def test_cli_writes_a_network_as_a_workbook(small_files, tmp_path, capsys):
    orgs, edges = small_files
    path = tmp_path / "small.xlsx"
    assert main(["template", "-o", str(path), "--orgs", orgs, "--edges", edges]) == 0
    assert "4 organisations, 4 partnerships" in capsys.readouterr().out
    back = cn.read_excel(path)
    pd.testing.assert_frame_equal(back.edges, cn.read_csv(orgs, edges).edges)
    assert main(["template", "-o", str(path), "--sample", "--force", "--lang", "en"]) == 0
    assert openpyxl.load_workbook(path).sheetnames[1] == "organisations"
    assert len(cn.read_excel(path).orgs) == 107


def test_cli_reports_sheet_and_cell(small_book, capsys):
    wb = openpyxl.load_workbook(small_book)
    wb["連携"]["C3"] = "事業連携"
    wb.save(small_book)
    assert main(["validate", str(small_book)]) == 2
    err = capsys.readouterr().err
    assert f"{small_book}: 連携!C3 (type): unknown type '事業連携'" in err
    assert main(["centrality", "--xlsx", str(small_book)]) == 2


def test_every_command_that_takes_data_takes_a_workbook():
    import argparse

    from coopnet.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options = {
        name: {o for a in p._actions for o in a.option_strings} for name, p in sub.choices.items()
    }
    with_data = [name for name, opts in options.items() if "--orgs" in opts]
    assert {"summary", "pairs", "report", "html", "draw", "template"} <= set(with_data)
    assert all("--xlsx" in options[name] for name in with_data)
