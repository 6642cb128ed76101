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


def _cases_table(f: dict, lang: str, h: str) -> list[str]:
    cases = f["cases"]
    ja = lang == "ja"
    heads = (
        ["事例", "連携類型", "開始年", "都道府県", "組織"]
        if ja
        else ["case", "type", "year", "prefecture", "organisations"]
    )
    rows = []
    for case, r in cases.iterrows():
        title = case if ja or not r.get("name_en") else r["name_en"]
        if r["parent"]:
            title = f"└ {title}"
        rows.append(
            [
                title,
                r["type"] if ja else taxonomy.type_label(r["type"], "en"),
                "" if pd.isna(r["year"]) else int(r["year"]),
                r["prefecture"] or (term("national", lang)),
                r["n_members"],
            ]
        )
    return ["", f"{h} {'事例一覧' if ja else 'The cases'}", "", md_table(heads, rows, "llrlr")]
