"""The integer form of a network, computed once and shared by every measure and picture.

Organisations become the integers ``0..n-1`` in the order of ``net.orgs``; the
partnerships between each pair of organisations collapse to one tie (the same
pairs as :meth:`Network.to_graph`) whose weight is the number of partnerships.
:class:`~coopnet.Network` builds it on first use and keeps it (its tables are
read-only, so it cannot go stale); :func:`integer_form` is the way in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse import csgraph


@dataclass(frozen=True, eq=False)
class IntegerForm:
    """A network as arrays: ties ``u[i] < v[i]`` with ``weight[i]`` partnerships."""

    ids: pd.Index
    sector: np.ndarray  # sector code of each organisation (index into ``sectors``)
    sectors: list[str]  # sector names, in the network's (taxonomy) order
    src: np.ndarray  # organisation code of each partnership's source (edges order)
    dst: np.ndarray
    case: np.ndarray  # case code of each partnership (index into ``cases``)
    cases: pd.Index  # case names, in order of first appearance in ``edges``
    u: np.ndarray  # ties, u < v, sorted
    v: np.ndarray
    weight: np.ndarray  # partnerships per tie (float)
    tie_of_edge: np.ndarray  # tie index of each partnership
    # results of path searches, kept so that measures sharing a search run it once
    # (see coopnet.structure.search_paths); the tables never change, so neither do these
    searched: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def n(self) -> int:
        return len(self.ids)

    @cached_property
    def adjacency(self) -> sp.csr_array:
        """Symmetric 0/1 adjacency (float64, CSR, sorted indices)."""
        return symmetric(self.u, self.v, np.ones(len(self.u)), self.n)

    @cached_property
    def components(self) -> np.ndarray:
        """Connected-component label of each organisation."""
        if self.n == 0:
            return np.zeros(0, dtype=np.int64)
        return csgraph.connected_components(self.adjacency, directed=False)[1]

    @cached_property
    def partners(self) -> np.ndarray:
        """Distinct partner organisations of each organisation (degree)."""
        return np.bincount(np.r_[self.u, self.v], minlength=self.n).astype(np.int64)

    @cached_property
    def partnerships(self) -> np.ndarray:
        """Partnership rows each organisation takes part in (weighted degree)."""
        return np.bincount(np.r_[self.src, self.dst], minlength=self.n).astype(np.int64)

    @cached_property
    def cases_per_org(self) -> np.ndarray:
        """Distinct cases each organisation has a partnership in."""
        n_case = max(len(self.cases), 1)
        org = np.r_[self.src, self.dst]
        keys = np.unique(org * n_case + np.r_[self.case, self.case])
        return np.bincount(keys // n_case, minlength=self.n).astype(np.int64)

    def rustworkx(self):
        """The ties as a ``rustworkx.PyGraph`` whose node ``i`` is organisation ``i``."""
        import rustworkx as rx

        g = rx.PyGraph(multigraph=False)
        g.add_nodes_from(range(self.n))
        g.add_edges_from_no_data(list(zip(self.u.tolist(), self.v.tolist(), strict=True)))
        return g


def symmetric(u, v, data, n) -> sp.csr_array:
    """The symmetric ``n × n`` CSR matrix with ``data`` at ``(u, v)`` and ``(v, u)``."""
    a = sp.coo_array((np.r_[data, data], (np.r_[u, v], np.r_[v, u])), shape=(n, n)).tocsr()
    a.sort_indices()
    return a


def build(orgs: pd.DataFrame, edges: pd.DataFrame, sectors: list[str]) -> IntegerForm:
    """The integer form of the tables ``orgs`` (indexed by id) and ``edges``."""
    ids = orgs.index
    n = len(ids)
    src = np.asarray(ids.get_indexer(edges["source"]), dtype=np.int64)
    dst = np.asarray(ids.get_indexer(edges["target"]), dtype=np.int64)
    if (src < 0).any() or (dst < 0).any():
        raise ValueError("every partnership must join two organisations of net.orgs")
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keys, tie_of_edge, counts = np.unique(
        lo * max(n, 1) + hi, return_inverse=True, return_counts=True
    )
    u, v = np.divmod(keys, max(n, 1))
    sector = np.asarray(pd.Index(sectors).get_indexer(orgs["sector"]), dtype=np.int64)
    case, cases = pd.factorize(edges["case"])
    return IntegerForm(
        ids=ids,
        sector=sector,
        sectors=list(sectors),
        src=src,
        dst=dst,
        case=np.asarray(case, dtype=np.int64),
        cases=pd.Index(cases),
        u=u.astype(np.int64),
        v=v.astype(np.int64),
        weight=counts.astype(np.float64),
        tie_of_edge=tie_of_edge.reshape(-1).astype(np.int64),
    )


def integer_form(net) -> IntegerForm:
    """The integer form of ``net`` (built once per network, then reused)."""
    return net._form


def org_columns(net) -> pd.DataFrame:
    """``name`` and ``sector`` of every organisation, indexed by id: the first
    columns of every per-organisation table."""
    orgs = net.orgs
    return pd.DataFrame({"name": orgs["name"], "sector": orgs["sector"]}, index=orgs.index)
