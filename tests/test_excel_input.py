"""The Excel workbook in: workbooks typed by hand, and every way one can be wrong.

The workbooks are built here with openpyxl as a person would type them in Excel;
the expected values are written out by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import PatternFill

import coopnet as cn

YELLOW = PatternFill("solid", fgColor="FFFFFF00")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems(path, **kwargs) -> list[cn.Problem]:
    """The problems read_excel reports, after checking the file was left unchanged."""
    before = digest(path) if path.exists() and path.is_file() else None
    with pytest.raises(cn.DataError) as caught:
        cn.read_excel(path, **kwargs)
    if before is not None:
        assert digest(path) == before
    return caught.value.problems


# ------------------------------------------------------------- typed by hand
@pytest.fixture
def by_hand(tmp_path):
    """A workbook as a person types it: a merged title row, a header two rows high,
    Japanese-only or English-only headers, ids typed as numbers, numbers stored as
    text, full-width digits, dates in the year column, a case merged down its
    rows, an extra column, formatted empty rows and columns, a sheet of notes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "組織"
    ws["A1"] = "長野県の協同組合（手入力）"
    ws.merge_cells("A1:F1")
    ws.append(["組織ID", "名称", "セクター", "都道府県", "電話"])
    ws.append([1, "JAながの", "農協", "長野"])
    ws.append(["2", "生活クラブ", "生協", None, "03-0000-0000"])
    ws.append([3.0, "ＪＦ長野", "ＪＦ", "長野県"])
    ws.append(["４", "長野市", "行政", "長野県"])
    ws.append([12, "長野県庁", "行政", "長野県"])
    ws["A7"].number_format = "0000"  # shown as 0012
    for row in range(3, 30):  # formatted, never filled
        ws.cell(row=row, column=8).fill = YELLOW
        if row > 7:
            ws.cell(row=row, column=1).fill = YELLOW

    ws = wb.create_sheet("連携")
    ws.append(["source", "target", "連携類型", "事例", "year", None])
    ws.append([1, 2, "産消提携型", "トマト援農", 2019.0])
    ws.append(["1", "3", "産消提携型", None, dt.datetime(2020, 4, 1)])
    ws.append([2, "４", "産消提携型", None, "２０２１"])
    ws.merge_cells("D2:D4")
    ws.append([12, 1, "地域連携型", "子ども食堂", "令和元年"])
    ws["A5"].number_format = "0000"
    ws.append([None, None, None, None, None, None])
    ws["A40"].fill = YELLOW

    ws = wb.create_sheet("事例")
    ws.append(["事例名", "連携類型", "開始年"])
    ws.append([None, None, None])
    for col in "ABC":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append(["トマト援農", "産消提携型", dt.date(2019, 1, 1)])
    ws.append(["子ども食堂", "地域連携型", None])

    wb.create_sheet("メモ")["A1"] = "=SUM(1,2)"  # not a data sheet: never read
    path = tmp_path / "手入力.xlsx"
    wb.save(path)
    return path


def test_a_workbook_typed_by_hand_loads(by_hand):
    before = digest(by_hand)
    net = cn.read_excel(by_hand)
    assert digest(by_hand) == before
    assert net.name == "手入力"
    orgs = net.orgs
    assert list(orgs.index) == ["1", "2", "3", "4", "0012"]
    assert orgs["sector"].tolist() == ["JA", "生協", "JF", "行政", "行政"]
    assert orgs["name"].tolist()[2] == "JF長野"
    assert orgs["prefecture"].tolist() == ["長野県", "", "長野県", "長野県", "長野県"]
    assert orgs["電話"].tolist() == ["", "03-0000-0000", "", "", ""]
    edges = net.edges
    assert edges["source"].tolist() == ["1", "1", "2", "0012"]
    assert edges["target"].tolist() == ["2", "3", "4", "1"]
    assert edges["case"].tolist() == ["トマト援農"] * 3 + ["子ども食堂"]
    assert edges["year"].tolist() == [2019, 2020, 2021, 2019]
    assert list(net.cases.index) == ["トマト援農", "子ども食堂"]
    assert net.cases["year"].iloc[0] == 2019 and pd.isna(net.cases["year"].iloc[1])
    assert net.has_case_table and net.members["role"].eq("").all()


def test_problems_in_a_hand_typed_workbook_name_its_rows(by_hand):
    wb = openpyxl.load_workbook(by_hand)
    wb["組織"]["C4"] = "生協連"  # under a title row: the header is row 2
    wb["連携"]["A3"] = "01"  # the id is 1
    wb.save(by_hand)
    found = {p.cell: p for p in problems(by_hand)}
    assert set(found) == {"組織!C4", "連携!A3"}
    assert found["組織!C4"].column == "sector" and found["組織!C4"].line == 4
    assert "'01' is not an id in the 組織 sheet" in found["連携!A3"].message


# ------------------------------------------------------------ problem cells
@pytest.fixture
def small_book(small_files, tmp_path):
    """The four-organisation network of conftest as a workbook (no case table)."""
    return cn.write_excel(cn.read_csv(*small_files), tmp_path / "連携事例.xlsx")


def edit(path, **cells) -> None:
    """Set cells given as SHEET_A1=value (sheet 連携 unless the key names 組織)."""
    wb = openpyxl.load_workbook(path)
    for key, value in cells.items():
        sheet, _, ref = key.rpartition("_")
        wb[{"": "連携", "orgs": "組織", "cases": "事例"}[sheet]][ref] = value
    wb.save(path)


def test_an_unknown_type_names_sheet_cell_and_suggestion(small_book):
    edit(small_book, C3="事業連携")
    (p,) = problems(small_book)
    assert (p.file, p.cell, p.line, p.column) == (str(small_book), "連携!C3", 3, "type")
    assert str(p).startswith(f"{small_book}: 連携!C3 (type): unknown type '事業連携'")
    assert "did you mean '事業連携型'?" in str(p)


def test_an_id_in_the_wrong_case_is_suggested(small_book):
    edit(small_book, A2="JA", B4="Coop")
    found = {p.cell: str(p) for p in problems(small_book)}
    assert "(did you mean 'ja'?)" in found["連携!A2"]
    assert "(did you mean 'coop'?)" in found["連携!B4"]
    assert "is not an id in the 組織 sheet" in found["連携!A2"]


def test_rows_below_a_title_row_keep_their_own_numbers(small_book):
    wb = openpyxl.load_workbook(small_book)
    wb["連携"].insert_rows(1)
    wb["連携"]["A1"] = "香川県の連携"
    wb["連携"]["C4"] = "災害"
    wb.save(small_book)
    (p,) = problems(small_book)
    assert p.cell == "連携!C4"


def test_whole_sheet_and_duplicate_problems(small_book):
    wb = openpyxl.load_workbook(small_book)
    wb["組織"]["A3"] = "ja"  # duplicate of row 2
    wb["連携"].delete_cols(3)  # the type column
    wb.save(small_book)
    found = {p.cell: p for p in problems(small_book)}
    assert "duplicate organisation id 'ja' (first in row 2)" in found["組織!A3"].message
    assert found["連携"].column == "type" and "required column is missing" in str(found["連携"])
    assert str(found["連携"]).startswith(f"{small_book}: 連携 (type): ")


def test_a_case_missing_from_the_case_sheet(tmp_path):
    path = cn.write_excel(cn.load_sample(), tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["連携"]["D2"] = "生活クラブ+JAながの 加工トマト"
    wb.save(path)
    (p,) = problems(path)
    assert p.cell == "連携!D2" and "add it to the 事例 sheet" in p.message
    assert "did you mean '生活クラブ+JAながの 加工トマト援農'" in p.message


def test_a_formula_without_a_saved_value_is_reported_never_calculated(small_book):
    edit(small_book, C3='="事業"&"連携型"')
    (p,) = problems(small_book)
    assert p.cell == "連携!C3" and "formula" in p.message and "事業" in p.message


def test_a_formula_with_a_saved_value_reads_that_value(small_book, tmp_path):
    edit(small_book, C3='="事業"&"連携型"', orgs_B2="=UPPER(x)")
    # Excel saves each formula's value beside it; openpyxl cannot, so write it in
    saved = {"C3": "事業連携型", "B2": "JA香川県"}
    patched = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(small_book) as src, zipfile.ZipFile(patched, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                for ref, value in saved.items():
                    text = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
                        rf'<c r="{ref}"\1 t="str"><f>\2</f><v>{value}</v>',
                        text,
                    )
                data = text.encode()
            out.writestr(item, data)
    net = cn.read_excel(patched)
    assert net.edges["type"].iloc[1] == "事業連携型"
    assert net.orgs.loc["ja", "name"] == "JA香川県"


def test_an_error_value_is_reported(small_book):
    edit(small_book, orgs_B3="#N/A")
    (p,) = problems(small_book)
    assert p.cell == "組織!B3" and "#N/A" in p.message


# ----------------------------------------------------------- not a workbook
def test_a_missing_sheet_names_the_sheets_there(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.create_sheet("連携").append(["source", "target", "type", "case"])
    wb.save(tmp_path / "x.xlsx")
    (p,) = problems(tmp_path / "x.xlsx")
    assert "has no sheet '組織'" in p.message and "'Sheet1', '連携'" in p.message


def test_two_sheets_for_one_table(small_book):
    wb = openpyxl.load_workbook(small_book)
    wb.copy_worksheet(wb["組織"]).title = "orgs"
    wb.save(small_book)
    (p,) = problems(small_book)
    assert "'組織' and 'orgs'" in p.message


CFB = bytes.fromhex("D0CF11E0A1B11AE1")


@pytest.mark.parametrize(
    "name, data, says",
    [
        (
            "old.xls",
            CFB + bytes(504) + "Workbook".encode("utf-16-le"),
            r"Excel 97–2003 .*\(\.xls\)",
        ),
        ("lock.xlsx", CFB + bytes(504) + "EncryptedPackage".encode("utf-16-le"), "password"),
        ("renamed.xlsx", b"id,name,sector\nja,JA,JA\n", r"text \(CSV\) file"),
        ("bom.xlsx", "\ufeffid,name\n".encode("utf-8"), r"text \(CSV\) file"),
        ("empty.xlsx", b"", "is empty"),
        ("random.xlsx", bytes(range(256)) * 4, r"not an Excel workbook \(\.xlsx\)"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    (p,) = problems(path)
    assert p.file == str(path) and re.search(says, p.message)


def test_a_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", "<x/>")
    (p,) = problems(path)
    assert "cannot be read as an Excel workbook" in p.message


def test_a_file_or_folder_that_is_not_there(tmp_path):
    (p,) = problems(tmp_path / "nothing.xlsx")
    assert str(p) == f"{tmp_path / 'nothing.xlsx'}: file not found"
    (p,) = problems(tmp_path)
    assert "is a folder" in p.message


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_real_xls_file(small_book, tmp_path):
    """An .xls as LibreOffice saves it (Excel 97–2003 format)."""
    profile = f"-env:UserInstallation=file://{tmp_path}/lo"
    command = ["soffice", profile, "--headless", "--convert-to", "xls", "--outdir"]
    subprocess.run(
        [*command, str(tmp_path), str(small_book)],
        capture_output=True,
        timeout=180,
        check=False,
    )
    xls = tmp_path / "連携事例.xls"
    if not xls.exists():  # pragma: no cover - LibreOffice without Calc
        pytest.skip("LibreOffice could not write .xls here")
    (p,) = problems(xls)
    assert "(.xls)" in p.message and "save it as an Excel workbook (.xlsx)" in p.message


# ------------------------------------------------------------ odd characters
def test_odd_characters_are_decided_as_for_a_csv(small_book, small_files, tmp_path):
    """Invisibles dropped and line separators made \\n, exactly as the CSV reader does."""
    odd = "JA\u200bなが\u2028の\ufeff"
    edit(small_book, orgs_B2=odd)
    from_book = cn.read_excel(small_book).orgs["name"].iloc[0]
    orgs = pd.read_csv(small_files[0], dtype=str, keep_default_na=False)
    orgs.loc[0, "name"] = odd
    orgs.to_csv(tmp_path / "orgs.csv", index=False)
    from_csv = cn.read_csv(tmp_path / "orgs.csv", small_files[1]).orgs["name"].iloc[0]
    assert from_book == from_csv == "JAなが\nの"
