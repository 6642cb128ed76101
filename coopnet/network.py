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

from . import _casetable, taxonomy
from .errors import with_ja

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
            raise with_ja(
                ValueError(
                    f"{name}={v!r} is not in this network; choose from: {', '.join(choices)}.{tail}"
                ),
                f"{name}={v!r} はこのネットワークにありません"
                + (f"（{hint!r} のことですか？）" if hint else ""),
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
        cases: pd.DataFrame | None = None,
        members: pd.DataFrame | None = None,
        *,
        name: str = "",
        _styles: dict | None = None,
    ):
        # Copy-on-write copies: changing the caller's frames later, or the frames
        # these properties hand out, never changes the network (or its caches).
        self._orgs = orgs.copy(deep=False)
        self._edges = edges.copy(deep=False)
        self._case_input = None if cases is None else cases.copy(deep=False)
        self._member_input = None if members is None else members.copy(deep=False)
        self.name = name
        self._parent_styles = _styles

    @property
    def has_case_table(self) -> bool:
        """True when the network was given a case table (``cases.csv``); its cases
        are then those of the table, else those named in ``edges``."""
        return self._case_input is not None

    @property
    def cases(self) -> pd.DataFrame:
        """One row per case (事例), indexed by ``case`` (a copy, as :attr:`orgs`).

        Columns: ``type``, ``year``, ``prefecture`` (several joined by 、),
        ``summary``, ``source``, ``parent`` (for a sub-case, the case it belongs
        to), ``name_en`` and any extra columns of ``cases.csv``; then ``members``
        (ids of the organisations taking part: both ends of the case's
        partnerships and those ``members.csv`` lists, in the order of
        :attr:`orgs`), ``n_members``, ``sectors`` (theirs, in taxonomy order) and
        ``partnerships``.

        Without a case table the cases are the distinct ``case`` values of
        :attr:`edges`, in order of first appearance; ``type`` is the most frequent
        type of the case's partnerships (ties: taxonomy order), ``year`` the
        earliest partnership year, ``prefecture`` the participants' prefectures,
        and the text columns are empty.

        Examples
        --------
        >>> import coopnet as cn
        >>> net = cn.load_sample()
        >>> net.cases.loc["釜石植林活動(岩手県)", "sectors"]
        ['JA', '生協', 'JF', '森林組合', '行政', '協同組合連携組織']
        """
        return self._cases.copy(deep=False)

    @property
    def members(self) -> pd.DataFrame:
        """One row per (case, organisation) taking part: ``case``, ``org``, ``role``
        (from ``members.csv``; empty for a participant known only from its
        partnerships), ``tied`` (it has a partnership in the case),
        ``partnerships`` (how many) and any other columns of ``members.csv``
        (a copy, as :attr:`orgs`).

        Examples
        --------
        >>> import coopnet as cn
        >>> m = cn.load_sample().members
        >>> m[~m["tied"]][["org", "role"]].values.tolist()
        [['oita-coop-council', 'lead'], ['coop-net-hokkaido', 'lead']]
        """
        return self._members.copy(deep=False)

    @cached_property
    def _members(self) -> pd.DataFrame:
        order = (
            self._case_input.index
            if self._case_input is not None
            else pd.unique(self._edges["case"])
        )
        return _casetable.participation(self._orgs, self._edges, self._member_input, order)

    @cached_property
    def _cases(self) -> pd.DataFrame:
        return _casetable.case_table(
            self._orgs, self._edges, self._case_input, self._members, self.sectors
        )

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
        """Partnership types of the partnerships and cases, in the taxonomy's order
        (unknown ones last)."""
        present = set(self._edges["type"].unique())  # unique() first: iterating is slow
        if self._case_input is not None:
            present |= set(self._case_input["type"].unique())
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
            (``"人材育成型"`` finds 人事育成型, ``"農協"`` finds JA, ``"長野"`` finds
            長野県).
        years : int or (int, int), optional
            Keep partnerships that started in this year or in this inclusive range
            (partnerships without a year are dropped).

        Notes
        -----
        Organisation criteria drop organisations (and their partnerships). When a
        partnership criterion (types, years, cases) is given, the network keeps the
        cases that still have a partnership, and the cases without any partnership
        (a round table run by one council) whose own type, title or year meets the
        criterion; organisations taking part in none of them are dropped, so
        ``by_type`` shows only the organisations that take part in that type. A
        case of the case table keeps its row, its other participants
        (``members.csv``) stay with it.

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
            keep = [_prefecture_key(p) for p in _as_list(prefectures, "prefectures")]
            in_any = orgs["prefecture"].map(lambda v: any(p in keep for p in v.split("、")))
            orgs = orgs[in_any.astype(bool)]
        type_keep = case_keep = year_range = None
        if types is not None:
            type_keep = _check_choices(_as_list(types, "types"), "types", _type_key, self.types)
            edges = edges[edges["type"].isin(type_keep)]
        if cases is not None:
            case_keep = [taxonomy.normalize_text(c) for c in _as_list(cases, "cases")]
            edges = edges[edges["case"].isin(case_keep)]
        if years is not None:
            year_range = lo, hi = _year_range(years)
            year = edges["year"]
            edges = edges[year.notna() & (year >= lo) & (year <= hi)]
        edge_criteria = types is not None or cases is not None or years is not None
        edges = edges[edges["source"].isin(orgs.index) & edges["target"].isin(orgs.index)]
        kept = _casetable.kept_cases(
            self,
            edges,
            orgs,
            types=type_keep,
            cases=case_keep,
            years=year_range,
            edge_criteria=edge_criteria,
        )
        listed = self._member_input
        if listed is not None:
            listed = listed[listed["case"].isin(kept) & listed["org"].isin(orgs.index)]
        if edge_criteria:
            active = pd.Index(edges["source"]).union(pd.Index(edges["target"]))
            if listed is not None:
                active = active.union(pd.Index(listed["org"]))
            orgs = orgs[orgs.index.isin(active)]
        table = self._case_input
        if table is not None:
            table = table[table.index.isin(kept)]
        return Network(orgs, edges, table, listed, name=self.name, _styles=self.sector_styles)

    def until(self, year: int, *, undated: bool = False) -> Network:
        """The network as it stood at the end of ``year``: the partnerships and
        cases started by then and their organisations (see
        :func:`coopnet.temporal.until`; ``undated=True`` also keeps what has no
        year).

        Examples
        --------
        >>> import coopnet as cn
        >>> len(cn.load_sample().until(2000).cases)
        6
        """
        from .temporal import until

        return until(self, year, undated=undated)

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
                "cases": len(self._cases),
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
            f"{len(self._cases)} cases>"
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


def _prefecture_key(value):
    from . import prefectures

    return prefectures.normalize_prefecture(value) or taxonomy.normalize_text(value)


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
