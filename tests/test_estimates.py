"""Estimated betweenness and closeness (``k`` sampled sources) against exact values.

The oracle is networkx: exact values from ``betweenness_centrality`` and
``closeness_centrality``; for a fixed set of sources, the estimate from
``betweenness_centrality_subset`` and ``shortest_path_length``.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopnet as cn
from coopnet import structure
from coopnet._kernels.form import integer_form
from coopnet._kernels.paths import plan_sources
from coopnet.network import Network


def network_of(g: nx.Graph) -> Network:
    """A Network whose organisation ``n<v>`` is node ``v`` of ``g`` (sectors alternate)."""
    sectors = list(cn.taxonomy.SECTORS)[:3]
    ids = [f"n{v}" for v in g.nodes]
    orgs = pd.DataFrame(
        {
            "name": ids,
            "name_en": ids,
            "sector": [sectors[i % 3] for i in range(len(ids))],
            "prefecture": "",
            "note": "",
        },
        index=pd.Index(ids, name="id"),
    )
    edges = pd.DataFrame(
        {
            "source": [f"n{a}" for a, _ in g.edges],
            "target": [f"n{b}" for _, b in g.edges],
            "type": "事業連携型",
            "case": "c",
            "year": pd.array([pd.NA] * g.number_of_edges(), dtype="Int64"),
            "evidence": "",
        }
    )
    return Network(orgs, edges, name="g")


def graph(seed: int = 1) -> nx.Graph:
    """A connected random graph of 40 nodes plus a triangle and an isolated node."""
    g = nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=seed)
    g.add_edges_from([(40, 41), (41, 42), (42, 40)])
    g.add_node(43)
    return g


G = graph()
NET = network_of(G)
N = G.number_of_nodes()


def exact_values() -> tuple[np.ndarray, np.ndarray]:
    b = nx.betweenness_centrality(G)
    c = nx.closeness_centrality(G)
    return np.array([b[v] for v in G]), np.array([c[v] for v in G])


def test_k_as_large_as_the_network_is_exact():
    exact = cn.centrality(NET)
    for k in (N, 10 * N, 40):  # 40 >= the largest component: nothing left to sample
        got = cn.centrality(NET, k=k)
        assert got.attrs["estimated"] == {}
        pd.testing.assert_frame_equal(got, exact)
    assert cn.bridges(NET, k=N).attrs["estimated"] == {}


def test_estimates_say_so():
    got = cn.centrality(NET, k=10, seed=3)
    assert got.attrs["estimated"] == {"betweenness": 10, "closeness": 10}
    assert cn.bridges(NET, k=10).attrs["estimated"] == {"inter_betweenness": 10}
    assert cn.centrality(NET).attrs["estimated"] == {}
    # the same seed, the same estimate
    pd.testing.assert_frame_equal(got, cn.centrality(NET, k=10, seed=3))


def test_fixed_sources_equal_networkx_subset_betweenness():
    """For given sources, the estimate is networkx's subset betweenness from them,
    scaled by size / sources (n / k on the connected part)."""
    k = 10
    c = integer_form(NET)
    plan = plan_sources(c.components, k, seed=5)
    giant = set(range(40))
    picked = [int(s) for s in plan.sources if s in giant]
    assert len(picked) == k
    got = cn.centrality(NET, k=k, seed=5)
    sub = nx.betweenness_centrality_subset(G, sources=picked, targets=list(G), normalized=False)
    pairs = (N - 1) * (N - 2) / 2
    for v in giant:
        assert got["betweenness"].iloc[v] == pytest.approx(sub[v] * 40 / k / pairs, abs=1e-12)
    # Eppstein–Wang: total distance estimated from the sampled sources' distances
    for v in giant:
        total = sum(nx.shortest_path_length(G, s, v) for s in picked) * 40 / k
        want = 39 / total * 39 / (N - 1) if total else 0
        if v in picked and total == 0:  # pragma: no cover - not with 10 sources
            continue
        assert got["closeness"].iloc[v] == pytest.approx(want, rel=1e-12)
    # the triangle and the isolated node (components of at most k) stay exact
    exact_b, exact_c = exact_values()
    np.testing.assert_allclose(got["betweenness"].iloc[40:], exact_b[40:], atol=1e-12)
    np.testing.assert_allclose(got["closeness"].iloc[40:], exact_c[40:], atol=1e-12)


def test_mean_over_seeds_approaches_exact():
    exact_b, exact_c = exact_values()
    runs = [cn.centrality(NET, k=8, seed=s) for s in range(300)]
    mean_b = np.mean([r["betweenness"].to_numpy() for r in runs], axis=0)
    mean_c = np.mean([r["closeness"].to_numpy() for r in runs], axis=0)
    one_b = runs[0]["betweenness"].to_numpy()
    # unbiased: the mean of 300 estimates is far closer than one estimate
    assert np.abs(mean_b - exact_b).max() < 0.2 * np.abs(one_b - exact_b).max()
    np.testing.assert_allclose(mean_b, exact_b, atol=0.012)
    # closeness is the reciprocal of an unbiased total: slightly high with 8 of 40
    # sources (Jensen's inequality), within a few per cent
    np.testing.assert_allclose(mean_c, exact_c, rtol=0.05)
    assert (mean_c >= exact_c - 1e-12).mean() > 0.9


def test_bridges_mean_over_seeds_approaches_exact():
    exact = cn.bridges(NET)["inter_betweenness"].to_numpy()
    runs = [cn.bridges(NET, k=8, seed=s)["inter_betweenness"].to_numpy() for s in range(300)]
    np.testing.assert_allclose(np.mean(runs, axis=0), exact, atol=0.015)


def test_large_networks_are_estimated_by_default(monkeypatch):
    monkeypatch.setattr(structure, "LARGE_NETWORK", 30)
    monkeypatch.setattr(structure, "DEFAULT_K", 12)
    assert cn.centrality(NET).attrs["estimated"] == {"betweenness": 12, "closeness": 12}
    assert cn.bridges(NET).attrs["estimated"] == {"inter_betweenness": 12}
    assert cn.centrality(NET, exact=True).attrs["estimated"] == {}
    assert cn.bridges(NET, exact=True).attrs["estimated"] == {}
    assert cn.centrality(NET, k=5).attrs["estimated"] == {"betweenness": 5, "closeness": 5}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"k": 0}, r"k=0 is not valid"),
        ({"k": 2.5}, r"k=2\.5 is not valid"),
        ({"k": 10, "exact": True}, r"contradict"),
        ({"exact": "yes"}, r"exact='yes' is not valid"),
        ({"seed": -1}, r"seed=-1 is not valid"),
    ],
)
@pytest.mark.parametrize("func", [cn.centrality, cn.bridges])
def test_bad_options(func, kwargs, match):
    with pytest.raises(ValueError, match=match):
        func(NET, **kwargs)


# ------------------------------------------------ the report and the commands say so
@pytest.fixture
def large(monkeypatch):
    """NET counts as a large network: estimated from 12 sources unless asked."""
    monkeypatch.setattr(structure, "LARGE_NETWORK", 30)
    monkeypatch.setattr(structure, "DEFAULT_K", 12)
    return NET


def test_report_says_which_measures_are_estimated(large, tmp_path):
    lines: list[str] = []
    files = cn.report(large, tmp_path / "r", echo=lines.append)
    assert files.attrs["estimated"] == {
        "betweenness": 12,
        "closeness": 12,
        "inter_betweenness": 12,
    }
    summary = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert "無作為に選んだ 12 組織" in summary
    assert "estimated from 12 randomly chosen organisations" in summary
    assert any(
        "Betweenness, closeness and inter-sector betweenness are estimated" in x for x in lines
    )
    # the deck's bridges slide: the same table as bridges.csv, and the same sources
    from pptx import Presentation

    notes = [
        s.notes_slide.notes_text_frame.text
        for s in Presentation(tmp_path / "r" / "slides.pptx").slides
        if s.has_notes_slide
    ]
    assert sum("無作為に選んだ 12 組織からの推定値" in x for x in notes) == 1


def test_exact_report_says_nothing_of_estimates(tmp_path):
    lines: list[str] = []
    files = cn.report(NET, tmp_path / "r", echo=lines.append)
    assert files.attrs["estimated"] == {}
    summary = (tmp_path / "r" / "summary.md").read_text(encoding="utf-8")
    assert "推定" not in summary and "estimated from" not in summary
    assert not any("estimated" in x for x in lines)


@pytest.fixture
def csv_files(tmp_path):
    folder = cn.write_csv(NET, tmp_path / "net")
    return [str(folder / "orgs.csv"), str(folder / "edges.csv")]


@pytest.mark.parametrize("command", ["centrality", "bridges"])
def test_commands_say_when_they_estimate(large, csv_files, command, capsys):
    from coopnet.cli import main

    args = [command, "--orgs", csv_files[0], "--edges", csv_files[1], "--quiet"]
    assert main(args) == 0
    out = capsys.readouterr()
    assert "estimated from 12 randomly chosen organisations" in out.out
    assert main([*args, "--exact"]) == 0
    assert "estimated" not in capsys.readouterr().out
    assert main([*args, "--sample", "7", "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert "estimated from 7 randomly chosen" in out.err and "estimated" not in out.out
    assert main([*args, "--sample", "7", "--exact"]) == 2
    assert "contradict" in capsys.readouterr().err


@pytest.mark.parametrize("k", [None, 10])
def test_one_search_for_both_tables_gives_the_same_values(k):
    """The report searches once for centrality and bridges; the values are those of
    separate calls on fresh networks."""
    net = network_of(G)
    if k is None:
        structure.search_paths(net, seed=4)
    else:
        c = integer_form(net)
        structure.searched_paths(c, k, 4, ("betweenness", "inter_betweenness"))
    fresh = network_of(G)
    pd.testing.assert_frame_equal(
        cn.centrality(net, k=k, seed=4), cn.centrality(fresh, k=k, seed=4)
    )
    pd.testing.assert_frame_equal(
        cn.bridges(net, k=k, seed=4), cn.bridges(network_of(G), k=k, seed=4)
    )
    assert len(integer_form(net).searched) == 1  # nothing searched again


@pytest.mark.parametrize("width", [8, 16, 13])
def test_row_reductions_read_as_words_equal_numpys(width):
    from coopnet._kernels.paths import _any_rows, _count_rows

    mask = np.random.default_rng(width).random((50, width)) < 0.2
    mask[3] = True  # a full row: every byte of its words counted
    mask[4] = False
    np.testing.assert_array_equal(_any_rows(mask), mask.any(axis=1))
    np.testing.assert_array_equal(_count_rows(mask), np.count_nonzero(mask, axis=1))
    np.testing.assert_array_equal(_any_rows(mask[:, ::-1]), mask[:, ::-1].any(axis=1))
