"""Integer form of a network for the fast kernels behind :mod:`coopnet.analysis`.

Organisations become the integers ``0..n-1`` in the order of ``net.orgs``; the
partnerships between each pair of organisations collapse to one tie (the same
pairs as :meth:`Network.to_graph`) whose weight is the number of partnerships.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph


@dataclass(frozen=True)
class Collapsed:
    """A network as arrays: ties ``u[i] < v[i]`` with ``weight[i]`` partnerships."""

    ids: pd.Index
    sector: np.ndarray  # sector code of each organisation (index into ``sectors``)
    sectors: list[str]  # sector names, in the network's (taxonomy) order
    src: np.ndarray  # organisation code of each partnership's source (edges order)
    dst: np.ndarray
    u: np.ndarray  # ties, u < v, sorted
    v: np.ndarray
    weight: np.ndarray  # partnerships per tie (float)
    tie_of_edge: np.ndarray  # tie index of each partnership

    @property
    def n(self) -> int:
        return len(self.ids)

    @cached_property
    def adjacency(self) -> sp.csr_array:
        """Symmetric 0/1 adjacency (float64, CSR, sorted indices)."""
        return _symmetric(self.u, self.v, np.ones(len(self.u)), self.n)

    @cached_property
    def weighted(self) -> sp.csr_array:
        """Symmetric adjacency holding the number of partnerships per tie."""
        return _symmetric(self.u, self.v, self.weight, self.n)

    @cached_property
    def components(self) -> np.ndarray:
        """Connected-component label of each organisation."""
        if self.n == 0:
            return np.zeros(0, dtype=np.int64)
        return csgraph.connected_components(self.adjacency, directed=False)[1]

    def rustworkx(self):
        """The ties as a ``rustworkx.PyGraph`` whose node ``i`` is organisation ``i``."""
        import rustworkx as rx

        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(self.n))
        g.add_edges_from_no_data(list(zip(self.u.tolist(), self.v.tolist(), strict=True)))
        return g


def _symmetric(u, v, data, n) -> sp.csr_array:
    a = sp.coo_array((np.r_[data, data], (np.r_[u, v], np.r_[v, u])), shape=(n, n)).tocsr()
    a.sort_indices()
    return a


def collapse(net) -> Collapsed:
    """Integer arrays for ``net`` (see :class:`Collapsed`)."""
    ids = net.orgs.index
    n = len(ids)
    src = np.asarray(ids.get_indexer(net.edges["source"]), dtype=np.int64)
    dst = np.asarray(ids.get_indexer(net.edges["target"]), dtype=np.int64)
    if (src < 0).any() or (dst < 0).any():
        raise ValueError("every partnership must join two organisations of net.orgs")
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keys, tie_of_edge, counts = np.unique(
        lo * max(n, 1) + hi, return_inverse=True, return_counts=True
    )
    u, v = np.divmod(keys, max(n, 1))
    sectors = list(net.sectors)
    sector = np.asarray(pd.Index(sectors).get_indexer(net.orgs["sector"]), dtype=np.int64)
    return Collapsed(
        ids=ids,
        sector=sector,
        sectors=sectors,
        src=src,
        dst=dst,
        u=u.astype(np.int64),
        v=v.astype(np.int64),
        weight=counts.astype(np.float64),
        tie_of_edge=tie_of_edge.reshape(-1).astype(np.int64),
    )


def cases_per_org(net, c: Collapsed) -> np.ndarray:
    """Number of distinct cases each organisation takes part in."""
    case_code = pd.factorize(net.edges["case"])[0].astype(np.int64)
    n_case = int(case_code.max()) + 1 if len(case_code) else 1
    org = np.r_[c.src, c.dst]
    keys = np.unique(org * n_case + np.r_[case_code, case_code])
    return np.bincount(keys // n_case, minlength=c.n)
