"""The networkx graphs of a network, built straight from its tables.

:attr:`coopnet.Network.graph` (one edge per partnership) and
:meth:`coopnet.Network.to_graph` (one edge per pair) are filled through
networkx's documented dict-of-dicts structure, as ``add_edges_from`` would,
without its per-edge overhead.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

import networkx as nx
import numpy as np
import pandas as pd


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while building many small dicts.

    A graph of 250,000 partnerships makes ~300,000 dicts; the collector would
    otherwise walk the growing graph again and again (over half the build time).
    Nothing built here is garbage, and the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _values(column: pd.Series) -> list:
    """Python objects of ``column`` (a missing value is None), fast to iterate."""
    values = column.astype(object)
    if column.hasnans:
        values = values.where(column.notna(), None)
    return values.tolist()


def unordered(edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(smaller, larger) end of every partnership, as object arrays."""
    s = edges["source"].to_numpy(dtype=object)
    t = edges["target"].to_numpy(dtype=object)
    swap = (s > t) if len(s) else np.zeros(0, dtype=bool)
    return np.where(swap, t, s), np.where(swap, s, t)


def multigraph(orgs: pd.DataFrame, edges: pd.DataFrame, *, name: str = "") -> nx.MultiGraph:
    """One node per organisation (its columns as attributes), one edge per partnership
    (key = row of ``edges``)."""
    g = nx.MultiGraph(name=name)
    # Filled through networkx's documented dict-of-dicts structure
    # (g._node[n] = attrs, g._adj[u][v][key] = attrs, both directions sharing
    # the key dict), as add_edges_from would, without its per-edge overhead.
    node, adj = g._node, g._adj
    columns = [orgs[c].astype(object).tolist() for c in orgs.columns]
    names = list(orgs.columns)
    for n, *row in zip(orgs.index.tolist(), *columns, strict=True):
        node[n] = dict(zip(names, row, strict=True))
        adj[n] = {}
    attrs = [c for c in edges.columns if c not in ("source", "target")]
    cols = [_values(edges[c]) for c in attrs]
    for key, s, t, *values in zip(
        edges.index.tolist(),
        _values(edges["source"]),
        _values(edges["target"]),
        *cols,
        strict=True,
    ):
        nbrs = adj.get(s)
        if nbrs is None:  # an endpoint missing from orgs becomes a bare node
            node[s], nbrs = {}, adj.setdefault(s, {})
        keydict = nbrs.get(t)
        if keydict is None:
            if t not in adj:
                node[t], adj[t] = {}, {}
            keydict = nbrs[t] = adj[t][s] = {}
        keydict[key] = dict(zip(attrs, values, strict=True))
    return g


def simple_graph(graph: nx.MultiGraph, edges: pd.DataFrame, *, name: str = "") -> nx.Graph:
    """One edge per pair of organisations, with ``weight``, ``types``, ``cases`` and
    ``partnerships`` (see :meth:`coopnet.Network.to_graph`)."""
    g = nx.Graph(name=name)
    with gc_paused():
        g.add_nodes_from(graph.nodes(data=True))
    e = edges
    lo, hi = unordered(e)
    if len(e) == 0:
        return g
    # Pairs sorted as groupby(["u", "v"], sort=True) would; rows in file order within.
    lo_code, _ = pd.factorize(lo, sort=True)
    hi_code, _ = pd.factorize(hi, sort=True)
    key = lo_code.astype(np.int64) * (int(hi_code.max()) + 1) + hi_code
    order = np.argsort(key, kind="stable")
    starts = np.flatnonzero(np.r_[True, key[order][1:] != key[order][:-1]])
    ends = np.r_[starts[1:], len(order)].tolist()
    us, vs = lo[order[starts]].tolist(), hi[order[starts]].tolist()
    types = e["type"].to_numpy(dtype=object)[order].tolist()
    cases = e["case"].to_numpy(dtype=object)[order].tolist()
    rows = e.index.to_numpy()[order].tolist()
    adj = g._adj  # networkx's documented dict-of-dicts, as in ``graph``
    with gc_paused():
        for a, b, u, v in zip(starts.tolist(), ends, us, vs, strict=True):
            if b - a == 1:
                attrs = {"weight": 1, "types": [types[a]], "cases": [cases[a]]}
            else:
                attrs = {
                    "weight": b - a,
                    "types": sorted(set(types[a:b])),
                    "cases": sorted(set(cases[a:b])),
                }
            attrs["partnerships"] = rows[a:b]
            adj[u][v] = adj[v][u] = attrs
    return g
