"""The page's pairs of partners and cases: lists of integers and text, no keys.

A pair is ``[u, v, [[type, case, year], ...]]`` (organisations, then one entry per
partnership: the type's and the case's positions and the start year or None). A case
is a dict of its words in the page's language, its type (position), its own ``year``,
its ``start`` (the year the network has it from, :func:`coopnet.temporal.case_starts`:
its own year or its first dated partnership, whichever is earlier; None when
undated) and its members ``[organisation, role, tied, listed]`` (tied: it has a
partnership in the case; listed: ``members.csv`` names it). The year slider of the
page keeps what :meth:`coopnet.Network.until` keeps, from these numbers alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._glossary import term
from ..temporal import case_starts

_ROLES = ("lead", "member", "observer", "supporter")


def text(value) -> str:
    """A cell as text: "" for a missing value."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def year(value) -> int | None:
    """A year cell as an int, None when missing (or never, +inf)."""
    if pd.isna(value) or value in (np.inf, -np.inf):
        return None
    return int(value)


def pairs(net, form, type_index: dict, case_pos: np.ndarray) -> list[list]:
    """One entry per tie ``[u, v, [[type, case, year], ...]]``, partnerships by year."""
    edges = net.edges
    t = np.array([type_index[x] for x in edges["type"]], dtype=np.int64)
    c = case_pos[form.case]
    years = edges["year"] if "year" in edges else pd.Series([pd.NA] * len(edges))
    missing = years.isna().to_numpy()
    y = years.fillna(0).to_numpy(dtype=np.int64)
    order = np.lexsort((c, t, y, missing, form.tie_of_edge))
    out = [[u, v, []] for u, v in zip(form.u.tolist(), form.v.tolist(), strict=True)]
    for tie, ti, ci, yi, gone in zip(
        form.tie_of_edge[order].tolist(),
        t[order].tolist(),
        c[order].tolist(),
        y[order].tolist(),
        missing[order].tolist(),
        strict=True,
    ):
        out[tie][2].append([ti, ci, None if gone else yi])
    return out


def cases(net, lang: str, type_index: dict, ids: pd.Index, place) -> list[dict]:
    """One entry per case of ``net.cases`` (see the module notes); ``place`` writes a
    prefecture cell in the page's language."""
    table = net.cases
    members = net.members
    pos = {c: i for i, c in enumerate(table.index)}
    given = net._member_input
    named = set()
    if given is not None and len(given):
        named = set(zip(given["case"].tolist(), given["org"].tolist(), strict=True))
    listed: list[list] = [[] for _ in range(len(table))]
    roles = {r: term("member_role" if r == "member" else r, lang) for r in _ROLES}
    for c, org, i, role, tied in zip(
        members["case"].tolist(),
        members["org"].tolist(),
        ids.get_indexer(members["org"]).tolist(),
        members["role"].tolist(),
        members["tied"].tolist(),
        strict=True,
    ):
        role = text(role)
        listed[pos[c]].append([i, roles.get(role, role), int(bool(tied)), int((c, org) in named)])

    def column(name: str) -> list[str]:
        return [text(x) for x in table[name]] if name in table else [""] * len(table)

    english = column("name_en") if lang == "en" else [""] * len(table)
    starts = case_starts(net).reindex(table.index).tolist()
    out = []
    for k, (name, ctype, own, pref, summary, source, parent) in enumerate(
        zip(
            table.index.tolist(),
            table["type"].tolist(),
            table["year"].tolist(),
            column("prefecture"),
            column("summary"),
            column("source"),
            column("parent"),
            strict=True,
        )
    ):
        out.append(
            {
                "name": str(name),
                "label": english[k] or str(name),
                "t": type_index.get(ctype, -1),
                "year": year(own),
                "start": year(starts[k]),
                "pref": place(pref, lang),
                "summary": summary,
                "source": source,
                "parent": pos.get(parent, -1),
                "members": listed[k],
            }
        )
    return out


def year_range(net, case_list: list[dict]) -> list[int] | None:
    """First and last start year of a partnership or case, None if nothing is dated."""
    found = [c["start"] for c in case_list if c["start"] is not None]
    if "year" in net.edges:
        dated = net.edges["year"].dropna()
        if len(dated):
            found += [int(dated.min()), int(dated.max())]
    return [min(found), max(found)] if found else None
