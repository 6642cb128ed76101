"""GEXF / GraphML exports, read back with networkx and compared with the network."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import matplotlib.colors as mcolors
import networkx as nx
import pandas as pd
import pytest
from conftest import write

import coopnet as cn
from coopnet import taxonomy

VIZ = "{http://www.gexf.net/1.2draft/viz}"
GEXF = "{http://www.gexf.net/1.2draft}"


def rgb255(hex_color):
    """Independent hex -> 0..255 conversion (matplotlib's parser)."""
    return tuple(round(c * 255) for c in mcolors.to_rgb(hex_color))


def partnership_multiset(g):
    """Read-back edges as a multiset of (pair, type, case, year or None)."""
    return Counter(
        (frozenset((u, v)), d["partnership_type"], d["case"], d.get("year"))
        for u, v, d in g.edges(data=True)
    )


def network_multiset(net):
    e = net.edges
    return Counter(
        (frozenset((s, t)), ty, c, None if pd.isna(y) else int(y))
        for s, t, ty, c, y in zip(
            e["source"], e["target"], e["type"], e["case"], e["year"], strict=True
        )
    )


@pytest.fixture(scope="module")
def sample():
    return cn.load_sample()


@pytest.fixture(params=["gexf", "graphml"])
def fmt(request):
    return request.param


def export(net, path, fmt, **kw):
    if fmt == "gexf":
        cn.write_gexf(net, path, **kw)
        return nx.read_gexf(path)
    cn.write_graphml(net, path, **kw)
    return nx.read_graphml(path)


def test_bundled_round_trip(sample, tmp_path, fmt):
    g = export(sample, tmp_path / f"net.{fmt}", fmt)
    assert g.is_multigraph()
    assert sorted(g.nodes) == sorted(sample.orgs.index)
    assert g.number_of_edges() == len(sample.edges)
    # every partnership with its type, case and year (missing year -> absent)
    assert partnership_multiset(g) == network_multiset(sample)
    assert sample.edges["year"].isna().any()  # the bundled data does test missing years
    for node, row in sample.orgs.iterrows():
        data = g.nodes[node]
        assert data["name"] == row["name"]
        assert data["sector"] == row["sector"]
        assert data["label"] == row["name"]
        if row["prefecture"]:
            assert data["prefecture"] == row["prefecture"]
        else:
            assert "prefecture" not in data
        assert data["partners"] == len(set(sample.graph.neighbors(node)))


def test_small_network_by_hand(small_net, tmp_path, fmt):
    """conftest's 4-org net: ja-coop twice (2019, 2020), coop-jf without a year, jf-city 2021."""
    g = export(small_net, tmp_path / f"small.{fmt}", fmt)
    assert g.number_of_edges("ja", "coop") == 2
    years = sorted(d["year"] for d in g.get_edge_data("ja", "coop").values())
    assert years == [2019, 2020]
    (coop_jf,) = g.get_edge_data("coop", "jf").values()
    assert "year" not in coop_jf
    assert coop_jf["partnership_type"] == "学習会・イベント型"
    assert coop_jf["case"] == "海岸清掃"
    assert g.nodes["coop"]["partners"] == 2  # ja and jf
    assert g.nodes["ja"]["partners"] == 1  # coop, twice


def test_gexf_viz_colours_sizes_positions(sample, tmp_path):
    path = tmp_path / "net.gexf"
    g = export(sample, path, "gexf")
    for node, sector in sample.orgs["sector"].items():
        c = g.nodes[node]["viz"]["color"]
        assert (c["r"], c["g"], c["b"]) == rgb255(taxonomy.SECTORS[sector].color)
        assert "position" in g.nodes[node]["viz"]
    sizes = {n: g.nodes[n]["viz"]["size"] for n in g}
    hub = max(g.nodes, key=lambda n: g.nodes[n]["partners"])
    assert sizes[hub] == max(sizes.values())
    # networkx does not read edge viz back: check the XML directly
    root = ET.parse(path).getroot()
    edges = root.findall(f".//{GEXF}edge")
    assert len(edges) == len(sample.edges)
    by_id = {}
    for el in edges:
        attrs = {a.get("for"): a.get("value") for a in el.iter(f"{GEXF}attvalue")}
        by_id[el.get("id")] = (el.find(f"{VIZ}color"), attrs)
    titles = {
        a.get("title"): a.get("id")
        for a in root.iter(f"{GEXF}attribute")
        if a.get("title") == "partnership_type"
    }
    for colour, attrs in by_id.values():
        ptype = attrs[titles["partnership_type"]]
        got = (int(colour.get("r")), int(colour.get("g")), int(colour.get("b")))
        assert got == rgb255(taxonomy.TYPES[ptype].color)
    # GEXF's own edge "type" is the direction, never a partnership type
    assert {el.get("type") for el in edges} <= {None, "undirected"}


def test_gexf_without_layout(small_net, tmp_path):
    g = export(small_net, tmp_path / "s.gexf", "gexf", layout=None)
    assert all("position" not in g.nodes[n]["viz"] for n in g)


def test_graphml_hex_colours(sample, tmp_path):
    g = export(sample, tmp_path / "net.graphml", "graphml")
    for node, sector in sample.orgs["sector"].items():
        assert g.nodes[node]["color"] == taxonomy.SECTORS[sector].color
    for _, _, d in g.edges(data=True):
        assert d["color"] == taxonomy.TYPES[d["partnership_type"]].color


def test_english_labels(small_net, tmp_path, fmt):
    g = export(small_net, tmp_path / f"en.{fmt}", fmt, lang="en")
    assert g.nodes["ja"]["label"] == "JA Kagawa"
    assert g.nodes["ja"]["name"] == "JA香川県"
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert labels == {"Business alliance", "Learning & events", "Community"}


def test_hostile_text_and_reserved_columns(tmp_path, fmt):
    """XML-significant text round-trips exactly; user columns named like the formats'
    reserved attributes are written with a data_ prefix instead of being taken over."""
    hostile = '<script>alert("x")</script> & =HYPERLINK("http://x","click")'
    quoted = '"' + hostile.replace('"', '""') + '"'  # CSV quoting
    orgs = "id,name,sector,label\nja," + quoted + ",JA,my label\ncoop,コープ,生協,\ncity,市,行政,\n"
    edges = (
        "source,target,type,case,weight\n"
        "ja,coop,事業連携型,包括連携協定,3\n"
        "ja,coop,事業連携型,包括連携協定,\n"
        "coop,city,地域連携型,海岸清掃,\n"
    )
    net = cn.read_csv(write(tmp_path / "o.csv", orgs), write(tmp_path / "e.csv", edges))
    g = export(net, tmp_path / f"h.{fmt}", fmt)
    assert g.nodes["ja"]["name"] == hostile
    assert g.nodes["ja"]["label"] == hostile  # coopnet's label: the name
    assert g.nodes["ja"]["data_label"] == "my label"  # the user's own "label" column
    assert "data_label" not in g.nodes["coop"]  # empty -> left out
    weight_key = "data_weight" if fmt == "gexf" else "weight"
    assert [str(d[weight_key]) for _, _, d in g.edges(data=True) if weight_key in d] == ["3"]
    if fmt == "gexf":  # the user's "weight" column did not become GEXF edge weights
        assert all(d.get("weight", 1.0) == 1.0 for _, _, d in g.edges(data=True))


def test_bad_lang_names_parameter(small_net, tmp_path):
    with pytest.raises(ValueError, match=r"lang='fr' is not valid; choose from 'ja', 'en'"):
        cn.write_gexf(small_net, tmp_path / "x.gexf", lang="fr")
    assert not (tmp_path / "x.gexf").exists()


def test_write_is_atomic(small_net, tmp_path, monkeypatch):
    path = tmp_path / "out" / "old.graphml"
    path.parent.mkdir()
    path.write_text("previous contents")

    def half_written(data):
        raise OSError("disk full")

    import coopnet._io.files as files

    real = files.os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: half_written(None))
    with pytest.raises(OSError, match="disk full"):
        cn.write_graphml(small_net, path)
    monkeypatch.setattr(files.os, "fsync", real)
    assert path.read_text() == "previous contents"
    assert [p.name for p in path.parent.iterdir()] == ["old.graphml"]


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_two_mode_network_round_trips(tmp_path, fmt):
    """graph="affiliation": organisations and cases, an edge per participation,
    as cn.affiliation has them — 大分's council tied to its round table."""
    net = cn.load_sample()
    writer = cn.write_gexf if fmt == "gexf" else cn.write_graphml
    reader = nx.read_gexf if fmt == "gexf" else nx.read_graphml
    g = reader(writer(net, tmp_path / f"two.{fmt}", graph="affiliation"))
    ref = cn.affiliation(net)
    assert set(g.nodes) == set(ref.nodes)
    assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in ref.edges}
    kinds = {n: d["kind"] for n, d in g.nodes(data=True)}
    assert sum(k == "case" for k in kinds.values()) == len(net.cases)
    oita = "地域課題解決に向けたラウンドテーブル(大分県協同組合協議会)"
    assert g.has_edge("oita-coop-council", oita)
    assert str(g.edges["oita-coop-council", oita]["role"]) == "lead"
