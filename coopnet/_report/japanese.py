"""summary.md in Japanese, as a staff member writes it: 107 団体, 27 件の事例のうち 3 件."""

from __future__ import annotations

from .._glossary import term
from .._io.markdown import md_table, md_text
from . import where_when
from .phrases import (
    _cases_table,
    _names,
    _num,
    _p,
    _pair,
    _share,
    _top_bridges,
    _with_sectors,
)


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
        who = _with_sectors(top, "ja")
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


def body(f: dict, files: dict[str, str], h: str) -> list[str]:
    """summary.md's Japanese half, below its heading."""
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
