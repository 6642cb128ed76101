"""``coopnet prefectures``, ``timeline``, ``draw-prefectures``, ``draw-timeline`` and
``draw-periods``: where and when the partnerships are."""

from __future__ import annotations

import argparse

import pandas as pd

from .analysis import _top_arg
from .common import (
    add_format_arg,
    add_input_args,
    add_perm_arg,
    add_seed_arg,
    add_type_arg,
    emit,
    load,
    render,
    say,
)
from .pairs import RATIO
from .pictures import _check_output, _common, _layout_arg, _save

_VALUES = ("cases", "organisations", "partnerships")


def register(sub) -> None:
    p = sub.add_parser(
        "prefectures",
        help="都道府県ごとの事例・組織・連携、都道府県の E–I / cases, organisations and "
        "partnerships per prefecture; E–I by prefecture",
        description="都道府県ごとに事例・組織・連携を数えます（coopnet.prefecture_summary）。"
        "--pairs では、連携で結ばれた都道府県の組み合わせを偶然と比べて示します"
        "（coopnet.prefecture_pairs）。\n\n"
        "Count cases, organisations and partnerships per prefecture (see "
        "coopnet.prefecture_summary); with --pairs, the pairs of prefectures joined by "
        "partnerships against chance (see coopnet.prefecture_pairs).",
    )
    add_input_args(p)
    add_type_arg(p)
    p.add_argument(
        "--sort",
        choices=_VALUES,
        default="cases",
        help="並べる順（既定: cases）/ rank prefectures by (default: cases)",
    )
    _top_arg(p, default=0)
    p.add_argument(
        "--pairs",
        action="store_true",
        help="都道府県の組み合わせ（県内・県間）を並べる / list pairs of prefectures instead "
        "(within, between)",
    )
    add_perm_arg(p, "null model (places shuffled)")
    add_seed_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_prefectures)

    p = sub.add_parser(
        "timeline",
        help="年ごとの事例・連携・組織の新規と累計 / new and running totals of cases, "
        "partnerships and organisations per year",
        description="年ごとに、始まった事例・連携・組織・組織の組・セクター・セクターの"
        "組み合わせの数と、その累計を数えます（coopnet.timeline）。開始年のないものは"
        "最後の行に数えます。\n\n"
        "Count, year by year, the cases, partnerships, organisations, ties, sectors and "
        "sector pairs that started, and their running totals (see coopnet.timeline). "
        "What has no start year is counted in the last row.",
    )
    add_input_args(p)
    add_type_arg(p)
    add_format_arg(p)
    p.set_defaults(func=run_timeline)

    p = sub.add_parser(
        "draw-prefectures",
        help="事例（または組織・連携）の数で色分けした日本のタイル地図を描く / draw the "
        "tile map of Japan coloured by cases (or organisations, partnerships)",
        description="47 都道府県をタイルにし、事例・組織・連携の数で色分けして、上位 10 を"
        "横に並べます。\n\n"
        "Draw the 47 prefectures as tiles coloured by the number of cases, organisations "
        "or partnerships, with the ten highest beside the map.",
    )
    _common(p, seed=False)
    add_type_arg(p)
    p.add_argument(
        "--value",
        choices=_VALUES,
        default="cases",
        help="何を数えるか（既定: cases）/ what to count (default: cases)",
    )
    p.set_defaults(func=run_draw_prefectures)

    p = sub.add_parser(
        "draw-timeline",
        help="年ごとの広がり（累計と新しい事例）を描く / draw the growth over the years "
        "(running totals and new cases)",
        description="事例・連携・組織の累計を線で、その年に始まった事例を棒で描きます。\n\n"
        "Draw the running totals of cases, partnerships and organisations as lines and "
        "the cases started each year as bars.",
    )
    _common(p, seed=False)
    add_type_arg(p)
    p.set_defaults(func=run_draw_timeline)

    p = sub.add_parser(
        "draw-periods",
        help="いくつかの年の時点のネットワークを小さな図で並べる / draw small maps of the "
        "network as it stood at several years",
        description="いくつかの年の時点のネットワークを描きます。どの図でも組織は同じ"
        "位置にあります。\n\n"
        "Draw the network as it stood at several years, every organisation at the same "
        "place in each panel.",
    )
    _common(p)
    add_type_arg(p)
    p.add_argument(
        "--periods",
        type=_years,
        default=None,
        metavar="Y1,Y2,…",
        help="示す年（例: 2000,2010,2020。既定: 開始年のある連携を等分する最大 6 つの年）/ "
        "years to show, e.g. 2000,2010,2020 (default: up to six that cut the dated "
        "partnerships into equal shares)",
    )
    _layout_arg(p)
    p.set_defaults(func=run_draw_periods)


def _years(text: str) -> list[int]:
    try:
        years = [int(part) for part in text.replace("、", ",").split(",") if part.strip()]
    except ValueError:
        years = []
    if not years:
        raise argparse.ArgumentTypeError(
            f"{text!r}: 年をカンマで区切って書いてください（例: 2000,2020）/ give years "
            "separated by commas, e.g. 2000,2020"
        )
    return years


# ---------------------------------------------------------------- tables
def run_prefectures(args: argparse.Namespace) -> int:
    from ..brokerage import ALL, ei_index
    from ..geography import NATIONAL, prefecture_pairs, prefecture_summary

    net = load(args)
    if args.pairs:
        frame = prefecture_pairs(net, n_perm=args.n_perm, seed=args.seed)
        frame = frame if args.top == 0 else frame.head(args.top)
        if args.format != "table":
            emit(frame, args.format)
            return 0
        show = pd.DataFrame(
            {
                "#": frame.index,
                "prefectures": frame["prefecture_a"] + " – " + frame["prefecture_b"],
                "within": frame["same"].map({True: "＝", False: ""}),
                "pships": frame["partnerships"],
                "ties": frame["ties"],
                "cases": frame["cases"],
                "expected": frame["expected"],
                RATIO: frame["ratio"],
                "p": frame["p_value"],
            }
        )
        say(f"Pairs of prefectures joined by partnerships: {len(net.edges)} partnerships")
        say(
            render(
                show,
                {
                    "#": "d",
                    "pships": "d",
                    "ties": "d",
                    "cases": "d",
                    "expected": ".1f",
                    RATIO: ".2f",
                    "p": ".3f",
                },
                clip={"prefectures": 30},
            )
        )
        say(
            "＝ within one prefecture; (national): organisations without a single prefecture.\n"
            "expected: if partners were chosen regardless of place (each prefecture keeps its "
            "number of tie ends); p: one-sided."
        )
        return 0
    table = prefecture_summary(net)
    shown = table[(table[list(_VALUES)] > 0).any(axis=1)]
    order = shown.drop(index=NATIONAL, errors="ignore").sort_values(
        args.sort, ascending=False, kind="stable"
    )
    frame = pd.concat([order, shown.loc[shown.index == NATIONAL]])
    frame = frame if args.top == 0 else frame.head(args.top)
    if args.format != "table":
        emit(frame, args.format)
        return 0
    show = pd.DataFrame(
        {
            "prefecture": frame.index,
            "region": frame["region"],
            "cases": frame["cases"],
            "orgs": frame["organisations"],
            "pships": frame["partnerships"],
            "within": frame["within"],
            "between": frame["between"],
        }
    )
    say(
        f"{net.name or 'network'}: {len(order)} prefectures with cases, organisations or "
        f"partnerships, ranked by {args.sort}"
    )
    say(render(show, dict.fromkeys(["cases", "orgs", "pships", "within", "between"], "d")))
    say(
        "cases: a case in several prefectures counts in each; orgs: where each organisation is;\n"
        "pships: partnerships with an end there (within: both ends; between: the other end "
        "elsewhere);\n(national): national and wide-area bodies, cases naming no prefecture."
    )
    whole = ei_index(net, by="prefecture", n_perm=args.n_perm, seed=args.seed).loc[ALL]
    if whole["internal"] + whole["external"]:
        say(
            f"E–I by prefecture {whole['ei']:+.2f} ({int(whole['external'])} ties between "
            f"prefectures, {int(whole['internal'])} within; national bodies left out); "
            f"{whole['expected']:+.2f} expected if places were shuffled, p = "
            f"{whole['p_value']:.3f}."
        )
    return 0


def run_timeline(args: argparse.Namespace) -> int:
    from ..temporal import UNDATED, timeline

    net = load(args)
    frame = timeline(net)
    if args.format == "csv":  # one cell per year for a spreadsheet
        frame["new_sector_pairs"] = frame["new_sector_pairs"].map("、".join)
    if args.format != "table":
        emit(frame, args.format)
        return 0
    busy = frame[(frame.filter(like="_new") > 0).any(axis=1) | (frame.index == UNDATED)]
    show = pd.DataFrame(
        {
            "year": [str(y) for y in busy.index],
            "new cases": busy["cases_new"],
            "cases": busy["cases_total"],
            "new pships": busy["partnerships_new"],
            "pships": busy["partnerships_total"],
            "new orgs": busy["orgs_new"],
            "orgs": busy["orgs_total"],
            "new sector pairs": busy["new_sector_pairs"].map(lambda p: "、".join(p)),
        }
    )
    say(f"{net.name or 'network'}: what started each year (years with nothing new left out)")
    ints = ["new cases", "cases", "new pships", "pships", "new orgs", "orgs"]
    say(render(show, dict.fromkeys(ints, "d"), clip={"new sector pairs": 48}))
    say(
        "new: started that year (a case: its own year or its first partnership); cases, "
        "pships, orgs:\nrunning totals; new sector pairs: sectors first taking part in one case "
        "together (JA–JA: two JA);\n(undated): no start year, its totals are the whole network's."
    )
    return 0


# -------------------------------------------------------------- pictures
def run_draw_prefectures(args: argparse.Namespace) -> int:
    from ..plot_geography import plot_prefectures

    _check_output(args)
    net = load(args)
    ax = plot_prefectures(net, value=args.value, lang=args.lang)
    return _save(ax.figure, args, f"{args.value} per prefecture")


def run_draw_timeline(args: argparse.Namespace) -> int:
    from ..plot_temporal import plot_timeline

    _check_output(args)
    net = load(args)
    ax = plot_timeline(net, lang=args.lang)
    return _save(ax.figure, args, "running totals and new cases per year")


def run_draw_periods(args: argparse.Namespace) -> int:
    from ..period_maps import plot_periods

    _check_output(args)
    net = load(args)
    fig = plot_periods(
        net, periods=args.periods, layout=args.layout, lang=args.lang, seed=args.seed
    )
    return _save(fig, args, f"{len(fig.axes)} panels, one per year")
