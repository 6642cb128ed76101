"""``coopnet centrality``, ``bridges``, ``pairs``, ``types`` and ``communities``.

Tables are made for a room: short headers, rounded numbers, long names cut to
fit, Japanese aligned by display width. ``--format csv`` and ``json`` give the
full frames of the analysis functions with every digit.
"""

from __future__ import annotations

import argparse

import pandas as pd

from .._glossary import term
from .._io.terminal import terminal_safe
from .common import (
    add_format_arg,
    add_input_args,
    add_perm_arg,
    add_type_arg,
    emit,
    load,
    say,
    text_width,
    whole_number,
)

#: The observed/expected column's header, in the glossary's words.
RATIO = term("ratio", "en")

CENTRALITY_SORT = (
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "partners",
    "partnerships",
    "cases",
)


def _top_arg(p, default: int = 20) -> None:
    p.add_argument(
        "--top",
        type=whole_number,
        default=default,
        metavar="N",
        help=f"表示する行数（0: すべて。既定: {default}）/ rows to show (0: all; default {default})",
    )


def _seed_arg(p) -> None:
    p.add_argument(
        "--seed", type=int, default=0, help="乱数の種（既定: 0）/ random seed (default: 0)"
    )


def register(sub) -> None:
    p = sub.add_parser(
        "centrality",
        help="中心的な組織（次数・媒介・近接 …）/ the most central organisations (degree, "
        "betweenness, closeness, …)",
        description="組織を中心性の順に並べます（coopnet.centrality）。\n\n"
        "Rank organisations by a centrality measure (see coopnet.centrality).",
    )
    add_input_args(p)
    add_type_arg(p)
    _top_arg(p)
    p.add_argument(
        "--sort",
        choices=CENTRALITY_SORT,
        default="betweenness",
        metavar="MEASURE",
        help=f"並べる順: {', '.join(CENTRALITY_SORT)}（既定: betweenness）/ rank by "
        "(default: betweenness)",
    )
    add_format_arg(p)
    p.set_defaults(func=run_centrality)

    p = sub.add_parser(
        "bridges",
        help="セクターをつなぐ組織（仲介役割・E–I・セクター間媒介）/ organisations that link "
        "sectors (brokerage roles, E–I, inter-sector betweenness)",
        description="セクターの橋渡し役となる組織を並べます（coopnet.bridges）。--ties では、"
        "切れるとネットワークが分かれる連携を並べます。\n\n"
        "Rank organisations by how they bridge sectors (see coopnet.bridges); with --ties, "
        "list the ties whose removal would split the network.",
    )
    add_input_args(p)
    add_type_arg(p)
    _top_arg(p)
    p.add_argument(
        "--ties",
        action="store_true",
        help="切れるとネットワークが分かれる連携（橋）を並べる / list graph bridges (ties "
        "that hold the network together)",
    )
    p.add_argument(
        "--sample",
        "--k",
        dest="k",
        type=whole_number,
        default=None,
        metavar="K",
        help="セクター間媒介を無作為に選んだ K 組織から推定する（大きなネットワーク向け）/ "
        "estimate inter-sector betweenness from K random organisations (large networks)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        help="--sample の乱数の種（既定: 0）/ random seed for --sample (default: 0)",
    )
    add_format_arg(p)
    p.set_defaults(func=run_bridges)

    p = sub.add_parser(
        "pairs",
        help="偶然より多く組むセクターの組み合わせ / which sectors work together more often "
        "than chance",
        description="偶然より多く一緒に取り組むセクターの組み合わせを並べます。既定では、"
        "2 件以上の事例に一緒に参加し、組織のセクターを無作為に入れ替えた場合より多い"
        "（p ≦ 0.05）組み合わせを、観測/期待の大きい順に、事例の数とともに示します"
        "（coopnet.pairs_above_chance）。--all では、現れる組み合わせすべてを数の多い順に"
        "示します（coopnet.sector_pairs）。\n\n"
        "List the sector pairs that work together more often than chance: by default the "
        "pairs taking part together in at least two cases, more often than when sectors "
        "are shuffled over the organisations (p <= 0.05), ranked by observed/expected with "
        "the count beside it (see coopnet.pairs_above_chance). --all lists every pair that "
        "occurs, ranked by count (coopnet.sector_pairs).",
    )
    add_input_args(p)
    add_type_arg(p)
    p.add_argument(
        "--by",
        choices=("co-participation", "case", "partnership"),
        default="co-participation",
        help="何を数えるか。co-participation: 両方のセクターが参加する事例（既定）、case: "
        "2 つのセクターの間に連携がある事例、partnership: 連携そのもの / co-participation: "
        "cases both sectors take part in (default); case: cases with a partnership between "
        "them; partnership: every partnership",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="すべての組み合わせを数の多い順に / every pair, ranked by count",
    )
    p.add_argument(
        "--min-count",
        type=whole_number,
        default=2,
        metavar="N",
        help="組み合わせに必要な最少の事例数（既定: 2）/ fewest cases a pair needs (default: 2)",
    )
    p.add_argument(
        "--alpha",
        type=float,
        default=0.05,
        metavar="P",
        help="示す p 値の上限（既定: 0.05。1 なら偶然より多いものすべて）/ largest p-value "
        "listed (default: 0.05; 1 lists every pair above chance)",
    )
    add_perm_arg(p)
    _seed_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_pairs)

    p = sub.add_parser(
        "types",
        help="連携類型ごとに 1 行: 規模・セクター・密度・中心の組織 / one line per "
        "partnership type: size, sectors, density, central organisation",
        description="6 つの連携類型それぞれを集計します（coopnet.type_summary）。\n\n"
        "Summarise each of the six partnership types (see coopnet.type_summary).",
    )
    add_input_args(p)
    add_format_arg(p)
    p.set_defaults(func=run_types)

    p = sub.add_parser(
        "communities",
        help="まとまり（Louvain 法）と、セクターで説明できるか / Louvain communities and "
        "whether sectors explain them",
        description="組織のまとまり（コミュニティ）を Louvain 法で見つけ、そのモジュラリティを"
        "セクターで分けた場合と比べます（coopnet.communities）。\n\n"
        "Detect communities (Louvain) and compare their modularity with that of grouping "
        "organisations by sector (see coopnet.communities).",
    )
    add_input_args(p)
    add_type_arg(p)
    _seed_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_communities)


# ------------------------------------------------------------------ tables
def _clip(text, width: int) -> str:
    text = "" if text is None or text is pd.NA else terminal_safe(text)
    if text_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if text_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def render(frame: pd.DataFrame, formats: dict, *, clip: dict | None = None) -> str:
    """Align ``frame`` for a terminal: ``formats`` maps a column to a format spec
    (or a function) and right-aligns it; other columns are text, cut to ``clip``."""
    clip = clip or {}
    headers = [terminal_safe(c) for c in frame.columns]
    columns = []
    for col in frame.columns:
        fmt = formats.get(col)
        values = frame[col].tolist()
        if fmt is None:
            cells = [_clip(v, clip.get(col, 40)) for v in values]
        else:
            cells = [
                ""
                if v is None or v is pd.NA or (isinstance(v, float) and v != v)
                else terminal_safe(fmt(v))
                if callable(fmt)
                else format(v, fmt)
                for v in values
            ]
        columns.append(cells)
    widths = [
        max([text_width(h)] + [text_width(c) for c in cells])
        for h, cells in zip(headers, columns, strict=True)
    ]
    right = [c in formats for c in frame.columns]

    def line(cells):
        parts = []
        for cell, width, r in zip(cells, widths, right, strict=True):
            pad = " " * (width - text_width(cell))
            parts.append(pad + cell if r else cell + pad)
        return "  ".join(parts).rstrip()

    rows = [line(r) for r in zip(*columns, strict=True)] if columns else []
    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *rows])


def _out(text: str) -> None:
    say(text)


def _top(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    return frame if n == 0 else frame.head(n)


def _sort(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, ascending=False, kind="stable")


# ---------------------------------------------------------------- commands
def run_centrality(args: argparse.Namespace) -> int:
    from ..structure import centrality

    net = load(args)
    frame = _sort(centrality(net), [args.sort, "partners"])
    frame = _top(frame, args.top)
    if args.format != "table":
        emit(frame, args.format)
        return 0
    show = pd.DataFrame(
        {
            "#": range(1, len(frame) + 1),
            "organisation": frame["name"],
            "sector": frame["sector"],
            "partners": frame["partners"],
            "pships": frame["partnerships"],
            "cases": frame["cases"],
            "between": frame["betweenness"],
            "close": frame["closeness"],
            "eigen": frame["eigenvector"],
            "pagerank": frame["pagerank"],
        }
    )
    f3 = ".3f"
    _out(
        f"{net.name or 'network'}: top {len(frame)} of {len(net.orgs)} organisations by {args.sort}"
    )
    _out(
        render(
            show,
            {
                "#": "d",
                "partners": "d",
                "pships": "d",
                "cases": "d",
                "between": ".4f",
                "close": f3,
                "eigen": f3,
                "pagerank": f3,
            },
            clip={"organisation": 28},
        )
    )
    _out("pships = partnerships; between/close/eigen/pagerank: unweighted, networkx conventions.")
    return 0


def run_bridges(args: argparse.Namespace) -> int:
    from ..brokerage import ALL, bridges, ei_index, graph_bridges

    net = load(args)
    if args.ties:
        everything = graph_bridges(net)
        frame = _top(everything, args.top)
        if args.format != "table":
            emit(frame, args.format, index=False)
            return 0
        show = pd.DataFrame(
            {
                "organisation": frame["source_name"],
                "partner": frame["target_name"],
                "sectors": frame["source_sector"] + "–" + frame["target_sector"],
                "pships": frame["partnerships"],
                "cut off": frame["cut_off"],
                "case": frame["cases"],
            }
        )
        _out(
            f"{len(frame)} of {len(everything)} ties whose removal would split the network "
            "(cut off: organisations on the smaller side)"
        )
        _out(
            render(
                show,
                {"pships": "d", "cut off": "d"},
                clip={"organisation": 24, "partner": 24, "case": 30},
            )
        )
        return 0
    frame = bridges(net, k=args.k or None, seed=args.seed)
    frame = _sort(frame, ["brokerage", "inter_betweenness", "cross_ties"])
    frame = _top(frame, args.top)
    if args.format != "table":
        emit(frame, args.format)
        return 0
    show = pd.DataFrame(
        {
            "organisation": frame["name"],
            "sector": frame["sector"],
            "reach": frame["sectors_reached"],
            "cross": frame["cross_ties"],
            "E–I": frame["ei"],
            "coord": frame["coordinator"],
            "itin": frame["itinerant"],
            "rep·gate": frame["representative"],
            "liaison": frame["liaison"],
            "total": frame["brokerage"],
            "inter-btw": frame["inter_betweenness"],
            "cut": frame["articulation"].map({True: "✓", False: ""}),
        }
    )
    ints = dict.fromkeys(["reach", "cross", "coord", "itin", "rep·gate", "liaison", "total"], "d")
    _out(f"{net.name or 'network'}: top {len(frame)} of {len(net.orgs)} organisations by brokerage")
    _out(render(show, {**ints, "E–I": "+.2f", "inter-btw": ".4f"}, clip={"organisation": 28}))
    _out(
        "reach: other sectors among partners; cross: partners in other sectors; "
        "E–I: -1 own sector only … +1 other sectors only;\n"
        "brokerage roles (Gould & Fernandez; sna raw counts, each open two-path counted both "
        "ways;\nrepresentative = gatekeeper on undirected ties); inter-btw: share of shortest "
        "paths between other-sector pairs\nthrough it; cut ✓: removing it splits the network."
    )
    whole = ei_index(net, n_perm=1000, seed=args.seed).loc[ALL]
    if whole["internal"] + whole["external"]:
        _out(
            f"Whole network E–I {whole['ei']:+.2f} ({int(whole['external'])} ties across sectors, "
            f"{int(whole['internal'])} within); {whole['expected']:+.2f} expected if sectors were "
            f"shuffled, p = {whole['p_value']:.3f}."
        )
    return 0


def run_pairs(args: argparse.Namespace) -> int:
    from ..mixing import pairs_above_chance, sector_pairs

    net = load(args)
    if args.all:
        frame = sector_pairs(net, by=args.by, n_perm=args.n_perm, seed=args.seed)
    else:
        frame = pairs_above_chance(
            net,
            by=args.by,
            min_count=max(args.min_count, 1),
            alpha=args.alpha if 0 < args.alpha < 1 else None,
            n_perm=args.n_perm,
            seed=args.seed,
        )
    if args.format != "table":
        emit(frame, args.format)
        return 0
    unit = "partnerships" if args.by == "partnership" else "cases"
    total = {
        "partnership": len(net.edges),
        "case": net.edges["case"].nunique(),
        "co-participation": len(net.cases),
    }[args.by]
    show = pd.DataFrame(
        {
            "#": frame.index,
            "sector pair": frame["sector_a"] + " – " + frame["sector_b"],
            RATIO: frame["ratio"],
            unit: frame["count"],
            "expected": frame["expected"],
            "p": frame["p_value"],
            "share": frame["share"],
        }
    )
    what = f" ({args.ptype})" if getattr(args, "ptype", None) else ""
    counted = {
        "co-participation": "cases in which both sectors take part",
        "case": "cases with a partnership between the two sectors",
        "partnership": "partnerships between the two sectors",
    }[args.by]
    if args.all:
        _out(f"Sector pairs{what}: {counted}, of {total} {unit}; every pair, by count")
    else:
        _out(
            f"Sector pairs{what} more often than chance: {counted} (at least "
            f"{args.min_count}, p <= {args.alpha:g}), of {total} {unit}; by {RATIO}"
        )
    if frame.empty:
        _out("none — no pair occurs clearly more often than chance (try --all)")
        return 0
    _out(
        render(
            show,
            {"#": "d", RATIO: ".2f", unit: "d", "expected": ".1f", "p": ".3f", "share": ".0%"},
            clip={"sector pair": 40},
        )
    )
    null = (
        "sectors shuffled over the organisations, each case keeping its participants"
        if args.by == "co-participation"
        else "tie ends re-paired at random, each sector keeping its number of ends"
    )
    _out(
        f"{RATIO} > 1: more often than chance; expected and p ({args.n_perm} draws, seed "
        f"{args.seed}, one-sided) under a null model with {null}."
    )
    return 0


def run_types(args: argparse.Namespace) -> int:
    from ..groups import type_summary

    frame = type_summary(load(args))
    if args.format != "table":
        emit(frame, args.format)
        return 0
    show = pd.DataFrame(
        {
            "type": frame.index,
            "cases": frame["cases"],
            "orgs": frame["orgs"],
            "pships": frame["partnerships"],
            "sectors": frame["sectors"],
            "density": frame["density"],
            "most partners": frame["top_org"],
            "n": frame["top_partners"],
        }
    )
    _out(
        render(
            show,
            dict.fromkeys(["cases", "orgs", "pships", "sectors", "n"], "d") | {"density": ".2f"},
            clip={"most partners": 28},
        )
    )
    return 0


def run_communities(args: argparse.Namespace) -> int:
    from ..groups import communities, modularity_comparison

    net = load(args)
    frame = communities(net, seed=args.seed)
    q = modularity_comparison(net, seed=args.seed)
    if args.format != "table":
        emit(frame, args.format)
        return 0
    names = net.orgs["name"]
    show = pd.DataFrame(
        {
            "#": frame.index,
            "size": frame["size"],
            "pships": frame["partnerships"],
            "main sector": frame["main_sector"],
            "share": frame["main_share"],
            "sectors": frame["sectors"],
            "members": frame["members"].map(lambda ids: "、".join(names.reindex(ids))),
        }
    )
    _out(
        render(
            show,
            {"#": "d", "size": "d", "pships": "d", "share": ".0%"},
            clip={"sectors": 30, "members": 40},
        )
    )
    lo, so = q.loc["louvain"], q.loc["sector"]
    _out(
        f"modularity: Louvain {lo['modularity']:.3f} ({int(lo['groups'])} communities) vs "
        f"sectors {so['modularity']:.3f} ({int(so['groups'])} sectors)"
        + (" — communities cut across sectors" if so["modularity"] < lo["modularity"] / 2 else "")
    )
    return 0
