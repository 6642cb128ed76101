"""summary.md of ``coopnet report``: the story of the network in Japanese and English.

Everything shown comes from the report's own tables (computed once in
:mod:`coopnet.reporting`); user text goes through :func:`~coopnet._io.markdown.md_text`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import taxonomy
from .._glossary import term
from .._io.markdown import md_table, md_text
from ..network import Network
from . import where_when

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


# ------------------------------------------------------------------ Japanese
def _together_ja(r, cases: int) -> str:
    if r["sector_a"] == r["sector_b"]:
        who = f"{md_text(r['sector_a'])}どうし（同じセクターの 2 つ以上の組織）"
    else:
        who = md_text(_pair(r, "ja"))
    return (
        f"{who}で、{cases} 件の事例のうち {r['count']} 件に一緒に参加しています（偶然なら "
        f"{_num(r['expected'], 1)} 件で、その {_num(r['ratio'], 1)} 倍）"
    )


def _lead_ja(f: dict) -> str:
    s = f["summary"]
    m, cases = int(s["partnerships"]), int(s["cases"])
    text = (
        f"{cases} 件の事例に {s['organisations']} 団体が参加し、団体どうしの連携は "
        f"{m} 件あります。そのうち {f['cross']} 件（{_share(f['cross'], m)}）は異なる"
        "セクターをまたぐ連携です。"
    )
    together = f["together"]
    if len(together):
        text += f"偶然と比べて最もよく組むのは、{_together_ja(together.iloc[0], cases)}。"
        most = together.sort_values("count", ascending=False, kind="stable").iloc[0]
        if most.name != together.index[0]:
            text += f"事例の数で最も多いのは、{_together_ja(most, cases)}。"
    top, by_paths = _top_bridges(f["bridges"])
    if len(top):
        who = _names(
            [f"{n}（{sec}）" for n, sec in zip(top["name"], top["sector"], strict=True)], "ja"
        )
        reach = top["sectors_reached"].iloc[0]
        if by_paths:
            text += (
                "異なるセクターの団体どうしを最も多くつないでいる（セクター間の媒介が最も大きい）"
            )
        else:
            text += "最も多くのセクターと連携している"
        if len(top) == 1 or not by_paths:
            each = "それぞれ" if len(top) > 1 else ""
            text += f"のは、{who}で、{each}自分以外の {reach} つのセクターの団体と連携しています。"
        else:
            text += f"のは、{who}の {len(top)} 団体です（同じ値）。"
    if s["components"] > 1:
        text += (
            f"ネットワークは {s['components']} のまとまりに分かれていて、事例の多くは"
            "互いにつながっていません。"
        )
    else:
        text += "ネットワークは 1 つにつながっています。"
    return text


def _ja(f: dict, files: dict[str, str], h: str) -> list[str]:
    s = f["summary"]
    m = int(s["partnerships"])
    sub = (
        f"（うち {f['sub_cases']} 件はほかの事例の一部として紹介された取組み）"
        if f["sub_cases"]
        else ""
    )
    out = [
        _lead_ja(f),
        "",
        f"{h} 数字で見るネットワーク",
        "",
        md_table(
            ["項目", "数"],
            [
                ["事例", f"{s['cases']}{sub}"],
                ["参加している組織", s["organisations"]],
                ["連携（1 つの事例の中の 2 組織の組）", m],
                ["連携している組織の組", s["pairs"]],
                ["セクターをまたぐ連携", f"{f['cross']}（{_share(f['cross'], m)}）"],
                ["連携類型", s["types"]],
                ["セクター", s["sectors"]],
                ["つながりのまとまり（連結成分）", s["components"]],
                ["連携のない組織", s["isolated"]],
            ],
            align="lr",
        ),
        "",
        f"{h} よく組むセクターの組み合わせ",
        "",
        "同じ事例に参加しているセクターの組み合わせを数え、各セクターの組織の数と各事例の"
        "参加組織の数はそのままに、どの組織がどのセクターかだけを無作為に入れ替えた場合"
        f"（偶然）と比べています。「事例数」は両方のセクターが参加している事例の数、"
        f"「{term('expected', 'ja')}」は入れ替えた場合の平均、「{term('ratio', 'ja')}」は"
        "その比で、1 より大きければ偶然より多く組んでいます。2 件以上の事例に現れ、"
        f"偶然より多い（p 値 0.05 以下）組み合わせを{term('ratio', 'ja')}の大きい順に"
        "並べています。",
        "",
    ]
    if len(f["together"]):
        out.append(
            md_table(
                [
                    term("rank", "ja"),
                    term("sector_pair", "ja"),
                    "事例数",
                    term("expected", "ja"),
                    term("ratio", "ja"),
                    term("p_value", "ja"),
                ],
                [
                    [
                        i,
                        _pair(r, "ja"),
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
            "偶然より明らかに多く組む組み合わせは見つかりませんでした（事例が少ないと差が出にくくなります）。"
        )
    out += [
        "",
        f"{h} 橋渡し役の組織",
        "",
        "「連携先のセクター数」は連携相手に含まれる自分以外のセクターの数、「他セクターの"
        "連携先」はそのセクターの組織の数です。「仲介」は、この組織を介してだけつながる 2 組織"
        "の組を、相手のセクターの組み合わせごとに数えたもの（Gould & Fernandez の仲介役割の"
        "合計。R の sna と同じく向きを区別して数えるので、組の数の 2 倍）。「セクター間の媒介」"
        "は、異なるセクターの組織どうしを結ぶ最短経路のうち、この組織を通るものの割合の平均です。",
        "",
        md_table(
            [
                "組織",
                "セクター",
                "連携先のセクター数",
                "他セクターの連携先",
                "仲介",
                "セクター間の媒介",
            ],
            [
                [
                    r["name"],
                    r["sector"],
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
        f"{h} 連携類型ごと",
        "",
    ]
    for ptype, r in f["types"].iterrows():
        name = f"**{md_text(ptype)}**"
        if not (r["cases"] or r["sub_cases"]):
            out.append(f"- {name}: この類型の事例はありません。")
            continue
        sub = f"（ほかに一部として紹介された取組み {r['sub_cases']} 件）" if r["sub_cases"] else ""
        line = (
            f"- {name}: 事例 {r['cases']} 件{sub}、{r['orgs']} 団体（{r['sectors']} "
            f"セクター）、連携 {r['partnerships']} 件。"
        )
        tops = f["top_orgs"][ptype]
        if tops and len(tops) == r["orgs"]:  # everyone ties: no one stands out
            line += f"どの団体も連携先は {r['top_partners']} 団体です。"
        elif tops:
            each = "いずれも " if len(tops) > 1 else ""
            line += (
                f"最も多くの団体と連携しているのは、{_names(tops, 'ja')}"
                f"（{each}{r['top_partners']} 団体）。"
            )
        out.append(line)
    out += ["", *where_when.lines(f["where_when"], "ja", len(h))[:-1]]
    out += _cases_table(f, "ja", h)
    if f["summary"]["components"] > 1:
        out += [
            "",
            "centrality.csv の固有ベクトル中心性は、いちばん大きなまとまり以外の組織では 0 に"
            "なります（まとまりが分かれているネットワークでの定義どおりの値です）。",
        ]
    out += ["", f"{h} ファイル", ""]
    out += [f"- `{name}` — {desc.split(' / ')[0]}" for name, desc in files.items()]
    return out


# ------------------------------------------------------------------- English
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
        who = _names(
            [
                f"{n} ({_sector(sec, 'en')})"
                for n, sec in zip(top["name"], top["sector"], strict=True)
            ],
            "en",
        )
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


def _en(f: dict, files: dict[str, str], h: str) -> list[str]:
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
) -> tuple[str, list[str]]:
    """(summary.md text, a few lines for the terminal); ``lang`` decides which language
    comes first."""
    f = facts(net, tables, together)
    ja = ["## 日本語", "", *_ja(f, files, "###")]
    en = ["## English", "", *_en(f, files, "###")]
    first, second = (ja, en) if lang == "ja" else (en, ja)
    head = [f"# {md_text(title)}", ""]
    if title not in (term("report_title", "ja"), term("report_title", "en")):
        head += [f"{term('report_title', 'ja')} / {term('report_title', 'en')}", ""]
    text = "\n".join([*head, *first, "", "---", "", *second]).rstrip() + "\n"
    return text, _terminal(f, title, lang)
