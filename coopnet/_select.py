"""Selecting part of a network: the work of :meth:`coopnet.Network.filter`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from . import _casetable, taxonomy
from .errors import with_ja

if TYPE_CHECKING:
    from .network import Network


def select(
    net: Network, *, types=None, sectors=None, prefectures=None, years=None, cases=None
) -> Network:
    """The sub-network of :meth:`coopnet.Network.filter` (see there)."""
    from .network import Network

    orgs, edges = net._orgs, net._edges
    if sectors is not None:
        keep = _check_choices(_as_list(sectors, "sectors"), "sectors", _sector_key, net.sectors)
        orgs = orgs[orgs["sector"].isin(keep)]
    if prefectures is not None:
        keep = [_prefecture_key(p) for p in _as_list(prefectures, "prefectures")]
        in_any = orgs["prefecture"].map(lambda v: any(p in keep for p in v.split("、")))
        orgs = orgs[in_any.astype(bool)]
    type_keep = case_keep = year_range = None
    if types is not None:
        type_keep = _check_choices(_as_list(types, "types"), "types", _type_key, net.types)
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
        net,
        edges,
        orgs,
        types=type_keep,
        cases=case_keep,
        years=year_range,
        edge_criteria=edge_criteria,
    )
    listed = net._member_input
    if listed is not None:
        listed = listed[listed["case"].isin(kept) & listed["org"].isin(orgs.index)]
    if edge_criteria:
        active = pd.Index(edges["source"]).union(pd.Index(edges["target"]))
        if listed is not None:
            active = active.union(pd.Index(listed["org"]))
        orgs = orgs[orgs.index.isin(active)]
    table = net._case_input
    if table is not None:
        table = table[table.index.isin(kept)]
    return Network(orgs, edges, table, listed, name=net.name, _styles=net.sector_styles)


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
