"""``coopnet draw``, ``coopnet draw-types`` and ``coopnet draw-pairs``: slide pictures."""

from __future__ import annotations

import argparse
import os

from .common import add_input_args, add_type_arg, load

_FORMATS = "PNG (1920×1080), PDF or SVG by extension"


def _labels(value: str):
    text = value.strip().lower()
    if text in ("all", "none", "auto"):
        return text
    if text.startswith("top") and text[3:].strip().isdigit():
        return f"top{int(text[3:])}"
    raise argparse.ArgumentTypeError(
        f"--labels {value!r}: use all, none, auto or topN (for example top20)"
    )


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=f"picture to write: {_FORMATS}"
    )
    add_input_args(p)
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        default="ja",
        help="language of labels and legends (default: ja)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed of the spring layout (default: 0)")


def _layout_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--layout",
        choices=("spring", "sector", "circular", "geo"),
        default="spring",
        help="spring: force-directed, cases packed to fill the slide (default); "
        "sector: grouped by sector; circular: on a circle; geo: on the map of Japan",
    )


def register(sub) -> None:
    p = sub.add_parser(
        "draw",
        help="draw the network map for a slide (PNG/PDF/SVG)",
        description="Draw the partnership network for a slide: organisations coloured by "
        "sector and sized by their number of partners, partnerships styled by type, "
        "Japanese (or English) labels placed without overlaps.",
    )
    _common(p)
    add_type_arg(p)
    _layout_arg(p)
    p.add_argument(
        "--labels",
        type=_labels,
        default="auto",
        metavar="all|topN|none|auto",
        help="which organisations are named (default: auto: every one of a small "
        "network, else the most central of each group, 36 in all)",
    )
    p.set_defaults(func=run_draw)

    p = sub.add_parser(
        "draw-types",
        help="draw six small maps, one per partnership type",
        description="Draw six small maps (2 × 3), one per partnership type, with the "
        "organisations at the same places in every panel.",
    )
    _common(p)
    _layout_arg(p)
    p.set_defaults(func=run_draw_types)

    p = sub.add_parser(
        "draw-pairs",
        help="draw the sector × sector heatmap of partnerships",
        description="Draw a heatmap of the number of partnerships between each two "
        "sectors, with the counts in the cells.",
    )
    _common(p)
    add_type_arg(p)
    p.set_defaults(func=run_draw_pairs)


def _check_output(path: str) -> None:
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".png", ".pdf", ".svg"):
        raise ValueError(f"-o {path!r}: the extension must be .png, .pdf or .svg")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ValueError(f"-o {path!r}: folder {folder!r} does not exist")


def _save(fig, args, what: str) -> int:
    import matplotlib.pyplot as plt

    from ..plot import save_slide

    try:
        save_slide(fig, args.output)
    finally:
        plt.close(fig)
    print(f"wrote {args.output}: {what}")
    return 0


def run_draw(args: argparse.Namespace) -> int:
    from ..plot import plot_map

    _check_output(args.output)
    net = load(args)
    ax = plot_map(net, layout=args.layout, labels=args.labels, lang=args.lang, seed=args.seed)
    return _save(ax.figure, args, f"{len(net.orgs)} organisations, {len(net.edges)} partnerships")


def run_draw_types(args: argparse.Namespace) -> int:
    from ..plot import plot_types

    _check_output(args.output)
    net = load(args)
    fig = plot_types(net, layout=args.layout, lang=args.lang, seed=args.seed)
    return _save(fig, args, "six panels, one per partnership type")


def run_draw_pairs(args: argparse.Namespace) -> int:
    from ..plot import plot_pairs

    _check_output(args.output)
    net = load(args)
    ax = plot_pairs(net, lang=args.lang)
    return _save(ax.figure, args, f"{len(net.sectors)} × {len(net.sectors)} sectors")
