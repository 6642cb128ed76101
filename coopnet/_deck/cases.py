"""The case list: native tables of ~10 cases a slide, long text wrapped, never cut."""

from __future__ import annotations

import math

from pptx.util import Inches

from . import base
from .base import MARGIN
from .content import Deck
from .words import say

#: Cases per slide at most, and the height a table may take.
ROWS_PER_SLIDE = 10
TABLE_TOP, TABLE_BOTTOM = Inches(1.3), Inches(7.25)
#: Column widths (inches) and font size of the case tables.
WIDTHS = (3.4, 1.75, 0.85, 1.35, 4.98)
SIZE = 11
#: Organisations named per case; the others are counted.
NAMES_PER_CASE = 12
#: Cases listed at most; a larger network's list would run to hundreds of slides.
MAX_CASES = 500


def case_rows(d: Deck) -> list[list[str]]:
    """One row per case: title, type, start year, prefectures, organisations."""
    names = d.org_names()
    sep = "、" if d.lang == "ja" else ", "
    rows = []
    for key, row in d.net.cases.head(MAX_CASES).iterrows():
        members = list(row["members"])
        shown = [base.clean(names[m], one_line=True) for m in members[:NAMES_PER_CASE]]
        if len(members) > NAMES_PER_CASE:
            shown.append(say(d.lang, "more_orgs", n=len(members) - NAMES_PER_CASE))
        rows.append(
            [
                base.clean(d.case_title(key, row), one_line=True),
                d.ptype(row["type"]),
                d.year(row["year"]),
                d.prefecture(row["prefecture"]),
                sep.join(shown),
            ]
        )
    return rows


def _greedy(header, rows, cap: int) -> list[list[list[str]]]:
    room = TABLE_BOTTOM - TABLE_TOP - base.row_height_of(header, WIDTHS, SIZE)
    out: list[list[list[str]]] = []
    page: list[list[str]] = []
    used = 0
    for row in rows:
        h = base.row_height_of(row, WIDTHS, SIZE)
        if page and (len(page) == cap or used + h > room):
            out.append(page)
            page, used = [], 0
        page.append(row)
        used += h
    if page:
        out.append(page)
    return out


def pages(header, rows) -> list[list[list[str]]]:
    """``rows`` cut into slides: at most :data:`ROWS_PER_SLIDE` a slide, no more than
    fit between :data:`TABLE_TOP` and :data:`TABLE_BOTTOM` as wrapped, and spread
    evenly over as few slides as that allows (no slide left with one case)."""
    fewest = _greedy(header, rows, ROWS_PER_SLIDE)
    for cap in range(math.ceil(len(rows) / max(len(fewest), 1)), ROWS_PER_SLIDE):
        even = _greedy(header, rows, cap)
        if len(even) == len(fewest):
            return even
    return fewest


def case_slides(d: Deck) -> None:
    header = d.heads("case", "type", "year", "prefecture", "members")
    rows = case_rows(d)
    split = pages(header, rows)
    n_cases = len(d.net.cases)
    more = []
    if any(len(r) > NAMES_PER_CASE for r in d.net.cases["members"]):
        more.append(say(d.lang, "cases_cap", cap=NAMES_PER_CASE))
    if n_cases > MAX_CASES:
        more.append(say(d.lang, "cases_limit", shown=MAX_CASES, n=n_cases))
    source = say(d.lang, "source_table" if d.net.has_case_table else "source_edges")
    notes = say(d.lang, "cases_notes", source=source, more=" ".join(more))
    for i, page in enumerate(split, start=1):
        title = d.t("deck_cases")
        if len(split) > 1:
            title = say(d.lang, "cases_page", title=title, i=i, n=len(split))
        slide = base.add_slide(d.prs, title)
        base.add_table(
            slide,
            MARGIN,
            TABLE_TOP,
            header,
            page,
            list(WIDTHS),
            name=f"coopnet:table:cases:{i}",
            size=SIZE,
            align="llrll",
        )
        base.set_notes(slide, notes)
