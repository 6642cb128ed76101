"""The slide the pictures are drawn for: its size, type sizes, and fitting data to axes.

Sizes are in points on a 13.33-inch PowerPoint slide, so 12 pt reads as 12 pt on
the slide and, at 1920 × 1080 px, about 24 px high on the screen.
"""

from __future__ import annotations

import numpy as np

#: A PowerPoint 16:9 slide, so a font size in points reads as it would on the slide.
SLIDE_INCHES = (40 / 3, 7.5)
#: Label, legend and title font sizes (points on a 13.33-inch slide).
LABEL_PT = 12.0
LEGEND_PT = 12.0
TITLE_PT = 20.0
NOTE_PT = 11.0
#: Colours of the words around a picture.
INK = "#222222"
MUTED = "#555555"


def map_title(ax, text: str):
    """``text`` as a map's title, left-aligned above ``ax`` (gid ``coopnet:title``)."""
    from . import fonts

    return ax.set_title(
        text,
        loc="left",
        fontproperties=fonts.font_properties(size=TITLE_PT),
        pad=10,
        gid="coopnet:title",
    )


def renderer(fig):
    """The figure's renderer (drawing once if the backend has none yet)."""
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def axes_px(ax) -> tuple[float, float]:
    """Width and height of ``ax`` in display pixels."""
    box = ax.get_window_extent(renderer(ax.figure))
    return max(box.width, 1.0), max(box.height, 1.0)


def new_figure():
    """A new slide-sized figure."""
    import matplotlib.pyplot as plt

    return plt.figure(figsize=SLIDE_INCHES)


def map_axes(ax, *, legend: bool, title: bool):
    """``ax``, or the axes of a new slide: the map on the left, room for the
    legend column on the right and for a title at the top."""
    if ax is not None:
        return ax
    fig = new_figure()
    top = 0.925 if title else 0.99
    width = 0.77 if legend else 0.98
    return fig.add_axes((0.005, 0.01, width, top - 0.01))


def fit_scale(
    xy: np.ndarray, frame_px, margin: float, pad_px: float = 0.0, side_px: float = 0.0
) -> float:
    """Pixels per layout unit when ``xy`` fills ``frame_px`` (width, height), keeping
    ``margin`` of the frame (a fraction), at least ``pad_px`` pixels clear, and at
    least ``side_px`` at the left and right (for names beside the outer nodes)."""
    w_px, h_px = frame_px
    span = np.maximum(xy.max(axis=0) - xy.min(axis=0), 1e-6)
    if len(xy) == 1:
        span = np.array([1.0, 1.0])
    mx, my = max(margin * w_px, pad_px, side_px), max(margin * h_px, pad_px)
    return float(min(max(w_px - 2 * mx, 1.0) / span[0], max(h_px - 2 * my, 1.0) / span[1]))


def fit(
    ax, xy: np.ndarray, margin: float = 0.04, pad_pt: float = 0.0, side_px: float = 0.0
) -> None:
    """Equal-scale limits around ``xy`` that fill ``ax`` (its frame hidden), keeping
    ``margin`` of the axes, at least ``pad_pt`` points (a marker's radius) clear and
    ``side_px`` pixels at the left and right."""
    ax.set_axis_off()
    if len(xy) == 0:
        return
    w_px, h_px = axes_px(ax)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    scale = fit_scale(xy, (w_px, h_px), margin, pad_pt * ax.figure.dpi / 72, side_px)
    mid = (lo + hi) / 2
    ax.set_xlim(mid[0] - w_px / scale / 2, mid[0] + w_px / scale / 2)
    ax.set_ylim(mid[1] - h_px / scale / 2, mid[1] + h_px / scale / 2)
