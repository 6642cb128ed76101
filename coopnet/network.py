"""The partnership network: organisations, partnerships, and their graphs."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from . import _casetable, taxonomy
from ._kernels.graphs import gc_paused, multigraph, simple_graph

if TYPE_CHECKING:
    from ._kernels.form import IntegerForm

__all__ = ["Network"]


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
        with gc_paused():
            return nx.freeze(multigraph(self._orgs, self._edges, name=self.name))

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
        return simple_graph(self.graph, self._edges, name=self.name)

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
        from ._select import select

        return select(
            self, types=types, sectors=sectors, prefectures=prefectures, years=years, cases=cases
        )

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
        # kept: the report, its pictures and its slides each ask for every type
        kept = self.__dict__.setdefault("_by_type", {})
        if ptype not in kept:
            kept[ptype] = self.filter(types=[ptype])
        return kept[ptype]

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
