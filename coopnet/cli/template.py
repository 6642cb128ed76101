"""``coopnet template``: the Excel workbook to fill in (or a network in its layout)."""

from __future__ import annotations

import argparse

from .common import add_input_args, load

#: Input options that, when given, make ``template`` write that network.
_INPUTS = ("orgs", "edges", "xlsx", "cases", "members", "folder")


def register(sub) -> None:
    p = sub.add_parser(
        "template",
        help="write the Excel workbook to fill in (sheets 組織, 事例, 連携, 参加)",
        description="Write FILE (.xlsx): a guide sheet and the sheets 組織 (organisations), "
        "事例 (cases), 連携 (partnerships) and 参加 (members), with drop-down lists and one "
        "example row, to fill in and read with --xlsx FILE. With --orgs/--edges, --xlsx or "
        "--sample, the workbook holds that network instead, to correct in Excel. An existing "
        "FILE is refused unless --force.",
    )
    p.add_argument("-o", "--output", dest="path", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the sheets")
    p.add_argument(
        "--sample", action="store_true", help="write the bundled cases in the template's layout"
    )
    add_input_args(p)
    p.set_defaults(func=run_template)


def run_template(args: argparse.Namespace) -> int:
    from ..excel import write_excel, write_template

    if args.sample or any(getattr(args, name, None) for name in _INPUTS):
        net = load(args)
        path = write_excel(net, args.path, overwrite=args.force, lang=args.lang)
        n, m = len(net.orgs), len(net.edges)
        print(f"wrote {path}: {n} organisations, {m} partnerships, {len(net.cases)} cases")
    else:
        path = write_template(args.path, overwrite=args.force, lang=args.lang)
        print(f"wrote {path}: fill it in, then read it with --xlsx {path}")
    return 0
