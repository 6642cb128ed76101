"""``coopnet centrality``, ``bridges``, ``pairs``, ``types`` and ``communities``.

Tables are made for a room: short headers, rounded numbers, long names cut to
fit, Japanese aligned by display width. ``--format csv`` and ``json`` give the
full frames of the analysis functions with every digit.
"""

from __future__ import annotations

import argparse

import pandas as pd

from .common import (
    add_estimate_args,
    add_format_arg,
    add_input_args,
    add_quiet_arg,
    add_seed_arg,
    add_type_arg,
    emit,
    load,
    note_estimates,
    render,
    say,
    whole_number,
)
from .pairs import add_pairs_command

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
    add_estimate_args(p, "媒介中心性と近接中心性", "betweenness and closeness")
    add_format_arg(p)
    add_quiet_arg(p)
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
    add_estimate_args(p, "セクター間媒介", "inter-sector betweenness")
    add_format_arg(p)
    add_quiet_arg(p)
    p.set_defaults(func=run_bridges)

    add_pairs_command(sub)

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
    add_seed_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_communities)


# ------------------------------------------------------------------ tables
def _top(frame: pd.DataFrame, n: int) -> pd.DataFrame:
    return frame if n == 0 else frame.head(n)


def _sort(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, ascending=False, kind="stable")


# ---------------------------------------------------------------- commands
def run_centrality(args: argparse.Namespace) -> int:
    from ..structure import centrality

    net = load(args)
    full = centrality(net, k=args.sample, exact=args.exact, seed=args.seed)
    frame = _top(_sort(full, [args.sort, "partners"]), args.top)
    if args.format != "table":
        emit(frame, args.format)
        note_estimates(full, args.format)
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
    say(
        f"{net.name or 'network'}: top {len(frame)} of {len(net.orgs)} organisations by {args.sort}"
    )
    say(
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
    say("pships = partnerships; between/close/eigen/pagerank: unweighted, networkx conventions.")
    note_estimates(full, "table")
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
        say(
            f"{len(frame)} of {len(everything)} ties whose removal would split the network "
            "(cut off: organisations on the smaller side)"
        )
        say(
            render(
                show,
                {"pships": "d", "cut off": "d"},
                clip={"organisation": 24, "partner": 24, "case": 30},
            )
        )
        return 0
    full = bridges(net, k=args.sample, exact=args.exact, seed=args.seed)
    frame = _top(_sort(full, ["brokerage", "inter_betweenness", "cross_ties"]), args.top)
    if args.format != "table":
        emit(frame, args.format)
        note_estimates(full, args.format)
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
    say(f"{net.name or 'network'}: top {len(frame)} of {len(net.orgs)} organisations by brokerage")
    say(render(show, {**ints, "E–I": "+.2f", "inter-btw": ".4f"}, clip={"organisation": 28}))
    say(
        "reach: other sectors among partners; cross: partners in other sectors; "
        "E–I: -1 own sector only … +1 other sectors only;\n"
        "brokerage roles (Gould & Fernandez; sna raw counts, each open two-path counted both "
        "ways;\nrepresentative = gatekeeper on undirected ties); inter-btw: share of shortest "
        "paths between other-sector pairs\nthrough it; cut ✓: removing it splits the network."
    )
    note_estimates(full, "table")
    whole = ei_index(net, n_perm=1000, seed=args.seed).loc[ALL]
    if whole["internal"] + whole["external"]:
        say(
            f"Whole network E–I {whole['ei']:+.2f} ({int(whole['external'])} ties across sectors, "
            f"{int(whole['internal'])} within); {whole['expected']:+.2f} expected if sectors were "
            f"shuffled, p = {whole['p_value']:.3f}."
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
    say(
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
    say(
        render(
            show,
            {"#": "d", "size": "d", "pships": "d", "share": ".0%"},
            clip={"sectors": 30, "members": 40},
        )
    )
    lo, so = q.loc["louvain"], q.loc["sector"]
    say(
        f"modularity: Louvain {lo['modularity']:.3f} ({int(lo['groups'])} communities) vs "
        f"sectors {so['modularity']:.3f} ({int(so['groups'])} sectors)"
        + (" — communities cut across sectors" if so["modularity"] < lo["modularity"] / 2 else "")
    )
    return 0
