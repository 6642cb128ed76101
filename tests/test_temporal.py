"""Years: the timeline, the network as of a year, and GEXF for Gephi's timeline."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from where_when_data import three_prefectures

import coopnet as cn
from coopnet.io import sample_folder
from coopnet.temporal import UNDATED


@pytest.fixture
def net3(tmp_path):
    return three_prefectures(tmp_path)


def _new(t: pd.DataFrame, column: str) -> dict:
    """The non-zero ``<column>_new`` values by year (undated included)."""
    s = t[f"{column}_new"]
    return {k: int(v) for k, v in s.items() if v}


# ------------------------------------------------------------ by hand
def test_timeline_by_hand(net3):
    t = cn.timeline(net3)
    assert list(t.index) == [*range(2000, 2021), UNDATED]
    # A 2000 (its own year; first partnership 2001); B 2010 (no year of its own: its
    # first partnership); C 2012; D 2020 (no partnership)
    assert _new(t, "cases") == {2000: 1, 2010: 1, 2012: 1, 2020: 1}
    assert _new(t, "sub_cases") == {}
    # ja-n, coop-n 2001; jf-g and wide 2010; nat 2012; coop-t 2015 (a partnership,
    # before the 2020 case that lists it); coop-g only in an undated partnership
    assert _new(t, "orgs") == {2001: 2, 2010: 2, 2012: 1, 2015: 1, UNDATED: 1}
    assert _new(t, "partnerships") == {2001: 1, 2005: 1, 2010: 2, 2012: 1, 2015: 1, UNDATED: 1}
    assert _new(t, "ties") == {2001: 1, 2010: 2, 2012: 1, 2015: 1, UNDATED: 1}
    assert _new(t, "sectors") == {2001: 2, 2010: 2}
    # co-participation: A gives JA–生協 (2001); B gives JA–JF, JA–council, JF–council
    # (2010), and 生協–JF and 生協–生協 (coop-n, coop-g) only through undated
    # partnerships; C gives 生協–council (2015)
    assert _new(t, "sector_pairs") == {2001: 1, 2010: 3, 2015: 1, UNDATED: 2}
    assert t.loc[2010, "new_sector_pairs"] == [
        "JA–JF",
        "JA–協同組合連携組織",
        "JF–協同組合連携組織",
    ]
    assert t.loc[UNDATED, "new_sector_pairs"] == ["生協–生協", "生協–JF"]
    assert t.loc[2003, "new_sector_pairs"] == []
    last = t.loc[UNDATED]
    assert (last["cases_total"], last["orgs_total"], last["partnerships_total"]) == (4, 7, 7)
    assert (last["ties_total"], last["sectors_total"], last["sector_pairs_total"]) == (6, 4, 7)
    assert t.loc[2012, "partnerships_total"] == 5 and t.loc[2014, "orgs_total"] == 5


def test_timeline_without_a_case_table(small_net):
    """Cases derived from edges.csv start with their first dated partnership."""
    t = cn.timeline(small_net)
    assert list(t.index) == [2019, 2020, 2021, UNDATED]
    assert _new(t, "cases") == {2019: 1, 2021: 1}
    assert _new(t, "partnerships") == {2019: 1, 2020: 1, 2021: 1, UNDATED: 1}
    # jf only has partnerships of 2021 (jf-city) and undated (coop-jf)
    assert _new(t, "orgs") == {2019: 2, 2021: 2}


def test_timeline_of_a_network_without_years(small_files, tmp_path):
    from conftest import EDGES, write

    undated = re.sub(r",20\d\d,", ",,", EDGES)
    net = cn.read_csv(small_files[0], write(tmp_path / "e.csv", undated))
    t = cn.timeline(net)
    assert list(t.index) == [UNDATED]
    assert int(t.loc[UNDATED, "partnerships_new"]) == 4
    assert int(t.loc[UNDATED, "cases_total"]) == 2


def test_sub_cases_are_cases_and_counted_apart():
    t = cn.timeline(cn.load_sample())
    assert t.loc[2019, "sub_cases_new"] == 2  # 新潟 and 神奈川 of the 静岡 slide
    assert t.loc[UNDATED, "cases_total"] == len(cn.load_sample().cases) == 27


# ----------------------------------------------------- until = the timeline
def _counts(net: cn.Network) -> tuple:
    s = net.summary()
    subs = int((net.cases["parent"].fillna("") != "").sum())
    return (
        len(net.cases),
        subs,
        len(net.orgs),
        len(net.edges),
        int(s["pairs"]),
        len(net.sectors),
    )


@pytest.mark.parametrize("which", ["three", "sample", "synthetic"])
def test_totals_are_the_counts_of_until(which, tmp_path):
    net = {
        "three": lambda: three_prefectures(tmp_path),
        "sample": cn.load_sample,
        "synthetic": lambda: cn.synthetic(150, seed=5),
    }[which]()
    t = cn.timeline(net)
    columns = ["cases", "sub_cases", "orgs", "partnerships", "ties", "sectors"]
    years = list(t.index[:-1])
    if which != "three":  # every third year and the last keep the test quick
        years = [*years[::3], years[-1]]
    for year in years:
        want = tuple(int(t.loc[year, f"{c}_total"]) for c in columns)
        assert _counts(net.until(year)) == want, year
    whole = net.until(int(t.index[-2]), undated=True)
    assert _counts(whole) == _counts(net)
    assert tuple(int(t.loc[UNDATED, f"{c}_total"]) for c in columns) == _counts(net)
    assert sorted(whole.orgs.index) == sorted(net.orgs.index)
    assert whole.edges.equals(net.edges)


@pytest.mark.parametrize("which", ["three", "sample"])
def test_sector_pairs_are_the_co_participation_pairs_of_until(which, tmp_path):
    """The pairs started by a year are the pairs sector_pairs(by="co-participation")
    finds in the network as of that year (JA–JA included)."""
    net = three_prefectures(tmp_path) if which == "three" else cn.load_sample()
    t = cn.timeline(net)

    def pairs(n):
        p = cn.sector_pairs(n, by="co-participation", n_perm=0)
        return {f"{a}–{b}" for a, b in zip(p["sector_a"], p["sector_b"], strict=True)}

    seen: set[str] = set()
    for year, new in t["new_sector_pairs"].items():
        assert not seen & set(new)  # each pair starts once
        seen |= set(new)
        if year != UNDATED and (new or year == t.index[-2]):
            assert seen == pairs(net.until(year)), year
    assert seen == pairs(net)


def test_bundled_cumulative_cases_by_hand():
    """Cases started by each year, from data/cases.csv and data/edges.csv in plain pandas:
    a case starts in its own year or with its first dated partnership, if earlier."""
    folder = sample_folder()
    cases = pd.read_csv(folder / "cases.csv", dtype={"year": "Int64"})
    edges = pd.read_csv(folder / "edges.csv", dtype={"year": "Int64"})
    first = edges.groupby("case")["year"].min()
    start = pd.concat([cases.set_index("case")["year"], first.reindex(cases["case"])], axis=1)
    start = start.min(axis=1)
    t = cn.timeline(cn.load_sample())
    for year in [1971, 1988, 1995, 2012, 2018, 2019, 2023]:
        assert t.loc[year, "cases_total"] == int((start <= year).sum()), year
        assert t.loc[year, "partnerships_total"] == int((edges["year"] <= year).sum()), year
    assert t.loc[UNDATED, "cases_new"] == int(start.isna().sum())
    assert t.loc[UNDATED, "partnerships_new"] == int(edges["year"].isna().sum())
    assert t.index[0] == int(min(edges["year"].min(), cases["year"].min()))
    assert t.index[-2] == int(max(edges["year"].max(), cases["year"].max()))


def test_until_by_hand(net3):
    old = net3.until(2011)
    assert sorted(old.cases.index) == ["A", "B"]
    assert sorted(old.orgs.index) == ["coop-n", "ja-n", "jf-g", "wide"]
    assert old.edges["year"].tolist() == [2001, 2005, 2010, 2010]
    assert old.sector_styles == {s: net3.sector_styles[s] for s in old.sectors}
    # undated=True: coop-n–coop-g (undated, its case B is kept) and coop-g come in
    both = net3.until(2011, undated=True)
    assert len(both.edges) == 5 and "coop-g" in both.orgs.index
    # D (2020, no partnership) with its listed participant
    late = net3.until(2020)
    assert "D" in late.cases.index and "coop-t" in late.orgs.index
    assert late.members.query("case == 'D'")["org"].tolist() == ["coop-t"]
    assert len(net3.until(1999).orgs) == 0 and len(net3.until(1999).cases) == 0


def test_until_checks_its_arguments(net3):
    with pytest.raises(ValueError, match="year='2010' is not valid"):
        net3.until("2010")
    with pytest.raises(ValueError, match="undated=1 is not valid"):
        net3.until(2010, undated=1)


# ------------------------------------------------------------------- GEXF
XS_DOUBLE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
GEXF_TIMEFORMATS = ("integer", "double", "date", "dateTime")  # GEXF 1.2 timeformat-type


def test_gexf_is_dynamic_with_double_start_years(tmp_path):
    net = cn.load_sample()
    path = cn.write_gexf(net, tmp_path / "net.gexf")
    root = ET.parse(path).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert root.tag == "{http://www.gexf.net/1.2draft}gexf" and root.get("version") == "1.2"
    graph = root.find("g:graph", ns)
    # the GEXF 1.2 schema: mode is static|dynamic; timeformat one of integer, double,
    # date, dateTime (networkx's "long" is not among them); start is a time-type value
    assert graph.get("mode") == "dynamic"
    assert graph.get("timeformat") in GEXF_TIMEFORMATS
    assert graph.get("timeformat") == "double"
    edges = graph.findall("g:edges/g:edge", ns)
    assert len(edges) == len(net.edges)
    written = []
    for edge in edges:
        start = edge.get("start")
        if start is not None:
            assert XS_DOUBLE.fullmatch(start), start
            assert "." in start  # written as a double, not as an integer
        assert edge.get("end") is None
        pair = frozenset((edge.get("source"), edge.get("target")))
        written.append((pair, None if start is None else float(start)))
    e = net.edges
    want = [
        (frozenset((s, t)), None if pd.isna(y) else float(y))
        for s, t, y in zip(e["source"], e["target"], e["year"], strict=True)
    ]
    assert Counter(written) == Counter(want)
    for node in graph.findall("g:nodes/g:node", ns):
        assert node.get("start") is None  # organisations are there throughout


def test_gexf_without_years_stays_static(small_files, tmp_path):
    from conftest import EDGES, write

    undated = re.sub(r",20\d\d,", ",,", EDGES)
    net = cn.read_csv(small_files[0], write(tmp_path / "e.csv", undated))
    root = ET.parse(cn.write_gexf(net, tmp_path / "n.gexf")).getroot()
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    assert graph.get("mode") == "static" and graph.get("timeformat") is None


def test_gexf_reads_back_with_float_starts(tmp_path):
    import networkx as nx

    net = cn.load_sample()
    g = nx.read_gexf(cn.write_gexf(net, tmp_path / "n.gexf"))
    starts = [d.get("start") for _, _, d in g.edges(data=True)]
    dated = [s for s in starts if s is not None]
    assert len(dated) == int(net.edges["year"].notna().sum())
    assert all(isinstance(s, float) for s in dated)
    assert np.isclose(min(dated), 1971.0)
