"""The case table and the participation table of a :class:`~coopnet.Network`.

A case's participants are the organisations at either end of its partnerships
plus those ``members.csv`` lists for it. Without ``cases.csv`` the cases are the
distinct ``case`` values of the partnerships and their facts are derived from
them (type: the most frequent partnership type; year: the earliest partnership
year; prefecture: the participants' prefectures).
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from . import prefectures as _prefectures
from . import taxonomy
from ._io.cases import CASE_COLUMNS

#: Columns :attr:`Network.cases` adds to the case table's own.
DERIVED = ("members", "n_members", "sectors", "partnerships")


def participation(
    orgs: pd.DataFrame, edges: pd.DataFrame, listed: pd.DataFrame | None, case_order
) -> pd.DataFrame:
    """One row per (case, organisation): ``role``, ``tied``, ``partnerships`` and the
    extra columns of ``members.csv``; cases in ``case_order``, organisations in the
    order of ``orgs``."""
    ends = pd.DataFrame(
        {
            "case": np.r_[edges["case"].to_numpy(object), edges["case"].to_numpy(object)],
            "org": np.r_[edges["source"].to_numpy(object), edges["target"].to_numpy(object)],
        }
    )
    tied = ends.groupby(["case", "org"], sort=False).size().rename("partnerships").reset_index()
    tied["tied"] = True
    if listed is not None and len(listed):
        extra = [c for c in listed.columns if c not in ("case", "org")]
        table = tied.merge(listed, on=["case", "org"], how="outer", sort=False)
        table["tied"] = table["tied"].astype("boolean").fillna(False).astype(bool)
        table["partnerships"] = table["partnerships"].fillna(0).astype(np.int64)
        for col in extra:
            table[col] = table[col].fillna("")
    else:
        table = tied
        table["role"] = ""
        if listed is not None:
            for col in listed.columns:
                if col not in table.columns:
                    table[col] = ""
    case_rank = pd.Index(case_order).get_indexer(table["case"])
    org_rank = orgs.index.get_indexer(table["org"])
    table = table.iloc[np.lexsort((org_rank, case_rank))].reset_index(drop=True)
    first = ["case", "org", "role", "tied", "partnerships"]
    return table[[*first, *[c for c in table.columns if c not in first]]]


def _derived_cases(orgs: pd.DataFrame, edges: pd.DataFrame, members: pd.DataFrame):
    keys = pd.Index(pd.unique(edges["case"]), name="case")
    out = pd.DataFrame(index=keys)
    if len(edges):
        rank = {t: i for i, t in enumerate(taxonomy.TYPES)}
        counts = edges.groupby(["case", "type"], sort=False).size().rename("n").reset_index()
        counts["rank"] = [rank.get(t, len(rank)) for t in counts["type"]]
        counts = counts.sort_values(["n", "rank", "type"], ascending=[False, True, True])
        out["type"] = counts.drop_duplicates("case").set_index("case")["type"]
        out["year"] = edges.groupby("case", sort=False)["year"].min().astype("Int64")
    else:
        out["type"] = pd.Series(dtype=object)
        out["year"] = pd.Series(dtype="Int64")
    order = {name: i for i, name in enumerate(_prefectures.NAMES)}
    pref = members[["case"]].assign(p=orgs["prefecture"].reindex(members["org"]).to_numpy())
    pref = pref[pref["p"].fillna("") != ""].drop_duplicates()
    pref = pref.assign(rank=[order.get(p, len(order)) for p in pref["p"]])
    pref = pref.sort_values(["rank", "p"], kind="stable")
    out["prefecture"] = ["、".join(p) for p in per_case(keys, pref["case"], pref["p"])]
    for col in CASE_COLUMNS[4:]:
        out[col] = ""
    return out


def per_case(cases: pd.Index, case_of: pd.Series, values: pd.Series) -> list[list]:
    """``values`` gathered into one list per case of ``cases`` (in their row order;
    [] for a case without any), by one sort instead of a Python call per case."""
    pos = cases.get_indexer(np.asarray(case_of, dtype=object))
    order = np.argsort(pos, kind="stable")
    ordered = np.asarray(values, dtype=object)[order]
    bounds = np.searchsorted(pos[order], np.arange(len(cases) + 1))
    return [ordered[a:b].tolist() for a, b in itertools.pairwise(bounds)]


def _sectors_per_case(
    cases: pd.Index, members: pd.DataFrame, sector: pd.Series, sectors: list[str]
) -> list[list[str]]:
    """The distinct sectors of each case's members, in ``sectors`` order (one pass
    over ``members`` instead of one lookup per case: 70,000 cases take 0.1 s)."""
    code = pd.Index(sectors).get_indexer(sector.reindex(members["org"]).to_numpy())
    pos = cases.get_indexer(members["case"].to_numpy())
    if (code < 0).any():  # a sector outside ``sectors``: the plain way, which says so
        rank = {s: i for i, s in enumerate(sectors)}
        lists = members.groupby("case", sort=False)["org"].agg(list).reindex(cases)
        return [
            sorted(set(sector.reindex(m)), key=rank.__getitem__) if isinstance(m, list) else []
            for m in lists
        ]
    width = len(sectors) + 1
    key = np.unique(pos[pos >= 0].astype(np.int64) * width + code[pos >= 0])
    case_of, sector_of = np.divmod(key, width)
    bounds = np.searchsorted(case_of, np.arange(len(cases) + 1))
    names = np.array(sectors, dtype=object)
    return [names[sector_of[a:b]].tolist() for a, b in itertools.pairwise(bounds)]


def case_table(
    orgs: pd.DataFrame,
    edges: pd.DataFrame,
    given: pd.DataFrame | None,
    members: pd.DataFrame,
    sectors: list[str],
) -> pd.DataFrame:
    """The case table with :data:`DERIVED` columns added (see ``Network.cases``)."""
    table = _derived_cases(orgs, edges, members) if given is None else given.copy()
    table.index.name = "case"
    table["members"] = per_case(table.index, members["case"], members["org"])
    table["n_members"] = np.array([len(m) for m in table["members"]], dtype=np.int64)
    table["sectors"] = _sectors_per_case(table.index, members, orgs["sector"], sectors)
    table["partnerships"] = (
        edges.groupby("case", sort=False).size().reindex(table.index).fillna(0).astype(np.int64)
    )
    return table


def kept_cases(
    net, edges: pd.DataFrame, orgs: pd.DataFrame, *, types, cases, years, edge_criteria: bool
) -> pd.Index:
    """The cases a filtered network keeps: those with a kept partnership, and those
    without any partnership that meet the criteria themselves (a case run by one
    council, 大分's round table)."""
    table = net._cases
    if not edge_criteria:
        members = net._members
        alive = members.loc[members["org"].isin(orgs.index), "case"]
        keep = table.index.isin(alive) | (table["n_members"] == 0)
        return table.index[keep]
    keep = table.index.isin(edges["case"])
    alone = table["partnerships"] == 0
    if types is not None:
        alone &= table["type"].isin(types)
    if cases is not None:
        alone &= table.index.isin(cases)
    if years is not None:
        lo, hi = years
        alone &= table["year"].notna() & (table["year"] >= lo) & (table["year"] <= hi)
    return table.index[keep | alone.to_numpy()]
