"""Legends of the pictures: sectors (colour and shape), partnership types (colour and
dash), what the node sizes show.

Every legend is kept inside what ``bbox_inches="tight"`` measures (a notebook's
inline figures, ``fig.savefig(..., bbox_inches="tight")``): a legend added to
axes with ``add_artist`` is clipped to the axes and left out of the tight box, so
it is unclipped here.
"""

from __future__ import annotations

from .. import taxonomy
from . import fonts as _fonts
from .canvas import LEGEND_PT, MUTED, renderer


def sector_handles(entries, *, by_sector: bool, lang: str, size: float = 11.0):
    """Marker handles and texts for ``(category, colour, marker)`` entries."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=marker,
            markersize=size,
            markerfacecolor=color,
            markeredgecolor="white",
        )
        for _, color, marker in entries
    ]
    texts = [taxonomy.sector_label(c, lang) if by_sector else str(c) for c, _, _ in entries]
    return handles, texts


def type_handles(types, *, lang: str, width: float = 2.6):
    """Line handles (colour and dash pattern) and texts for partnership types."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            color=taxonomy.type_color(t),
            linestyle=taxonomy.type_linestyle(t),
            linewidth=width,
            dash_capstyle="butt",
        )
        for t in types
    ]
    return handles, [taxonomy.type_label(t, lang) for t in types]


def legend_column(ax, sections, *, x: float = 1.01, top: float = 1.0) -> list:
    """Stack legends ``(title, handles, texts)`` down the right of ``ax``."""
    r = renderer(ax.figure)
    legends = []
    for title, handles, texts in sections:
        if not handles:
            continue
        leg = ax.legend(
            handles,
            texts,
            title=title,
            loc="upper left",
            bbox_to_anchor=(x, top),
            borderaxespad=0.0,
            frameon=False,
            prop=_fonts.font_properties(size=LEGEND_PT),
            title_fontproperties=_fonts.font_properties(size=LEGEND_PT + 1),
            alignment="left",
            handlelength=3.4,
            labelspacing=0.45,
        )
        ax.add_artist(leg)
        leg.set_clip_on(False)  # counted by tight bounding boxes
        box = leg.get_window_extent(r).transformed(ax.transAxes.inverted())
        top = box.y0 - 0.04
        legends.append(leg)
    return legends


def note(ax, text: str, *, x: float = 1.01, y: float = 0.0, gid: str):
    """A small grey note (what sizes or colours show) at axes position (x, y)."""
    return ax.text(
        x,
        y,
        text,
        transform=ax.transAxes,
        fontproperties=_fonts.font_properties(size=LEGEND_PT - 1),
        color=MUTED,
        va="bottom",
        ha="left",
        gid=gid,
    )
