"""``coopnet summary``, ``coopnet cases`` and ``coopnet validate``."""

from __future__ import annotations

import argparse

import pandas as pd

from .common import (
    add_format_arg,
    add_input_args,
    add_type_arg,
    bilingual_error,
    emit,
    format_table,
    load,
    say,
)


def register(sub) -> None:
    p = sub.add_parser(
        "summary",
        help="組織・連携・事例の数（連携類型別・セクター別）/ counts of organisations, "
        "partnerships and cases, by type and by sector",
        description="数字で見るネットワーク: 組織・連携・事例の数と、連携類型別・セクター別の"
        "数を表示します。\n\n"
        "Print the network in numbers: organisations, partnerships, cases, and counts by "
        "partnership type and by sector.",
    )
    add_input_args(p)
    add_type_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_summary)

    p = sub.add_parser(
        "cases",
        help="事例の一覧: 1 事例 1 行で連携類型・開始年・場所・参加組織 / the case table: one "
        "line per case with its type, year, place and participants",
        description="事例の一覧を表示します: 連携類型、開始年、都道府県、参加組織と連携の数、"
        "参加組織のセクター。\n\n"
        "List the cases (事例): type, start year, prefecture, number of participating "
        "organisations and partnerships, and their sectors.",
    )
    add_input_args(p)
    add_type_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_cases)

    p = sub.add_parser(
        "validate",
        help="自分のファイルを確かめ、問題をファイル・行・列とともにすべて示す / check your "
        "files and report every problem with file, line and column",
        description="データのファイルを確かめ、問題をすべて、ファイル・行・列（Excel ブックでは"
        "シートとセル）とともに示します。ファイルは --orgs/--edges（と --cases/--members）、"
        "--data DIR、--xlsx FILE のどれかで指定します（ORGS EDGES や 1 つのブックを並べても"
        "構いません）。終了コードは、問題がなければ 0、あれば 2 です。ファイルは読むだけです。"
        "\n\n"
        "Check the data files and report every problem with file, line and column (sheet "
        "and cell in a workbook). Give the files as --orgs/--edges (with --cases/--members), "
        "as --data DIR or as --xlsx FILE (ORGS EDGES, or one workbook, also work). Exit "
        "code 0 when valid, 2 when not. The files are only read.",
    )
    p.add_argument("files", nargs="*", metavar="FILES", help=argparse.SUPPRESS)
    add_input_args(p)
    p.set_defaults(func=run_validate)


def count_tables(net) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cases and partnerships per type (all six, zeros included) and orgs per sector."""
    from ..groups import type_summary

    types = type_summary(net)
    by_type = pd.DataFrame(
        {
            "type": types.index,
            "cases": types["cases"].to_numpy(),
            "sub_cases": types["sub_cases"].to_numpy(),
            "partnerships": types["partnerships"].to_numpy(),
        }
    )
    counts = net.orgs["sector"].value_counts()
    by_sector = pd.DataFrame(
        {"sector": net.sectors, "organisations": [int(counts[s]) for s in net.sectors]}
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
                pd.DataFrame({"group": "type", "key": by_type["type"], "value": by_type["cases"]}),
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
    if not by_type["sub_cases"].any():
        by_type = by_type.drop(columns="sub_cases")
    say(format_table(by_type, index=False))
    say()
    say(format_table(by_sector, index=False))
    return 0


def run_cases(args: argparse.Namespace) -> int:
    net = load(args)
    cases = net.cases
    if args.format != "table":
        emit(cases, args.format)
        return 0
    show = pd.DataFrame(
        {
            "case": cases.index,
            "type": cases["type"].to_numpy(),
            "year": ["" if pd.isna(y) else str(int(y)) for y in cases["year"]],
            "prefecture": cases["prefecture"].to_numpy(),
            "orgs": cases["n_members"].to_numpy(),
            "pships": cases["partnerships"].to_numpy(),
            "sectors": ["、".join(s) for s in cases["sectors"]],
        }
    )
    say(f"{net.name}: {len(cases)} cases")
    say(format_table(show, index=False))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    if args.files:
        given = args.orgs or args.edges or args.data or args.xlsx
        if len(args.files) == 1 and not given:
            args.xlsx = args.files[0]  # a workbook holds every table
        elif len(args.files) == 2 and not given:
            args.orgs, args.edges = args.files
        else:
            raise bilingual_error(
                "validate のファイルは --orgs/--edges、--xlsx、--data のどれか 1 つで指定して"
                "ください",
                "validate takes --orgs/--edges, --xlsx or --data (or ORGS EDGES, one workbook)",
            )
    if not (args.orgs or args.edges or args.data or args.xlsx):
        raise bilingual_error(
            "確かめるファイルを --orgs と --edges、--xlsx、--data DIR のどれかで指定してください",
            "validate needs your files: --orgs and --edges, --xlsx or --data DIR",
        )
    net = load(args)
    s = net.summary()
    say(
        f"OK: {s['organisations']} organisations, {s['partnerships']} partnerships, "
        f"{s['cases']} cases, {s['types']} types"
    )
    return 0
