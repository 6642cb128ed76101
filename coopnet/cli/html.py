"""``coopnet html``: write the interactive map as one offline HTML file."""

from __future__ import annotations

import argparse

from .common import add_input_args, add_type_arg, load


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
    p.add_argument(
        "--color-by",
        choices=("sector", "prefecture"),
        default="sector",
        help="colour organisations by sector (default) or prefecture",
    )
    p.add_argument(
        "--level",
        choices=("auto", "organisations", "groups"),
        default="auto",
        help="open on every organisation, or on one node per sector in each prefecture "
        "(groups; a click opens one). Default auto: groups above 20,000 organisations",
    )
    p.set_defaults(func=run_html)


def run_html(args: argparse.Namespace) -> int:
    from ..interactive import to_html

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
    print(
        f"wrote {path} ({size / 1e3:.0f} kB): {len(net.orgs)} organisations, "
        f"{len(net.edges)} partnerships"
    )
    return 0
