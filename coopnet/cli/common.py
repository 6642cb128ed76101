"""Shared pieces of the command line: input options, loading, and output formats."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

import pandas as pd

FORMATS = ("table", "csv", "json")


def add_input_args(parser: argparse.ArgumentParser) -> None:
    """--data, --orgs/--edges[/--cases/--members] or --xlsx (default: the bundled
    cases) and --no-strict."""
    group = parser.add_argument_group("input (default: the bundled JCA cases)")
    group.add_argument(
        "--data",
        metavar="DIR",
        help="a folder with orgs.csv and edges.csv (and cases.csv, members.csv if there)",
    )
    group.add_argument("--orgs", metavar="CSV", help="organisations CSV (id,name,sector,…)")
    group.add_argument(
        "--edges", metavar="CSV", help="partnerships CSV (source,target,type,case,…)"
    )
    group.add_argument("--cases", metavar="CSV", help="case table CSV (case,type,year,…)")
    group.add_argument(
        "--members", metavar="CSV", help="participants CSV (case,org,role) beyond the ties"
    )
    group.add_argument(
        "--xlsx",
        metavar="XLSX",
        help="an Excel workbook with the sheets 組織 and 連携 (and 事例, 参加), as "
        "`coopnet template` writes; instead of --orgs/--edges",
    )
    group.add_argument(
        "--no-strict",
        dest="strict",
        action="store_false",
        help="accept sectors, types and prefectures outside coopnet's lists (with a warning)",
    )


def add_type_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--type", dest="ptype", metavar="T", help="only partnerships of this type (e.g. 災害支援型)"
    )


def add_format_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )


def load(args: argparse.Namespace):
    """The network the command's input options (and --type, if any) describe."""
    from ..io import load_sample, read_csv, read_folder

    files = {k: getattr(args, k, None) for k in ("orgs", "edges", "cases", "members")}
    xlsx = getattr(args, "xlsx", None)
    given = [o for o, v in (("--data", args.data), ("--xlsx", xlsx)) if v]
    if any(files.values()):
        given.append("--orgs/--edges")
    if len(given) > 1:
        raise ValueError(f"{' and '.join(given)} were given: give your data one way only")
    if (files["cases"] or files["members"]) and not files["orgs"]:
        raise ValueError("--cases and --members go with --orgs and --edges")
    if bool(files["orgs"]) != bool(files["edges"]):
        given, missing = ("--orgs", "--edges") if files["orgs"] else ("--edges", "--orgs")
        raise ValueError(
            f"{given} was given without {missing}: give both, or neither for the bundled cases"
        )
    if args.data:
        net = read_folder(args.data, strict=args.strict)
    elif xlsx:
        from ..excel import read_excel

        net = read_excel(xlsx, strict=args.strict)
    elif files["orgs"]:
        net = read_csv(
            files["orgs"],
            files["edges"],
            cases=files["cases"],
            members=files["members"],
            strict=args.strict,
        )
    else:
        net = load_sample()
    ptype = getattr(args, "ptype", None)
    if ptype:
        net = net.by_type(ptype)
    return net


def text_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide/full-width characters take two."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 1e6 else f"{value:.3g}"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def format_table(frame: pd.DataFrame, *, index: bool = True) -> str:
    """Align a frame for a terminal, counting full-width characters as two columns."""
    df = frame.reset_index() if index and frame.index.name is not None else frame
    headers = [str(c) for c in df.columns]
    rows = [[_fmt(v) for v in row] for row in df.itertuples(index=False)]
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    widths = [
        max([text_width(h)] + [text_width(r[i]) for r in rows]) for i, h in enumerate(headers)
    ]

    def line(cells):
        out = []
        for cell, width, right in zip(cells, widths, numeric, strict=True):
            pad = " " * (width - text_width(cell))
            out.append(pad + cell if right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def emit(frame: pd.DataFrame, fmt: str, *, index: bool = True, stream=None) -> None:
    """Print ``frame`` in ``fmt`` (table, csv or json) to ``stream`` (stdout)."""
    stream = stream or sys.stdout
    df = frame.reset_index() if index and frame.index.name is not None else frame
    if fmt == "table":
        stream.write(format_table(df, index=False) + "\n")
    elif fmt == "csv":
        stream.write(df.to_csv(index=False, lineterminator="\n"))
    elif fmt == "json":
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        stream.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:  # pragma: no cover - argparse restricts choices
        raise ValueError(f"format={fmt!r}; choose from {', '.join(FORMATS)}")
