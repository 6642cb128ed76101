import networkx as nx
import pandas as pd
import pytest

import coopnet as cn


def test_graph_has_one_edge_per_partnership(small_net):
    g = small_net.graph
    assert isinstance(g, nx.MultiGraph)
    assert g.number_of_edges() == 4
    assert g.number_of_edges("ja", "coop") == 2  # parallel partnerships kept
    assert g.nodes["jf"]["sector"] == "JF"
    assert g.edges["coop", "jf", 2]["year"] is None
    assert g.edges["ja", "coop", 1]["year"] == 2020


def test_to_graph_collapses_pairs_with_weights(small_net):
    g = small_net.to_graph()
    assert type(g) is nx.Graph
    assert sorted(g.edges(data="weight")) == sorted(
        [("ja", "coop", 2), ("coop", "jf", 1), ("jf", "city", 1)]
    )
    assert g.edges["ja", "coop"]["cases"] == ["包括連携協定"]
    assert g.edges["jf", "coop"]["types"] == ["学習会・イベント型"]
    assert g.edges["ja", "coop"]["partnerships"] == [0, 1]


def test_filter_by_type_drops_orgs_left_alone(small_net):
    sub = small_net.filter(types="事業連携型")
    assert sorted(sub.orgs.index) == ["coop", "ja"]
    assert len(sub.edges) == 2
    assert len(small_net.orgs) == 4  # the original is unchanged


def test_filter_by_sector_keeps_orgs_and_their_internal_edges(small_net):
    sub = small_net.filter(sectors=["生協", "農協"])  # alias resolved
    assert sorted(sub.orgs.index) == ["coop", "ja"]
    assert list(sub.edges.index) == [0, 1]


def test_filter_by_years_and_prefecture(small_net):
    assert list(small_net.filter(years=(2020, 2021)).edges["year"]) == [2020, 2021]
    assert list(small_net.filter(years=2019).edges.index) == [0]
    assert len(small_net.filter(prefectures="香川県").orgs) == 4
    assert len(small_net.filter(prefectures="ＸＸ県").orgs) == 0


def test_by_type_accepts_alias_and_rejects_unknown(small_net):
    assert small_net.by_type("Business alliance").types == ["事業連携型"]
    with pytest.raises(
        ValueError, match=r"types='災害支援型' is not in this network; choose from: 事業連携型"
    ):
        small_net.by_type("災害支援型")
    with pytest.raises(ValueError, match="Did you mean '地域連携型'"):
        small_net.by_type("地域連携")


def test_bad_years_argument(small_net):
    with pytest.raises(ValueError, match="years='recent'"):
        small_net.filter(years="recent")


def test_summary_counts(small_net):
    s = small_net.summary()
    assert s["organisations"] == 4
    assert s["partnerships"] == 4
    assert s["pairs"] == 3
    assert s["cases"] == 2
    assert s["components"] == 1
    assert "4 organisations, 4 partnerships, 2 cases" in repr(small_net)


def test_types_and_sectors_follow_taxonomy_order(small_net):
    assert small_net.types == ["事業連携型", "地域連携型", "学習会・イベント型"]
    assert small_net.sectors == ["JA", "生協", "JF", "行政"]


def test_no_module_shadows_a_public_function():
    """Importing every submodule first (as another library or a test might) must not
    turn ``cn.centrality`` & co. into modules: each public function stays callable,
    and ``cn.layout`` (a public module) works without importing it first."""
    import subprocess
    import sys

    code = (
        "import pkgutil, importlib, inspect, coopnet as cn\n"
        "print(cn.layout.layout_positions.__name__)\n"
        "for m in pkgutil.walk_packages(cn.__path__, 'coopnet.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = [n for n in cn.__all__ if inspect.ismodule(getattr(cn, n))\n"
        "       and n not in ('taxonomy', 'prefectures', 'layout')]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["layout_positions", "[]"]


def test_tables_handed_out_cannot_change_the_network_or_its_caches(small_net):
    """Editing net.orgs / net.edges (or the caller's own frames) never reaches the
    network: its graph, integer form and measures stay those of the data it was given."""
    before = cn.centrality(small_net)
    orgs = small_net.orgs
    orgs.loc["jf", "sector"] = "JA"
    edges = small_net.edges
    edges.loc[0, "target"] = "city"
    edges.loc[1, "case"] = "other"
    assert small_net.orgs.loc["jf", "sector"] == "JF"
    assert len(small_net.edges) == 4
    assert small_net.graph.number_of_edges() == 4
    assert cn.centrality(small_net).equals(before)
    with pytest.raises(AttributeError):
        small_net.orgs = orgs  # build a new Network instead


def test_frames_given_to_the_constructor_are_not_shared(small_net):
    orgs, edges = small_net.orgs, small_net.edges
    net = cn.Network(orgs, edges)
    orgs.loc["ja", "name"] = "changed"
    edges.loc[0, "type"] = "災害支援型"
    assert net.orgs.loc["ja", "name"] == "JA香川県"
    assert net.edges.loc[0, "type"] == "事業連携型"


def test_graph_is_frozen(small_net):
    with pytest.raises(nx.NetworkXError):
        small_net.graph.add_edge("ja", "city")
    copy = nx.MultiGraph(small_net.graph)
    copy.add_edge("ja", "city")
    assert small_net.graph.number_of_edges() == 4


def test_by_type_is_built_once_and_equals_filter():
    net = cn.load_sample()
    ptype = net.types[0]
    sub = net.by_type(ptype)
    assert net.by_type(ptype) is sub  # kept: the report asks for every type several times
    again = net.filter(types=[ptype])
    pd.testing.assert_frame_equal(sub.orgs, again.orgs)
    pd.testing.assert_frame_equal(sub.edges, again.edges)
    assert net.by_type(net.types[1]) is not sub
