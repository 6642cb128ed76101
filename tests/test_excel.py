"""The Excel workbook out: the template, a network written in its layout, and back.

The drop-down lists cannot be seen in a rendered page, so they are checked here by
reading the file with openpyxl: which cells, which list, warning not stop.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest
from conftest import write

import coopnet as cn
from coopnet import prefectures, taxonomy
from coopnet._io.cases import normalize_role

SHEETS_JA = ["説明", "組織", "事例", "連携", "参加"]
SHEETS_EN = ["guide", "organisations", "cases", "partnerships", "members"]
KEYS = {
    "組織": ["id", "name", "name_en", "sector", "prefecture", "note"],
    "事例": ["case", "type", "year", "prefecture", "summary", "source", "parent", "name_en"],
    "連携": ["source", "target", "type", "case", "year", "evidence"],
    "参加": ["case", "org", "role", "evidence"],
}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lists(ws) -> dict[str, object]:
    """{column letter: validation} for the sheet's list validations."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            assert rng.min_col == rng.max_col
            out[rng.coord.split(":")[0].rstrip("0123456789")] = (dv, rng)
    return out


def inline(dv) -> list[str]:
    text = dv.formula1
    assert text.startswith('"') and text.endswith('"'), text
    return text[1:-1].split(",")


def assert_same_network(a: cn.Network, b: cn.Network) -> None:
    for table in ("orgs", "edges", "cases", "members"):
        x, y = getattr(a, table), getattr(b, table)
        pd.testing.assert_frame_equal(x, y, check_exact=True, obj=table)
    assert a.has_case_table == b.has_case_table


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return cn.write_template(tmp_path_factory.mktemp("t") / "連携事例.xlsx")


# ------------------------------------------------------------------ template
def test_template_sheets_headers_notes_and_frozen_rows(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == SHEETS_JA
    for title, keys in KEYS.items():
        ws = wb[title]
        assert ws.freeze_panes == "A2"
        headers = [c.value for c in ws[1]]
        assert [h.splitlines()[1] for h in headers] == keys  # the key under the word
        assert all(len(h.splitlines()[0]) > 0 and not h.isascii() for h in headers)
        for cell in ws[1]:
            assert cell.comment is not None and cell.value.splitlines()[1] in cell.comment.text
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(8 <= w <= 50 for w in widths)
    # one Japanese font that Japanese Excel has, for typed and written cells alike
    assert wb["組織"]["B2"].font.name == "游ゴシック"
    assert wb["組織"]["B3"].font.name == "游ゴシック"


def test_template_drop_down_lists(template):
    wb = openpyxl.load_workbook(template)
    found = {title: lists(wb[title]) for title in KEYS}
    every = [dv for sheet in found.values() for dv, _ in sheet.values()]
    assert every and all(dv.errorStyle == "warning" and dv.allow_blank for dv in every)
    assert not any(dv.showDropDown for dv in every)  # True would hide the arrow
    for sheet in found.values():
        for _, rng in sheet.values():
            assert rng.min_row == 2 and rng.max_row >= 1000
    orgs, cases, edges, members = (found[t] for t in ("組織", "事例", "連携", "参加"))
    assert set(orgs) == {"D", "E"} and set(cases) == {"B", "D", "G"}
    assert set(edges) == {"A", "B", "C", "D"} and set(members) == {"A", "B", "C"}
    assert inline(orgs["D"][0]) == list(taxonomy.SECTORS)
    assert inline(orgs["E"][0]) == list(prefectures.NAMES) == inline(cases["D"][0])
    assert inline(cases["B"][0]) == list(taxonomy.TYPES) == inline(edges["C"][0])
    assert [normalize_role(w) for w in inline(members["C"][0])] == [
        "lead",
        "member",
        "observer",
        "supporter",
    ]
    # references: organisation ids of 組織!A, case titles of 事例!A
    for dv in (edges["A"][0], edges["B"][0], members["B"][0]):
        assert "'組織'!$A$2" in dv.formula1 and "COUNTA('組織'!$A:$A)" in dv.formula1
    for dv in (edges["D"][0], members["A"][0], cases["G"][0]):
        assert "'事例'!$A$2" in dv.formula1


def test_guide_sheet_explains_columns_types_and_sectors(template):
    ws = openpyxl.load_workbook(template)["説明"]
    text = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for t in taxonomy.TYPES.values():
        assert t.definition in text and t.key in text
    for s in taxonomy.SECTORS:
        assert s in text
    for keys in KEYS.values():
        assert set(keys) <= set(text)


def test_template_reads_as_its_bundled_example(template):
    net = cn.read_excel(template)
    sample = cn.load_sample()
    case = "子どもの居場所づくり ほたん食堂(茨城県)"
    assert list(net.cases.index) == [case]
    assert net.cases.loc[case, "summary"] == sample.cases.loc[case, "summary"]
    ids = ["generic-coop-ibaraki-kodomo", "generic-ja-ibaraki-kodomo"]
    assert list(net.orgs.index) == ids
    assert net.orgs["name"].tolist() == sample.orgs.loc[ids, "name"].tolist()
    edge = net.edges.iloc[0]
    assert (edge["source"], edge["target"], edge["type"]) == (*ids, "地域連携型")
    assert net.members.set_index("org").loc[ids[0], "role"] == "lead"


def test_english_template_reads_the_same(template, tmp_path):
    path = cn.write_template(tmp_path / "cases.xlsx", lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_EN
    assert wb["partnerships"]["C1"].value == "partnership type\ntype"
    assert_same_network(cn.read_excel(path), cn.read_excel(template))


def test_filled_in_template_loads(template, tmp_path):
    """Rows typed under the example as a user would, from the drop-down lists."""
    wb = openpyxl.load_workbook(template)
    wb["組織"].append(["coop-x", "コープX", None, "生協", "茨城県"])
    wb["組織"].append(["ja-y", "JA Y", None, "JA", "茨城県"])
    wb["事例"].append(["フードバンク", "地域連携型", 2023, "茨城県", "食品の寄付"])
    wb["連携"].append(["coop-x", "ja-y", "地域連携型", "フードバンク", 2023, "協定"])
    wb["連携"].append(["coop-x", "generic-ja-ibaraki-kodomo", "地域連携型", "フードバンク"])
    wb["参加"].append(["フードバンク", "generic-coop-ibaraki-kodomo", "支援"])
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    net = cn.read_excel(filled)
    assert len(net.orgs) == 4 and len(net.edges) == 3 and len(net.cases) == 2
    assert net.cases.loc["フードバンク", "n_members"] == 4
    assert net.edges["year"].iloc[1] == 2023 and pd.isna(net.edges["year"].iloc[2])
    members = net.members.set_index(["case", "org"])
    assert members.loc[("フードバンク", "generic-coop-ibaraki-kodomo"), "role"] == "supporter"


def test_writers_refuse_to_overwrite(template, tmp_path):
    before = digest(template)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        cn.write_template(template)
    with pytest.raises(FileExistsError, match="overwrite=True"):
        cn.write_excel(cn.load_sample(), template)
    assert digest(template) == before
    path = cn.write_excel(cn.load_sample(), template.parent / "copy.xlsx")
    cn.write_template(path, overwrite=True)
    assert len(cn.read_excel(path).orgs) == 2


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"lang": "jp"}, "lang='jp' is not valid"),
        ({"overwrite": "yes"}, "overwrite='yes' is not valid"),
    ],
)
def test_writer_arguments_are_checked(tmp_path, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cn.write_template(tmp_path / "t.xlsx", **kwargs)
    with pytest.raises(ValueError, match=r"end in \.xlsx"):
        cn.write_template(tmp_path / "t.xls")
    with pytest.raises(TypeError, match=r"coopnet\.Network"):
        cn.write_excel("net", tmp_path / "t.xlsx")
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- round trip
def test_round_trip_bundled_data(tmp_path):
    net = cn.load_sample()
    path = cn.write_excel(net, tmp_path / "sample.xlsx")
    back = cn.read_excel(path)
    assert_same_network(back, net)
    assert len(back.cases) == 27 and back.name == "sample"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_JA
    # every data row is covered by the lists, and the roles show as the list shows them
    edges = lists(wb["連携"])
    assert edges["A"][1].max_row >= len(net.edges) + 1
    roles = {c.value for c in wb["参加"]["C"][1:]}
    assert roles <= set(inline(lists(wb["参加"])["C"][0]))


def test_round_trip_without_a_case_table(small_files, tmp_path):
    net = cn.read_csv(*small_files)
    path = cn.write_excel(net, tmp_path / "small.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["事例"].max_row == 1  # header only: the cases stay those of the ties
    assert "D" not in lists(wb["連携"])  # no list of cases to choose from
    back = cn.read_excel(path)
    assert not back.has_case_table
    assert_same_network(back, net)


@pytest.mark.slow
def test_round_trip_synthetic(tmp_path):
    net = cn.synthetic(300)
    back = cn.read_excel(cn.write_excel(net, tmp_path / "s.xlsx", lang="en"))
    assert_same_network(back, net)


def test_round_trip_keeps_extra_columns_and_own_categories(tmp_path):
    orgs = write(
        tmp_path / "orgs.csv",
        "id,name,sector,website\n1,JA A,JA,https://a.example\n002,金融X,金融機関,\n",
    )
    edges = write(
        tmp_path / "edges.csv",
        "source,target,type,case,url\n1,002,融資連携型,融資,https://x.example\n",
    )
    with pytest.warns(UserWarning):
        net = cn.read_csv(orgs, edges, strict=False)
    path = cn.write_excel(net, tmp_path / "own.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["組織"]["A3"].value == "002" and wb["組織"]["A3"].data_type == "s"
    assert "金融機関" in inline(lists(wb["組織"])["D"][0])
    assert "融資連携型" in inline(lists(wb["連携"])["C"][0])
    with pytest.raises(cn.DataError, match=r"own\.xlsx: 組織!D3 \(sector\): unknown sector"):
        cn.read_excel(path)
    with pytest.warns(UserWarning) as caught:
        back = cn.read_excel(path, strict=False)
    said = " ".join(str(w.message) for w in caught)
    assert "own.xlsx: 組織: accepting sectors" in said and "金融機関" in said
    assert "own.xlsx: 連携: accepting types" in said and "融資連携型" in said
    assert_same_network(back, net)
    assert back.orgs["website"].tolist() == ["https://a.example", ""]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    risky = ['=HYPERLINK("http://x","y")', "+81-3-0000", "-1", "@SUM(A1)", "#N/A", "=1+1"]
    orgs = tmp_path / "orgs.csv"
    ids = [f"o{i}" for i in range(len(risky))]
    pd.DataFrame({"id": ids, "name": risky, "sector": "生協"}).to_csv(orgs, index=False)
    edges = tmp_path / "edges.csv"
    pd.DataFrame(
        {
            "source": ["o0", "o2"],
            "target": ["o1", "o3"],
            "type": "地域連携型",
            "case": ['=cmd|"/c calc"!A1', "+case"],
            "evidence": ["=2*3", "@evidence"],
        }
    ).to_csv(edges, index=False)
    net = cn.read_csv(orgs, edges)
    path = cn.write_excel(net, tmp_path / "risky.xlsx")
    wb = openpyxl.load_workbook(path)  # formulas, if any, would show as data_type "f"
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    names = [c.value for c in wb["組織"]["B"][1:]]
    assert names == net.orgs["name"].tolist()
    assert net.edges["case"].iloc[0] == '=cmd|"/c calc"!A1'
    assert_same_network(cn.read_excel(path), net)


def test_writing_is_atomic_and_never_half_done(tmp_path, monkeypatch):
    from coopnet._io import xlsxwrite

    path = tmp_path / "x.xlsx"
    path.write_bytes(b"old")

    def broken(book):
        raise RuntimeError("disk full")

    monkeypatch.setattr(xlsxwrite, "to_bytes", broken)
    with pytest.raises(RuntimeError):
        cn.write_excel(cn.load_sample(), path, overwrite=True)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


def test_a_prefecture_column_has_one_dtype_given_or_not(tmp_path):
    """An absent optional column and an empty one read the same (so a network written
    with every column reads back equal to one read from files without it)."""
    edges = write(tmp_path / "edges.csv", "source,target,type,case\na,b,地域連携型,x\n")
    without = write(tmp_path / "o1.csv", "id,name,sector\na,A,JA\nb,B,生協\n")
    empty = write(tmp_path / "o2.csv", "id,name,sector,prefecture\na,A,JA,\nb,B,生協,長野\n")
    one = cn.read_csv(without, edges).orgs["prefecture"]
    two = cn.read_csv(empty, edges).orgs["prefecture"]
    assert one.dtype == two.dtype and two.tolist() == ["", "長野県"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_again_by_a_spreadsheet_reads_back_equal(tmp_path):
    """LibreOffice re-saves the workbook in its own way (shared strings, its own
    styles and lists); what a user saves after correcting it must read the same."""
    net = cn.load_sample()
    path = cn.write_excel(net, tmp_path / "sample.xlsx")
    out = tmp_path / "saved"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless"]
    subprocess.run(
        [*command, "--convert-to", "xlsx", "--outdir", str(out), str(path)],
        capture_output=True,
        timeout=300,
        check=False,
    )
    if not (out / "sample.xlsx").exists():  # pragma: no cover - LibreOffice without Calc
        pytest.skip("LibreOffice could not save .xlsx here")
    assert digest(out / "sample.xlsx") != digest(path)
    assert_same_network(cn.read_excel(out / "sample.xlsx", name=net.name), net)
    kept = lists(openpyxl.load_workbook(out / "sample.xlsx")["連携"])
    assert "組織" in kept["A"][0].formula1 and "事例" in kept["D"][0].formula1
