"""Eigenvector centrality (exact, any number of components) and PageRank."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import linalg as spla

_DENSE = 200  # components up to this size use a dense symmetric eigensolver


def _perron(block: sp.csr_array) -> tuple[float, np.ndarray]:
    """Leading eigenvalue and positive unit eigenvector of a connected component."""
    size = block.shape[0]
    if size <= _DENSE:
        values, vectors = np.linalg.eigh(block.toarray())
        value, vector = values[-1], vectors[:, -1]
    else:
        values, vectors = spla.eigsh(block, k=1, which="LA", v0=np.ones(size), tol=0)
        value, vector = values[0], vectors[:, 0]
    vector = np.abs(vector)
    return float(value), vector / np.linalg.norm(vector)


def eigenvector(adjacency: sp.csr_array, components: np.ndarray) -> np.ndarray:
    """Eigenvector centrality, the limit networkx's power iteration aims at.

    On a connected graph this is the Perron vector of the adjacency
    matrix with unit Euclidean norm. On a disconnected graph the leading
    eigenvalue belongs to one component (or to several with exactly the same
    value); the power iteration from the uniform vector converges to that
    component's Perron vector, every other organisation scoring 0, and, when
    components tie, to the sum of their Perron vectors each weighted by its
    overlap with the uniform start vector. We compute each candidate
    component exactly, so the result never depends on convergence.
    """
    n = adjacency.shape[0]
    out = np.zeros(n)
    if n == 0:
        return out
    order = np.argsort(components, kind="stable")
    labels = components[order]
    starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
    ends = np.r_[starts[1:], n]
    # The leading eigenvalue of a component is at most its largest degree.
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    bound = np.maximum.reduceat(degree[order], starts)
    best = -np.inf
    found: list[tuple[float, np.ndarray, np.ndarray]] = []
    for i in np.argsort(-bound, kind="stable"):
        if bound[i] < best * (1 - 1e-12) - 1e-12:
            break
        nodes = order[starts[i] : ends[i]]
        if len(nodes) == 1:  # an isolated organisation (no self-loops)
            value, vector = 0.0, np.ones(1)
        else:
            value, vector = _perron(adjacency[nodes][:, nodes].tocsr())
        found.append((value, nodes, vector))
        best = max(best, value)
    tol = 1e-9 * max(best, 1.0)
    for value, nodes, vector in found:
        if value >= best - tol:
            out[nodes] = vector * vector.sum()
    return out / np.linalg.norm(out)


def pagerank(
    adjacency: sp.csr_array, *, alpha: float = 0.85, tol: float = 1e-14, max_iter: int = 10_000
) -> np.ndarray:
    """PageRank as ``networkx.pagerank`` (weights, uniform teleport and dangling nodes)."""
    n = adjacency.shape[0]
    if n == 0:
        return np.zeros(0)
    out_weight = np.asarray(adjacency.sum(axis=1)).ravel()
    dangling = out_weight == 0
    scale = np.zeros(n)
    scale[~dangling] = 1.0 / out_weight[~dangling]
    transition = (sp.diags_array(scale) @ adjacency).T.tocsr()
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (transition @ last + last[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return x / x.sum()
