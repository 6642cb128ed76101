"""Pictures of the network over the years: the growth curve and maps by period.

Examples
--------
>>> import coopnet as cn
>>> ax = cn.plot_timeline(cn.load_sample(), lang="en")
>>> ax.get_gid()
'coopnet:timeline'
"""

from __future__ import annotations

import numpy as np

from ._checks import check_lang, check_network
from ._draw import fonts as _fonts
from ._draw.canvas import LEGEND_PT, SLIDE_INCHES
from ._glossary import term
from .network import Network
from .temporal import UNDATED, timeline

__all__ = ["plot_timeline"]

#: Lines of :func:`plot_timeline`: timeline column, glossary word, colour (Okabe–Ito).
LINES = (
    ("orgs_total", "organisations", "#009E73"),
    ("partnerships_total", "partnerships", "#E69F00"),
    ("cases_total", "cases", "#0072B2"),
)
BAR = "#9CC3E4"

_TEXT = {
    "ja": {
        "title": "協同組合間連携の広がり",
        "subtitle": "線：累計　棒：その年に始まった事例",
        "left": "累計",
        "right": "新しい事例",
        "undated": "開始年の分からないもの（グラフに含めず）：{parts}",
        "no_dates": "開始年の分かる事例・連携がありません",
        "count": "{word} {n:,}",
        "sep": "・",
    },
    "en": {
        "title": "How the partnerships grew",
        "subtitle": "Lines: running totals   Bars: cases started that year",
        "left": "running total",
        "right": "new cases",
        "undated": "Without a start year (not shown): {parts}",
        "no_dates": "No case or partnership has a start year",
        "count": "{n:,} {word}",
        "sep": ", ",
    },
}


def _undated_note(row, lang: str) -> str:
    text = _TEXT[lang]
    parts = [
        text["count"].format(word=term(word, lang), n=int(row[f"{col[:-6]}_new"]))
        for col, word, _ in reversed(LINES)
        if int(row[f"{col[:-6]}_new"])
    ]
    return text["undated"].format(parts=text["sep"].join(parts)) if parts else ""


def _end_labels(ax, ends: list[tuple[float, float, str, str]], x: float) -> float:
    """Name each line at its right end, nudged apart so that no two overlap; returns
    how far right of the axes (in points) the widest label reaches."""
    prop = _fonts.font_properties(size=LEGEND_PT + 2)
    gap = (LEGEND_PT + 2) * ax.figure.dpi / 72 * 1.25
    pix = sorted(
        ((ax.transData.transform((x, y))[1], label, colour) for y, _, label, colour in ends)
    )
    placed: list[float] = []
    for y, _, _ in pix:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    inverse = ax.transData.inverted()
    x_px = ax.transData.transform((x, 0))[0] + 8
    renderer = ax.figure.canvas.get_renderer()
    right = ax.get_window_extent(renderer).x1
    reach = 0.0
    for (_, label, colour), y in zip(pix, placed, strict=True):
        xd, yd = inverse.transform((x_px, y))
        artist = ax.text(
            xd,
            yd,
            label,
            color=colour,
            fontproperties=prop,
            va="center",
            ha="left",
            clip_on=False,
            gid=f"coopnet:end-label:{label}",
        )
        reach = max(reach, artist.get_window_extent(renderer).x1 - right)
    return reach * 72 / ax.figure.dpi


def plot_timeline(net: Network, *, ax=None, lang: str = "ja"):
    """Draw how the network grew: running totals as lines, new cases as bars.

    The totals are those of :func:`coopnet.timeline` (cases, partnerships and
    organisations started in each year or before); bars show the cases that
    started each year (on their own scale, right). What has no start year is
    not drawn; a note under the chart counts it.

    Parameters
    ----------
    net : Network
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 16:9 slide-sized figure.
    lang : {"ja", "en"}, default "ja"

    Returns
    -------
    matplotlib.axes.Axes
        The axes of the lines (gid ``coopnet:timeline``): one ``Line2D`` per
        total (gid ``coopnet:total:<column>``, drawn as steps); the bars are on a
        twin axes (gid ``coopnet:new-cases``), one ``Rectangle`` per year.

    Examples
    --------
    >>> import coopnet as cn
    >>> ax = cn.plot_timeline(cn.load_sample())
    >>> line = [l for l in ax.lines if l.get_gid() == "coopnet:total:cases_total"][0]
    >>> int(line.get_ydata()[-1])    # cases with a start year, by 2023
    18
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    check_network(net)
    check_lang(lang)
    table = timeline(net)
    dated = table.drop(index=UNDATED)
    text = _TEXT[lang]
    with _fonts.japanese_text():
        if ax is None:
            fig = plt.figure(figsize=SLIDE_INCHES)
            ax = fig.add_axes((0.075, 0.16, 0.7, 0.68))
            fig.text(
                0.075,
                0.955,
                text["title"],
                fontproperties=_fonts.font_properties(size=24),
                va="top",
                ha="left",
                color="#222222",
                gid="coopnet:title",
            )
            fig.text(
                0.075,
                0.885,
                text["subtitle"],
                fontproperties=_fonts.font_properties(size=13),
                va="top",
                ha="left",
                color="#555555",
            )
        ax.set_gid("coopnet:timeline")
        small = _fonts.font_properties(size=13)
        years = np.asarray(dated.index, dtype=float)
        bars = ax.twinx()
        bars.set_gid("coopnet:new-cases")
        ax.set_zorder(bars.get_zorder() + 1)  # lines over bars
        ax.patch.set_visible(False)
        if len(dated):
            new = dated["cases_new"].to_numpy(dtype=float)
            bars.bar(years, new, width=0.8, color=BAR, zorder=1, gid="coopnet:bar")
            bars.set_ylim(0, max(new.max(), 1) / 0.4)
            ends = []
            for column, word, colour in LINES:
                values = dated[column].to_numpy(dtype=float)
                # a year's total holds from the middle of its bar's gap to the next
                ax.step(
                    np.r_[years - 0.5, years[-1] + 0.5],
                    np.r_[values, values[-1]],
                    where="post",
                    color=colour,
                    linewidth=3.0,
                    gid=f"coopnet:total:{column}",
                )
                label = text["count"].format(word=term(word, lang), n=int(values[-1]))
                ends.append((values[-1], column, label, colour))
            top = max(float(dated[c].max()) for c, _, _ in LINES)
            ax.set_ylim(0, max(top, 1) * 1.08)
            ax.set_xlim(years[0] - 1, years[-1] + 1)
            reach = _end_labels(ax, ends, years[-1] + 0.5)
            bars.spines["right"].set_position(("outward", reach + 10))
        else:
            ax.text(
                0.5,
                0.5,
                text["no_dates"],
                transform=ax.transAxes,
                ha="center",
                fontproperties=small,
                color="#888888",
            )
        for which in (ax, bars):
            which.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
            which.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
            which.tick_params(labelsize=13, length=0)
            for label in which.get_xticklabels() + which.get_yticklabels():
                label.set_fontproperties(small)
            for side in ("top", "right", "left"):
                which.spines[side].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=10))
        for label in ax.get_xticklabels():
            label.set_fontproperties(small)
        ax.grid(axis="y", color="#E5E5E5", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.set_ylabel(text["left"], fontproperties=small, color="#444444")
        bars.set_ylabel(text["right"], fontproperties=small, color="#5B8DB8")
        bars.tick_params(axis="y", colors="#5B8DB8")
        bars.spines["bottom"].set_visible(False)
        note = _undated_note(table.loc[UNDATED], lang)
        if note:
            ax.text(
                0.0,
                -0.13,
                note,
                transform=ax.transAxes,
                fontproperties=small,
                color="#555555",
                va="top",
                ha="left",
                gid="coopnet:undated",
            )
    return ax
