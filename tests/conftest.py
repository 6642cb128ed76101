"""Shared fixtures: small hand-made networks written as users' CSV files."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopnet as cn

ORGS = """id,name,name_en,sector,prefecture,note
ja,JA香川県,JA Kagawa,JA,香川県,
coop,コープかがわ,Co-op Kagawa,生協,香川県,
jf,漁協（香川県）,Local JF,JF,香川県,
city,高松市,Takamatsu City,行政,香川県,
"""

EDGES = """source,target,type,case,year,evidence
ja,coop,事業連携型,包括連携協定,2019,協定
ja,coop,事業連携型,包括連携協定,2020,店舗
coop,jf,学習会・イベント型,海岸清掃,,清掃
jf,city,地域連携型,海岸清掃,2021,
"""


def write(path, text: str, encoding: str = "utf-8", newline: str = "\n") -> str:
    """Write ``text`` as a user's file would be saved and return its path."""
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def small_files(tmp_path):
    """(orgs.csv, edges.csv) of a four-organisation network in plain UTF-8."""
    return write(tmp_path / "orgs.csv", ORGS), write(tmp_path / "edges.csv", EDGES)


@pytest.fixture
def small_net(small_files):
    import coopnet as cn

    return cn.read_csv(*small_files)


def assert_centrality_matches_networkx(net) -> None:
    """cn.centrality equals networkx's exact results (≤ 1e-9) on ``net``'s collapsed graph."""
    import networkx as nx
    import numpy as np

    import coopnet as cn

    c = cn.centrality(net)
    c = c.set_index("id") if "id" in c.columns else c
    h = net.to_graph()
    ids = list(net.orgs.index)
    for column, ref in [
        ("betweenness", nx.betweenness_centrality(h)),
        ("closeness", nx.closeness_centrality(h)),
        ("pagerank", nx.pagerank(h, weight=None, tol=1e-14, max_iter=10_000)),
        # networkx's power iteration; its numpy variant refuses disconnected graphs
        ("eigenvector", nx.eigenvector_centrality(h, weight=None, tol=1e-15, max_iter=100_000)),
    ]:
        want = np.array([ref[i] for i in ids])
        got = c[column].reindex(ids).to_numpy(dtype=float)
        assert np.abs(got - want).max() <= 1e-9, column
    assert c["partners"].reindex(ids).tolist() == [h.degree(i) for i in ids]
    assert c["partnerships"].reindex(ids).tolist() == [net.graph.degree(i) for i in ids]


def inter_sector_betweenness_reference(net) -> dict:
    """Inter-sector betweenness from networkx alone, for checking ``cn.bridges``.

    Shortest paths between organisations of different sectors = all pairs minus
    the pairs inside each sector (networkx's subset betweenness); each organisation's
    count is divided by the cross-sector pairs it is not an end of.
    """
    import networkx as nx

    h = net.to_graph()
    sector = net.orgs["sector"]
    ref = nx.betweenness_centrality(h, normalized=False)
    for s in set(sector):
        members = list(sector.index[sector == s])
        within = nx.betweenness_centrality_subset(h, members, members, normalized=False)
        for v in ref:
            ref[v] -= within[v]
    n = len(sector)
    sizes = sector.value_counts()
    total = (n * n - int((sizes**2).sum())) // 2
    return {v: ref[v] / (total - (n - sizes[sector[v]])) for v in h}


def make_net(orgs, edges, *, name="test") -> cn.Network:
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
    return cn.Network(o, df, name=name)


def from_nx(g, sectors=None, seed=0) -> cn.Network:
    rng = np.random.default_rng(seed)
    keys = list(cn.taxonomy.SECTORS)
    nodes = list(g.nodes)
    sec = sectors or {v: keys[int(rng.integers(0, 4))] for v in nodes}
    return make_net([(f"n{v}", sec[v]) for v in nodes], [(f"n{a}", f"n{b}") for a, b in g.edges])


def random_graph(n, m, seed, extra=True):
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


# ------------------------------------------------------------ the map page in Chromium
@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Playwright), one per test module."""
    from page_visit import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def visit(browser):
    """``visit(path, viewport=(w, h))`` opens a page (page_visit.Visit); closed after."""
    from page_visit import Visit

    opened = []

    def open_(path, **kw):
        v = Visit(browser, path, **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()
