"""The fast loading path gives what the plain one-by-one code gives, and import stays light."""

import gc
import subprocess
import sys
import unicodedata

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopnet as cn
from coopnet._io.validate import _normalize_many
from coopnet._kernels.graphs import multigraph
from coopnet.taxonomy import normalize_text

TRICKY = [
    "　ＪＡ香川県 ",  # full-width letters and space
    "\u0301starts with a combining accent",
    "ends with e\u0301",  # e + combining acute -> é
    "ｶﾞｲﾄﾞ",  # half-width kana + voiced mark compose
    "ﾞ",  # a lone half-width voiced mark
    "㍻元年",  # square era name expands
    "ﬁle",  # ligature
    "①②",
    "",
    "   ",
    "a\x1fb",  # contains the separator: falls back to one by one
    "\u3000生協\u3000",
    "x\ny",  # multi-line cell
    "Å",  # angstrom sign -> Å
]


def test_normalize_many_equals_normalize_text_one_by_one():
    values = np.array(TRICKY, dtype=object)
    assert list(_normalize_many(values)) == [normalize_text(v) for v in TRICKY]
    # Without the separator value the joined path is taken; still equal.
    plain = np.array([v for v in TRICKY if "\x1f" not in v], dtype=object)
    assert list(_normalize_many(plain)) == [normalize_text(v) for v in plain]
    # Across a boundary: a value ending in a base letter, the next starting with a mark.
    pair = np.array(["e", "\u0301"], dtype=object)
    assert list(_normalize_many(pair)) == ["e", "\u0301"]
    assert unicodedata.normalize("NFKC", "e\u0301") == "é"  # what joining naively would do
    mixed = np.array(["ＡＢ", 3, None], dtype=object)
    assert list(_normalize_many(mixed)) == ["AB", "3", ""]


def _graph_by_public_api(net):
    """The MultiGraph as networkx's own add_nodes_from/add_edges_from build it."""
    g = nx.MultiGraph(name=net.name)
    g.add_nodes_from(
        (n, dict(zip(net.orgs.columns, row, strict=True)))
        for n, row in zip(net.orgs.index, net.orgs.itertuples(index=False), strict=True)
    )
    attrs = [c for c in net.edges.columns if c not in ("source", "target")]
    cols = [net.edges[c].astype(object).where(net.edges[c].notna(), None) for c in attrs]
    g.add_edges_from(
        (s, t, key, dict(zip(attrs, vals, strict=True)))
        for key, s, t, *vals in zip(
            net.edges.index, net.edges["source"], net.edges["target"], *cols, strict=True
        )
    )
    return g


def _typed(items):
    return [(k, v, type(v)) for k, v in items]


@pytest.mark.parametrize(
    "make",
    [
        lambda: cn.synthetic(300, seed=4),
        lambda: cn.synthetic(300, seed=4).filter(types=["災害支援型", "地域連携型"]),
        lambda: cn.load_sample(),
    ],
)
def test_graph_equals_networkx_built_graph(make):
    net = make()
    fast, ref = net.graph, _graph_by_public_api(net)
    assert nx.utils.graphs_equal(fast, ref)
    assert list(fast.nodes) == list(ref.nodes)
    assert list(fast.edges(keys=True)) == list(ref.edges(keys=True))
    for n in ref:
        assert _typed(fast.nodes[n].items()) == _typed(ref.nodes[n].items())
    for u, v, k, d in ref.edges(keys=True, data=True):
        assert _typed(fast.edges[u, v, k].items()) == _typed(d.items())
    # The shared key dict: an edge added later is seen from both ends (on an
    # unfrozen build; ``net.graph`` itself is frozen).
    fast = multigraph(net.orgs, net.edges)
    u, v, _ = next(iter(fast.edges(keys=True)))
    fast.add_edge(u, v, key="new")
    assert fast.has_edge(v, u, key="new")


def test_graph_keeps_endpoints_missing_from_orgs_like_networkx(small_net):
    net = cn.Network(small_net.orgs.drop(index="city"), small_net.edges, name="x")
    assert nx.utils.graphs_equal(net.graph, _graph_by_public_api(net))
    assert net.graph.nodes["city"] == {}


def test_building_the_graph_leaves_the_garbage_collector_as_it_was(small_net):
    assert gc.isenabled()
    _ = cn.Network(small_net.orgs, small_net.edges).graph
    assert gc.isenabled()
    gc.disable()
    try:
        _ = cn.Network(small_net.orgs, small_net.edges).graph
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_utf8_with_repeated_bom_and_cp932_read_the_same(tmp_path, small_files):
    orgs, edges = small_files
    ref = cn.read_csv(orgs, edges)
    text = open(edges, encoding="utf-8").read()
    twice = tmp_path / "twice.csv"
    twice.write_bytes(("\ufeff\ufeff" + text).encode("utf-8"))
    sjis = tmp_path / "sjis.csv"
    sjis.write_bytes(text.encode("cp932"))
    for path in (twice, sjis):
        pd.testing.assert_frame_equal(cn.read_csv(orgs, path).edges, ref.edges)


def test_import_coopnet_does_not_import_drawing_or_peer_libraries():
    code = (
        "import sys, coopnet\n"
        "heavy = ['matplotlib', 'pyvis', 'scipy', 'igraph', 'rustworkx', 'playwright', 'jinja2']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def _to_graph_by_groupby(net):
    """The collapsed graph as the plain pandas groupby code builds it."""
    g = nx.Graph(name=net.name)
    g.add_nodes_from(net.graph.nodes(data=True))
    e = net.edges
    lo = e[["source", "target"]].min(axis=1)
    hi = e[["source", "target"]].max(axis=1)
    grouped = pd.DataFrame({"u": lo, "v": hi, "type": e["type"], "case": e["case"]})
    for (u, v), grp in grouped.groupby(["u", "v"], sort=True):
        g.add_edge(
            u,
            v,
            weight=len(grp),
            types=sorted(set(grp["type"])),
            cases=sorted(set(grp["case"])),
            partnerships=list(grp.index),
        )
    return g


@pytest.mark.parametrize(
    "make",
    [
        lambda: cn.synthetic(300, seed=8),
        lambda: cn.synthetic(300, seed=8).filter(sectors=["JA", "生協", "行政"]),
        lambda: cn.synthetic(300, seed=8).filter(types="災害支援型"),
        lambda: cn.load_sample(),
        lambda: cn.load_sample().filter(types="災害支援型", years=1800),  # no partnerships
    ],
)
def test_to_graph_and_summary_equal_the_groupby_code(make):
    net = make()
    fast, ref = net.to_graph(), _to_graph_by_groupby(net)
    assert type(fast) is nx.Graph and fast.name == ref.name
    assert nx.utils.graphs_equal(fast, ref)
    assert list(fast.edges) == list(ref.edges)  # same order
    for u, v, d in ref.edges(data=True):
        assert _typed(fast.edges[u, v].items()) == _typed(d.items())
        assert [type(r) for r in fast.edges[u, v]["partnerships"]] == [
            type(r) for r in d["partnerships"]
        ]
    pairs = net.edges[["source", "target"]]
    expected = len(pd.DataFrame({"a": pairs.min(axis=1), "b": pairs.max(axis=1)}).drop_duplicates())
    s = net.summary()
    assert s["pairs"] == expected == ref.number_of_edges()
    assert s["isolated"] == sum(1 for _ in nx.isolates(net.graph))
    assert s["components"] == nx.number_connected_components(net.graph)


@pytest.mark.parametrize("size", [300, 2000])
def test_case_table_lists_equal_the_groupby_code(size):
    net = cn.synthetic(size, seed=3)
    cases, members, orgs = net.cases, net.members, net.orgs
    plain = members.groupby("case", sort=False)["org"].agg(list).reindex(cases.index)
    assert cases["members"].tolist() == [m if isinstance(m, list) else [] for m in plain]
    rank = {s: i for i, s in enumerate(net.sectors)}
    assert cases["sectors"].tolist() == [
        sorted(set(orgs["sector"].reindex(m)), key=rank.__getitem__) for m in cases["members"]
    ]
    order = {name: i for i, name in enumerate(cn.prefectures.NAMES)}
    for case, row in cases.head(200).iterrows():
        prefs = {p for p in orgs["prefecture"].reindex(row["members"]) if p}
        want = "、".join(sorted(prefs, key=lambda p: (order.get(p, len(order)), p)))
        assert row["prefecture"] == want, case
