import hashlib
import os
import warnings

import pandas as pd
import pytest
from conftest import EDGES, ORGS, write

import coopnet as cn


def _digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest(), os.stat(path).st_mtime_ns


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\r\n"), ("cp932", "\r\n"), ("utf-16", "\r\n")],
)
def test_reads_what_excel_writes(tmp_path, encoding, newline):
    orgs, edges = ORGS, EDGES
    if encoding == "utf-16":  # Excel's "Unicode text" is tab-separated
        orgs, edges = orgs.replace(",", "\t"), edges.replace(",", "\t")
    o = write(tmp_path / "o.csv", orgs, encoding, newline)
    e = write(tmp_path / "e.csv", edges, encoding, newline)
    net = cn.read_csv(o, e)
    assert list(net.orgs.index) == ["ja", "coop", "jf", "city"]
    assert net.orgs.loc["ja", "name"] == "JA香川県"
    assert list(net.edges["year"]) == [2019, 2020, pd.NA, 2021]
    assert not any(str(v).endswith("\r") for v in net.edges["evidence"])


def test_normalises_full_width_and_aliases(tmp_path):
    o = write(
        tmp_path / "o.csv",
        "ＩＤ,名前,name,sector\n　ｊａ１ ,x,ＪＡ東京,農協\nc,y,コープ,生活協同組合\n",
    )
    e = write(
        tmp_path / "e.csv",
        "source,target,type,case,year\nｊａ１,c,人材育成型,合同研修,２０２０年\n",
    )
    net = cn.read_csv(o, e)
    assert list(net.orgs.index) == ["ja1", "c"]
    assert net.orgs.loc["ja1", "name"] == "JA東京"
    assert list(net.orgs["sector"]) == ["JA", "生協"]
    assert net.edges.loc[0, "type"] == "人事育成型"
    assert net.edges.loc[0, "year"] == 2020
    assert "名前" in net.orgs.columns  # an extra column survives


def _error(tmp_path, orgs=ORGS, edges=EDGES, **kw) -> cn.DataError:
    o = write(tmp_path / "orgs.csv", orgs) if isinstance(orgs, str) else orgs
    e = write(tmp_path / "edges.csv", edges) if isinstance(edges, str) else edges
    with pytest.raises(cn.DataError) as info:
        cn.read_csv(o, e, **kw)
    return info.value


def test_missing_required_column(tmp_path):
    err = _error(tmp_path, edges=EDGES.replace("type,", "kind,"))
    assert "edges.csv, line 1, column 'type': required column is missing" in str(err)


def test_duplicate_org_id_names_both_lines(tmp_path):
    err = _error(tmp_path, orgs=ORGS + "ja,別のJA,,JA,,\n")
    assert "orgs.csv, line 6, column 'id': duplicate organisation id 'ja' (first on line 2)" in str(
        err
    )


def test_unknown_org_with_suggestion(tmp_path):
    err = _error(tmp_path, edges=EDGES + "coop,cty,地域連携型,x,,\n")
    assert (
        "edges.csv, line 6, column 'target': 'cty' is not an id in the organisations file"
        in str(err)
    )
    assert "did you mean 'city'?" in str(err)


def test_self_loop(tmp_path):
    err = _error(tmp_path, edges=EDGES + "jf,jf,地域連携型,x,,\n")
    assert "line 6, column 'target': self-loop" in str(err)


def test_unknown_type_and_sector_suggest_the_closest(tmp_path):
    err = _error(
        tmp_path,
        orgs=ORGS.replace("高松市,Takamatsu City,行政", "高松市,Takamatsu City,行政機関"),
        edges=EDGES.replace("地域連携型", "災害支援"),
    )
    text = str(err)
    assert (
        "orgs.csv, line 5, column 'sector': unknown sector '行政機関' (did you mean '行政'?)"
        in text
    )
    assert (
        "edges.csv, line 5, column 'type': unknown type '災害支援' (did you mean '災害支援型'?)"
        in text
    )
    assert len(err.problems) == 2  # reported together


def test_bad_year(tmp_path):
    err = _error(tmp_path, edges=EDGES.replace(",2021,", ",R3,"))
    assert "edges.csv, line 5, column 'year': year 'R3' is not a year" in str(err)


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("令和3年", 2021),
        ("令和元年", 2019),
        ("平成31年4月", 2019),
        ("昭和49", 1974),
        ("2021年4月", 2021),
        ("2021-04-01", 2021),
        ("2021/4/1", 2021),
        ("２０２１", 2021),
    ],
)
def test_years_written_as_dates_or_in_an_era(tmp_path, written, year):
    """A year cell from Excel or typed by hand: a date or a Japanese era year (元 = 1)."""
    o = write(tmp_path / "orgs.csv", ORGS)
    e = write(tmp_path / "edges.csv", EDGES.replace(",2021,", f",{written},"))
    assert cn.read_csv(o, e).edges["year"].iloc[3] == year


def test_line_numbers_follow_multiline_quoted_cells(tmp_path):
    edges = EDGES + 'jf,city,地域連携型,"二行の\nケース",,\ncoop,nobody,地域連携型,x,,\n'
    err = _error(tmp_path, edges=edges)
    assert "edges.csv, line 8, column 'target': 'nobody'" in str(err)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        (b"\x80\x81\xff\xfe\xfd", "is not a text file"),
    ],
)
def test_empty_or_binary_file(tmp_path, content, message):
    bad = tmp_path / "edges.csv"
    bad.write_bytes(content)
    err = _error(tmp_path, edges=bad)
    assert f"{bad}: {message}" in str(err)


def test_ragged_row(tmp_path):
    err = _error(tmp_path, edges=EDGES + "a,b,c,d,e,f,g,h\n")
    assert "edges.csv, line 6: has 8 fields but the header has 6" in str(err)


def test_missing_file(tmp_path):
    err = _error(tmp_path, edges=tmp_path / "nope.csv")
    assert "nope.csv: file not found" in str(err)


def test_data_error_is_a_value_error_and_input_is_untouched(tmp_path):
    o = write(tmp_path / "orgs.csv", ORGS, "cp932", "\r\n")
    e = write(tmp_path / "edges.csv", EDGES.replace("地域連携型", "謎型"), "cp932", "\r\n")
    before = _digest(o), _digest(e)
    with pytest.raises(ValueError):
        cn.read_csv(o, e)
    assert (_digest(o), _digest(e)) == before
    assert sorted(os.listdir(tmp_path)) == ["edges.csv", "orgs.csv"]


def test_non_strict_accepts_own_categories_with_a_warning(tmp_path):
    o = write(tmp_path / "o.csv", ORGS.replace(",行政,", ",研究所,"))
    e = write(tmp_path / "e.csv", EDGES.replace("地域連携型", "独自型"))
    with pytest.warns(UserWarning) as record:
        net = cn.read_csv(o, e, strict=False)
    messages = sorted(str(w.message) for w in record)
    assert len(messages) == 2
    assert "accepting sectors outside coopnet's taxonomy: '研究所'" in messages[1]
    assert "accepting types outside coopnet's taxonomy: '独自型'" in messages[0]
    assert all(w.filename == __file__ for w in record)  # points at the caller
    assert net.orgs.loc["city", "sector"] == "研究所"
    assert "独自型" in net.types
    assert net.types[-1] == "独自型"
    assert cn.taxonomy.type_color("独自型") == cn.taxonomy.NEUTRAL


def test_blank_rows_from_excel_are_ignored(tmp_path):
    o = write(tmp_path / "o.csv", ORGS + ",,,,,\n,,,,,\n")
    e = write(tmp_path / "e.csv", EDGES + "\n,,,,,\n")
    assert len(cn.read_csv(o, e).orgs) == 4


def test_round_trip_keeps_extra_columns(tmp_path, small_files):
    o = write(tmp_path / "o.csv", ORGS.replace("note\n", "note,members\n").replace(",\n", ",,12\n"))
    net = cn.read_csv(o, small_files[1])
    assert "members" in net.orgs.columns
    out = tmp_path / "out"
    cn.write_csv(net.filter(sectors=["JA", "生協"]), out)
    back = cn.read_csv(out / "orgs.csv", out / "edges.csv")
    sub = net.filter(sectors=["JA", "生協"])
    pd.testing.assert_frame_equal(back.orgs, sub.orgs)
    pd.testing.assert_frame_equal(back.edges, sub.edges.reset_index(drop=True))


def test_write_csv_refuses_to_overwrite(tmp_path, small_net):
    cn.write_csv(small_net, tmp_path / "out")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        cn.write_csv(small_net, tmp_path / "out")
    cn.write_csv(small_net, tmp_path / "out", overwrite=True)


def test_excel_output_has_bom_and_no_formulas(tmp_path):
    o = write(tmp_path / "o.csv", ORGS.replace("JA香川県", '=HYPERLINK("http://x")'))
    net = cn.read_csv(o, write(tmp_path / "e.csv", EDGES))
    cn.write_csv(net, tmp_path / "x", excel=True)
    raw = (tmp_path / "x" / "orgs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in raw.decode("utf-8-sig")


def test_sample_loads_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net = cn.load_sample()
    assert len(net.orgs) > 20 and len(net.edges) > 20


def test_written_files_get_the_usual_permissions(tmp_path, small_net):
    old = os.umask(0o022)
    try:
        orgs = cn.write_csv(small_net, tmp_path / "out") / "orgs.csv"
    finally:
        os.umask(old)
    assert oct(orgs.stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


def test_the_valid_values_and_the_way_out_are_said_once_under_the_problems(tmp_path):
    orgs = ORGS + "".join(f"x{i},組織{i},,漁業,,\n" for i in range(3)) + "p,P,,JA,長埜県,\n"
    edges = EDGES + "ja,coop,防災,c2,,\n" + "ja,coop,研修,c3,,\n"
    err = _error(tmp_path, orgs=orgs, edges=edges)
    text = str(err)
    lines = text.splitlines()
    problems = [line for line in lines if line.startswith("  ")]
    assert len(problems) == len(err.problems) == 6
    for line in problems:  # each line: what is wrong and the suggestion, no list, no way out
        assert "strict" not in line and "社会福祉協議会" not in line and "人事育成型, " not in line
    assert "unknown type '防災' (did you mean '災害支援型'?)" in text
    advice = lines[len(problems) + 1 :]
    assert advice == [
        "Valid sectors: " + ", ".join(cn.taxonomy.SECTORS),
        "Valid partnership types: " + ", ".join(cn.taxonomy.TYPES),
        "A prefecture is written like 長野県 (several separated by 、; empty for a national body)",
        "To accept sectors, partnership types and prefectures outside these lists, "
        "pass strict=False.",
    ]


def test_no_advice_for_problems_that_need_none(tmp_path):
    err = _error(tmp_path, edges=EDGES + "jf,jf,地域連携型,x,,\n")
    assert "strict" not in str(err) and "Valid" not in str(err)


def test_a_folder_name_is_never_the_title(tmp_path):
    """Issue 13, point 10: a report on data in "Downloads" is not titled "Downloads"."""
    folder = cn.write_csv(cn.load_sample(), tmp_path / "Downloads")
    assert cn.read_folder(folder).name == ""
    assert cn.read_folder(folder, name="長野県の連携").name == "長野県の連携"
