"""summary.md in English."""

from __future__ import annotations

from .. import taxonomy
from .._glossary import term
from .._io.markdown import md_table, md_text
from . import where_when
from .phrases import (
    _cases_table,
    _n,
    _names,
    _num,
    _p,
    _pair,
    _sector,
    _share,
    _top_bridges,
    _with_sectors,
)


def _together_en(r, cases: int) -> str:
    if r["sector_a"] == r["sector_b"]:
        who = f"two or more {md_text(_sector(r['sector_a'], 'en'))} organisations"
    else:
        who = md_text(_pair(r, "en"))
    return (
        f"{who} take part together in {r['count']} of the {cases} cases, "
        f"{_num(r['ratio'], 1)} times the {_num(r['expected'], 1)} that chance would give"
    )


def _lead_en(f: dict) -> str:
    s = f["summary"]
    m, cases = int(s["partnerships"]), int(s["cases"])
    text = (
        f"{_n(s['organisations'], 'organisation')} take part in {_n(cases, 'case')}, with "
        f"{_n(m, 'partnership')} between them; {f['cross']} ({_share(f['cross'], m)}) "
        "link different sectors."
    )
    together = f["together"]
    if len(together):
        text += f" Against chance, the sectors that work together most: {_together_en(together.iloc[0], cases)}."
        most = together.sort_values("count", ascending=False, kind="stable").iloc[0]
        if most.name != together.index[0]:
            text += f" In the most cases: {_together_en(most, cases)}."
    top, by_paths = _top_bridges(f["bridges"])
    if len(top):
        who = _with_sectors(top, "en")
        reach = _n(top["sectors_reached"].iloc[0], "other sector")
        if by_paths and len(top) > 1:
            text += (
                " The strongest bridges between sectors (the greatest inter-sector "
                f"betweenness), tied, are {who}."
            )
        elif by_paths:
            text += (
                " The strongest bridge between sectors (the greatest inter-sector betweenness) "
                f"is {who}, with partners in {reach}."
            )
        else:
            each = "each " if len(top) > 1 else ""
            text += f" The widest reach across sectors: {who}, {each}with partners in {reach}."
    if s["components"] > 1:
        text += (
            f" The network falls into {s['components']} separate parts: most cases are not "
            "connected to each other."
        )
    else:
        text += " The network is connected."
    return text


def body(f: dict, files: dict[str, str], h: str) -> list[str]:
    """summary.md's English half, below its heading."""
    s = f["summary"]
    m = int(s["partnerships"])
    sub = f" ({f['sub_cases']} of them presented as part of another case)" if f["sub_cases"] else ""
    out = [
        _lead_en(f),
        "",
        f"{h} The network in numbers",
        "",
        md_table(
            ["", "count"],
            [
                ["cases", f"{s['cases']}{sub}"],
                ["organisations taking part", s["organisations"]],
                ["partnerships (two organisations in one case)", m],
                ["pairs of partner organisations", s["pairs"]],
                ["partnerships across sectors", f"{f['cross']} ({_share(f['cross'], m)})"],
                ["partnership types", s["types"]],
                ["sectors", s["sectors"]],
                ["separate parts (connected components)", s["components"]],
                ["organisations without a partnership", s["isolated"]],
            ],
            align="lr",
        ),
        "",
        f"{h} Sectors that work together",
        "",
        "For each pair of sectors, the cases in which both take part, against chance: each "
        "sector keeps its number of organisations and each case its participants, and which "
        "organisation is in which sector is shuffled at random. *Cases*: cases with both "
        f"sectors; *{term('expected', 'en')}*: the mean under shuffling; "
        f"*{term('ratio', 'en')}*: the two divided, above 1 when more often than chance. "
        "Listed: pairs in at least two cases, more often than chance (p ≤ 0.05), by "
        f"{term('ratio', 'en')}.",
        "",
    ]
    if len(f["together"]):
        out.append(
            md_table(
                [
                    term("rank", "en"),
                    term("sector_pair", "en"),
                    "cases",
                    term("expected", "en"),
                    term("ratio", "en"),
                    term("p_value", "en"),
                ],
                [
                    [
                        i,
                        _pair(r, "en"),
                        r["count"],
                        _num(r["expected"], 1),
                        _num(r["ratio"]),
                        _p(r["p_value"]),
                    ]
                    for i, (_, r) in enumerate(f["together"].iterrows(), start=1)
                ],
                align="llrrrr",
            )
        )
    else:
        out.append(
            "No pair of sectors works together clearly more often than chance (with few cases, differences are hard to show)."
        )
    out += [
        "",
        f"{h} Organisations that bridge sectors",
        "",
        "*Sectors reached*: sectors among its partners other than its own; *partners in other "
        "sectors*: how many; *brokerage*: pairs of organisations connected only through it, "
        "counted by their sectors (Gould & Fernandez roles, counted both ways as R's sna does, so "
        "twice the pairs); *inter-sector betweenness*: the average share of shortest paths "
        "between organisations of different sectors that pass through it.",
        "",
        md_table(
            [
                "organisation",
                "sector",
                "sectors reached",
                "partners in other sectors",
                "brokerage",
                "inter-sector betweenness",
            ],
            [
                [
                    r["name"],
                    _sector(r["sector"], "en"),
                    r["sectors_reached"],
                    r["cross_ties"],
                    r["brokerage"],
                    _num(r["inter_betweenness"], 4),
                ]
                for _, r in f["bridges"].iterrows()
            ],
            align="llrrrr",
        ),
        "",
        f"{h} Partnership types",
        "",
    ]
    for ptype, r in f["types"].iterrows():
        name = f"**{md_text(taxonomy.type_label(ptype, 'en'))}** ({md_text(ptype)})"
        if not (r["cases"] or r["sub_cases"]):
            out.append(f"- {name}: no case of this type.")
            continue
        sub = f" (and {_n(r['sub_cases'], 'case')} presented within them)" if r["sub_cases"] else ""
        line = (
            f"- {name}: {_n(r['cases'], 'case')}{sub}, {_n(r['orgs'], 'organisation')} in "
            f"{_n(r['sectors'], 'sector')}, {_n(r['partnerships'], 'partnership')}."
        )
        tops = f["top_orgs"][ptype]
        if tops and len(tops) == r["orgs"]:
            line += f" Each has {_n(r['top_partners'], 'partner')}."
        elif tops:
            each = " each" if len(tops) > 1 else ""
            line += f" Most partners: {_names(tops, 'en')} ({r['top_partners']}{each})."
        out.append(line)
    out += ["", *where_when.lines(f["where_when"], "en", len(h))[:-1]]
    out += _cases_table(f, "en", h)
    if f["summary"]["components"] > 1:
        out += [
            "",
            "In centrality.csv, eigenvector centrality is 0 outside the largest part of the "
            "network: that is its definition on a network in pieces.",
        ]
    out += ["", f"{h} Files", ""]
    out += [f"- `{name}` — {desc.split(' / ')[-1]}" for name, desc in files.items()]
    return out
