"""summary.md of ``coopnet report``: the story of the network in Japanese and English.

Everything shown comes from the report's own tables (computed once in
:mod:`coopnet.reporting`); :func:`facts` gathers what it says, and
:mod:`~coopnet._report.japanese` and :mod:`~coopnet._report.english` say it;
user text goes through :func:`~coopnet._io.markdown.md_text`.
"""

from __future__ import annotations

import pandas as pd

from .._glossary import term
from .._io.markdown import md_text
from ..network import Network
from . import english, japanese, where_when
from .phrases import (
    TOP,
    _n,
    _num,
    _p,  # noqa: F401  (the deck takes its numbers' wording from here)
    _pair,
    _sector,
)


def _top_orgs(net: Network, types: pd.DataFrame) -> dict[str, list[str]]:
    """Every organisation tied for most partners in each type (not just the first)."""
    out = {}
    for ptype, row in types.iterrows():
        if not row["top_partners"]:
            out[ptype] = []
            continue
        sub = net.by_type(ptype)
        partners = pd.Series(sub._form.partners, index=sub._form.ids)
        best = partners[partners == row["top_partners"]].index
        out[ptype] = list(sub.orgs.loc[best, "name"])
    return out


def facts(net: Network, tables: dict[str, pd.DataFrame], together: pd.DataFrame) -> dict:
    """What the summary says, from the report's tables; ``together`` is the
    co-participation table of pairs above chance."""
    s = net.summary()
    e = net.edges
    sector = net.orgs["sector"]
    cross = int(
        (sector.reindex(e["source"]).to_numpy() != sector.reindex(e["target"]).to_numpy()).sum()
    )
    bridges = tables["bridges.csv"]
    types = tables["types.csv"].set_index("type")
    return {
        "summary": s,
        "sub_cases": int((net.cases["parent"] != "").sum()),
        "cross": cross,
        "together": together.head(TOP),
        "n_together": len(together),
        "bridges": bridges[bridges["sectors_reached"] > 0].head(TOP),
        "types": types,
        "top_orgs": _top_orgs(net, types),
        "cases": net.cases,
        "where_when": where_when.facts(net),
    }


def _terminal(f: dict, title: str, lang: str) -> list[str]:
    s = f["summary"]
    lines = [
        f"{title}: {_n(s['cases'], 'case')}, {_n(s['organisations'], 'organisation')}, "
        f"{_n(s['partnerships'], 'partnership')} ({_n(s['pairs'], 'pair')}), "
        f"{_n(s['components'], 'connected component')}"
    ]
    if len(f["together"]):
        r = f["together"].iloc[0]
        lines.append(
            f"sectors that work together most: {_pair(r, lang)} in {r['count']} of "
            f"{s['cases']} cases ({_num(r['ratio'])}x chance)"
        )
    if len(f["bridges"]):
        r = f["bridges"].iloc[0]
        lines.append(
            f"top bridge: {r['name']} ({_sector(r['sector'], lang)}), partners in "
            f"{_n(r['sectors_reached'], 'other sector')}"
        )
    return lines


def summary_markdown(
    net: Network,
    tables: dict[str, pd.DataFrame],
    together: pd.DataFrame,
    *,
    lang: str,
    title: str,
    files: dict[str, str],
    notes: dict[str, str] | None = None,
) -> tuple[str, list[str]]:
    """(summary.md text, a few lines for the terminal); ``lang`` decides which language
    comes first. ``notes`` (``{"ja": …, "en": …}``) follow each language's lead paragraph."""
    f = facts(net, tables, together)
    ja, en = japanese.body(f, files, "###"), english.body(f, files, "###")
    for body, key in ((ja, "ja"), (en, "en")):
        if notes and notes.get(key):
            body[1:1] = ["", f"> {md_text(notes[key])}"]
    ja = ["## 日本語", "", *ja]
    en = ["## English", "", *en]
    first, second = (ja, en) if lang == "ja" else (en, ja)
    head = [f"# {md_text(title)}", ""]
    if title not in (term("report_title", "ja"), term("report_title", "en")):
        head += [f"{term('report_title', 'ja')} / {term('report_title', 'en')}", ""]
    text = "\n".join([*head, *first, "", "---", "", *second]).rstrip() + "\n"
    return text, _terminal(f, title, lang)
