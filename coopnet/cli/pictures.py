"""``coopnet draw``, ``coopnet draw-types`` and ``coopnet draw-pairs``: slide pictures."""

from __future__ import annotations

import argparse
import os

from .common import add_input_args, add_type_arg, load, say

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
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


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
        "--title",
        default=None,
        metavar="TEXT",
        help='title above the map (default: the data\'s title; "" for none)',
    )
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
        help="draw one small map per partnership type",
        description="Draw one small map per partnership type on one slide (six types: "
        "2 × 3 panels), each titled with its numbers of cases and partnerships.",
    )
    _common(p)
    _layout_arg(p)
    p.set_defaults(func=run_draw_types)

    p = sub.add_parser(
        "draw-pairs",
        help="draw which sectors work together (a triangle of sector pairs)",
        description="Draw one triangle of sector pairs: the number of cases in which both "
        "sectors take part, coloured by observed / expected against shuffled sectors, "
        "pairs above chance (p <= 0.05) marked. --seed sets the shuffles.",
    )
    _common(p)
    add_type_arg(p)
    p.add_argument(
        "--by",
        choices=("co-participation", "case", "partnership"),
        default="co-participation",
        help="what a cell counts (default: co-participation, the cases in which both "
        "sectors take part; partnership: plain partnership counts)",
    )
    p.set_defaults(func=run_draw_pairs)


def _check_output(args: argparse.Namespace) -> None:
    """The picture's extension and place, checked before any work."""
    from .._io.output import check_file

    path = args.output
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".png", ".pdf", ".svg"):
        raise ValueError(f"-o {path!r}: the extension must be .png, .pdf or .svg")
    check_file(path, force=args.force)


def _save(fig, args, what: str) -> int:
    import matplotlib.pyplot as plt

    from ..plot import save_slide

    try:
        save_slide(fig, args.output)
    finally:
        plt.close(fig)
    say(f"wrote {args.output}: {what}")
    return 0


def run_draw(args: argparse.Namespace) -> int:
    from ..plot import plot_map

    _check_output(args)
    net = load(args)
    ax = plot_map(
        net,
        layout=args.layout,
        labels=args.labels,
        lang=args.lang,
        seed=args.seed,
        title=args.title,
    )
    return _save(ax.figure, args, f"{len(net.orgs)} organisations, {len(net.edges)} partnerships")


def run_draw_types(args: argparse.Namespace) -> int:
    from ..plot import plot_types

    _check_output(args)
    net = load(args)
    axes = plot_types(net, layout=args.layout, lang=args.lang, seed=args.seed)
    return _save(axes[0].figure, args, f"{len(axes)} panels, one per partnership type")


def run_draw_pairs(args: argparse.Namespace) -> int:
    from ..charts import plot_pairs

    _check_output(args)
    net = load(args)
    ax = plot_pairs(net, by=args.by, lang=args.lang, seed=args.seed)
    k = len(net.sectors)
    return _save(ax.figure, args, f"{k * (k + 1) // 2} sector pairs ({args.by})")
