"""``coopnet report`` (the whole report in a folder) and ``coopnet export`` (Gephi, Cytoscape)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_input_args, add_type_arg, load

EXPORT_FORMATS = {".gexf": "write_gexf", ".graphml": "write_graphml"}


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write the whole report into a folder: maps, tables, summary.md",
        description="Write into DIR: map.png (16:9 slide), types.png, pairs.png, map.html "
        "(interactive, offline), slides.pptx (PowerPoint), centrality.csv, bridges.csv, "
        "pairs.csv, types.csv and summary.md (Japanese and English). DIR is created; a "
        "non-empty DIR is refused unless --force. Exit code 0 when written, 2 on bad input.",
    )
    p.add_argument("-o", "--output", dest="outdir", required=True, metavar="DIR")
    add_input_args(p)
    add_type_arg(p)
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the pictures")
    p.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty DIR, replacing the report's files",
    )
    p.add_argument(
        "--plain-csv",
        dest="excel",
        action="store_false",
        help="plain UTF-8 CSV; by default the CSV files are for Excel: UTF-8 with a BOM "
        "(Japanese Excel opens them right), cells starting with = + - @ neutralised",
    )
    p.add_argument("--excel", action="store_true", help=argparse.SUPPRESS)  # the default now
    p.add_argument("--seed", type=int, default=0, help="seed of layouts and permutations (0)")
    p.add_argument(
        "--title",
        help="title of the report and its pictures (default: the data's own title, e.g. "
        "the bundled set's, or 「協同組合間連携ネットワーク・レポート」)",
    )
    p.set_defaults(func=run_report)

    p = sub.add_parser(
        "export",
        help="write the network for Gephi (.gexf) or Cytoscape (.graphml)",
        description="Write FILE as GEXF (Gephi; coloured and laid out) or GraphML (Cytoscape), "
        "chosen by its extension. Every partnership is kept as its own edge with its type, "
        "case and year.",
    )
    p.add_argument("-o", "--output", dest="path", required=True, metavar="FILE")
    add_input_args(p)
    add_type_arg(p)
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the labels")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument(
        "--graph",
        choices=("organisations", "affiliation"),
        default="organisations",
        help="organisations and their partnerships (default), or the two-mode network of "
        "organisations and the cases they take part in",
    )
    p.set_defaults(func=run_export)


def run_report(args: argparse.Namespace) -> int:
    from ..reporting import report

    net = load(args)
    title = args.title or net.name or None
    if args.ptype and not args.title:
        title = f"{title or ''} — {', '.join(net.types)}".lstrip(" —")
    report(
        net,
        args.outdir,
        lang=args.lang,
        force=args.force,
        excel=args.excel,
        seed=args.seed,
        title=title,
        echo=print,
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .. import export

    path = Path(args.path)
    writer = EXPORT_FORMATS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(
            f"-o {str(path)!r}: the extension {path.suffix or '(none)'!r} is not an export "
            f"format; choose from {', '.join(EXPORT_FORMATS)}"
        )
    if path.exists() and not args.force:
        raise FileExistsError(f"{path} already exists; pass --force to replace it")
    net = load(args)
    getattr(export, writer)(net, path, lang=args.lang, graph=args.graph)
    n, m = len(net.orgs), len(net.edges)
    print(f"wrote {path}: {n} organisation{'s' * (n != 1)}, {m} partnership{'s' * (m != 1)}")
    return 0
