"""group_network and the summary maps, against plain pandas/networkx on the same tables."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopnet as cn
from coopnet._draw import groupmap


@pytest.fixture(scope="module")
def net():
    return cn.synthetic(600, seed=2)


def plain_groups(net, by):
    """Group key of every organisation, computed the plain way."""
    orgs = net.orgs
    pref = orgs["prefecture"].fillna("").map(lambda p: p or "全国")
    short = {p.name: p.short for p in cn.prefectures.PREFECTURES}
    pref = pref.map(lambda p: short.get(p, p))
    if by == "sector":
        return orgs["sector"]
    if by == "prefecture":
        return pref
    return pref + "/" + orgs["sector"]


@pytest.mark.parametrize("by", ["sector-prefecture", "sector", "prefecture"])
def test_groups_sizes_and_ties_equal_the_groupby_code(net, by):
    g = cn.group_network(net, by=by)
    key = plain_groups(net, by)
    assert g.orgs["size"].to_dict() == key.value_counts().to_dict()
    for gid, members in g.orgs["members"].items():
        assert members == list(key.index[key == gid])
    src = key.reindex(net.edges["source"]).to_numpy()
    dst = key.reindex(net.edges["target"]).to_numpy()
    inside = pd.Series(src[src == dst]).value_counts()
    assert g.orgs["inside"].to_dict() == inside.reindex(g.orgs.index, fill_value=0).to_dict()
    # the tie between two groups weighs their partnerships
    want = nx.Graph()
    for a, b in zip(src[src != dst], dst[src != dst], strict=True):
        w = want.get_edge_data(a, b, {"w": 0})["w"]
        want.add_edge(a, b, w=w + 1)
    got = g.to_graph()
    assert {frozenset(e) for e in got.edges} == {frozenset(e) for e in want.edges}
    for a, b, d in want.edges(data=True):
        assert got[a][b]["weight"] == d["w"]
    assert len(g.edges) + g.orgs["inside"].sum() == len(net.edges)
    assert g.edges["type"].value_counts().sum() == len(g.edges)


def test_sector_colours_and_labels(net):
    g = cn.group_network(net)
    row = g.orgs.loc["北海道/JA"]
    assert (row["name"], row["name_en"], row["sector"]) == (
        "北海道 JA",
        "Hokkaido JA (agricultural co-op)",
        "JA",
    )
    assert g.sector_styles["JA"] == net.sector_styles["JA"]
    national = g.orgs[g.orgs["prefecture"] == ""]
    assert len(national) and national.index.str.startswith("全国/").all()
    by_pref = cn.group_network(net, by="prefecture")
    main = net.orgs.groupby(net.orgs["prefecture"].fillna(""))["sector"].agg(
        lambda s: s.value_counts().index[0]
    )
    for _, row in by_pref.orgs.iterrows():
        assert row["sector"] == main[row["prefecture"]] or row["main_share"] <= 0.5


def test_communities_group_as_communities_says(net):
    g = cn.group_network(net, by="community", seed=1)
    com = cn.communities(net, seed=1)
    assert g.orgs["size"].tolist() == com["size"].tolist()
    assert g.orgs["members"].tolist() == com["members"].tolist()
    assert (g.orgs["main_share"] == com["main_share"].to_numpy()).all()
    first = com.iloc[0]
    assert g.orgs["name"].iloc[0] == (
        f"コミュニティ 0（{first['main_sector']} {first['main_share']:.0%}）"
    )
    assert (g.orgs["sector"] == com["main_sector"].to_numpy()).all()


def test_measures_work_on_groups(net):
    g = cn.group_network(net)
    c = cn.centrality(g)
    assert len(c) == len(g.orgs) and (c["partners"] > 0).any()


def test_bad_grouping(net):
    with pytest.raises(ValueError, match=r"by='town' is not valid; choose from"):
        cn.group_network(net, by="town")
    with pytest.raises(TypeError, match=r"coopnet\.Network"):
        cn.group_network(nx.Graph())


# --------------------------------------------------------------- summary maps
def gids(ax, prefix):
    return [a for a in ax.findobj() if (a.get_gid() or "").startswith(prefix)]


def test_plot_map_draws_groups_above_the_limit(net, monkeypatch):
    import matplotlib.pyplot as plt

    ax = cn.plot_map(net, labels="none")  # 600 organisations: every one
    assert gids(ax, "coopnet:nodes")[0].get_offsets().shape == (600, 2)
    plt.close("all")
    monkeypatch.setattr(groupmap, "GROUPS_ABOVE", 500)
    ax = cn.plot_map(net)
    g = cn.group_network(net)
    assert not gids(ax, "coopnet:nodes")
    assert gids(ax, "coopnet:groups")[0].get_offsets().shape == (len(g.orgs), 2)
    tiles = {a.get_gid() for a in gids(ax, "coopnet:tile-label:")}
    assert "coopnet:tile-label:北海道" in tiles and "coopnet:tile-label:national" in tiles
    plt.close("all")
    ax = cn.plot_map(net, level="organisations", labels="none")
    assert gids(ax, "coopnet:nodes")[0].get_offsets().shape == (600, 2)
    plt.close("all")


def test_tile_map_puts_each_prefecture_on_its_tile(net):
    import matplotlib.pyplot as plt

    g = cn.group_network(net)
    ax = cn.plot_map(net, level="groups", lang="en")
    xy = gids(ax, "coopnet:groups")[0].get_offsets()
    tiles = {p.name: (p.col, -p.row) for p in cn.prefectures.PREFECTURES}
    for (x, y), pref in zip(xy, g.orgs["prefecture"], strict=True):
        cx, cy = tiles.get(pref, (0, 0))
        assert np.hypot(x - cx, y - cy) == pytest.approx(groupmap._RING)
    # ties between prefectures are added up per pair of prefectures
    lines = gids(ax, "coopnet:prefecture-ties")[0]
    pref = g.orgs["prefecture"].fillna("").replace("", "national")
    e = g.edges
    a, b = pref.reindex(e["source"]).to_numpy(), pref.reindex(e["target"]).to_numpy()
    pairs = {frozenset(p) for p in zip(a, b, strict=True) if p[0] != p[1]}
    assert len(lines.get_segments()) == len(pairs)
    note = gids(ax, "coopnet:size-note")[0].get_text()
    assert f"{len(net.orgs):,} organisations in {len(g.orgs):,} groups" in note
    plt.close("all")


def test_groups_without_prefectures_use_the_spring_layout(net):
    import matplotlib.pyplot as plt

    g = cn.group_network(net, by="sector")
    ax = cn.plot_map(g, level="groups")
    assert gids(ax, "coopnet:groups")[0].get_offsets().shape == (len(g.orgs), 2)
    assert not gids(ax, "coopnet:tile-label:")
    plt.close("all")


def test_plot_types_summarises_above_the_limit(net, monkeypatch):
    import matplotlib.pyplot as plt

    monkeypatch.setattr(groupmap, "GROUPS_ABOVE", 500)
    axes = cn.plot_types(net)  # the panels, as plot_types gives them below the limit
    assert [ax.get_gid() for ax in axes] == [f"coopnet:panel:{t}" for t in net.types]
    assert all(gids(ax, "coopnet:groups") for ax in axes)
    counts = cn.type_summary(net)
    for ax, t in zip(axes, net.types, strict=True):  # titles count cases and partnerships
        assert f"{counts.loc[t, 'cases']:,}" in ax.get_title().replace(" ", "")
    plt.close("all")


def test_bad_level(net):
    with pytest.raises(ValueError, match=r"level='dots' is not valid"):
        cn.plot_map(net, level="dots")
