"""``coopnet pairs``: which sectors work together more often than chance."""

from __future__ import annotations

import argparse

import pandas as pd

from .._glossary import term
from .common import (
    add_format_arg,
    add_input_args,
    add_perm_arg,
    add_seed_arg,
    add_type_arg,
    emit,
    load,
    render,
    say,
    whole_number,
)

#: The observed/expected column's header, in the glossary's words.
RATIO = term("ratio", "en")


def add_pairs_command(sub) -> None:
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
    add_seed_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_pairs)


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
        say(f"Sector pairs{what}: {counted}, of {total} {unit}; every pair, by count")
    else:
        say(
            f"Sector pairs{what} more often than chance: {counted} (at least "
            f"{args.min_count}, p <= {args.alpha:g}), of {total} {unit}; by {RATIO}"
        )
    if frame.empty:
        say("none — no pair occurs clearly more often than chance (try --all)")
        return 0
    say(
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
    say(
        f"{RATIO} > 1: more often than chance; expected and p ({args.n_perm} draws, seed "
        f"{args.seed}, one-sided) under a null model with {null}."
    )
    return 0
