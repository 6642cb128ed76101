"""summary.md of ``coopnet report``: the story of the network in Japanese and English."""

from __future__ import annotations

import math

import pandas as pd

from .. import taxonomy
from .._io.markdown import md_table, md_text
from ..network import Network
from . import where_when

TOP = 5


def _num(value, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    return f"{value:.{digits}f}"


def _p(value) -> str:
    if value is None or value != value:
        return "–"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def _n(count, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _sector(s: str, lang: str) -> str:
    return s if lang == "ja" else taxonomy.sector_label(s, "en")


def _pair(row, lang: str) -> str:
    a, b = _sector(row["sector_a"], lang), _sector(row["sector_b"], lang)
    return f"{a} – {b}"


def _facts(net: Network, tables: dict[str, pd.DataFrame]) -> dict:
    s = net.summary()
    sector = net.orgs["sector"]
    e = net.edges
    cross = int(
        (sector.reindex(e["source"]).to_numpy() != sector.reindex(e["target"]).to_numpy()).sum()
    )
    from ..mixing import sector_matrix

    pairs = tables["pairs.csv"].copy()
    matrix = sector_matrix(net)
    pairs["partnerships"] = [
        int(matrix.loc[a, b]) for a, b in zip(pairs["sector_a"], pairs["sector_b"], strict=True)
    ]
    bridges = tables["bridges.csv"]
    bridges = bridges[(bridges["sectors_reached"] > 0)].head(TOP)
    return {
        "summary": s,
        "cross": cross,
        "pairs": pairs.head(TOP),
        "n_pairs": len(pairs),
        "bridges": bridges,
        "types": tables["types.csv"],
        "where_when": where_when.facts(net),
    }


def _lead(f: dict, lang: str) -> str:
    """The story in a few sentences: size, the top sector pair, the top bridge."""
    s = f["summary"]
    m, cases = int(s["partnerships"]), int(s["cases"])
    share = f"{f['cross'] / m:.0%}" if m else "–"
    ja = lang == "ja"
    if ja:
        text = (
            f"{cases} の事例で {s['organisations']} の組織が {m} の連携を結んでいます。"
            f"うち {f['cross']} 件（{share}）がセクターをまたぐ連携です。"
        )
    else:
        text = (
            f"In {_n(cases, 'case')}, {s['organisations']} organisations have "
            f"{_n(m, 'partnership')}; {f['cross']} of them ({share}) link different sectors."
        )
    if len(f["pairs"]):
        r = f["pairs"].iloc[0]
        if ja:
            text += (
                f"最も多いセクターの組み合わせは {md_text(_pair(r, 'ja'))} で、{cases} 事例中 "
                f"{r['count']} 事例に現れ、偶然から期待される数の {_num(r['ratio'])} 倍です"
                f"（p = {_p(r['p_value'])}）。"
            )
        else:
            text += (
                f" The most frequent sector pair is {md_text(_pair(r, 'en'))}: it appears in "
                f"{r['count']} of {cases} cases, {_num(r['ratio'])} times what chance would give "
                f"(p = {_p(r['p_value'])})."
            )
    if len(f["bridges"]):
        r = f["bridges"].iloc[0]
        on_paths = r["inter_betweenness"] > 0
        if ja:
            via = "異なるセクターの組織を結ぶ最短経路を最も多く仲介し、" if on_paths else ""
            text += (
                f"橋渡し役として最も大きいのは {md_text(r['name'])}（{md_text(r['sector'])}）で、"
                f"{via}自分以外の {r['sectors_reached']} セクターの組織と連携しています。"
            )
        else:
            via = (
                "lies on the most shortest paths between organisations of different sectors and "
                if on_paths
                else ""
            )
            text += (
                f" The strongest bridge is {md_text(r['name'])} "
                f"({md_text(_sector(r['sector'], 'en'))}): it {via}has partners in "
                f"{_n(r['sectors_reached'], 'other sector')}."
            )
    if s["components"] <= 1:
        text += "ネットワークは 1 つにつながっています。" if ja else " The network is connected."
    elif ja:
        text += f"ネットワークは {s['components']} のまとまり（連結成分）に分かれています。"
    else:
        text += f" The network falls into {s['components']} connected components."
    return text


# ------------------------------------------------------------------ Japanese
def _ja(f: dict, files: dict[str, str], level: int) -> list[str]:
    h = "#" * level
    s = f["summary"]
    m = int(s["partnerships"])
    share = f" ({f['cross'] / m:.0%})" if m else ""
    out = [
        _lead(f, "ja"),
        "",
        f"{h} 数字で見るネットワーク",
        "",
        md_table(
            ["項目", "値"],
            [
                ["組織", s["organisations"]],
                ["連携（事例ごとの組織の組）", m],
                ["連携している組織の組", s["pairs"]],
                ["事例", s["cases"]],
                ["連携類型", s["types"]],
                ["セクター", s["sectors"]],
                ["つながりのまとまり（連結成分）", s["components"]],
                ["連携のない組織", s["isolated"]],
                ["セクターをまたぐ連携", f"{f['cross']}{share}"],
            ],
            align="lr",
        ),
        "",
        f"{h} よく組むセクターの組み合わせ（上位 {len(f['pairs'])}）",
        "",
        "「事例数」はその組み合わせの連携を含む事例の数です（1 つの事例は組み合わせごとに 1 回）。"
        "「連携数」はその組み合わせの連携の件数（pairs.png の数字）。"
        "「期待値」（事例数の期待値）は、各セクターの連携の数を保ったまま相手を無作為に組み替えたときの平均、"
        "「観測/期待」が 1 より大きい組み合わせは偶然より多く組んでいます。",
        "",
        md_table(
            ["順位", "セクターの組み合わせ", "事例数", "連携数", "期待値", "観測/期待", "p 値"],
            [
                [
                    rank,
                    _pair(r, "ja"),
                    r["count"],
                    r["partnerships"],
                    _num(r["expected"], 1),
                    _num(r["ratio"]),
                    _p(r["p_value"]),
                ]
                for rank, (_, r) in enumerate(f["pairs"].iterrows(), start=1)
            ],
            align="llrrrrr",
        ),
        "",
        f"{h} 橋渡し役の組織（上位 {len(f['bridges'])}）",
        "",
        "「他のセクター」は連携相手に含まれる自分以外のセクターの数、「セクター間媒介」は異なる"
        "セクターの組織どうしを結ぶ最短経路がその組織を通る割合（平均）です。",
        "",
        md_table(
            [
                "組織",
                "セクター",
                "他のセクター",
                "他セクターの相手",
                "仲介（G&F）",
                "セクター間媒介",
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
    for _, r in f["types"].iterrows():
        name = f"**{md_text(r['type'])}**"
        if not r["partnerships"]:
            out.append(f"- {name}: この類型の連携はありません。")
            continue
        out.append(
            f"- {name}: {r['cases']} 事例・{r['partnerships']} 連携・{r['orgs']} 組織"
            f"（{r['sectors']} セクター）。最も多くの相手と組む組織: {md_text(r['top_org'])}"
            f"（{r['top_partners']} 組織）"
        )
    out += ["", *where_when.lines(f["where_when"], "ja", level)]
    out += [f"{h} ファイル", ""]
    out += [f"- `{name}` — {desc.split(' / ')[0]}" for name, desc in files.items()]
    return out


# ------------------------------------------------------------------- English
def _en(f: dict, files: dict[str, str], level: int) -> list[str]:
    h = "#" * level
    s = f["summary"]
    m = int(s["partnerships"])
    share = f" ({f['cross'] / m:.0%})" if m else ""
    out = [
        _lead(f, "en"),
        "",
        f"{h} The network in numbers",
        "",
        md_table(
            ["", "count"],
            [
                ["organisations", s["organisations"]],
                ["partnerships (a pair of organisations in one case)", m],
                ["pairs of partner organisations", s["pairs"]],
                ["cases", s["cases"]],
                ["partnership types", s["types"]],
                ["sectors", s["sectors"]],
                ["connected components", s["components"]],
                ["organisations without a partnership", s["isolated"]],
                ["cross-sector partnerships", f"{f['cross']}{share}"],
            ],
            align="lr",
        ),
        "",
        f"{h} Sector pairs that occur most (top {len(f['pairs'])})",
        "",
        "*Cases* counts the cases that contain the pair (each case once per pair); "
        "*partnerships* counts its partnerships (the numbers in pairs.png). *Expected* (cases) is "
        "the mean when partners are re-paired at random keeping each sector's number of "
        "partnership ends; an observed/expected ratio above 1 means the pair occurs more often "
        "than chance.",
        "",
        md_table(
            [
                "rank",
                "sector pair",
                "cases",
                "partnerships",
                "expected",
                "observed/expected",
                "p-value",
            ],
            [
                [
                    rank,
                    _pair(r, "en"),
                    r["count"],
                    r["partnerships"],
                    _num(r["expected"], 1),
                    _num(r["ratio"]),
                    _p(r["p_value"]),
                ]
                for rank, (_, r) in enumerate(f["pairs"].iterrows(), start=1)
            ],
            align="llrrrrr",
        ),
        "",
        f"{h} Organisations that bridge sectors (top {len(f['bridges'])})",
        "",
        "*Other sectors*: sectors among its partners other than its own; *inter-sector "
        "betweenness*: the share of shortest paths between organisations of different sectors "
        "that pass through it.",
        "",
        md_table(
            [
                "organisation",
                "sector",
                "other sectors",
                "partners in other sectors",
                "brokerage (G&F)",
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
    for _, r in f["types"].iterrows():
        name = f"**{md_text(taxonomy.type_label(r['type'], 'en'))}** ({md_text(r['type'])})"
        if not r["partnerships"]:
            out.append(f"- {name}: no partnership of this type.")
            continue
        out.append(
            f"- {name}: {_n(r['cases'], 'case')}, {_n(r['partnerships'], 'partnership')}, "
            f"{_n(r['orgs'], 'organisation')} in {_n(r['sectors'], 'sector')}; most partners: {md_text(r['top_org'])} "
            f"({r['top_partners']})"
        )
    out += ["", *where_when.lines(f["where_when"], "en", level)]
    out += [f"{h} Files", ""]
    out += [f"- `{name}` — {desc.split(' / ')[-1]}" for name, desc in files.items()]
    return out


def _terminal(f: dict, title: str, lang: str) -> list[str]:
    s = f["summary"]
    lines = [
        f"{title}: {_n(s['organisations'], 'organisation')}, "
        f"{_n(s['partnerships'], 'partnership')} ({_n(s['pairs'], 'pair')}), "
        f"{_n(s['cases'], 'case')}, {_n(s['types'], 'type')}, "
        f"{_n(s['components'], 'connected component')}"
    ]
    if len(f["pairs"]):
        r = f["pairs"].iloc[0]
        lines.append(
            f"most frequent sector pair: {_pair(r, lang)} in {r['count']} of {s['cases']} cases "
            f"({_num(r['ratio'])}x expected)"
        )
    if len(f["bridges"]):
        r = f["bridges"].iloc[0]
        lines.append(
            f"top bridge: {r['name']} ({_sector(r['sector'], lang)}), partners in "
            f"{_n(r['sectors_reached'], 'other sector')}"
        )
    return lines


def summary_markdown(
    net: Network, tables: dict[str, pd.DataFrame], *, lang: str, title: str, files: dict[str, str]
) -> tuple[str, list[str]]:
    """(summary.md text, a few lines for the terminal); ``lang`` decides which language
    comes first."""
    f = _facts(net, tables)
    ja = ["## 日本語", "", *_ja(f, files, 3)]
    en = ["## English", "", *_en(f, files, 3)]
    first, second = (ja, en) if lang == "ja" else (en, ja)
    head = [
        "# 協同組合間連携ネットワーク・レポート / Partnership network report",
        "",
        f"対象 / Network: {md_text(title)}",
        "",
    ]
    text = "\n".join([*head, *first, "", "---", "", *second]).rstrip() + "\n"
    return text, _terminal(f, title, lang)
