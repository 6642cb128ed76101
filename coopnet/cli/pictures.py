"""``coopnet draw``, ``coopnet draw-types`` and ``coopnet draw-pairs``: slide pictures."""

from __future__ import annotations

import argparse
import os

from .common import (
    add_force_arg,
    add_input_args,
    add_lang_arg,
    add_output_arg,
    add_seed_arg,
    add_type_arg,
    bilingual_error,
    load,
    say,
)


def _labels(value: str):
    text = value.strip().lower()
    if text in ("all", "none", "auto"):
        return text
    if text.startswith("top") and text[3:].strip().isdigit():
        return f"top{int(text[3:])}"
    raise argparse.ArgumentTypeError(
        f"{value!r}: all・none・auto・topN（例: top20）のどれかにしてください / "
        "use all, none, auto or topN (for example top20)"
    )


def _common(
    p: argparse.ArgumentParser,
    *,
    seed: bool = True,
    seed_ja: str = "配置の",
    seed_en: str = "seed of the layout",
) -> None:
    """-o, the input options, --lang, --seed (where a layout or a draw uses it), --force."""
    add_output_arg(
        p,
        "書き出す図。拡張子で PNG（1920×1080）・PDF・SVG",
        "picture to write: PNG (1920×1080), PDF or SVG by extension",
    )
    add_input_args(p)
    add_lang_arg(p, "ラベルと凡例", "labels and legends")
    if seed:
        add_seed_arg(p, seed_ja, seed_en)
    add_force_arg(p)


def _layout_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--layout",
        choices=("spring", "sector", "circular", "geo"),
        default="spring",
        help="配置。spring: ばねモデルで事例ごとにまとめてスライドを埋める（既定）、sector: "
        "セクターごと、circular: 円周上、geo: 日本地図の上 / spring: force-directed, cases "
        "packed to fill the slide (default); sector: grouped by sector; circular: on a "
        "circle; geo: on the map of Japan",
    )


def register(sub) -> None:
    p = sub.add_parser(
        "draw",
        help="スライド用のネットワーク図を描く（PNG・PDF・SVG）/ draw the network map for a "
        "slide (PNG/PDF/SVG)",
        description="スライド用に連携のネットワークを描きます。組織はセクターで色分けし、"
        "連携先の数で大きさを変え、連携は連携類型で線を変え、日本語（または英語）の名前を"
        "重ならないように置きます。\n\n"
        "Draw the partnership network for a slide: organisations coloured by sector and "
        "sized by their number of partners, partnerships styled by type, Japanese (or "
        "English) labels placed without overlaps.",
    )
    _common(p)
    add_type_arg(p)
    _layout_arg(p)
    p.add_argument(
        "--title",
        default=None,
        metavar="TEXT",
        help='地図の上の題名（既定: データの題名。"" なら題名なし）/ title above the map '
        '(default: the data\'s title; "" for none)',
    )
    p.add_argument(
        "--labels",
        type=_labels,
        default="auto",
        metavar="all|topN|none|auto",
        help="名前を出す組織（既定: auto。小さなネットワークはすべて、それ以外は各まとまりの"
        "中心的な組織、計 36）/ which organisations are named (default: auto: every one of "
        "a small network, else the most central of each group, 36 in all)",
    )
    p.set_defaults(func=run_draw)

    p = sub.add_parser(
        "draw-types",
        help="連携類型ごとに小さな図を描く / draw one small map per partnership type",
        description="連携類型ごとに 1 枚の小さな図を、1 枚のスライドに並べます（6 類型なら "
        "2 × 3）。それぞれに事例と連携の数を添えます。\n\n"
        "Draw one small map per partnership type on one slide (six types: 2 × 3 panels), "
        "each titled with its numbers of cases and partnerships.",
    )
    _common(p)
    _layout_arg(p)
    p.set_defaults(func=run_draw_types)

    p = sub.add_parser(
        "draw-pairs",
        help="一緒に取り組むセクターの組み合わせを描く（三角形の表）/ draw which sectors "
        "work together (a triangle of sector pairs)",
        description="セクターの組み合わせを三角形の表に描きます。数は両方のセクターが参加する"
        "事例の数、色はセクターを無作為に入れ替えた場合と比べた観測/期待で、偶然より多い"
        "組み合わせ（p ≦ 0.05）に印を付けます。--seed は入れ替えの乱数の種です。\n\n"
        "Draw one triangle of sector pairs: the number of cases in which both sectors take "
        "part, coloured by observed/expected against shuffled sectors, pairs above chance "
        "(p <= 0.05) marked. --seed sets the shuffles.",
    )
    _common(p, seed_ja="入れ替えの", seed_en="seed of the shuffles")
    add_type_arg(p)
    p.add_argument(
        "--by",
        choices=("co-participation", "case", "partnership"),
        default="co-participation",
        help="マスが数えるもの（既定: co-participation、両方のセクターが参加する事例。"
        "partnership: 連携の件数そのもの）/ what a cell counts (default: co-participation, "
        "the cases in which both sectors take part; partnership: plain partnership counts)",
    )
    p.set_defaults(func=run_draw_pairs)


def _check_output(args: argparse.Namespace) -> None:
    """The picture's extension and place, checked before any work."""
    from .._io.output import check_file

    path = args.output
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".png", ".pdf", ".svg"):
        raise bilingual_error(
            f"-o {path!r}: 拡張子は .png・.pdf・.svg のどれかにしてください",
            f"-o {path!r}: the extension must be .png, .pdf or .svg",
        )
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
