"""Who bridges sectors: brokerage roles against R's sna, inter-sector betweenness
against networkx, graph bridges and the E–I index by hand."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import (
    from_nx,
    inter_sector_betweenness_reference,
    make_net,
    random_graph,
)

import coopnet as cn
from coopnet._kernels.form import integer_form
from coopnet.brokerage import ALL

# R sna 2.7-1 brokerage() output (copied from the project's shared oracles; see its "how").
ORACLE = Path(__file__).parent / "data" / "brokerage_kite.json"

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
    g = random_graph(60, 110, 5)
    net = from_nx(g, seed=5)
    got = cn.bridges(net)["inter_betweenness"]
    for v, want in inter_sector_betweenness_reference(net).items():
        assert got[v] == pytest.approx(want, abs=1e-12)


def test_inter_sector_betweenness_sampled_sources():
    net = from_nx(random_graph(80, 160, 6), seed=6)
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
    g = random_graph(200, 260, 7)
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


def test_bridges_on_very_large_networks_estimate_only_big_components():
    # 20,001 organisations, one tie: every component is small, so nothing is sampled
    big = make_net([(f"o{i}", "JA" if i % 2 else "生協") for i in range(20_001)], [("o0", "o1")])
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        b = cn.bridges(big)
    assert len(b) == 20_001 and b["articulation"].sum() == 0
    assert b.attrs["estimated"] == {}
