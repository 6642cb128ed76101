"""Shortest-path kernels: closeness and between-group betweenness, many sources at once.

Breadth-first search from a batch of sources is run as sparse × dense matrix
products (the "algebraic" form of Brandes' algorithm): column ``b`` of the dense
``n × B`` arrays belongs to source ``b``. Sources are taken component by
component and each batch works only on the organisations of its components, so
a network of many small cases costs little. Memory stays at a few ``n × B``
arrays (``B`` is chosen so one array is about 16 MB).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import scipy.sparse as sp

_CELLS = 2_000_000  # elements in one n × B working array


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
    step = int(np.clip(_CELLS // max(n, 1), 16, 256))
    i = 0
    while i < len(src):
        lo = first[src[i]]
        j = min(i + step, len(src))
        # keep one batch's node range small when components are small
        limit = max(step, 4 * (last[src[i]] - lo))
        while j > i + 1 and last[src[j - 1]] - lo > limit:
            j -= 1
        hi = last[src[j - 1]]
        nodes = order[lo:hi]
        sub = adjacency[nodes][:, nodes].tocsr()
        yield src[i:j] - lo, nodes, sub, last[src[i:j]] - first[src[i:j]] - 1
        i = j


def closeness(adjacency: sp.csr_array, components: np.ndarray) -> np.ndarray:
    """Closeness with Wasserman–Faust scaling, as ``networkx.closeness_centrality``.

    ``(r - 1) / sum_of_distances * (r - 1) / (n - 1)`` where ``r`` counts the
    organisations reachable from (and including) the node; 0 when ``r == 1``.
    """
    n = adjacency.shape[0]
    out = np.zeros(n)
    if n <= 1:
        return out
    a32 = adjacency.astype(np.float32)
    for src, nodes, sub, others in _batches(a32, components, np.arange(n)):
        b = len(src)
        cols = np.arange(b)
        frontier = np.zeros((len(nodes), b), dtype=np.float32)
        frontier[src, cols] = 1
        unvisited = np.ones((len(nodes), b), dtype=bool)
        unvisited[src, cols] = False
        total = np.zeros(b)
        reached = np.zeros(b)
        d = 0
        while (reached < others).any():
            d += 1
            new = (sub @ frontier) > 0
            new &= unvisited
            count = new.sum(axis=0)
            total += d * count
            reached += count
            unvisited ^= new
            frontier = new.astype(np.float32)
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(total > 0, reached / total * reached / (n - 1), 0.0)
        out[nodes[src]] = c
    return out


def group_betweenness(
    adjacency: sp.csr_array,
    components: np.ndarray,
    groups: np.ndarray,
    *,
    sources: np.ndarray | None = None,
) -> np.ndarray:
    """Betweenness over pairs of nodes in different groups (unordered, unnormalised).

    For each node ``v``: the sum over unordered pairs ``{s, t}`` with
    ``groups[s] != groups[t]`` (``v`` neither) of ``sigma_st(v) / sigma_st``.
    With ``sources`` (a sample of ``k`` nodes) the sum is estimated from those
    sources only and scaled by ``n / k``, as networkx does for its ``k=``.
    Pass distinct groups for every node to get ordinary betweenness.
    """
    n = adjacency.shape[0]
    out = np.zeros(n)
    all_sources = sources is None
    sources = np.arange(n) if all_sources else np.asarray(sources, dtype=np.int64)
    if n <= 2 or len(sources) == 0:
        return out
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
        while left.any():
            nxt = sub @ frontier
            np.multiply(nxt, unvisited, out=nxt)
            new = nxt > 0
            left -= new.sum(axis=0)
            unvisited ^= new
            sigma += nxt
            levels.append(new)
            frontier = nxt
        if len(levels) < 2:
            continue
        cross = groups[nodes][:, None] != groups[nodes[src]][None, :]
        inverse = np.zeros_like(sigma)
        np.divide(1.0, sigma, out=inverse, where=sigma > 0)
        delta = np.zeros_like(sigma)
        for d in range(len(levels), 1, -1):
            coef = cross + delta
            coef *= inverse
            coef *= levels[d - 1]
            pull = sub @ coef
            pull *= sigma
            pull *= levels[d - 2]
            delta += pull
        out[nodes] += delta.sum(axis=1)
    scale = 0.5 if all_sources else 0.5 * n / len(sources)
    return out * scale
