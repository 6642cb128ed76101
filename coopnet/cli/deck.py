"""``coopnet slides``: a PowerPoint deck of the network."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .common import (
    add_force_arg,
    add_input_args,
    add_lang_arg,
    add_output_arg,
    add_seed_arg,
    add_type_arg,
    load,
    say,
)


def register(sub) -> None:
    p = sub.add_parser(
        "slides",
        help="発表・編集できる PowerPoint（16:9）を書き出す / write a PowerPoint deck (16:9) "
        "to present and edit",
        description="FILE（.pptx）に、表紙、数字で見るネットワーク、地図、6 つの連携類型、"
        "よく組むセクターの組み合わせ（偶然との比較）、セクターをつなぐ組織、類型ごとの 1 枚、"
        "事例一覧を書き出します。表は PowerPoint の表（編集できます）、ノートには各数字の"
        "出典を書きます。既存の FILE は --force を付けたときだけ置き換えます。終了コードは、"
        "書き出せたら 0、入力の誤りでは 2 です。\n\n"
        "Write FILE (.pptx): a title slide, the network in numbers, the map, the six "
        "partnership types, which sectors work together (against chance), the "
        "organisations that bridge sectors, one slide per type and the case list. Tables "
        "are PowerPoint's own (editable); speaker notes say where each number comes from. "
        "An existing FILE is replaced only with --force. Exit code 0 when written, 2 on "
        "bad input.",
    )
    add_output_arg(p, "書き出す PowerPoint ファイル（.pptx）", "deck to write (.pptx)", dest="path")
    add_input_args(p)
    add_type_arg(p)
    p.add_argument(
        "--title",
        metavar="T",
        help="表紙の題名（既定: データの題名）/ title of the first slide (default: the "
        "data's name)",
    )
    p.add_argument(
        "--date",
        metavar="D",
        help="題名の下の日付: YYYY-MM-DD（スライドの言語で書きます）または任意の文字（既定: "
        "なし）/ date under the title: YYYY-MM-DD (written in the deck's language) or any "
        "text; none by default",
    )
    add_lang_arg(p, "スライド", "the slides")
    add_force_arg(p)
    add_seed_arg(p, "配置と無作為な入れ替えの", "seed of layouts and random draws")
    p.set_defaults(func=run_slides)


def _date(text: str | None):
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return text


def run_slides(args: argparse.Namespace) -> int:
    from ..deck import _check_path, slides

    _check_path(args.path, args.force)  # before loading and drawing
    net = load(args)
    title = args.title
    if title is None and args.ptype:
        title = f"{net.name or 'coopnet'} — {', '.join(net.types)}"
    path = slides(
        net,
        args.path,
        title=title,
        lang=args.lang,
        date=_date(args.date),
        overwrite=args.force,
        seed=args.seed,
    )
    from pptx import Presentation

    n = len(Presentation(path).slides)
    say(f"wrote {Path(path)}: {n} slides")
    return 0
