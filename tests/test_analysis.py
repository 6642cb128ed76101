"""The analysis functions against hand-worked graphs, networkx, and R's sna (oracle file)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import assert_centrality_matches_networkx, inter_sector_betweenness_reference

import coopnet as cn
from coopnet._kernels.form import integer_form
from coopnet._kernels.permute import rematched_tables
from coopnet.brokerage import ALL
from coopnet.network import Network

# R sna 2.7-1 brokerage() output (copied from the project's shared oracles; see its "how").
ORACLE = Path(__file__).parent / "data" / "brokerage_kite.json"


def make_net(orgs, edges, *, name="test") -> Network:
    """A Network from ``orgs`` = [(id, sector)] and ``edges`` = [(s, t[, type[, case]])]."""
    ids = [o[0] for o in orgs]
    o = pd.DataFrame(
        {
            "name": [f"名前{i}" for i in ids],
            "name_en": ids,
            "sector": [o[1] for o in orgs],
            "prefecture": "",
            "note": "",
        },
        index=pd.Index(ids, name="id"),
    )
    rows = []
    for e in edges:
        s, t = e[0], e[1]
        ptype = e[2] if len(e) > 2 else "地域連携型"
        case = e[3] if len(e) > 3 else "case"
        rows.append((s, t, ptype, case))
    df = pd.DataFrame(rows, columns=["source", "target", "type", "case"])
    df["year"] = pd.array([None] * len(df), dtype="Int64")
    df["evidence"] = ""
    return Network(o, df, name=name)


def from_nx(g: nx.Graph, sectors=None, seed=0) -> Network:
    rng = np.random.default_rng(seed)
    keys = list(cn.taxonomy.SECTORS)
    nodes = list(g.nodes)
    sec = sectors or {v: keys[int(rng.integers(0, 4))] for v in nodes}
    return make_net([(f"n{v}", sec[v]) for v in nodes], [(f"n{a}", f"n{b}") for a, b in g.edges])


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


def _random_graph(n, m, seed, extra=True):
    g = nx.gnm_random_graph(n, m, seed=seed)
    if extra:  # small separate components and isolates, as in real case data
        g.add_nodes_from(range(n, n + 12))
        g.add_edges_from(
            [
                (n, n + 1),
                (n + 1, n + 2),
                (n + 3, n + 4),
                (n + 5, n + 6),
                (n + 6, n + 7),
                (n + 7, n + 5),
            ]
        )
    return g


@pytest.mark.parametrize(("n", "m", "seed"), [(12, 20, 1), (40, 60, 2), (300, 700, 3)])
def test_centrality_equals_networkx(n, m, seed):
    assert_centrality_matches_networkx(from_nx(_random_graph(n, m, seed), seed=seed))


# ---------------------------------------------------------------- bridges
# Brokers of every role (sectors in brackets):
#   a[JA] – b[生協], c[JA] – b, a – c, b – d[生協], b – e[JF], d – f[生協], e – h[生協]
BROKERS = make_net(
    [
        ("a", "JA"),
        ("b", "生協"),
        ("c", "JA"),
        ("d", "生協"),
        ("e", "JF"),
        ("f", "生協"),
        ("h", "生協"),
    ],
    [("a", "b"), ("c", "b"), ("a", "c"), ("b", "d"), ("b", "e"), ("d", "f"), ("e", "h")],
)


def test_brokerage_hand_worked():
    # b's neighbours a, c (JA), d (生協), e (JF); a–c tied so skipped.
    #   a–d, c–d, d–e: b shares its sector with one end -> 1 representative + 1 gatekeeper each
    #   a–e, c–e: three sectors -> liaison, counted both ways: 4
    # d's neighbours b, f are both 生協 like d, untied -> coordinator 2
    # e's neighbours b, h are both 生協, e is JF -> itinerant 2
    b = cn.bridges(BROKERS)
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison", "brokerage"]
    got = b[roles].to_dict("index")
    assert got["b"] == dict(zip(roles, [0, 0, 3, 3, 4, 10], strict=True))
    assert got["d"] == dict(zip(roles, [2, 0, 0, 0, 0, 2], strict=True))
    assert got["e"] == dict(zip(roles, [0, 2, 0, 0, 0, 2], strict=True))
    for v in "acfh":
        assert sum(got[v].values()) == 0
    # Ego E–I: b has 3 partners elsewhere, 1 in 生協 -> (3 - 1)/4; d only 生協 -> -1.
    assert b.loc["b", "ei"] == 0.5 and b.loc["d", "ei"] == -1 and b.loc["e", "ei"] == 1
    assert b.loc["b", "sectors_reached"] == 2 and b.loc["b", "cross_ties"] == 3
    assert b["articulation"].to_dict() == dict(zip("abcdefh", [0, 1, 0, 1, 1, 0, 0], strict=True))


def test_inter_sector_betweenness_hand_worked():
    # Sectors: JA {a, c}, 生協 {b, d, f, h}, JF {e}: 14 cross-sector pairs in all.
    # d carries f–a, f–c, f–e (3) of the 14 - 3 cross pairs without d  -> 3/11
    # e carries h–a, h–c (2) of 14 - 6 = 8                                -> 1/4
    # b carries {a, c} × {d, f, e, h} (8) plus d–e, f–e (2) of 14 - 3     -> 10/11
    ib = cn.bridges(BROKERS)["inter_betweenness"]
    assert ib.to_dict() == pytest.approx(
        {"a": 0, "b": 10 / 11, "c": 0, "d": 3 / 11, "e": 1 / 4, "f": 0, "h": 0}, abs=1e-12
    )


def test_inter_sector_betweenness_equals_networkx_subsets():
    g = _random_graph(60, 110, 5)
    net = from_nx(g, seed=5)
    got = cn.bridges(net)["inter_betweenness"]
    for v, want in inter_sector_betweenness_reference(net).items():
        assert got[v] == pytest.approx(want, abs=1e-12)


def test_inter_sector_betweenness_sampled_sources():
    net = from_nx(_random_graph(80, 160, 6), seed=6)
    exact = cn.bridges(net)["inter_betweenness"]
    assert cn.bridges(net, k=len(net.orgs))["inter_betweenness"].equals(exact)
    a = cn.bridges(net, k=40, seed=3)["inter_betweenness"]
    assert a.equals(cn.bridges(net, k=40, seed=3)["inter_betweenness"])
    assert not a.equals(exact)
    assert np.corrcoef(a, exact)[0, 1] > 0.8  # an estimate of the same quantity


def test_brokerage_matches_sna_oracle():
    oracle = json.loads(ORACLE.read_text(encoding="utf-8"))
    net = make_net(
        [(d["id"], d["sector"]) for d in oracle["nodes"]], [tuple(e) for e in oracle["edges"]]
    )
    b = cn.bridges(net)
    names = {
        "w_I": "coordinator",
        "w_O": "itinerant",
        "b_IO": "representative",
        "b_OI": "gatekeeper",
        "b_O": "liaison",
        "t": "brokerage",
    }
    for node, counts in oracle["sna_raw_nli"].items():
        for sna, ours in names.items():
            assert b.loc[node, ours] == counts[sna], (node, sna)
    whole = oracle["ei_index_whole_network"]
    ei = cn.ei_index(net, n_perm=0).loc[ALL]
    assert (ei["external"], ei["internal"]) == (whole["external"], whole["internal"])
    assert ei["ei"] == pytest.approx(whole["ei"], abs=1e-12)


def test_graph_bridges_and_cross_sector_edges(small_net):
    # small_net is the path ja – coop (2 partnerships) – jf – city: every tie is a bridge.
    gb = cn.graph_bridges(small_net)
    assert list(zip(gb["source"], gb["target"], gb["cut_off"], strict=True)) == [
        ("coop", "jf", 2),
        ("ja", "coop", 1),
        ("jf", "city", 1),
    ]
    assert gb["partnerships"].tolist() == [1, 2, 1]
    assert gb["cases"].tolist() == ["海岸清掃", "包括連携協定", "海岸清掃"]
    x = cn.cross_sector_edges(small_net)
    assert list(x.index) == [0, 1, 2, 3]
    assert x["sectors"].tolist() == ["JA–生協", "JA–生協", "生協–JF", "JF–行政"]
    assert x["bridge"].all()


def test_graph_bridges_hand_worked_and_networkx():
    # In BROKERS the triangle a–b–c holds; b–d, d–f, b–e, e–h are bridges.
    gb = cn.graph_bridges(BROKERS)
    assert list(zip(gb["source"], gb["target"], gb["cut_off"], strict=True)) == [
        ("b", "d", 2),
        ("b", "e", 2),
        ("d", "f", 1),
        ("e", "h", 1),
    ]
    g = _random_graph(200, 260, 7)
    net = from_nx(g, seed=7)
    gb = cn.graph_bridges(net)
    h = net.to_graph()
    assert {frozenset(p) for p in zip(gb["source"], gb["target"], strict=True)} == {
        frozenset(p) for p in nx.bridges(h)
    }
    for s, t, cut in zip(gb["source"], gb["target"], gb["cut_off"], strict=True):
        k = h.copy()
        k.remove_edge(s, t)
        assert cut == min(
            len(nx.node_connected_component(k, s)), len(nx.node_connected_component(k, t))
        )
    ap = cn.bridges(net)["articulation"]
    assert set(ap.index[ap]) == set(nx.articulation_points(h))


# ------------------------------------------------------------------ E–I
def test_ei_index_hand_worked_and_exact_permutation_test():
    # Ties of BROKERS: a–b, c–b, b–e, e–h cross sectors (E = 4); a–c, b–d, d–f stay (I = 3).
    ei = cn.ei_index(BROKERS, n_perm=4000, seed=2)
    assert ei.loc[ALL, ["internal", "external"]].tolist() == [3, 4]
    assert ei.loc[ALL, "ei"] == pytest.approx(1 / 7)
    # JA: a–c inside, a–b and c–b leaving -> 1/3; 生協: 2 inside, 4 leaving -> 1/3; JF: +1.
    assert ei.loc[["JA", "生協", "JF"], "ei"].tolist() == pytest.approx([1 / 3, 1 / 3, 1])
    # Exact null for the whole network: 1 - 2 Σ n_s(n_s - 1) / (n(n - 1)) = 1 - 28/42.
    assert ei.loc[ALL, "expected"] == pytest.approx(1 / 3, abs=0.02)
    # Enumerate all 7!/(2! 4! 1!) = 105 distinct labellings for the exact p-value.
    c = integer_form(BROKERS)
    values = []
    for ja in itertools.combinations(range(7), 2):
        rest = [i for i in range(7) if i not in ja]
        for jf in rest:
            lab = np.full(7, 1)
            lab[list(ja)] = 0
            lab[jf] = 2
            inside = int((lab[c.u] == lab[c.v]).sum())
            values.append((7 - 2 * inside) / 7)
    values = np.array(values)
    mean = values.mean()
    assert mean == pytest.approx(1 / 3)
    exact_p = np.mean(np.abs(values - mean) >= abs(1 / 7 - mean) - 1e-12)
    assert ei.loc[ALL, "p_value"] == pytest.approx(exact_p, abs=0.03)


def test_ei_index_reproducible_and_invariants():
    net = cn.load_sample()
    a = cn.ei_index(net, n_perm=300, seed=5)
    pd.testing.assert_frame_equal(a, cn.ei_index(net, n_perm=300, seed=5))
    assert not a["expected"].equals(cn.ei_index(net, n_perm=300, seed=6)["expected"])
    sectors = a.drop(index=ALL)
    ties = len(integer_form(net).u)
    assert sectors["internal"].sum() + a.loc[ALL, "external"] == ties
    assert sectors["external"].sum() == 2 * a.loc[ALL, "external"]
    assert a["orgs"].iloc[:-1].sum() == len(net.orgs) == a.loc[ALL, "orgs"]
    assert ((a["p_value"] > 0) & (a["p_value"] <= 1)).all()


# --------------------------------------------------------- sector pairs
# Case X: a–b twice and a–c (all JA–生協); case Y: d–e (JA–生協) and d–f (JA–JA);
# case Z: b–c (生協–生協). 6 JA ends and 6 生協 ends, m = 6.
PAIRS = make_net(
    [("a", "JA"), ("b", "生協"), ("c", "生協"), ("d", "JA"), ("e", "生協"), ("f", "JA")],
    [
        ("a", "b", "産消提携型", "X"),
        ("a", "b", "産消提携型", "X"),
        ("a", "c", "産消提携型", "X"),
        ("d", "e", "地域連携型", "Y"),
        ("d", "f", "地域連携型", "Y"),
        ("b", "c", "災害支援型", "Z"),
    ],
)


def test_sector_pairs_hand_worked_by_partnership():
    p = cn.sector_pairs(PAIRS, by="partnership", n_perm=4000, seed=1)
    assert p[["sector_a", "sector_b", "count"]].values.tolist() == [
        ["JA", "生協", 4],
        ["JA", "JA", 1],
        ["生協", "生協", 1],
    ]
    assert p["same"].tolist() == [False, True, True]
    assert p["share"].tolist() == pytest.approx([4 / 6, 1 / 6, 1 / 6])
    # Expected under re-paired ends: d_a d_b / (2m - 1) = 36/11; d(d - 1) / (2(2m - 1)) = 30/22.
    assert p["expected"].tolist() == pytest.approx([36 / 11, 30 / 22, 30 / 22])
    assert p["ratio"].tolist() == pytest.approx([4 / (36 / 11), 1 / (30 / 22), 1 / (30 / 22)])
    # Exact null: matchings of 6 JA and 6 生協 ends with j JA–JA pairs number
    # (C(6,2j)(2j-1)!!)² (6-2j)!: 720, 5400, 4050, 225 for j = 0..3 (sum 11!! = 10395).
    # P(JA–生協 >= 4) = P(j <= 1) = 6120/10395; P(JA–JA >= 1) = 9675/10395.
    assert p.loc[1, "p_value"] == pytest.approx(6120 / 10395, abs=0.025)
    assert p.loc[2, "p_value"] == pytest.approx(9675 / 10395, abs=0.015)


def test_rematched_tables_have_the_exact_distribution():
    tables = rematched_tables(np.array([6, 6]), 6, 20_000, np.random.default_rng(0))
    # columns: JA–JA, JA–生協, 生協–生協
    assert (tables.sum(axis=1) == 6).all()
    assert (tables[:, 0] == tables[:, 2]).all()  # both sectors have 6 ends
    freq = np.bincount(tables[:, 0], minlength=4) / len(tables)
    assert freq == pytest.approx(np.array([720, 5400, 4050, 225]) / 10395, abs=0.01)


def test_sector_pairs_by_case_counts_each_case_once():
    p = cn.sector_pairs(PAIRS, by="case", n_perm=500, seed=1)
    # JA–生協 appears in cases X and Y, JA–JA in Y, 生協–生協 in Z: 3 cases in all.
    # (JA–JA and 生協–生協 tie on count; their order follows the simulated ratio.)
    got = {
        (a, b): (n, share)
        for a, b, n, share in p[["sector_a", "sector_b", "count", "share"]].values
    }
    assert got == {
        ("JA", "生協"): (2, pytest.approx(2 / 3)),
        ("JA", "JA"): (1, pytest.approx(1 / 3)),
        ("生協", "生協"): (1, pytest.approx(1 / 3)),
    }
    assert p.loc[1, ["sector_a", "sector_b"]].tolist() == ["JA", "生協"]
    assert (p["expected"] <= 3).all() and (p["expected"] > 0).all()
    # filtering by type keeps only that type's partnerships
    # (equal counts, no expectation without re-pairings: taxonomy order decides)
    q = cn.sector_pairs(PAIRS, by="case", types="地域連携型", n_perm=0)
    assert q[["sector_a", "sector_b", "count"]].values.tolist() == [
        ["JA", "JA", 1],
        ["JA", "生協", 1],
    ]
    assert q["p_value"].isna().all() and q["expected"].isna().all()


def _matchings(items):
    """Every perfect matching of ``items`` (a list of even length)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for i, partner in enumerate(rest):
        for tail in _matchings(rest[:i] + rest[i + 1 :]):
            yield [(first, partner), *tail]


def test_sector_pairs_by_case_expected_is_exact_under_the_null():
    # Exact expectation for PAIRS (cases of 3, 2 and 1 partnerships): enumerate
    # all 11!! = 10395 matchings of the 12 ends; given a matching with U_p ties
    # of pair p dealt at random to the 6 partnerships, a case of s partnerships
    # misses p with probability C(6 - U_p, s) / C(6, s).
    ends = ["JA"] * 6 + ["生協"] * 6
    pairs = [("JA", "JA"), ("JA", "生協"), ("生協", "生協")]
    total = dict.fromkeys(pairs, 0.0)
    n = 0
    for matching in _matchings(list(range(12))):
        types = [tuple(sorted((ends[a], ends[b]), key=["JA", "生協"].index)) for a, b in matching]
        for p in pairs:
            u = types.count(p)
            total[p] += sum(1 - math.comb(6 - u, s) / math.comb(6, s) for s in (3, 2, 1))
        n += 1
    assert n == 10395
    exact = {p: v / n for p, v in total.items()}
    got = cn.sector_pairs(PAIRS, by="case", n_perm=20_000, seed=0)
    got = {(a, b): e for a, b, e in got[["sector_a", "sector_b", "expected"]].values}
    for p in pairs:
        assert got[p] == pytest.approx(exact[p], abs=0.02), p


def test_sector_pairs_invariants_on_bundled_data():
    net = cn.load_sample()
    by_p = cn.sector_pairs(net, by="partnership", n_perm=200, seed=3)
    by_c = cn.sector_pairs(net, by="case", n_perm=200, seed=3)
    n_cases = net.edges["case"].nunique()
    assert by_p["count"].sum() == len(net.edges)
    assert by_p["share"].sum() == pytest.approx(1)
    assert by_p["expected"].sum() <= len(net.edges) + 1e-9
    assert (by_c["count"] <= n_cases).all() and (by_c["expected"] <= n_cases).all()
    merged = by_c.merge(by_p, on=["sector_a", "sector_b"], suffixes=("_c", "_p"))
    assert len(merged) == len(by_c) == len(by_p)
    assert (merged["count_c"] <= merged["count_p"]).all()
    assert list(by_c.index) == list(range(1, len(by_c) + 1))
    assert by_c["count"].is_monotonic_decreasing
    pd.testing.assert_frame_equal(by_c, cn.sector_pairs(net, by="case", n_perm=200, seed=3))
    assert ((by_c["p_value"] > 0) & (by_c["p_value"] <= 1)).all()
    m = cn.sector_matrix(net)
    assert (
        m.loc["JA", "生協"] == by_p.set_index(["sector_a", "sector_b"]).loc[("JA", "生協"), "count"]
    )


def test_sector_matrix_counts_each_partnership_once():
    # The oracle README's example: nx.attribute_mixing_matrix counts A–A twice.
    g = nx.Graph([(0, 1), (2, 3), (0, 4), (2, 5)])
    group = {0: "JA", 1: "JA", 2: "生協", 3: "生協", 4: "JF", 5: "森林組合"}
    nx.set_node_attributes(g, group, "sector")
    mapping = {s: i for i, s in enumerate(["JA", "生協", "JF", "森林組合"])}
    ref = nx.attribute_mixing_matrix(g, "sector", mapping=mapping, normalized=False)
    assert ref.tolist() == [[2, 0, 1, 0], [0, 2, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]]
    m = cn.sector_matrix(from_nx(g, sectors=group))
    assert m.to_numpy().tolist() == [[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 0, 0], [0, 1, 0, 0]]
    assert list(m.index) == list(m.columns) == ["JA", "生協", "JF", "森林組合"]
    net = cn.load_sample()
    m = cn.sector_matrix(net).to_numpy()
    assert (m == m.T).all() and np.triu(m).sum() == len(net.edges)


def test_bad_arguments_name_the_parameter():
    with pytest.raises(
        ValueError, match=r"by='cases' is not valid; choose from 'case', 'partnership'"
    ):
        cn.sector_pairs(PAIRS, by="cases")
    with pytest.raises(ValueError, match=r"n_perm=-1"):
        cn.sector_pairs(PAIRS, n_perm=-1)
    with pytest.raises(ValueError, match="types="):
        cn.sector_pairs(PAIRS, types="なし型")
    with pytest.raises(TypeError, match=r"coopnet\.Network"):
        cn.centrality(nx.Graph())
    with pytest.raises(ValueError, match=r"k=2\.5"):
        cn.bridges(PAIRS, k=2.5)


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


def test_communities_on_bundled_data_wrap_networkx():
    net = cn.load_sample()
    com = cn.communities(net, seed=4)
    members = [m for ms in com["members"] for m in ms]
    assert sorted(members) == sorted(net.orgs.index) and len(members) == len(set(members))
    assert com["size"].is_monotonic_decreasing
    g = net.to_graph()
    q = cn.modularity_comparison(net, seed=4)
    assert q.loc["louvain", "modularity"] == pytest.approx(
        nx.community.modularity(g, [set(m) for m in com["members"]], weight="weight")
    )
    pd.testing.assert_frame_equal(com, cn.communities(net, seed=4))


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


def test_bridges_on_very_large_networks_estimate_only_big_components():
    # 20,001 organisations, one tie: every component is small, so nothing is sampled
    big = make_net([(f"o{i}", "JA" if i % 2 else "生協") for i in range(20_001)], [("o0", "o1")])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        b = cn.bridges(big)
    assert len(b) == 20_001 and b["articulation"].sum() == 0
    assert b.attrs["estimated"] == {}


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
    full = func(BROKERS)
    for net in (make_net([], []), make_net([("a", "JA"), ("b", "生協")], [])):
        got = func(net)
        if func is not cn.sector_matrix:
            assert list(got.columns) == list(full.columns)
    edgeless = make_net([("a", "JA"), ("b", "生協")], [])
    if func is cn.centrality:
        assert func(edgeless)[["partners", "betweenness", "closeness"]].sum().sum() == 0
        assert func(edgeless)["eigenvector"].tolist() == pytest.approx([2**-0.5] * 2)
