"""Shortest-path kernel: betweenness (optionally between groups) and closeness.

Breadth-first search from a batch of sources is run as sparse × dense matrix
products (the "algebraic" form of Brandes' algorithm): column ``b`` of the dense
``n × B`` arrays belongs to source ``b``. Sources are taken component by
component and each batch works only on the organisations of its components, so
a network of many small cases costs little. Memory stays at a few ``n × B``
arrays (``B`` is chosen so one array is about 2 MB, small enough to stay in
cache, which measured fastest).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

_CELLS = 256_000  # elements in one n × B working array (2 MB: stays in cache)


def _batches(
    adjacency: sp.csr_array, components: np.ndarray, sources: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray, sp.csr_array, np.ndarray]]:
    """Yield ``(sources, nodes, sub_adjacency, others)``; ``sources`` index into ``nodes``.

    ``nodes`` is the union of the components of the batch's sources and
    ``others[b]`` the number of nodes source ``b`` can reach besides itself
    (the search stops once every source has reached them all).
    """
    n = adjacency.shape[0]
    order = np.argsort(components, kind="stable")
    labels = components[order]
    first = np.searchsorted(labels, labels, side="left")  # start of each node's component
    last = np.searchsorted(labels, labels, side="right")
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    src = np.sort(position[sources])  # positions of the sources in component order
    reach = last[src]  # nondecreasing: components are contiguous in this order
    i = 0
    span, sub = None, None
    while i < len(src):
        lo = first[src[i]]
        size = reach[i] - lo
        step = int(np.clip(_CELLS // max(size, 1), 8, 256))
        # sources of several small components share a batch, within a small node range
        limit = lo + max(step, size)
        j = i + max(1, int(np.searchsorted(reach[i : i + step], limit, side="right")))
        hi = reach[j - 1]
        nodes = order[lo:hi]
        if span != (lo, hi):  # the batches of one big component reuse its matrix
            span, sub = (lo, hi), adjacency[nodes][:, nodes].tocsr()
        yield src[i:j] - lo, nodes, sub, reach[i:j] - first[src[i:j]] - 1
        i = j


def shortest_paths(
    adjacency: sp.csr_array,
    components: np.ndarray,
    *,
    groups: np.ndarray | None = None,
    sources: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Betweenness and closeness from one breadth-first search per source.

    Returns ``(betweenness, closeness)``:

    - ``betweenness[v]``: the sum over unordered pairs ``{s, t}`` (``v`` neither)
      of ``sigma_st(v) / sigma_st`` — unnormalised, as networkx's
      ``normalized=False``. With ``groups``, only pairs in different groups
      count. With ``sources`` (a sample of ``k`` nodes) the sum is estimated from
      those sources and scaled by ``n / k``, as networkx does for its ``k=``.
    - ``closeness[s]`` for each source ``s`` (0 for nodes that are not sources),
      with Wasserman–Faust scaling as ``networkx.closeness_centrality``:
      ``(r - 1) / sum_of_distances * (r - 1) / (n - 1)`` where ``r`` counts the
      nodes reachable from (and including) ``s``; 0 when ``r == 1``.
    """
    n = adjacency.shape[0]
    between = np.zeros(n)
    close = np.zeros(n)
    all_sources = sources is None
    sources = np.arange(n) if all_sources else np.asarray(sources, dtype=np.int64)
    if n <= 1 or len(sources) == 0:
        return between, close
    for src, nodes, sub, others in _batches(adjacency, components, sources):
        b = len(src)
        cols = np.arange(b)
        sigma = np.zeros((len(nodes), b))
        sigma[src, cols] = 1.0
        unvisited = np.ones((len(nodes), b), dtype=bool)
        unvisited[src, cols] = False
        frontier = sigma.copy()
        levels: list[np.ndarray] = []  # levels[d - 1]: nodes at distance d
        left = others.copy()
        total = np.zeros(b)
        while left.any():
            nxt = sub @ frontier
            np.multiply(nxt, unvisited, out=nxt)
            new = nxt > 0
            count = new.sum(axis=0)
            left -= count
            total += (len(levels) + 1) * count
            unvisited ^= new
            sigma += nxt
            levels.append(new)
            frontier = nxt
        with np.errstate(divide="ignore", invalid="ignore"):
            close[nodes[src]] = np.where(total > 0, others / total * others / (n - 1), 0.0)
        if len(levels) < 2:
            continue
        ends = 1.0 if groups is None else groups[nodes][:, None] != groups[nodes[src]][None, :]
        inverse = np.zeros_like(sigma)
        np.divide(1.0, sigma, out=inverse, where=sigma > 0)
        delta = np.zeros_like(sigma)
        for d in range(len(levels), 1, -1):
            coef = delta + ends
            coef *= inverse
            coef *= levels[d - 1]
            pull = sub @ coef
            pull *= sigma
            pull *= levels[d - 2]
            delta += pull
        between[nodes] += delta.sum(axis=1)
    scale = 0.5 if all_sources else 0.5 * n / len(sources)
    return between * scale, close
