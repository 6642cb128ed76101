"""The tile map of Japan behind a network drawn with ``layout="geo"``.

Private helpers of :func:`coopnet.plot_map` and :func:`coopnet.plot_periods`:
the 47 tiles as faint squares with the prefecture's name in the middle, and the
national strip (全国・広域) as a dashed box with its title, in the layout
coordinates of :mod:`coopnet._geo`.
"""

from __future__ import annotations

import numpy as np

from .. import _geo
from .._glossary import term
from ..prefectures import PREFECTURES
from . import fonts as _fonts

TILE_FILL = "#F1F1F1"
TILE_TEXT = "#D2D2D2"
STRIP_EDGE = "#9A9A9A"


def is_geo(layout) -> bool:
    return isinstance(layout, str) and layout == "geo"


def frame_points(xy: np.ndarray) -> np.ndarray:
    """``xy`` with the corners of the whole grid, so that framing shows every tile."""
    return np.vstack([np.asarray(xy, dtype=float).reshape(-1, 2), _geo.tile_corners()])


def _scale() -> float:
    """Length of one grid unit in layout coordinates."""
    return 2.0 / _geo.COLS


#: With more ties than this between places, those ties fade (see :func:`fade_long_ties`).
MANY_LONG = 150


def fade_long_ties(ax) -> int:
    """Fade the ties that leave their tile when there are many of them, so that the
    tiles (and the ties within them) stay visible under the lines of a national
    network; returns how many ties were faded. The faded ties keep their type's
    colour and line style, at an opacity that falls with their number."""
    import matplotlib.colors as mcolors

    collections = [c for c in ax.collections if str(c.get_gid()).startswith("coopnet:edges:")]
    long_ = []
    for lc in collections:
        segments = lc.get_segments()
        spans = np.array([np.hypot(*(s[-1] - s[0])) for s in segments]) if segments else []
        long_.append(np.asarray(spans) > 1.5 * _scale())
    n_long = int(sum(m.sum() for m in long_))
    if n_long <= MANY_LONG:
        return 0
    alpha = float(np.clip(6.0 / np.sqrt(n_long), 0.12, 0.5))
    for lc, mask in zip(collections, long_, strict=True):
        base = mcolors.to_rgba(lc.get_edgecolor()[0])
        colours = np.tile(np.array(base), (len(mask), 1))
        colours[:, 3] = np.where(mask, alpha, base[3] * (lc.get_alpha() or 1.0))
        lc.set_alpha(None)
        lc.set_color(colours)
    return n_long


#: Above this many organisations in the median occupied tile, the prefecture names
#: are written over the organisations (else faintly behind them).
BUSY_TILE = 10


def draw_backdrop(
    ax, net, *, lang: str, names: bool = True, name_pt: float = 13.0, title_pt: float = 13.0
) -> np.ndarray:
    """Draw the tiles and the national strip behind the network (and fade the ties
    between places when there are many, :func:`fade_long_ties`); returns the boxes
    (display pixels) of the texts that labels must keep clear of.

    Prefecture names sit faintly behind a sparse network; when the tiles are busy
    (:data:`BUSY_TILE`) they are written over it, small and dark, so that each
    crowd of organisations can still be named.
    """
    import matplotlib.patheffects as pe
    from matplotlib.patches import FancyBboxPatch, Rectangle

    from .canvas import renderer as _renderer

    renderer = _renderer(ax.figure)
    home = _geo.home_codes(net.orgs["prefecture"])
    per_tile = np.bincount(home[home >= 0], minlength=len(PREFECTURES))
    busy = bool(per_tile.any()) and float(np.median(per_tile[per_tile > 0])) > BUSY_TILE
    halo = [pe.withStroke(linewidth=3, foreground="white")]
    boxes = []
    fade_long_ties(ax)
    unit = _scale()
    gap = 0.05
    for p in PREFECTURES:
        ((x, y),) = _geo.to_layout(np.array([[p.col + gap, p.row + 1 - gap]]))
        ax.add_patch(
            Rectangle(
                (x, y),
                (1 - 2 * gap) * unit,
                (1 - 2 * gap) * unit,
                facecolor=TILE_FILL,
                edgecolor="none",
                zorder=0,
                gid=f"coopnet:tile:{p.name}",
            )
        )
        ((cx, cy),) = _geo.to_layout(np.array([[p.col + 0.5, p.row + 0.5]]))
        if not names:
            continue
        size = name_pt if lang == "ja" else name_pt * 0.62
        name = ax.text(
            cx,
            cy,
            p.short if lang == "ja" else p.romaji,
            ha="center",
            va="center",
            color="#444444" if busy else TILE_TEXT,
            fontproperties=_fonts.font_properties(size=size * (0.8 if busy else 1.0)),
            zorder=5.5 if busy else 0.5,
            gid=f"coopnet:tile-name:{p.name}",
        )
        if busy and per_tile[p.code - 1]:
            name.set_path_effects(halo)
            box = name.get_window_extent(renderer)
            boxes.append((box.x0, box.y0, box.x1, box.y1))
    x0, y0, x1, y1 = _geo.STRIP
    pad = 0.2
    ((left, bottom),) = _geo.to_layout(np.array([[x0 - pad, y1 + pad]]))
    ax.add_patch(
        FancyBboxPatch(
            (left, bottom),
            (x1 - x0 + 2 * pad) * unit,
            (y1 - y0 + 2 * pad) * unit,
            boxstyle=f"round,pad=0,rounding_size={0.25 * unit}",
            facecolor="white",
            edgecolor=STRIP_EDGE,
            linestyle=(0, (4, 3)),
            linewidth=1.0,
            zorder=0,
            gid="coopnet:national-strip",
        )
    )
    ((tx, ty),) = _geo.to_layout(np.array([[x0 - pad + 0.15, y0 - pad]]))
    title = ax.text(
        tx,
        ty,
        term("national", lang).capitalize() if lang == "en" else term("national", lang),
        ha="left",
        va="center",
        color="#555555",
        fontproperties=_fonts.font_properties(size=title_pt),
        zorder=7,
        gid="coopnet:national-title",
    )
    title.set_path_effects([pe.withStroke(linewidth=5, foreground="white")])
    box = title.get_window_extent(renderer)
    boxes.append((box.x0, box.y0, box.x1, box.y1))
    return np.array(boxes, dtype=float).reshape(-1, 4)
