"""Gould–Fernandez brokerage counts, computed as R's ``sna::brokerage`` does.

``sna`` counts *ordered* two-paths ``a – v – c`` (``a != c``) with no ``a – c``
tie, on the symmetric adjacency matrix of an undirected graph, and sorts each by
the groups of ``a`` (source), ``v`` (broker) and ``c`` (target):

============== ======== ============================================
role           sna      groups
============== ======== ============================================
coordinator    ``w_I``  a, v, c all in one group
itinerant      ``w_O``  a and c in one group, v in another
representative ``b_IO`` v shares its group with a, not with c
gatekeeper     ``b_OI`` v shares its group with c, not with a
liaison        ``b_O``  a, v and c in three different groups
============== ======== ============================================

Counting works per broker from its neighbours' groups (all ordered pairs of
distinct neighbours) minus the pairs that are tied (each triangle through the
broker closes two ordered pairs), so no two-path is ever listed.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def neighbour_groups(adjacency: sp.csr_array, groups: np.ndarray, k: int) -> np.ndarray:
    """``counts[v, g]``: neighbours of ``v`` in group ``g`` (0/1 adjacency)."""
    n = adjacency.shape[0]
    member = sp.csr_array((np.ones(n), (np.arange(n), groups)), shape=(n, max(k, 1)))
    return np.asarray((adjacency @ member).toarray()).round().astype(np.int64)


def brokerage(
    adjacency: sp.csr_array, u: np.ndarray, v: np.ndarray, groups: np.ndarray, k: int
) -> np.ndarray:
    """``(n, 5)`` int array of sna's raw counts in :data:`ROLES` order.

    ``adjacency`` is the symmetric 0/1 matrix of the ties ``u[i] – v[i]``.
    """
    n = adjacency.shape[0]
    counts = neighbour_groups(adjacency, groups, k)
    own = counts[np.arange(n), groups] if n else np.zeros(0, dtype=np.int64)
    other = counts.sum(axis=1) - own
    same_other = (counts * (counts - 1)).sum(axis=1) - own * (own - 1)
    squares_other = (counts**2).sum(axis=1) - own**2
    out = np.zeros((n, 5), dtype=np.int64)
    out[:, 0] = own * (own - 1)
    out[:, 1] = same_other
    out[:, 2] = own * other
    out[:, 3] = own * other
    out[:, 4] = other**2 - squares_other

    # Subtract tied pairs: each triangle {a, c, w} closes (a, c) and (c, a) at w.
    if len(u):
        common = adjacency[u].multiply(adjacency[v]).tocoo()
        tie, w = common.row, common.col
        ga, gc, gw = groups[u[tie]], groups[v[tie]], groups[w]
        a_in, c_in = ga == gw, gc == gw
        both = a_in & c_in
        mixed = a_in ^ c_in
        outside_same = ~a_in & ~c_in & (ga == gc)
        outside_diff = ~a_in & ~c_in & (ga != gc)
        out[:, 0] -= 2 * np.bincount(w[both], minlength=n)
        out[:, 1] -= 2 * np.bincount(w[outside_same], minlength=n)
        closed_mixed = np.bincount(w[mixed], minlength=n)
        out[:, 2] -= closed_mixed
        out[:, 3] -= closed_mixed
        out[:, 4] -= 2 * np.bincount(w[outside_diff], minlength=n)
    return out
