"""Odd input files: blank first lines, huge fields, UTF-32, control and invisible characters.

Issue 17, points 1, 2, 5 and 11. Every case either loads correctly or gives one
``DataError`` that names the file, the line and (for a cell) the column.
"""

from __future__ import annotations

import io
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest
from conftest import EDGES, ORGS, write

import coopnet as cn


def _read(tmp_path, orgs=ORGS, edges=EDGES, encoding="utf-8", newline="\n"):
    o = write(tmp_path / "orgs.csv", orgs, encoding, newline) if isinstance(orgs, str) else orgs
    e = write(tmp_path / "edges.csv", edges, encoding, newline) if isinstance(edges, str) else edges
    return cn.read_csv(o, e)


def _error(tmp_path, **kw) -> cn.DataError:
    with pytest.raises(cn.DataError) as info:
        _read(tmp_path, **kw)
    return info.value


def _same_as_small(net) -> None:
    assert list(net.orgs.index) == ["ja", "coop", "jf", "city"]
    assert net.orgs.loc["jf", "name"] == "漁協(香川県)"  # NFKC
    assert list(net.edges["year"]) == [2019, 2020, pd.NA, 2021]


# ------------------------------------------------------------ point 1
@pytest.mark.parametrize(
    "prefix",
    [
        b"\n",
        b"\r\n",
        b"\xef\xbb\xbf\n",
        b"\xef\xbb\xbf\r\n",
        b"\n\n\r\n",
        b"   \n",
        b" \t \r\n",
        b",,,,,\n",
    ],
    ids=["LF", "CRLF", "BOM+LF", "BOM+CRLF", "three", "spaces", "blanks-CRLF", "commas"],
)
def test_blank_lines_before_the_header_are_skipped(tmp_path, prefix):
    o = tmp_path / "orgs.csv"
    o.write_bytes(prefix + ORGS.encode("utf-8"))
    net = _read(tmp_path, orgs=o)
    _same_as_small(net)


def test_line_numbers_count_the_skipped_blank_lines(tmp_path):
    o = tmp_path / "orgs.csv"
    o.write_bytes(b"\r\n\r\n" + ORGS.replace("\n", "\r\n").encode("utf-8"))
    err = _error(tmp_path, orgs=o, edges=EDGES + "coop,cty,地域連携型,x,,\n")
    assert "edges.csv, line 6, column 'target'" in str(err)
    o.write_bytes(
        b"\n\n" + ORGS.replace("高松市,Takamatsu City,行政", "高松市,x,行政機関").encode()
    )
    err = _error(tmp_path, orgs=o)
    assert "orgs.csv, line 7, column 'sector'" in str(err)
    o.write_bytes(b"\n" + ORGS.replace("sector", "kind").encode())
    assert "orgs.csv, line 2, column 'sector': required column is missing" in str(
        _error(tmp_path, orgs=o)
    )


def test_blank_first_line_on_the_command_line(tmp_path):
    o = tmp_path / "o.csv"
    o.write_bytes(b"\n" + ORGS.encode())
    e = write(tmp_path / "e.csv", EDGES)
    proc = subprocess.run(
        [sys.executable, "-m", "coopnet", "validate", str(o), e], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("OK: 4 organisations")


@pytest.mark.parametrize("blank", ["   \n", "\t\n", " \r\n", "\n"])
def test_line_numbers_after_a_blank_line_in_the_middle(tmp_path, blank):
    err = _error(tmp_path, edges=EDGES + blank + "coop,cty,地域連携型,x,,\n")
    assert [(p.line, p.column) for p in err.problems] == [(7, "target")]


def test_only_blank_lines_is_empty(tmp_path):
    o = tmp_path / "orgs.csv"
    o.write_bytes(b"\r\n\n  \n,,,\n")
    assert f"{o}: is empty" in str(_error(tmp_path, orgs=o))


# ------------------------------------------------------------ point 2
def test_a_huge_field_and_another_problem(tmp_path):
    huge = "長" * 200_000
    orgs = ORGS.replace("Takamatsu City,行政,香川県,", f"Takamatsu City,行政,香川県,{huge}")
    orgs = orgs.replace("Local JF,JF,", "Local JF,漁業,")
    err = _error(tmp_path, orgs=orgs, edges=EDGES + "coop,cty,地域連携型,x,,\n")
    assert [(p.file.rsplit("/", 1)[-1], p.line, p.column) for p in err.problems] == [
        ("orgs.csv", 4, "sector"),
        ("edges.csv", 6, "target"),
    ]


def test_a_huge_field_in_a_ragged_file(tmp_path):
    huge = "x" * 200_000
    err = _error(tmp_path, edges=EDGES + f'ja,coop,地域連携型,"{huge}",,,,extra\n')
    assert "edges.csv, line 6: has 8 fields but the header has 6" in str(err)


def test_extra_field_on_the_first_data_row_is_not_dropped(tmp_path):
    """pandas only warns (and drops the field) when the first record is the long one."""
    orgs = ORGS.replace("JA Kagawa,JA,香川県,", "JA Kagawa,JA,香川県,,surplus")
    err = _error(tmp_path, orgs=orgs)
    assert "orgs.csv, line 2: has 7 fields but the header has 6" in str(err)


def test_a_huge_field_and_a_control_character(tmp_path):
    huge = "x" * 200_000
    orgs = ORGS.replace("Takamatsu City,行政,香川県,", f"Takamatsu City,行政,香川県,{huge}")
    orgs = orgs.replace("漁協（香川県）", "漁協\x1b（香川県）")
    err = _error(tmp_path, orgs=orgs)
    assert [(p.line, p.column) for p in err.problems] == [(4, "name")]


def test_a_huge_header_cell(tmp_path):
    orgs = ORGS.replace("note", "n" * 200_000)
    net = _read(tmp_path, orgs=orgs)
    assert "n" * 200_000 in net.orgs.columns


def test_csv_reader_limit_is_left_as_it_was(tmp_path):
    import csv

    before = csv.field_size_limit()
    _error(tmp_path, edges=EDGES + f'ja,coop,地域連携型,"{"x" * 200_000}",,,,extra\n')
    assert csv.field_size_limit() == before


# ----------------------------------------------------------- point 11
def test_long_values_are_quoted_shortened(tmp_path):
    value = "謎" * 100_000
    err = _error(tmp_path, orgs=ORGS.replace(",行政,", f",{value},"))
    (problem,) = err.problems
    text = str(problem)
    assert len(text) < 600, len(text)
    assert "'" + "謎" * 40 + "…'" in text and "100,000 characters" in text
    assert len(str(err)) < 700


def test_long_ids_and_column_names_are_shortened(tmp_path):
    long_id = "x" * 5_000
    err = _error(tmp_path, edges=EDGES + f"coop,{long_id},地域連携型,x,,\n")
    assert len(str(err)) < 600
    err = _error(tmp_path, orgs=ORGS.replace("sector", "s" * 5_000))
    assert len(str(err)) < 1_000


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\u2028", "U+2028"),
        ("\u2029", "U+2029"),
        ("\x0b", "U+000B"),
        ("\x0c", "U+000C"),
        ("\x1c", "U+001C"),
        ("\x85", "U+0085"),
        ("\x1b", "U+001B"),
        ("\x00", "U+0000"),
        ("\x7f", "U+007F"),
    ],
)
def test_header_with_a_line_break_or_control_character(tmp_path, char, code):
    orgs = ORGS.replace(",name,", f",na{char}me,", 1)
    err = _error(tmp_path, orgs=orgs)
    (problem,) = err.problems
    assert problem.line == 1
    assert "header cell 2" in problem.message and code in problem.message
    assert "required column" not in str(err)


def test_invisible_characters_in_the_header_are_dropped(tmp_path):
    orgs = ORGS.replace("id,name,", "\ufeffid,na\u200bme,", 1).replace("sector", "sec\u00adtor", 1)
    _same_as_small(_read(tmp_path, orgs=orgs))


def test_utf32_is_read(tmp_path):
    _same_as_small(_read(tmp_path, encoding="utf-32", newline="\r\n"))
    _same_as_small(
        _read(tmp_path, encoding="utf-32-be", orgs="\ufeff" + ORGS, edges="\ufeff" + EDGES)
    )


@pytest.mark.parametrize(("encoding", "name"), [("utf-32-le", "UTF-32"), ("utf-16-le", "UTF-16")])
def test_utf16_or_32_without_a_bom_is_named(tmp_path, encoding, name):
    o = tmp_path / "orgs.csv"
    o.write_bytes(ORGS.encode(encoding))
    err = _error(tmp_path, orgs=o)
    assert name in str(err) and "byte order mark" in str(err)


def test_unreadable_file_is_a_data_error(tmp_path, monkeypatch):
    import builtins

    real_open = builtins.open

    def deny(path, *args, **kwargs):
        if str(path).endswith("orgs.csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    err = _error(tmp_path)
    assert "orgs.csv: cannot be read: Permission denied" in str(err)


# ------------------------------------------------------------ point 5
FORBIDDEN = {
    "NUL": "\x00",
    "BEL": "\x07",
    "BS": "\x08",
    "ESC": "\x1b",
    "US": "\x1f",
    "DEL": "\x7f",
    "C1-80": "\x80",
    "CSI": "\x9b",
    "APC": "\x9f",
    "FFFE": "\ufffe",
    "FFFF": "\uffff",
}


@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_control_character_in_a_cell_names_file_line_column(tmp_path, char):
    orgs = ORGS.replace("漁協（香川県）", f"漁協{char}（香川県）")
    err = _error(tmp_path, orgs=orgs)
    (problem,) = err.problems
    assert (problem.file.rsplit("/", 1)[-1], problem.line, problem.column) == (
        "orgs.csv",
        4,
        "name",
    )
    assert f"U+{ord(char):04X}" in problem.message
    assert char not in str(err)


def test_control_characters_in_both_files_are_reported_together(tmp_path):
    orgs = ORGS.replace("高松市", "高松\x1b[31m市")
    edges = EDGES.replace("海岸清掃,2021", "海岸\x00清掃,2021").replace("協定\n", "協定\x07\n", 1)
    err = _error(tmp_path, orgs=orgs, edges=edges)
    where = [(p.file.rsplit("/", 1)[-1], p.line, p.column) for p in err.problems]
    assert where == [
        ("orgs.csv", 5, "name"),
        ("edges.csv", 2, "evidence"),
        ("edges.csv", 5, "case"),
    ]


def test_control_character_in_utf16_and_cp932(tmp_path):
    orgs = ORGS.replace("高松市", "高松\x1b市").replace(",", "\t")
    err = _error(tmp_path, orgs=orgs, edges=EDGES.replace(",", "\t"), encoding="utf-16")
    assert [(p.line, p.column) for p in err.problems] == [(5, "name")]
    o = tmp_path / "orgs.csv"
    o.write_bytes(ORGS.encode("cp932").replace("高松市".encode("cp932"), b"\x80"))
    err = _error(tmp_path, orgs=o)
    assert [(p.line, p.column) for p in err.problems] == [(5, "name")]
    assert "U+0080" in str(err)


def test_nul_byte_in_a_utf8_file_is_located(tmp_path):
    o = tmp_path / "orgs.csv"
    o.write_bytes(ORGS.encode().replace("高松市".encode(), b"\xe9\xab\x98\x00"))
    err = _error(tmp_path, orgs=o)
    assert [(p.line, p.column) for p in err.problems] == [(5, "name")]
    assert "U+0000" in str(err)


INVISIBLE = ["\ufeff", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_are_dropped(tmp_path, char):
    orgs = ORGS.replace("ja,JA香川県", f"j{char}a,JA{char}香川県").replace(
        ",Local JF,", f",Local{char} JF{char},"
    )
    edges = EDGES.replace(
        "ja,coop,事業連携型,包括連携協定,2019", f"ja{char},coop,事業連携型,包括{char}連携協定,2019"
    )
    net = _read(tmp_path, orgs=orgs, edges=edges)
    assert list(net.orgs.index) == ["ja", "coop", "jf", "city"]
    assert net.orgs.loc["ja", "name"] == "JA香川県"
    assert net.orgs.loc["jf", "name_en"] == "Local JF"
    assert set(net.edges["case"]) == {"包括連携協定", "海岸清掃"}


LINE_BREAKS = ["\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"]


@pytest.mark.parametrize("char", LINE_BREAKS, ids=[f"U+{ord(c):04X}" for c in LINE_BREAKS])
def test_line_separators_in_a_value_are_line_breaks(tmp_path, char):
    orgs = ORGS.replace("漁協（香川県）", f"漁協{char}（香川県）").replace(
        "Local JF,JF,香川県,", f"Local JF,JF,香川県,備考{char}"
    )
    net = _read(tmp_path, orgs=orgs)
    assert net.orgs.loc["jf", "name"] == "漁協\n(香川県)"
    assert net.orgs.loc["jf", "note"] == "備考"  # trimmed like any surrounding space


def test_carriage_returns_inside_a_value_are_line_breaks(tmp_path):
    o = tmp_path / "orgs.csv"
    text = ORGS.replace("\n", "\r\n").replace("漁協（香川県）", '"漁協\r\n（香川\r県）"')
    o.write_bytes(text.encode())
    net = _read(tmp_path, orgs=o)
    assert net.orgs.loc["jf", "name"] == "漁協\n(香川\n県)"


def test_folder_name_with_control_characters_is_a_clean_network_name(tmp_path):
    folder = tmp_path / "a\x1b]0;x\x07b"
    folder.mkdir()
    net = _read(folder)
    assert "\x1b" not in net.name and "\x07" not in net.name


# ---------------------------------------- every writer reads back (point 5)
def _every_class_csv(tmp_path):
    """Organisations whose names carry each accepted odd character (dropped or a line break)."""
    names = {
        "ja": "JA\ufeff香川\u200b県",
        "coop": "コープ\u2028かがわ",
        "jf": "漁協\x0b（香川県）\u00ad",
        "city": "高松\x85市\u2060",
    }
    orgs = ORGS
    for key, name in names.items():
        orgs = orgs.replace(
            {"ja": "JA香川県", "coop": "コープかがわ", "jf": "漁協（香川県）", "city": "高松市"}[
                key
            ],
            name,
        )
    edges = EDGES.replace("海岸清掃,2021,", "海岸\x1c清掃\u200d,2021,\u2029証拠")
    return _read(tmp_path, orgs=orgs, edges=edges)


def _xml_ok(path) -> None:
    """``path`` is well-formed XML for expat (the standard library's strict parser) and for
    lxml where it is installed (it is not a dependency of coopnet or of its tests)."""
    from xml.etree import ElementTree

    ElementTree.parse(path)  # expat raises ParseError on any ill-formed character
    try:
        from lxml import etree
    except ImportError:
        return
    etree.parse(str(path), etree.XMLParser(recover=False))


def test_every_writer_reads_back(tmp_path):
    net = _every_class_csv(tmp_path)
    assert list(net.orgs["name"]) == ["JA香川県", "コープ\nかがわ", "漁協\n(香川県)", "高松\n市"]
    gexf = cn.write_gexf(net, tmp_path / "n.gexf")
    graphml = cn.write_graphml(net, tmp_path / "n.graphml")
    for path, read in ((gexf, nx.read_gexf), (graphml, nx.read_graphml)):
        _xml_ok(path)
        g = read(path)
        assert {n: d["name"] for n, d in g.nodes(data=True)} == dict(net.orgs["name"])
        assert sorted(d["case"] for *_, d in g.edges(data=True)) == sorted(net.edges["case"])
    cn.write_csv(net, tmp_path / "out")
    back = cn.read_csv(tmp_path / "out" / "orgs.csv", tmp_path / "out" / "edges.csv")
    pd.testing.assert_frame_equal(back.orgs, net.orgs)
    pd.testing.assert_frame_equal(back.edges, net.edges)
    cn.write_csv(net, tmp_path / "xl", excel=True)
    back = cn.read_csv(tmp_path / "xl" / "orgs.csv", tmp_path / "xl" / "edges.csv")
    assert list(back.orgs["name"]) == list(net.orgs["name"])


def test_the_map_page_carries_the_loaded_text(tmp_path):
    from test_interactive import page_data

    net = _every_class_csv(tmp_path)
    page = cn.to_html(net, tmp_path / "map.html").read_text(encoding="utf-8")
    data = page_data(page)  # the JSON block parses
    assert [n["name"] for n in data["nodes"]] == list(net.orgs["name"])
    assert sorted(c["name"] for c in data["cases"]) == sorted(set(net.edges["case"]))


def test_report_of_odd_characters_reads_back(tmp_path, monkeypatch):
    import coopnet.reporting as reporting

    monkeypatch.setattr(
        reporting,
        "_pictures",
        lambda net, **kw: {
            n: b"fake" for n in reporting.FILES if n.endswith((".png", ".html", ".pptx"))
        },
    )
    net = _every_class_csv(tmp_path)
    cn.report(net, tmp_path / "r")
    for name in ("centrality.csv", "bridges.csv", "pairs.csv", "types.csv"):
        raw = (tmp_path / "r" / name).read_bytes()
        assert b"\x00" not in raw
        pd.read_csv(io.BytesIO(raw))
    md = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert not any(ord(c) < 32 and c != "\n" for c in md)
    assert not set(md) & set("\u2028\u2029\x85\ufeff\u200b")
