"""``coopnet template``: the Excel workbook to fill in (or a network in its layout)."""

from __future__ import annotations

import argparse

from .common import add_force_arg, add_input_args, add_lang_arg, add_output_arg, load, say

#: Input options that, when given, make ``template`` write that network.
_INPUTS = ("orgs", "edges", "xlsx", "cases", "members", "folder")


def register(sub) -> None:
    p = sub.add_parser(
        "template",
        help="記入用の Excel ブック（シート 組織・事例・連携・参加）を書き出す / write the "
        "Excel workbook to fill in (sheets 組織, 事例, 連携, 参加)",
        description="FILE（.xlsx）に、説明のシートと、シート 組織・事例・連携・参加を、"
        "ドロップダウンの選択肢と記入例 1 行つきで書き出します。記入したら --xlsx FILE で"
        "読み込めます。--orgs/--edges、--xlsx、--sample を指定すると、そのネットワークを"
        "同じ形で書き出し、Excel で直せます。既存の FILE は --force を付けたときだけ"
        "置き換えます。\n\n"
        "Write FILE (.xlsx): a guide sheet and the sheets 組織 (organisations), 事例 "
        "(cases), 連携 (partnerships) and 参加 (members), with drop-down lists and one "
        "example row, to fill in and read with --xlsx FILE. With --orgs/--edges, --xlsx or "
        "--sample, the workbook holds that network instead, to correct in Excel. An "
        "existing FILE is refused unless --force.",
    )
    add_output_arg(p, "書き出す Excel ブック（.xlsx）", "workbook to write (.xlsx)", dest="path")
    add_force_arg(p)
    add_lang_arg(p, "シート", "the sheets")
    p.add_argument(
        "--sample",
        action="store_true",
        help="同梱の事例をこのブックの形で書き出す / write the bundled cases in the "
        "template's layout",
    )
    add_input_args(p)
    p.set_defaults(func=run_template)


def run_template(args: argparse.Namespace) -> int:
    from ..excel import write_excel, write_template

    if args.sample or any(getattr(args, name, None) for name in _INPUTS):
        net = load(args)
        path = write_excel(net, args.path, overwrite=args.force, lang=args.lang)
        n, m = len(net.orgs), len(net.edges)
        say(f"wrote {path}: {n} organisations, {m} partnerships, {len(net.cases)} cases")
    else:
        path = write_template(args.path, overwrite=args.force, lang=args.lang)
        say(f"wrote {path}: fill it in, then read it with --xlsx {path}")
    return 0
