"""The two-mode network against hand-worked projections and networkx's bipartite module."""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import write
from networkx.algorithms import bipartite

import coopnet as cn

# c1 = {a, b, c} (a star on a), c2 = {a, b}; d takes part in c3 alone (members.csv)
ORGS = "id,name,sector\na,A,JA\nb,B,生協\nc,C,JF\nd,D,行政\n"
EDGES = "source,target,type,case\na,b,地域連携型,c1\na,c,地域連携型,c1\na,b,事業連携型,c2\n"
CASES = "case,type\nc1,地域連携型\nc2,事業連携型\nc3,学習会・イベント型\n"
MEMBERS = "case,org,role\nc3,d,lead\n"


@pytest.fixture
def net(tmp_path):
    files = [
        write(tmp_path / n, t)
        for n, t in [("o.csv", ORGS), ("e.csv", EDGES), ("c.csv", CASES), ("m.csv", MEMBERS)]
    ]
    return cn.read_csv(files[0], files[1], cases=files[2], members=files[3])


def test_affiliation_is_who_takes_part_in_which_case(net):
    b = cn.affiliation(net)
    assert bipartite.is_bipartite(b)
    assert {n for n, d in b.nodes(data="bipartite") if d == 0} == {"a", "b", "c", "d"}
    assert {n for n, d in b.nodes(data="bipartite") if d == 1} == {"c1", "c2", "c3"}
    assert sorted(b.edges()) == sorted(
        [("a", "c1"), ("b", "c1"), ("c", "c1"), ("a", "c2"), ("b", "c2"), ("d", "c3")]
    )
    assert b.edges["a", "c1"] == {"role": "", "tied": True, "partnerships": 2}
    assert b.edges["d", "c3"] == {"role": "lead", "tied": False, "partnerships": 0}
    assert b.nodes["c2"]["type"] == "事業連携型" and b.nodes["c"]["sector"] == "JF"


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        ("count", {("a", "b"): 2, ("a", "c"): 1, ("b", "c"): 1}),
        # Newman: c1 has 3 participants (1/2 per pair), c2 has 2 (1 per pair)
        ("newman", {("a", "b"): 1.5, ("a", "c"): 0.5, ("b", "c"): 0.5}),
        # Jaccard: a and b share both cases; c shares c1 of {c1, c2}
        ("jaccard", {("a", "b"): 1.0, ("a", "c"): 0.5, ("b", "c"): 0.5}),
    ],
)
def test_projection_weights_by_hand(net, weight, expected):
    g = cn.project(net, weight=weight)
    assert set(g.nodes) == {"a", "b", "c", "d"}  # d shares no case: isolated, kept
    got = {tuple(sorted(e)): w for *e, w in g.edges(data="weight")}
    assert got == pytest.approx(expected)


def test_projection_ties_council_members_that_never_tie_directly():
    net = cn.load_sample()
    g = cn.project(net)
    direct = net.to_graph()
    # in 釜石, the JA and the JF work together through the council: no partnership row
    assert g.has_edge("ja-group-iwate", "generic-jf-iwate-kamaishi")
    assert not direct.has_edge("ja-group-iwate", "generic-jf-iwate-kamaishi")
    assert all(g.has_edge(u, v) for u, v in direct.edges)  # every tie shares a case


def test_two_mode_degree_matches_networkx(net):
    d = cn.two_mode_degree(net)
    assert list(d.index) == ["a", "b", "c", "d", "c1", "c2", "c3"]
    assert d["degree"].tolist() == [2, 2, 1, 1, 3, 2, 1]
    # Borgatti–Everett: an organisation over 3 cases, a case over 4 organisations
    assert d["centrality"].tolist() == pytest.approx(
        [2 / 3, 2 / 3, 1 / 3, 1 / 3, 3 / 4, 2 / 4, 1 / 4]
    )
    ref = bipartite.degree_centrality(cn.affiliation(net), ["a", "b", "c", "d"])
    assert d["centrality"].to_dict() == pytest.approx(ref)


def test_projection_weight_must_be_named(net):
    with pytest.raises(ValueError, match="weight='sum' is not valid; choose from 'count'"):
        cn.project(net, weight="sum")
    with pytest.raises(TypeError, match=r"must be a coopnet\.Network"):
        cn.affiliation(nx.Graph())
