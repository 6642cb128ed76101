"""The partnership network: organisations, partnerships, and their graphs."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from . import taxonomy

if TYPE_CHECKING:
    from ._kernels.form import IntegerForm

__all__ = ["Network"]


def _as_list(value, name: str) -> list:
    if value is None:
        return []
    if isinstance(value, str | int):
        return [value]
    try:
        return list(value)
    except TypeError:
        raise TypeError(f"{name}= takes a value or a list of values, not {value!r}") from None


def _check_choices(values: list, name: str, normalise, choices: Iterable[str]) -> list[str]:
    choices = list(choices)
    out = []
    for v in values:
        canon = normalise(v)
        if canon is None or canon not in choices:
            hint = taxonomy.suggest(v, choices)
            tail = f" Did you mean {hint!r}?" if hint else ""
            raise ValueError(
                f"{name}={v!r} is not in this network; choose from: {', '.join(choices)}.{tail}"
            )
        out.append(canon)
    return out


class Network:
    """Organisations (nodes, with a sector) and partnerships (typed edges, with a case).

    Build one with :func:`coopnet.load_sample` or :func:`coopnet.read_csv`; the
    constructor expects frames that have already been validated.

    Attributes
    ----------
    orgs : pandas.DataFrame
        One row per organisation, indexed by ``id``; columns ``name``, ``name_en``,
        ``sector``, ``prefecture``, ``note`` and any extra columns of the input.
    edges : pandas.DataFrame
        One row per partnership; columns ``source``, ``target``, ``type``, ``case``,
        ``year`` (nullable integer), ``evidence`` and any extra columns.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> net.graph.number_of_edges() == len(net.edges)
    True
    """

    def __init__(
        self,
        orgs: pd.DataFrame,
        edges: pd.DataFrame,
        *,
        name: str = "",
        _styles: dict | None = None,
    ):
        # Copy-on-write copies: changing the caller's frames later, or the frames
        # these properties hand out, never changes the network (or its caches).
        self._orgs = orgs.copy(deep=False)
        self._edges = edges.copy(deep=False)
        self.name = name
        self._parent_styles = _styles

    @property
    def orgs(self) -> pd.DataFrame:
        """One row per organisation, indexed by ``id`` (a copy: edit it, then build
        a new ``Network``; the network itself never changes)."""
        return self._orgs.copy(deep=False)

    @property
    def edges(self) -> pd.DataFrame:
        """One row per partnership (a copy, as :attr:`orgs`)."""
        return self._edges.copy(deep=False)

    @cached_property
    def _form(self) -> IntegerForm:
        """The integer form every measure and picture shares (built once)."""
        from ._kernels.form import build  # scipy loads only when a measure needs it

        return build(self._orgs, self._edges, self.sectors)

    # ------------------------------------------------------------------ graphs
    @cached_property
    def graph(self) -> nx.MultiGraph:
        """networkx MultiGraph: one edge per partnership (key = row of ``edges``).

        Node attributes are the columns of ``orgs``; edge attributes the columns of
        ``edges`` other than source and target (a missing year is None). The graph
        is frozen (``networkx.freeze``): use ``nx.MultiGraph(net.graph)`` for a copy
        to change.
        """
        with _gc_paused():
            return nx.freeze(self._build_graph())

    def _build_graph(self) -> nx.MultiGraph:
        g = nx.MultiGraph(name=self.name)
        # Filled through networkx's documented dict-of-dicts structure
        # (g._node[n] = attrs, g._adj[u][v][key] = attrs, both directions sharing
        # the key dict), as add_edges_from would, without its per-edge overhead.
        node, adj = g._node, g._adj
        columns = [self._orgs[c].astype(object).tolist() for c in self._orgs.columns]
        names = list(self._orgs.columns)
        for n, *row in zip(self._orgs.index.tolist(), *columns, strict=True):
            node[n] = dict(zip(names, row, strict=True))
            adj[n] = {}
        attrs = [c for c in self._edges.columns if c not in ("source", "target")]
        cols = [_values(self._edges[c]) for c in attrs]
        for key, s, t, *values in zip(
            self._edges.index.tolist(),
            _values(self._edges["source"]),
            _values(self._edges["target"]),
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

    def to_graph(self) -> nx.Graph:
        """Collapse to a simple graph: one edge per pair of organisations.

        Each edge has ``weight`` (the number of partnerships between the pair),
        ``types`` and ``cases`` (sorted lists of the distinct values) and
        ``partnerships`` (the row labels in ``edges``).

        Examples
        --------
        >>> import coopnet as cn
        >>> g = cn.load_sample().to_graph()
        >>> sum(w for _, _, w in g.edges(data="weight")) == len(cn.load_sample().edges)
        True
        """
        g = nx.Graph(name=self.name)
        with _gc_paused():
            g.add_nodes_from(self.graph.nodes(data=True))
        e = self._edges
        lo, hi = _unordered(e)
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
        with _gc_paused():
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

    # --------------------------------------------------------------- subsets
    @cached_property
    def types(self) -> list[str]:
        """Partnership types present, in the taxonomy's order (unknown ones last)."""
        present = set(self._edges["type"].unique())  # unique() first: iterating is slow
        known = [t for t in taxonomy.TYPES if t in present]
        return known + sorted(present - set(known))

    @cached_property
    def sectors(self) -> list[str]:
        """Sectors present, in the taxonomy's order (unknown ones last)."""
        present = set(self._orgs["sector"].unique())
        known = [s for s in taxonomy.SECTORS if s in present]
        return known + sorted(present - set(known))

    @cached_property
    def sector_styles(self) -> dict[str, tuple[str, str]]:
        """``{sector: (colour, marker)}`` for every sector present (see
        :func:`coopnet.taxonomy.sector_styles`); a sub-network made by
        :meth:`filter` keeps its parent's styles, so a sector looks the same in
        every picture of one network.

        Examples
        --------
        >>> import coopnet as cn
        >>> cn.load_sample().sector_styles["JA"]
        ('#117733', 'o')
        """
        styles = dict(self._parent_styles or {})
        fresh = taxonomy.sector_styles([*styles, *self.sectors])
        fresh.update(styles)
        return {s: fresh[s] for s in self.sectors}

    def filter(
        self,
        *,
        types=None,
        sectors=None,
        prefectures=None,
        years=None,
        cases=None,
    ) -> Network:
        """Return a new network restricted to some partnerships or organisations.

        Parameters
        ----------
        types, sectors, prefectures, cases : str or list of str, optional
            Keep partnerships of these types / in these cases, and organisations
            in these sectors / prefectures. Values are normalised as on loading
            (``"人材育成型"`` finds 人事育成型, ``"農協"`` finds JA).
        years : int or (int, int), optional
            Keep partnerships that started in this year or in this inclusive range
            (partnerships without a year are dropped).

        Notes
        -----
        Organisation criteria drop organisations (and their partnerships). When a
        partnership criterion (types, years, cases) is given, organisations left
        without any partnership are dropped too, so ``by_type`` shows only the
        organisations that take part in that type.

        Examples
        --------
        >>> import coopnet as cn
        >>> net = cn.load_sample()
        >>> sub = net.filter(types="災害支援型")
        >>> set(sub.edges["type"])
        {'災害支援型'}
        """
        orgs, edges = self._orgs, self._edges
        if sectors is not None:
            keep = _check_choices(
                _as_list(sectors, "sectors"), "sectors", _sector_key, self.sectors
            )
            orgs = orgs[orgs["sector"].isin(keep)]
        if prefectures is not None:
            keep = [taxonomy.normalize_text(p) for p in _as_list(prefectures, "prefectures")]
            orgs = orgs[orgs["prefecture"].isin(keep)]
        edge_criteria = False
        if types is not None:
            keep = _check_choices(_as_list(types, "types"), "types", _type_key, self.types)
            edges = edges[edges["type"].isin(keep)]
            edge_criteria = True
        if cases is not None:
            keep = [taxonomy.normalize_text(c) for c in _as_list(cases, "cases")]
            edges = edges[edges["case"].isin(keep)]
            edge_criteria = True
        if years is not None:
            lo, hi = _year_range(years)
            year = edges["year"]
            edges = edges[year.notna() & (year >= lo) & (year <= hi)]
            edge_criteria = True
        edges = edges[edges["source"].isin(orgs.index) & edges["target"].isin(orgs.index)]
        if edge_criteria:
            active = pd.Index(edges["source"]).union(pd.Index(edges["target"]))
            orgs = orgs[orgs.index.isin(active)]
        return Network(orgs, edges, name=self.name, _styles=self.sector_styles)

    def by_type(self, ptype: str) -> Network:
        """The sub-network of one partnership type (see :meth:`filter`).

        Examples
        --------
        >>> import coopnet as cn
        >>> sub = cn.load_sample().by_type("人材育成型")   # alias of 人事育成型
        >>> sub.types
        ['人事育成型']
        """
        return self.filter(types=[ptype])

    # ------------------------------------------------------------- summaries
    def summary(self) -> pd.Series:
        """Headline counts: organisations, partnerships, pairs, cases, types, sectors.

        Examples
        --------
        >>> import coopnet as cn
        >>> s = cn.load_sample().summary()
        >>> int(s["types"])
        6
        """
        c = self._form
        return pd.Series(
            {
                "organisations": c.n,
                "partnerships": len(c.src),
                "pairs": len(c.u),
                "cases": len(c.cases),
                "types": len(self.types),
                "sectors": len(self.sectors),
                "components": len(np.unique(c.components)),
                "isolated": int((c.partners == 0).sum()),
            },
            name=self.name or "network",
        )

    def __len__(self) -> int:
        return len(self._orgs)

    def __repr__(self) -> str:
        return (
            f"<coopnet.Network{' ' + repr(self.name) if self.name else ''}: "
            f"{len(self._orgs)} organisations, {len(self._edges)} partnerships, "
            f"{self._edges['case'].nunique()} cases>"
        )


def _unordered(edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(smaller, larger) end of every partnership, as object arrays."""
    s = edges["source"].to_numpy(dtype=object)
    t = edges["target"].to_numpy(dtype=object)
    swap = (s > t) if len(s) else np.zeros(0, dtype=bool)
    return np.where(swap, t, s), np.where(swap, s, t)


@contextmanager
def _gc_paused():
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


def _sector_key(value):
    return taxonomy.normalize_sector(value) or taxonomy.normalize_text(value)


def _type_key(value):
    return taxonomy.normalize_type(value) or taxonomy.normalize_text(value)


def _year_range(years) -> tuple[int, int]:
    if isinstance(years, int):
        return years, years
    try:
        lo, hi = years
        return int(lo), int(hi)
    except (TypeError, ValueError):
        raise ValueError(
            f"years={years!r}: give a year (2019) or an inclusive range (2010, 2020)"
        ) from None
