"""``coopnet html``: write the interactive map as one offline HTML file."""

from __future__ import annotations

import argparse

from .common import (
    add_force_arg,
    add_input_args,
    add_lang_arg,
    add_output_arg,
    add_type_arg,
    load,
    say,
)


def register(sub) -> None:
    p = sub.add_parser(
        "html",
        help="操作できる地図を 1 つの HTML ファイルに書き出す（オフラインで開ける）/ write the "
        "interactive map as one offline HTML file",
        description="ネットワークを操作できる地図として書き出します。スクリプト・スタイル・"
        "日本語フォントまで収めた 1 つの HTML ファイルで、ネット接続なしで開けます。"
        "ページの上で連携類型とセクターで絞り込め、マウスを重ねると詳細を表示します。\n\n"
        "Write the network as an interactive map: one self-contained HTML file (scripts, "
        "styles and a Japanese font inside) that works without network access. Filter by "
        "partnership type and sector on the page; hover for details.",
    )
    add_output_arg(p, "書き出す HTML ファイル（.html）", "HTML file to write (.html)")
    add_input_args(p)
    add_type_arg(p)
    add_lang_arg(p, "ページとラベル", "the page and labels")
    p.add_argument(
        "--title",
        help="ページの見出し（既定: データの題名）/ heading of the page (default: the "
        "network's name)",
    )
    add_force_arg(p)
    p.add_argument(
        "--color-by",
        choices=("sector", "prefecture"),
        default="sector",
        help="組織の色分け: sector（既定）または prefecture / colour organisations by sector "
        "(default) or prefecture",
    )
    p.add_argument(
        "--level",
        choices=("auto", "organisations", "groups"),
        default="auto",
        help="開いたときの表示: organisations（組織ごと）、groups（都道府県ごとのセクターを 1 つの"
        "円に。クリックで開く）、auto（既定: 2 万組織を超えると groups）/ what the page opens "
        "on: every organisation, or one circle per sector in each prefecture (a click opens "
        "one); default auto: groups above 20,000 organisations",
    )
    p.set_defaults(func=run_html)


def run_html(args: argparse.Namespace) -> int:
    from .._io.output import check_file
    from ..interactive import to_html

    if args.output.lower().endswith((".html", ".htm")):  # else to_html names the extension
        check_file(args.output, force=args.force)
    net = load(args)
    path = to_html(
        net,
        args.output,
        lang=args.lang,
        title=args.title,
        color_by=args.color_by,
        level=args.level,
    )
    size = path.stat().st_size
    say(
        f"wrote {path} ({size / 1e3:.0f} kB): {len(net.orgs)} organisations, "
        f"{len(net.edges)} partnerships"
    )
    return 0
