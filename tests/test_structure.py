"""Centrality and whole-network figures on hand-worked graphs and against networkx."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from conftest import (
    assert_centrality_matches_networkx,
    from_nx,
    make_net,
    random_graph,
    write,
)

import coopnet as cn


def _net(tmp_path, orgs, ties):
    o = "id,name,sector\n" + "".join(f"{i},{i},{s}\n" for i, s in orgs)
    e = "source,target,type,case\n" + "".join(f"{u},{v},地域連携型,x\n" for u, v in ties)
    return cn.read_csv(write(tmp_path / "o.csv", o), write(tmp_path / "e.csv", e))


def test_star(tmp_path):
    """A hub with four partners in other sectors: a perfect star."""
    orgs = [("h", "協同組合連携組織"), ("a", "JA"), ("b", "生協"), ("c", "JF"), ("d", "JA")]
    s = cn.network_summary(_net(tmp_path, orgs, [("h", x) for x in "abcd"])).iloc[0]
    assert s["organisations"] == 5 and s["ties"] == 4 and s["components"] == 1
    assert s["density"] == pytest.approx(4 / 10)
    assert s["largest_share"] == 1.0 and s["fragmentation"] == 0.0
    assert s["centralization"] == pytest.approx(1.0)  # (4-1)·4 / (4·3)
    assert s["clustering"] == 0.0 and s["max_core"] == 1
    assert s["ei"] == 1.0  # every tie crosses sectors


def test_triangle_and_an_isolate(tmp_path):
    orgs = [("a", "JA"), ("b", "JA"), ("c", "生協"), ("z", "行政")]
    net = _net(tmp_path, orgs, [("a", "b"), ("b", "c"), ("a", "c")])
    s = cn.network_summary(net).iloc[0]
    assert s["density"] == pytest.approx(3 / 6)
    assert s["components"] == 2 and s["largest_share"] == pytest.approx(3 / 4)
    assert s["fragmentation"] == pytest.approx(1 - 6 / 12)  # 6 of 12 ordered pairs reach
    assert s["centralization"] == pytest.approx((0 + 0 + 0 + 2) / (3 * 2))
    assert s["clustering"] == pytest.approx(3 / 4)
    assert s["max_core"] == 2
    assert s["ei"] == pytest.approx((2 - 1) / 3)  # a–c, b–c cross; a–b within


def test_agrees_with_networkx_on_the_bundled_data():
    net = cn.load_sample()
    s = cn.network_summary(net).iloc[0]
    g = net.to_graph()
    n = g.number_of_nodes()
    assert s["density"] == pytest.approx(nx.density(g))
    assert s["components"] == nx.number_connected_components(g)
    assert s["clustering"] == pytest.approx(nx.average_clustering(g))
    assert s["max_core"] == max(nx.core_number(g).values())
    reach = sum(len(c) * (len(c) - 1) for c in nx.connected_components(g))
    assert s["fragmentation"] == pytest.approx(1 - reach / (n * (n - 1)))
    assert s["cases"] == 27
    assert not math.isnan(s["ei"])


# ------------------------------------------------------------- centrality
# Star a–{b, c, d} with a tail d–e, plus an isolated f; a–b has two partnerships.
STAR_TAIL = make_net(
    [("a", "JA"), ("b", "生協"), ("c", "生協"), ("d", "JF"), ("e", "JF"), ("f", "行政")],
    [
        ("a", "b", "事業連携型", "X"),
        ("b", "a", "事業連携型", "X"),
        ("a", "c", "事業連携型", "X"),
        ("a", "d", "地域連携型", "Y"),
        ("d", "e", "地域連携型", "Y"),
    ],
)


def test_centrality_hand_worked_star_with_tail():
    c = cn.centrality(STAR_TAIL)
    assert list(c.index) == ["a", "b", "c", "d", "e", "f"]
    assert c["partners"].tolist() == [3, 1, 1, 2, 1, 0]
    assert c["partnerships"].tolist() == [4, 2, 1, 2, 1, 0]  # a–b counted twice
    assert c["cases"].tolist() == [2, 1, 1, 1, 1, 0]
    # Betweenness: n = 6, so (n-1)(n-2)/2 = 10 pairs of other nodes.
    # a lies on b–c, b–d, c–d, b–e, c–e (5 pairs); d on a–e, b–e, c–e (3).
    assert c["betweenness"].tolist() == pytest.approx([0.5, 0, 0, 0.3, 0, 0], abs=1e-12)
    # Closeness (WF): reachable r = 5 of n = 6, so (4 / total distance) * (4 / 5).
    # a: 1+1+1+2 = 5; b, c: 1+2+2+3 = 8; d: 1+1+2+2 = 6; e: 1+2+3+3 = 9; f isolated.
    expected = [4 / 5 * 0.8, 4 / 8 * 0.8, 4 / 8 * 0.8, 4 / 6 * 0.8, 4 / 9 * 0.8, 0]
    assert c["closeness"].tolist() == pytest.approx(expected, abs=1e-12)


def test_eigenvector_hand_worked_tree():
    # Unweighted tree a–b, a–c, a–d, d–e: with λx_b = x_a, λx_e = x_d,
    # λx_d = x_a + x_e and λx_a = 2x_b + x_d one gets λ⁴ - 4λ² + 2 = 0, so
    # λ² = 2 + √2; the isolated f scores 0 (it is not on the leading component).
    lam = math.sqrt(2 + math.sqrt(2))
    xa = 1.0
    xb = xa / lam
    xd = xa * (lam - 2 / lam)
    xe = xd / lam
    vec = np.array([xa, xb, xb, xd, xe, 0.0])
    vec /= np.linalg.norm(vec)
    c = cn.centrality(STAR_TAIL)
    assert c["eigenvector"].to_numpy() == pytest.approx(vec, abs=1e-12)


def test_pagerank_hand_worked_star():
    # Star centre c, three leaves l: c = 0.15/4 + 0.85·3l and l = 0.15/4 + 0.85·c/3,
    # so c = 0.133125 / 0.2775 and l = (1 - c) / 3.
    net = make_net(
        [("c", "JA"), ("x", "生協"), ("y", "生協"), ("z", "JF")],
        [("c", "x"), ("c", "y"), ("c", "z")],
    )
    pr = cn.centrality(net)["pagerank"]
    centre = 0.133125 / 0.2775
    assert pr.tolist() == pytest.approx([centre] + [(1 - centre) / 3] * 3, abs=1e-12)


def test_eigenvector_on_tied_and_untied_components_matches_networkx():
    # Two dyads (same leading eigenvalue 1): the power iteration from the
    # uniform vector stays uniform, 1/2 each.
    dyads = make_net(
        [("a", "JA"), ("b", "JA"), ("c", "生協"), ("d", "生協")], [("a", "b"), ("c", "d")]
    )
    assert cn.centrality(dyads)["eigenvector"].tolist() == pytest.approx([0.5] * 4, abs=1e-12)
    ref = nx.eigenvector_centrality(dyads.to_graph(), weight=None)
    assert [ref[i] for i in "abcd"] == pytest.approx([0.5] * 4, abs=1e-9)
    # A triangle (λ = 2) beside a dyad (λ = 1): the dyad scores 0, the triangle 1/√3.
    mixed = make_net(
        [("a", "JA"), ("b", "JA"), ("c", "生協"), ("d", "生協"), ("e", "JF")],
        [("a", "b"), ("c", "d"), ("d", "e"), ("c", "e")],
    )
    got = cn.centrality(mixed)["eigenvector"].tolist()
    assert got == pytest.approx([0, 0] + [1 / math.sqrt(3)] * 3, abs=1e-12)
    ref = nx.eigenvector_centrality(mixed.to_graph(), weight=None, tol=1e-12, max_iter=5000)
    assert got == pytest.approx([ref[i] for i in "abcde"], abs=1e-9)


def test_centrality_tiny_and_empty_networks():
    one = make_net([("a", "JA")], [])
    c = cn.centrality(one)
    assert c.loc["a", ["betweenness", "closeness", "pagerank"]].tolist() == [0, 0, 1]
    two = make_net([("a", "JA"), ("b", "生協")], [("a", "b")])
    c = cn.centrality(two)
    assert c["closeness"].tolist() == [1, 1] and c["betweenness"].tolist() == [0, 0]
    empty = make_net([], [])
    assert len(cn.centrality(empty)) == 0
    assert list(cn.centrality(empty).columns) == list(c.columns)


@pytest.mark.parametrize(("n", "m", "seed"), [(12, 20, 1), (40, 60, 2), (300, 700, 3)])
def test_centrality_equals_networkx(n, m, seed):
    assert_centrality_matches_networkx(from_nx(random_graph(n, m, seed), seed=seed))


@pytest.mark.parametrize(
    "func",
    [
        cn.centrality,
        cn.bridges,
        cn.cross_sector_edges,
        cn.graph_bridges,
        cn.ei_index,
        cn.type_summary,
        cn.sector_pairs,
        cn.sector_matrix,
        cn.communities,
        cn.modularity_comparison,
    ],
    ids=lambda f: f.__name__,
)
def test_empty_and_edgeless_networks_keep_the_columns(func):
    full = func(make_net([("a", "JA"), ("b", "生協"), ("c", "JF")], [("a", "b"), ("b", "c")]))
    for net in (make_net([], []), make_net([("a", "JA"), ("b", "生協")], [])):
        got = func(net)
        if func is not cn.sector_matrix:
            assert list(got.columns) == list(full.columns)
    edgeless = make_net([("a", "JA"), ("b", "生協")], [])
    if func is cn.centrality:
        assert func(edgeless)[["partners", "betweenness", "closeness"]].sum().sum() == 0
        assert func(edgeless)["eigenvector"].tolist() == pytest.approx([2**-0.5] * 2)
