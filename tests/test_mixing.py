"""Which sectors work together: co-participation in cases against shuffled sectors."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import from_nx, make_net, write

import coopnet as cn
from coopnet._kernels.permute import rematched_tables

# Three cases. In 協議会 a council (協同組合連携組織) has a star to JA, 生協 and JF:
# JA, 生協 and JF never tie directly but all take part. 店舗 is a JA–生協 pair;
# 円卓 has a partnership-less participant (the second JA) listed in members.csv.
ORGS = """id,name,sector
council,協議会,協同組合連携組織
ja1,JA一,JA
ja2,JA二,JA
coop,生協,生協
jf,漁協,JF
city,市,行政
"""
EDGES = """source,target,type,case,year
council,ja1,地域連携型,協議会,2019
council,coop,地域連携型,協議会,2019
council,jf,地域連携型,協議会,2019
ja1,coop,事業連携型,店舗,2020
ja1,city,学習会・イベント型,円卓,2021
"""
CASES = """case,type,year
協議会,地域連携型,2019
店舗,事業連携型,2020
円卓,学習会・イベント型,2021
"""
MEMBERS = """case,org,role
円卓,ja2,member
"""


@pytest.fixture
def three_cases(tmp_path):
    paths = [
        write(tmp_path / f, text)
        for f, text in [("o.csv", ORGS), ("e.csv", EDGES), ("c.csv", CASES), ("m.csv", MEMBERS)]
    ]
    return cn.read_csv(paths[0], paths[1], cases=paths[2], members=paths[3])


def _pairs(table: pd.DataFrame) -> dict:
    return {(a, b): n for a, b, n in table[["sector_a", "sector_b", "count"]].itertuples(False)}


def test_co_participation_counts_cases_where_both_sectors_take_part(three_cases):
    got = _pairs(cn.sector_pairs(three_cases, by="co-participation", n_perm=0))
    # 協議会: 連携組織, JA, 生協, JF; 店舗: JA, 生協; 円卓: JA ×2, 行政
    assert got == {
        ("JA", "生協"): 2,
        ("JA", "JF"): 1,
        ("生協", "JF"): 1,
        ("JA", "協同組合連携組織"): 1,
        ("生協", "協同組合連携組織"): 1,
        ("JF", "協同組合連携組織"): 1,
        ("JA", "行政"): 1,
        ("JA", "JA"): 1,  # two JA in 円卓, one of them with no partnership
    }
    # the tie-based count sees no JA–JF tie at all
    assert ("JA", "JF") not in _pairs(cn.sector_pairs(three_cases, by="case", n_perm=0))


def test_co_participation_on_the_bundled_data_against_an_independent_count():
    """Per case, the sectors of both ends of its partnerships and of members.csv,
    read with plain pandas; a pair counts once per case."""
    folder = cn.sample_folder()
    orgs = pd.read_csv(folder / "orgs.csv", dtype=str).set_index("id")
    edges = pd.read_csv(folder / "edges.csv", dtype=str)
    members = pd.read_csv(folder / "members.csv", dtype=str)
    taking_part = pd.concat(
        [
            edges[["case", "source"]].rename(columns={"source": "org"}),
            edges[["case", "target"]].rename(columns={"target": "org"}),
            members[["case", "org"]],
        ]
    ).drop_duplicates()
    want = Counter()
    for _, group in taking_part.groupby("case"):
        sectors = Counter(orgs.loc[group["org"], "sector"])
        order = list(cn.taxonomy.SECTORS)
        present = sorted(sectors, key=order.index)
        for a, b in itertools.combinations(present, 2):
            want[(a, b)] += 1
        for s, n in sectors.items():
            if n >= 2:
                want[(s, s)] += 1
    got = _pairs(cn.sector_pairs(cn.load_sample(), by="co-participation", n_perm=0))
    assert got == dict(want)
    assert got[("JA", "JF")] == 5  # 岡山, 鳥羽, 高知, 釜石 (never tied there), にじ


def _enumerated_expectation(sectors: list[str], cases: list[list[int]], order: list[str]):
    """Mean count per sector pair over every distinct assignment of the sector labels."""
    totals, n_assign = Counter(), 0
    for labels in set(itertools.permutations(sectors)):
        n_assign += 1
        for members in cases:
            present = Counter(labels[i] for i in members)
            for a, b in itertools.combinations_with_replacement(order, 2):
                if (a == b and present[a] >= 2) or (a != b and present[a] and present[b]):
                    totals[(a, b)] += 1
    return {pair: total / n_assign for pair, total in totals.items()}


def test_null_expectation_equals_enumeration_on_a_tiny_network(tmp_path):
    """Seven organisations (A A A B B C D, D in no case) and cases of sizes 2, 3 and
    4: ``expected`` equals the mean over all 420 distinct sector assignments."""
    orgs = "id,name,sector\n" + "\n".join(
        f"o{i},組織{i},{s}" for i, s in enumerate(["JA", "JA", "JA", "生協", "生協", "JF", "行政"])
    )
    edges = "source,target,type,case\n" + "\n".join(
        [
            "o0,o3,事業連携型,c1",
            "o1,o4,事業連携型,c2",
            "o1,o5,事業連携型,c2",
            "o2,o3,事業連携型,c3",
            "o3,o4,事業連携型,c3",
            "o4,o5,事業連携型,c3",
        ]
    )
    net = cn.read_csv(write(tmp_path / "o.csv", orgs), write(tmp_path / "e.csv", edges))
    cases = [[0, 3], [1, 4, 5], [2, 3, 4, 5]]
    order = ["JA", "生協", "JF", "行政"]
    want = _enumerated_expectation(["JA", "JA", "JA", "生協", "生協", "JF", "行政"], cases, order)
    table = cn.sector_pairs(net, by="co-participation", n_perm=0)
    for row in table.itertuples():
        assert row.expected == pytest.approx(want[(row.sector_a, row.sector_b)], abs=1e-12)
    # and the permutations behind p_value draw from that model: their mean agrees
    from coopnet._kernels import permute

    c = net._form
    m = net.members
    null = permute.co_participation_shuffles(
        net.cases.index.get_indexer(m["case"]),
        c.ids.get_indexer(m["org"]),
        c.sector,
        len(net.cases),
        len(c.sectors),
        4000,
        np.random.default_rng(1),
    )
    a, b = np.triu_indices(len(c.sectors))
    for j, (i, k) in enumerate(zip(a, b, strict=True)):
        pair = (c.sectors[i], c.sectors[k])
        assert null[:, j].mean() == pytest.approx(want.get(pair, 0.0), abs=0.05)


@pytest.mark.parametrize("k", [1, 3, 11, 17])
def test_shuffled_co_participation_counts_equal_the_case_by_sector_table(k, monkeypatch):
    # the bit-mask counting (and, above 16 sectors, the table) against the plain
    # per-case table, shuffle by shuffle from the same random draws
    from coopnet._kernels import permute

    gen = np.random.default_rng(k)
    n_orgs, n_cases = 60, 40
    sizes = gen.integers(0, 9, size=n_cases)  # empty, single and larger cases
    case = np.repeat(np.arange(n_cases), sizes)
    org = gen.integers(0, n_orgs, size=len(case))
    keep = np.unique(case * n_orgs + org, return_index=True)[1]  # one row per member
    case, org = case[keep], org[keep]
    shuffled = gen.permutation(len(case))  # the kernel must not rely on sorted rows
    case, org = case[shuffled], org[shuffled]
    sector = gen.integers(0, k, size=n_orgs)

    def plain(labels):
        table = np.zeros((n_cases, k), dtype=int)
        np.add.at(table, (case, labels[org]), 1)
        a, b = np.triu_indices(k)
        both = (table > 0).T.astype(int) @ (table > 0).astype(int)
        return np.where(a == b, (table >= 2).sum(axis=0)[a], both[a, b])

    got = permute.co_participation_shuffles(
        case, org, sector, n_cases, k, 5, np.random.default_rng(7)
    )
    rng = np.random.default_rng(7)
    for p in range(5):
        assert (got[p] == plain(rng.permutation(sector))).all()


def test_p_values_are_valid_and_reproducible(three_cases):
    one = cn.sector_pairs(three_cases, by="co-participation", n_perm=200, seed=3)
    two = cn.sector_pairs(three_cases, by="co-participation", n_perm=200, seed=3)
    pd.testing.assert_frame_equal(one, two)
    assert ((one["p_value"] > 0) & (one["p_value"] <= 1)).all()
    assert np.isclose(one["ratio"], one["count"] / one["expected"]).all()


def test_pairs_above_chance_never_lists_a_pair_below_chance():
    net = cn.load_sample()
    every = cn.sector_pairs(net, by="co-participation", n_perm=300)
    top = cn.pairs_above_chance(net, n_perm=300, alpha=None)
    assert (top["ratio"] > 1).all() and (top["count"] >= 2).all()
    assert list(top["ratio"]) == sorted(top["ratio"], reverse=True)
    below = every[(every["ratio"] <= 1)]
    assert not set(zip(below["sector_a"], below["sector_b"], strict=True)) & set(
        zip(top["sector_a"], top["sector_b"], strict=True)
    )
    # 生協–協同組合連携組織 is frequent but below chance in a tie count: never "most often"
    by_case = cn.pairs_above_chance(net, by="case", n_perm=300, alpha=None)
    ratio = cn.sector_pairs(net, by="case", n_perm=300).set_index(["sector_a", "sector_b"])
    for a, b in zip(by_case["sector_a"], by_case["sector_b"], strict=True):
        assert ratio.loc[(a, b), "ratio"] > 1
    significant = cn.pairs_above_chance(net, n_perm=300, alpha=0.05)
    assert (significant["p_value"] <= 0.05).all()
    assert ("JA", "生協") in set(zip(significant["sector_a"], significant["sector_b"], strict=True))


def test_pairs_above_chance_checks_its_arguments():
    net = cn.load_sample()
    with pytest.raises(ValueError, match="min_count=0"):
        cn.pairs_above_chance(net, min_count=0)
    with pytest.raises(ValueError, match="alpha=2"):
        cn.pairs_above_chance(net, alpha=2)
    with pytest.raises(ValueError, match="by='cases'"):
        cn.sector_pairs(net, by="cases")


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


def test_sector_pairs_are_computed_once_per_question(monkeypatch):
    from coopnet import mixing

    net = cn.load_sample()
    calls = []
    real = mixing._sector_pairs
    monkeypatch.setattr(mixing, "_sector_pairs", lambda *a: calls.append(a[1:]) or real(*a))
    by = "co-participation"
    one = cn.sector_pairs(net, by=by, n_perm=50, seed=1)
    one.loc[1, "count"] = -1  # the caller's copy: what is kept does not change
    two = cn.sector_pairs(net, by=by, n_perm=50, seed=1)
    assert two.loc[1, "count"] > 0
    pd.testing.assert_frame_equal(two, real(net, by, 50, 1))
    cn.sector_pairs(net, by=by, n_perm=50, seed=2)
    cn.pairs_above_chance(net, n_perm=50, seed=1)  # co-participation by default
    cn.sector_pairs(net, n_perm=50, seed=1)  # by case
    assert calls == [(by, 50, 1), (by, 50, 2), ("case", 50, 1)]
