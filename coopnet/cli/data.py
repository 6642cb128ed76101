"""``coopnet summary`` and ``coopnet validate``."""

from __future__ import annotations

import argparse

import pandas as pd

from .. import taxonomy
from .common import add_format_arg, add_input_args, add_type_arg, emit, format_table, load, say


def register(sub) -> None:
    p = sub.add_parser(
        "summary",
        help="counts of organisations, partnerships and cases, by type and by sector",
        description="Print the network in numbers: organisations, partnerships, cases, "
        "and counts by partnership type and by sector.",
    )
    add_input_args(p)
    add_type_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_summary)

    p = sub.add_parser(
        "validate",
        help="check an organisations CSV and a partnerships CSV",
        description="Check ORGS and EDGES and report every problem with file, line and column. "
        "Exit code 0 when valid, 2 when not. The files are only read.",
    )
    p.add_argument("orgs", metavar="ORGS", help="organisations CSV")
    p.add_argument("edges", metavar="EDGES", help="partnerships CSV")
    p.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="accept sectors and types outside coopnet's taxonomy",
    )
    p.set_defaults(func=run_validate)


def count_tables(net) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Partnerships and cases per type (all six, zeros included) and orgs per sector."""
    e = net.edges
    types = list(taxonomy.TYPES) + [t for t in net.types if t not in taxonomy.TYPES]
    by_type = pd.DataFrame(
        {
            "type": types,
            "partnerships": [int((e["type"] == t).sum()) for t in types],
            "cases": [int(e.loc[e["type"] == t, "case"].nunique()) for t in types],
        }
    )
    sectors = net.sectors
    by_sector = pd.DataFrame(
        {
            "sector": sectors,
            "organisations": [int((net.orgs["sector"] == s).sum()) for s in sectors],
        }
    )
    return by_type, by_sector


def run_summary(args: argparse.Namespace) -> int:
    net = load(args)
    headline = net.summary()
    by_type, by_sector = count_tables(net)
    if args.format != "table":
        frame = pd.concat(
            [
                pd.DataFrame({"group": "total", "key": headline.index, "value": headline.values}),
                pd.DataFrame(
                    {"group": "type", "key": by_type["type"], "value": by_type["partnerships"]}
                ),
                pd.DataFrame(
                    {
                        "group": "sector",
                        "key": by_sector["sector"],
                        "value": by_sector["organisations"],
                    }
                ),
            ],
            ignore_index=True,
        )
        emit(frame, args.format, index=False)
        return 0
    say(f"{net.name}")
    say(
        f"  {headline['organisations']} organisations, {headline['partnerships']} partnerships "
        f"({headline['pairs']} pairs), {headline['cases']} cases, "
        f"{headline['components']} connected components"
    )
    say()
    say(format_table(by_type, index=False))
    say()
    say(format_table(by_sector, index=False))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from ..io import read_csv

    net = read_csv(args.orgs, args.edges, strict=args.strict)
    s = net.summary()
    say(
        f"OK: {s['organisations']} organisations, {s['partnerships']} partnerships, "
        f"{s['cases']} cases, {s['types']} types"
    )
    return 0
