"""Small multiples on one slide: the grid of panels, their titles, a legend row.

Titles are set before anything is drawn, so the grid can make room for titles
that need two lines; the legend row takes as many columns as fit the slide.
"""

from __future__ import annotations

import math

import numpy as np

from .. import taxonomy
from .._glossary import counted, term
from . import fonts as _fonts
from .canvas import LEGEND_PT, MUTED, axes_px, new_figure, renderer

#: Title size of a panel (points).
PANEL_TITLE_PT = LEGEND_PT + 3


def grid_shape(n: int) -> tuple[int, int]:
    """Rows and columns for ``n`` panels on a 16:9 slide: six types fill 2 × 3,
    seven or eight 2 × 4, nine 3 × 3."""
    if n <= 3:
        return 1, max(n, 1)
    if n == 4:
        return 2, 2
    if n <= 6:
        return 2, 3
    if n <= 8:
        return 2, 4
    if n == 9:
        return 3, 3
    return math.ceil(n / 4), 4


def _titles(ptype: str, cases: int, partnerships: int, lang: str) -> tuple[str, str]:
    """「人事育成型（2 事例・3 連携）」 on one line and on two."""
    name = taxonomy.type_label(ptype, lang)
    c, p = counted(cases, "case", lang), counted(partnerships, "partnership", lang)
    if lang == "ja":
        return f"{name}（{c}・{p}）", f"{name}\n（{c}・{p}）"
    return f"{name} ({c}, {p})", f"{name}\n({c}, {p})"


def panel_figure(titles: list[tuple[str, int, int]], lang: str, legend: tuple[list, list]):
    """A slide with one titled panel per ``(type, cases, partnerships)`` and the
    legend ``(handles, texts)`` below; returns the figure and the panels (one
    empty panel when there are none)."""
    rows, cols = grid_shape(len(titles))
    fig = new_figure()
    grid = fig.add_gridspec(
        rows, cols, left=0.012, right=0.988, top=0.925, bottom=0.1, wspace=0.05, hspace=0.3
    )
    axes = [fig.add_subplot(grid[i // cols, i % cols]) for i in range(max(len(titles), 1))]
    prop = _fonts.font_properties(size=PANEL_TITLE_PT)
    r = renderer(fig)
    two_lines = False
    for ax, (ptype, cases, partnerships) in zip(axes, titles, strict=False):
        ax.set_gid(f"coopnet:panel:{ptype}")
        one, two = _titles(ptype, cases, partnerships, lang)
        text = ax.set_title(one, fontproperties=prop, pad=6)
        if text.get_window_extent(r).width > ax.get_window_extent(r).width * 0.98:
            ax.set_title(two, fontproperties=prop, pad=6, linespacing=1.15)
            two_lines = True
    bottom = 0.02
    leg = _legend_row(fig, *legend)
    if leg is not None:
        bottom = leg.get_window_extent(r).height / fig.bbox.height + 0.035
    # room above the first row and between the rows for two-line titles
    grid.update(
        top=0.885 if two_lines else 0.925,
        bottom=bottom,
        hspace=(0.42 if two_lines else 0.3) if rows > 1 else 0.3,
    )
    return fig, axes


def _legend_row(fig, handles, texts):
    """One legend across the bottom of ``fig``, in as many columns as fit."""
    if not handles:
        return None
    r = renderer(fig)
    width = fig.bbox.width * 0.98
    for ncol in range(min(len(handles), 7), 0, -1):
        leg = fig.legend(
            handles,
            texts,
            loc="lower center",
            ncol=ncol,
            frameon=False,
            prop=_fonts.font_properties(size=LEGEND_PT),
            bbox_to_anchor=(0.5, 0.0),
            columnspacing=1.2,
            handletextpad=0.3,
        )
        if leg.get_window_extent(r).width <= width or ncol == 1:
            return leg
        leg.remove()
    return None


def panel_sizes(ax, n: int, sizes: tuple[float, float]) -> tuple[float, float]:
    """``sizes`` (least, most diameter of the largest marker), unless ``n`` markers
    that big would not fit in the panel: then the largest gets about 0.6 of the
    room each organisation has."""
    w_px, h_px = axes_px(ax)
    room_pt = math.sqrt(w_px * h_px / max(n, 1)) * 72 / ax.figure.dpi
    least = float(np.clip(0.6 * room_pt, 4.0, sizes[0]))
    return least, sizes[1]


def say_none(ax, lang: str) -> None:
    """「該当なし」 / "none" in the middle of an empty panel."""
    ax.text(
        0.5,
        0.5,
        term("none", lang),
        transform=ax.transAxes,
        ha="center",
        fontproperties=_fonts.font_properties(size=14),
        color=MUTED,
    )
