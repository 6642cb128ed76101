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

from collections.abc import Callable, Iterator
from dataclasses import dataclass

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


@dataclass(frozen=True)
class SourcePlan:
    """Which organisations a search starts from, and how their sums are scaled.

    Components of at most ``k`` organisations are searched from every member
    (exact, and cheap); each larger component ``c`` from ``k_c`` members drawn at
    random without replacement, ``k_c`` in proportion to its size (at least one),
    and every sum over its sources is multiplied by ``size_c / k_c``. This is
    Brandes & Pich's uniform pivot sampling, stratified by component: unbiased
    for every organisation, and for a connected network exactly networkx's
    ``betweenness_centrality(k=)`` estimator (``k`` pivots, scaled ``n / k``).
    """

    sources: np.ndarray | None  # None: every organisation (exact)
    scale: np.ndarray  # per organisation: size / sources of its component
    sampled: int  # sources drawn at random (0: the result is exact)


def plan_sources(components: np.ndarray, k: int | None, seed: int) -> SourcePlan:
    """The :class:`SourcePlan` for ``k`` sampled sources (``None``: exact)."""
    n = len(components)
    scale = np.ones(n)
    if k is None or n == 0:
        return SourcePlan(None, scale, 0)
    size = np.bincount(components)
    big = np.flatnonzero(size > k)
    if len(big) == 0:
        return SourcePlan(None, scale, 0)
    share = k * size[big] / size[big].sum()
    take = np.floor(share).astype(np.int64)
    extra = k - int(take.sum())  # largest remainders get one more
    take[np.argsort(-(share - take), kind="stable")[:extra]] += 1
    take = np.maximum(take, 1)
    rng = np.random.default_rng(seed)
    picked = [np.flatnonzero(size[components] <= k)]  # small components: every member
    for comp, count in zip(big, take, strict=True):
        members = np.flatnonzero(components == comp)
        picked.append(rng.choice(members, size=int(count), replace=False))
        scale[members] = len(members) / count
    return SourcePlan(np.sort(np.concatenate(picked)), scale, int(take.sum()))


def shortest_paths(
    adjacency: sp.csr_array,
    components: np.ndarray,
    *,
    groups: np.ndarray | list | None = None,
    plan: SourcePlan | None = None,
    progress: Callable[[int], object] | None = None,
) -> tuple:
    """Betweenness and closeness from one breadth-first search per source.

    Returns ``(betweenness, closeness)``; with a list of ``groups`` (arrays or
    None), ``([betweenness for each], closeness)`` from the same searches:

    - ``betweenness[v]``: the sum over unordered pairs ``{s, t}`` (``v`` neither)
      of ``sigma_st(v) / sigma_st`` — unnormalised, as networkx's
      ``normalized=False``. With ``groups``, only pairs in different groups
      count. With a sampling ``plan`` (see :func:`plan_sources`) each
      organisation's sum over the sampled sources is scaled by ``plan.scale``.
    - ``closeness[v]`` with Wasserman–Faust scaling as
      ``networkx.closeness_centrality``: ``(r - 1) / s * (r - 1) / (n - 1)`` where
      ``r`` counts the organisations reachable from (and including) ``v`` and ``s``
      is their total distance from ``v``; 0 when ``r == 1``. With a ``plan``,
      ``s`` is Eppstein & Wang's estimate: ``v``'s distances to the sampled
      sources of its component, summed and scaled by ``plan.scale`` (a source's
      own value is exact when that sum is 0).

    ``progress(count)`` is called after each batch with the number of sources
    searched in it.
    """
    n = adjacency.shape[0]
    several = isinstance(groups, list)
    kinds = groups if several else [groups]
    betweens = [np.zeros(n) for _ in kinds]
    close = np.zeros(n)
    sampled = plan is not None and plan.sources is not None
    sources = plan.sources if sampled else np.arange(n)
    if n <= 1 or len(sources) == 0:
        return (betweens if several else betweens[0]), close
    dist = np.zeros(n) if sampled else None  # distances summed over the sources
    for src, nodes, sub, others in _batches(adjacency, components, sources):
        b = len(src)
        width = -(-b // 8) * 8  # columns past b search from nowhere: rows read as 8-byte words
        cols = np.arange(b)
        sigma = np.zeros((len(nodes), width))
        sigma[src, cols] = 1.0
        unvisited = np.ones((len(nodes), width), dtype=bool)
        unvisited[src, cols] = False
        frontier = sigma.copy()
        rows = np.zeros(len(nodes), dtype=bool)
        rows[src] = True
        levels: list[np.ndarray] = []  # levels[d - 1]: nodes at distance d
        reached: list[np.ndarray] = []  # reached[d - 1]: rows of levels[d - 1] with any
        left = others.copy()
        total = np.zeros(b)
        while left.any():
            nxt = _spread(sub, frontier, rows)
            np.multiply(nxt, unvisited, out=nxt)
            new = nxt > 0
            count = new.sum(axis=0)[:b]
            left -= count
            total += (len(levels) + 1) * count
            if dist is not None:
                dist[nodes] += (len(levels) + 1) * _count_rows(new)
            unvisited ^= new
            sigma += nxt
            rows = _any_rows(new)
            levels.append(new)
            reached.append(rows)
            frontier = nxt
        with np.errstate(divide="ignore", invalid="ignore"):
            close[nodes[src]] = np.where(total > 0, others / total * others / (n - 1), 0.0)
        if len(levels) >= 2:
            for between, ends in zip(betweens, kinds, strict=True):
                delta = _dependencies(sub, sigma, levels, reached, ends, nodes, src)
                between[nodes] += delta.sum(axis=1)
        if progress is not None:
            progress(b)
    for between in betweens:
        between *= 0.5 * (plan.scale if sampled else 1.0)
    out = betweens if several else betweens[0]
    if not sampled:
        return out, close
    reach = np.bincount(components)[components] - 1.0  # others in the component
    estimate = dist * plan.scale
    with np.errstate(divide="ignore", invalid="ignore"):
        guess = reach / estimate * reach / (n - 1)
    return out, np.where(estimate > 0, guess, close)


def _spread(sub: sp.csr_array, x: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``sub @ x`` for ``x`` that is 0 outside ``rows`` (a boolean mask).

    A breadth-first level is often a small part of the component: then only the
    columns of the (symmetric) ``sub`` that meet it are used, read as its rows.
    """
    active = np.flatnonzero(rows)
    if 3 * len(active) > len(rows):
        return sub @ x
    return sub[active].T @ x[active]


def _dependencies(sub, sigma, levels, reached, groups, nodes, src) -> np.ndarray:
    """Brandes' accumulation: ``delta[v, b]``, the dependency of source ``b`` on ``v``."""
    if groups is None:
        ends = 1.0
    else:
        ends = np.zeros(sigma.shape, dtype=bool)  # the padding columns count no pair
        ends[:, : len(src)] = groups[nodes][:, None] != groups[nodes[src]][None, :]
    inverse = np.zeros_like(sigma)
    np.divide(1.0, sigma, out=inverse, where=sigma > 0)
    delta = np.zeros_like(sigma)
    for d in range(len(levels), 1, -1):
        coef = delta + ends
        coef *= inverse
        coef *= levels[d - 1]
        pull = _spread(sub, coef, reached[d - 1])
        pull *= sigma
        pull *= levels[d - 2]
        delta += pull
    return delta


_BYTES = np.uint64(0x0101010101010101)


def _words(mask: np.ndarray) -> np.ndarray | None:
    """A C-ordered ``(n, 8 w)`` boolean array as ``(n, w)`` 8-byte words (None if not)."""
    if mask.ndim != 2 or mask.shape[1] % 8 or not mask.flags.c_contiguous:
        return None
    return mask.view(np.uint64)


def _any_rows(mask: np.ndarray) -> np.ndarray:
    """``mask.any(axis=1)``, a word per 8 columns (numpy reduces short rows slowly)."""
    words = _words(mask)
    if words is None:
        return mask.any(axis=1)
    if words.shape[1] == 1:
        return words[:, 0] != 0
    return np.bitwise_or.reduce(words, axis=1) != 0


def _count_rows(mask: np.ndarray) -> np.ndarray:
    """``np.count_nonzero(mask, axis=1)``: each word's bytes (0 or 1) summed by one
    multiplication into its top byte."""
    words = _words(mask)
    if words is None:
        return np.count_nonzero(mask, axis=1)
    counts = (words * _BYTES) >> np.uint64(56)
    return (counts[:, 0] if words.shape[1] == 1 else counts.sum(axis=1)).astype(np.int64)
