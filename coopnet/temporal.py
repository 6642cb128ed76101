"""When partnerships started: the network year by year and as of a year.

The second question a prefectural council asks is 「いつから増えたのか」. The
data has a start ``year`` for many partnerships and cases; these functions use
it without dropping what has none.

When does something start
-------------------------
- A **partnership** starts in its ``year``.
- A **case** starts in its own ``year`` (from ``cases.csv``) or in the year of
  its first dated partnership, whichever is earlier: 生活クラブ+JAながの is a
  1995 case in the deck, but one of its partnerships dates from 1971.
- An **organisation** starts with its first dated partnership, or with the
  start of a case that ``members.csv`` lists it in, whichever is earlier.
- A **tie** (a pair of organisations) starts with its first dated partnership;
  a **sector** with its first organisation.
- A **sector pair** starts when organisations of the two sectors first take part
  in one case together (co-participation, as ``coopnet.sector_pairs(by=
  "co-participation")`` counts it: 「どのセクターがよく組むか」; ``JA–JA`` when
  two JA first do), each taking part from its first dated partnership in that
  case, or from the case's start when ``members.csv`` lists it.

Anything without such a date is *undated*: it is counted in the last row of
:func:`timeline`, ``"(undated)"``, and left out of :func:`until` unless
``undated=True``; it is never dropped silently.

Examples
--------
>>> import coopnet as cn
>>> net = cn.load_sample()
>>> t = cn.timeline(net)
>>> int(t.loc[2019, "cases_total"]) == len(net.until(2019).cases)
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._checks import check_count, check_flag, check_network
from ._geo import case_facts
from .network import Network

__all__ = ["UNDATED", "timeline", "until"]

#: Label of the last row of :func:`timeline`: what has no start year.
UNDATED = "(undated)"
_NEVER = np.inf  # the start of something undated


def _year_array(values) -> np.ndarray:
    """Years as floats, missing ones as +inf (never, as far as the data goes)."""
    return pd.array(values, dtype="Float64").fillna(_NEVER).to_numpy(dtype=float)


def _own_years(net: Network) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """The cases (in the order of ``net.cases``), their own years (+inf when none)
    and whether each is a sub-case. Cases derived from the partnerships have no
    year of their own (theirs is their first partnership's) and no parent."""
    if "_cases" not in net.__dict__ and net._case_input is None:
        index = pd.Index(pd.unique(net._edges["case"]), name="case")
        return index, np.full(len(index), _NEVER), np.zeros(len(index), dtype=bool)
    table = case_facts(net)
    is_sub = table["parent"].fillna("").astype(str).ne("").to_numpy()
    return table.index, _year_array(table["year"]), is_sub


def case_starts(net: Network) -> pd.Series:
    """Start of each case (float year, +inf when undated), in the order of ``net.cases``."""
    index, years, _ = _own_years(net)
    own = pd.Series(years, index=index)
    e = net._edges
    first = pd.Series(_year_array(e["year"]), index=e.index).groupby(e["case"].to_numpy()).min()
    return np.fmin(own, first.reindex(index).fillna(_NEVER))


def _joins(net: Network, starts: pd.Series) -> pd.DataFrame:
    """One row per (case, organisation) taking part, with the year it joins the case
    (``join``, +inf when undated) and its sector."""
    e = net._edges
    ends = pd.DataFrame(
        {
            "case": np.r_[e["case"].to_numpy(object), e["case"].to_numpy(object)],
            "org": np.r_[e["source"].to_numpy(object), e["target"].to_numpy(object)],
            "join": np.r_[_year_array(e["year"]), _year_array(e["year"])],
        }
    )
    listed = net._member_input
    if listed is not None and len(listed):
        ends = pd.concat(
            [
                ends,
                pd.DataFrame(
                    {
                        "case": listed["case"].to_numpy(object),
                        "org": listed["org"].to_numpy(object),
                        "join": starts.reindex(listed["case"]).fillna(_NEVER).to_numpy(float),
                    }
                ),
            ],
            ignore_index=True,
        )
    joins = ends.groupby(["case", "org"], sort=False)["join"].min().reset_index()
    joins["sector"] = net._orgs["sector"].reindex(joins["org"]).to_numpy(object)
    return joins


def _pair_starts(joins: pd.DataFrame, sectors: list[str]) -> pd.Series:
    """Start of each sector pair taking part in one case, labelled ``"A–B"`` (A first
    in the network's sector order): for two sectors, when both first have someone in
    the case; for one sector (``"JA–JA"``), when it first has two organisations there."""
    rank = {s: i for i, s in enumerate(sectors)}
    ordered = joins.assign(rank=joins["sector"].map(rank)).sort_values(
        ["case", "rank", "join"], kind="stable"
    )
    nth = ordered.groupby(["case", "rank"], sort=False).cumcount().to_numpy()
    first = ordered[nth == 0][["case", "rank", "join"]]
    second = ordered[nth == 1][["case", "rank", "join"]]
    pairs = first.merge(first, on="case", suffixes=("_a", "_b"))
    pairs = pairs[pairs["rank_a"] < pairs["rank_b"]]
    table = pd.DataFrame(
        {
            "a": np.r_[pairs["rank_a"].to_numpy(int), second["rank"].to_numpy(int)],
            "b": np.r_[pairs["rank_b"].to_numpy(int), second["rank"].to_numpy(int)],
            "start": np.r_[
                np.maximum(pairs["join_a"].to_numpy(float), pairs["join_b"].to_numpy(float)),
                second["join"].to_numpy(float),
            ],
        }
    )
    if table.empty:
        return pd.Series(dtype=float)
    table = table.groupby(["a", "b"], sort=True)["start"].min().reset_index()
    names = np.array(sectors, dtype=object)
    labels = [f"{x}–{y}" for x, y in zip(names[table["a"]], names[table["b"]], strict=True)]
    return pd.Series(table["start"].to_numpy(), index=labels)


def timeline(net: Network) -> pd.DataFrame:
    """The network year by year: what is new each year and the running totals.

    Parameters
    ----------
    net : Network

    Returns
    -------
    pandas.DataFrame
        Indexed by ``year``: every year from the first start to the last (years
        with nothing new included), then ``"(undated)"`` for what has no start
        year (see the module notes for when each thing starts). For each of
        ``cases``, ``sub_cases`` (the cases with a ``parent``, also counted in
        ``cases``), ``orgs``, ``partnerships``, ``ties`` (pairs of organisations),
        ``sectors`` and ``sector_pairs`` (pairs of sectors taking part in one case,
        ``JA–JA`` included) a ``_new`` column (started that year) and a ``_total``
        column (started that year or before); ``new_sector_pairs`` lists the
        pairs that first appear that year (``"JA–生協"``). The ``_total`` columns
        of a year are the counts of ``net.until(year)``; those of the
        ``"(undated)"`` row are the whole network's.

    Examples
    --------
    >>> import coopnet as cn
    >>> t = cn.timeline(cn.load_sample())
    >>> t.index[0], t.index[-1]
    (1971, '(undated)')
    >>> int(t.loc["(undated)", "cases_total"]), int(t.loc["(undated)", "partnerships_new"])
    (27, 25)
    """
    check_network(net)
    c = net._form
    starts = case_starts(net)
    is_sub = _own_years(net)[2]
    joins = _joins(net, starts)
    org_start = joins.groupby("org", sort=False)["join"].min()
    org_start = org_start.reindex(net._orgs.index).fillna(_NEVER).to_numpy(float)
    edge_year = _year_array(net._edges["year"])
    tie_start = np.full(len(c.u), _NEVER)
    if len(c.u):
        np.minimum.at(tie_start, c.tie_of_edge, edge_year)
    sector_start = (
        pd.Series(org_start).groupby(c.sector).min().reindex(range(len(c.sectors))).to_numpy()
    )
    pair_start = _pair_starts(joins, net.sectors)
    things = {
        "cases": starts.to_numpy(float),
        "sub_cases": starts.to_numpy(float)[is_sub],
        "orgs": org_start,
        "partnerships": edge_year,
        "ties": tie_start,
        "sectors": sector_start.astype(float),
        "sector_pairs": pair_start.to_numpy(float),
    }
    dated = np.concatenate([v[np.isfinite(v)] for v in things.values()])
    years = np.arange(int(dated.min()), int(dated.max()) + 1) if len(dated) else np.zeros(0, int)
    columns: dict[str, object] = {}
    for name, start in things.items():
        finite = start[np.isfinite(start)].astype(np.int64)
        new = np.bincount(finite - years[0], minlength=len(years)) if len(years) else []
        new = np.r_[np.asarray(new, dtype=np.int64), len(start) - len(finite)]
        columns[f"{name}_new"] = new
        columns[f"{name}_total"] = np.cumsum(new)
    labels, pair_years = pair_start.index.to_numpy(object), pair_start.to_numpy(float)
    lists = [list(labels[pair_years == y]) for y in years] + [list(labels[np.isinf(pair_years)])]
    out = pd.DataFrame(columns, index=pd.Index([*years.tolist(), UNDATED], name="year"))
    out["new_sector_pairs"] = lists
    return out


def until(net: Network, year: int, *, undated: bool = False) -> Network:
    """The network as it stood at the end of ``year``.

    Kept: the partnerships that started in ``year`` or before; the cases that
    started by then (see :mod:`coopnet.temporal` for when a case starts: its own
    year or its first dated partnership); the organisations at an end of a kept
    partnership or listed in ``members.csv`` for a kept case. A kept case keeps
    its row of the case table, whatever it says of later partnerships.

    Parameters
    ----------
    net : Network
    year : int
        The last year included.
    undated : bool, default False
        Also keep what has no start year, as if it had always been there: the
        partnerships without a year whose case is kept or has no start year
        itself, the cases without a start year, and the organisations that
        have no start year (including those with no partnership at all). With
        ``undated=True`` and the last year of :func:`timeline`, the whole
        network comes back.

    Returns
    -------
    Network
        A new network with the same name and sector colours.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> old = net.until(1990)
    >>> "お魚殖やす植樹運動" in old.cases.index   # a 1988 case
    True
    >>> len(old.cases), len(old.edges), bool((old.edges["year"] <= 1990).all())
    (5, 8, True)
    """
    check_network(net)
    year = check_count(year, "year")
    undated = check_flag(undated, "undated")
    e = net._edges
    starts = case_starts(net)
    case_kept = starts <= year
    if undated:
        case_kept |= np.isinf(starts)
    edge_year = _year_array(e["year"])
    keep_edge = edge_year <= year
    if undated:
        keep_edge |= np.isinf(edge_year) & e["case"].map(case_kept).fillna(True).to_numpy(bool)
    edges = e[keep_edge]
    case_kept |= starts.index.isin(edges["case"])
    listed = net._member_input
    if listed is not None:
        listed = listed[listed["case"].map(case_kept).fillna(False).to_numpy(bool)]
    active = pd.Index(edges["source"]).union(pd.Index(edges["target"]))
    if listed is not None:
        active = active.union(pd.Index(listed["org"]))
    orgs = net._orgs
    keep_org = orgs.index.isin(active)
    if undated:
        joins = _joins(net, starts)
        first = joins.groupby("org", sort=False)["join"].min().reindex(orgs.index)
        keep_org |= first.fillna(_NEVER).to_numpy(float) == _NEVER
    table = net._case_input
    if table is not None:
        table = table[case_kept.reindex(table.index).fillna(False).to_numpy(bool)]
    return Network(orgs[keep_org], edges, table, listed, name=net.name, _styles=net.sector_styles)
