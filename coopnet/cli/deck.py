"""``coopnet slides``: a PowerPoint deck of the network."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .common import add_input_args, add_type_arg, load


def register(sub) -> None:
    p = sub.add_parser(
        "slides",
        help="write a PowerPoint deck (16:9) to present and edit",
        description="Write FILE (.pptx): a title slide, the network in numbers, the map, "
        "the six partnership types, which sectors work together (against chance), the "
        "organisations that bridge sectors, one slide per type and the case list. Tables "
        "are PowerPoint's own (editable); speaker notes say where each number comes "
        "from. An existing FILE is replaced only with --force. Exit code 0 when written, "
        "2 on bad input.",
    )
    p.add_argument("-o", "--output", dest="path", required=True, metavar="FILE")
    add_input_args(p)
    add_type_arg(p)
    p.add_argument(
        "--title", metavar="T", help="title of the first slide (default: the data's name)"
    )
    p.add_argument(
        "--date",
        metavar="D",
        help="date under the title: YYYY-MM-DD (written in the deck's language) or any "
        "text; none by default",
    )
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language (default: ja)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--seed", type=int, default=0, help="seed of layouts and random draws (0)")
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
    print(f"wrote {Path(path)}: {n} slides")
    return 0
