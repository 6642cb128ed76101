"""What both languages of summary.md share: numbers, names and the case table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import taxonomy
from .._glossary import term
from .._io.markdown import md_table, md_text

#: Rows of the pairs and bridges tables.
TOP = 5


def _num(value, digits: int = 2) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def _p(value) -> str:
    if value is None or value != value:
        return "–"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _n(count, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _sector(s: str, lang: str) -> str:
    return s if lang == "ja" else taxonomy.sector_label(s, "en")


def _pair(row, lang: str) -> str:
    return f"{_sector(row['sector_a'], lang)} – {_sector(row['sector_b'], lang)}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def _top_bridges(bridges: pd.DataFrame) -> tuple[pd.DataFrame, bool]:
    """The organisations the lead names as the bridge, and whether by paths: those tied
    for the greatest inter-sector betweenness; when no shortest path runs through anyone
    (all 0), those tied for reaching the most other sectors."""
    if not len(bridges) or not bridges["sectors_reached"].iloc[0]:
        return bridges.iloc[:0], False
    by_paths = bool(bridges["inter_betweenness"].iloc[0] > 0)
    column = "inter_betweenness" if by_paths else "sectors_reached"
    top = bridges[column].iloc[0]
    return bridges[np.isclose(bridges[column], top, rtol=0, atol=1e-12)], by_paths


def _names(names: list[str], lang: str) -> str:
    """``A``, ``A と B``, ``A、B と C`` (or ``A, B and C``)."""
    names = [md_text(n) for n in names]
    if len(names) == 1:
        return names[0]
    if lang == "ja":
        return f"{'、'.join(names[:-1])}と{names[-1]}"
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _with_sectors(orgs: pd.DataFrame, lang: str) -> str:
    """The organisations of ``orgs`` by name, each with its sector: ``A（JA）と B（生協）``."""
    if lang == "ja":
        named = [f"{n}（{sec}）" for n, sec in zip(orgs["name"], orgs["sector"], strict=True)]
    else:
        named = [
            f"{n} ({_sector(sec, 'en')})"
            for n, sec in zip(orgs["name"], orgs["sector"], strict=True)
        ]
    return _names(named, lang)


#: summary.md lists at most this many cases; the rest are in cases.csv.
LISTED_CASES = 500


def _cases_table(f: dict, lang: str, h: str) -> list[str]:
    cases = f["cases"]
    ja = lang == "ja"
    heads = (
        ["事例", "連携類型", "開始年", "都道府県", "組織"]
        if ja
        else ["case", "type", "year", "prefecture", "organisations"]
    )
    shown = cases.head(LISTED_CASES)
    titles = pd.Series(shown.index, index=shown.index, dtype=object)
    if not ja and "name_en" in shown:
        en = shown["name_en"].fillna("").astype(str)
        titles = titles.where(en == "", en)
    titles = titles.where(~shown["parent"].astype(bool), "└ " + titles.astype(str))
    types = shown["type"] if ja else shown["type"].map(lambda t: taxonomy.type_label(t, "en"))
    years = shown["year"].map(lambda y: "" if pd.isna(y) else int(y))
    places = shown["prefecture"].where(shown["prefecture"].astype(bool), term("national", lang))
    rows = [list(r) for r in zip(titles, types, years, places, shown["n_members"], strict=True)]
    out = ["", f"{h} {'事例一覧' if ja else 'The cases'}", ""]
    if len(cases) > len(shown):
        out += [
            f"{len(cases):,} 件のうち最初の {len(shown):,} 件です。すべての事例は cases.csv にあります。"
            if ja
            else f"The first {len(shown):,} of {len(cases):,} cases; cases.csv lists them all.",
            "",
        ]
    return [*out, md_table(heads, rows, "llrlr")]
