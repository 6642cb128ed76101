"""``coopnet html``: write the interactive map as one offline HTML file."""

from __future__ import annotations

import argparse

from .common import add_input_args, add_type_arg, load, say


def register(sub) -> None:
    p = sub.add_parser(
        "html",
        help="write the interactive map as one offline HTML file",
        description="Write the network as an interactive map: one self-contained HTML file "
        "(scripts, styles and a Japanese font inside) that works without network access. "
        "Filter by partnership type and sector on the page; hover for details.",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="HTML file to write (.html)"
    )
    add_input_args(p)
    add_type_arg(p)
    p.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help="language of labels (default: ja)"
    )
    p.add_argument("--title", help="heading of the page (default: the network's name)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument(
        "--color-by",
        choices=("sector", "prefecture"),
        default="sector",
        help="colour organisations by sector (default) or prefecture",
    )
    p.set_defaults(func=run_html)


def run_html(args: argparse.Namespace) -> int:
    from .._io.output import check_file
    from ..interactive import to_html

    if args.output.lower().endswith((".html", ".htm")):  # else to_html names the extension
        check_file(args.output, force=args.force)
    net = load(args)
    path = to_html(net, args.output, lang=args.lang, title=args.title, color_by=args.color_by)
    size = path.stat().st_size
    say(
        f"wrote {path} ({size / 1e3:.0f} kB): {len(net.orgs)} organisations, "
        f"{len(net.edges)} partnerships"
    )
    return 0
