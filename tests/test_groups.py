"""Groups: the partnership types and Louvain communities."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import (
    make_net,
)

import coopnet as cn


# -------------------------------------------------------- per type, communities
def test_type_summary_hand_worked(small_net):
    t = cn.type_summary(small_net)
    assert list(t.index) == list(cn.taxonomy.TYPES)
    # 事業連携型: ja–coop twice in one case; ja and coop tie on 1 partner and 2
    # partnerships, so the first in orgs order (ja) is reported.
    row = t.loc["事業連携型"]
    assert row[["cases", "orgs", "partnerships", "sectors", "top_partners"]].tolist() == [
        1,
        2,
        2,
        2,
        1,
    ]
    assert row["density"] == 1 and row["top_org"] == "JA香川県"
    assert t.loc["学習会・イベント型", "top_org"] == "コープかがわ"
    assert t.loc["地域連携型", ["partnerships", "sectors"]].tolist() == [1, 2]
    empty = t.loc["災害支援型"]
    assert empty[["cases", "orgs", "partnerships"]].tolist() == [0, 0, 0]
    assert np.isnan(empty["density"]) and pd.isna(empty["top_org"])


def test_type_summary_on_bundled_data():
    net = cn.load_sample()
    t = cn.type_summary(net)
    assert t["partnerships"].sum() == len(net.edges)
    for ptype, row in t.iterrows():
        sub = net.by_type(ptype) if row["partnerships"] else None
        if sub is not None:
            assert row["orgs"] == len(sub.orgs)
            g = sub.to_graph()
            assert row["density"] == pytest.approx(nx.density(g))
            assert row["top_partners"] == max(d for _, d in g.degree)


TWO_TRIANGLES = make_net(
    [("a", "JA"), ("b", "JA"), ("c", "生協"), ("d", "生協"), ("e", "JA"), ("f", "生協")],
    [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("c", "d")],
)


def test_communities_two_triangles():
    com = cn.communities(TWO_TRIANGLES, seed=0)
    assert [sorted(m) for m in com["members"]] == [["a", "b", "c"], ["d", "e", "f"]]
    assert com["size"].tolist() == [3, 3] and com["partnerships"].tolist() == [3, 3]
    assert com["main_sector"].tolist() == ["JA", "生協"]
    assert com["main_share"].tolist() == pytest.approx([2 / 3, 2 / 3])
    assert com["sectors"].tolist() == ["JA 2、生協 1", "生協 2、JA 1"]
    q = cn.modularity_comparison(TWO_TRIANGLES, seed=0)
    # m = 7: each triangle holds 3 ties and degree 7 -> 2 (3/7 - (7/14)^2) = 5/14.
    # Sectors: JA {a, b, e} holds a–b, degrees 6; 生協 {c, d, f} holds c–d, d–f,
    # degrees 8 -> (1/7 - (6/14)^2) + (2/7 - (8/14)^2) = -4/49.
    assert q.loc["louvain", "modularity"] == pytest.approx(5 / 14)
    assert q.loc["sector", "modularity"] == pytest.approx(-4 / 49)
    assert q["groups"].tolist() == [2, 2]


def test_communities_find_two_cliques_joined_by_one_tie():
    """Two K4s joined by one tie: Louvain's best split is the two cliques, with
    modularity Q = 2 (6/13 − (13/26)²) = 11/26 by hand (13 ties; each clique holds 6
    and a degree sum of 13); grouping by sector (mixed across the cliques) scores
    lower."""
    left, right = ["a", "b", "c", "d"], ["e", "f", "g", "h"]
    ties = [*itertools.combinations(left, 2), *itertools.combinations(right, 2), ("d", "e")]
    sectors = dict(zip(left + right, ["JA", "生協"] * 4, strict=True))
    net = make_net([(v, sectors[v]) for v in left + right], ties)
    com = cn.communities(net, seed=4)
    assert sorted(map(sorted, com["members"])) == [left, right]
    assert com["size"].tolist() == [4, 4] and com["partnerships"].tolist() == [6, 6]
    q = cn.modularity_comparison(net, seed=4)
    assert q.loc["louvain", "modularity"] == pytest.approx(11 / 26)
    # by sector: each sector holds 3 ties of its own (a–c, b–d, e–g … counted by hand)
    within = sum(sectors[u] == sectors[v] for u, v in ties)
    degree = {
        s: sum((sectors[u] == s) + (sectors[v] == s) for u, v in ties) for s in ("JA", "生協")
    }
    by_hand = within / 13 - sum((d / 26) ** 2 for d in degree.values())
    assert q.loc["sector", "modularity"] == pytest.approx(by_hand)
    assert q.loc["sector", "modularity"] < q.loc["louvain", "modularity"]


def test_bundled_data_invariants():
    net = cn.load_sample()
    c = cn.centrality(net)
    assert c["partnerships"].sum() == 2 * len(net.edges)
    assert c["partners"].sum() == 2 * net.to_graph().number_of_edges()
    assert c["eigenvector"].pow(2).sum() == pytest.approx(1)
    assert c["pagerank"].sum() == pytest.approx(1)
    b = cn.bridges(net)
    assert (b["representative"] == b["gatekeeper"]).all()
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    assert (b[roles].sum(axis=1) == b["brokerage"]).all()
    assert b["inter_betweenness"].between(0, 1).all()
    x = cn.cross_sector_edges(net)
    assert len(x) == len(net.edges) - int(np.trace(cn.sector_matrix(net).to_numpy()))
