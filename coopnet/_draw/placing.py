"""Where the nodes go on the axes: the layout, fitted, with room for names.

:func:`place_nodes` is what the pictures call. For the spring layout it repeats
the packing so that small groups get room beside them for their names:

the spring layout packs connected components in rows, a fixed gap apart in layout
units; on a slide a pair of organisations is then narrower than one name, so the
names of the pairs in a row have nowhere to go. Here the packing is repeated with
each group of two or three widened by the part of its two widest chosen names
(named at both ends) that does not fit within it, and a bigger group with most of
its members named by its widest name, converted to layout units at the scale the map will be
drawn.
"""

from __future__ import annotations

import numpy as np

from .._kernels import force as _force
from ..layout import layout_positions, spring_parts
from ..network import Network
from . import geomap as _geomap
from .canvas import axes_px, fit, fit_scale
from .netmap import name_widths, reach
from .values import Looks

#: Packings tried (each with the scale of the one before).
ROUNDS = 3


def spring_with_room(
    net: Network,
    *,
    seed: int,
    frame_px: tuple[float, float],
    margin: float,
    name_px: np.ndarray,
    pad_px: float = 0.0,
) -> np.ndarray:
    """Positions (rows of ``net.orgs``) of the spring layout packed for ``frame_px``,
    ``name_px`` being the width in pixels of each organisation's name (0: unnamed)."""
    pos, comp = spring_parts(net, seed)
    if len(pos) == 0:
        return pos
    k = int(comp.max()) + 1
    # each name's rank by width within its group
    widths = np.asarray(name_px, dtype=float)
    order = np.lexsort((-widths, comp))
    rank = np.empty(len(comp), dtype=np.intp)
    starts = np.r_[0, np.flatnonzero(np.diff(comp[order])) + 1]
    rank[order] = np.arange(len(comp)) - np.repeat(starts, np.diff(np.r_[starts, len(comp)]))
    # a group of two or three names its members outside it (its two widest names);
    # a bigger one holds a few names within it (its hub was given room by the
    # layout), but with most of its members named they reach out (its widest)
    size = np.bincount(comp, minlength=k)
    named = np.bincount(comp, weights=(widths > 0).astype(float), minlength=k)
    small = (size <= 3)[comp]
    crowded = (named > 0.5 * size)[comp]
    keep = (((rank == 0) | (rank == 1)) & small) | ((rank == 0) & crowded)
    need = np.bincount(comp, weights=np.where(keep, widths, 0.0), minlength=k)
    aspect = frame_px[0] / frame_px[1]
    room = np.zeros(k)
    xy = _force.pack(pos, comp, aspect=aspect)
    for _ in range(ROUNDS):
        if not need.any():
            break
        scale = fit_scale(xy, frame_px, margin, pad_px)
        lo = np.full(k, np.inf)
        hi = np.full(k, -np.inf)
        np.minimum.at(lo, comp, xy[:, 0])
        np.maximum.at(hi, comp, xy[:, 0])
        width_px = (hi - lo) * scale
        # a name sits beside its node: what sticks out of the group needs room
        room = np.maximum(need - 0.5 * width_px, 0.0) / scale
        xy = _force.pack(pos, comp, aspect=aspect, room=room)
    return xy


def _outer_names(xy: np.ndarray, widths: np.ndarray | None, w_px: float) -> float:
    """Half the widest name of a named node at the far left or right, so that name
    can sit above or below its node (at most a fifth of the width)."""
    if widths is None or len(xy) < 2:
        return 0.0
    x = xy[:, 0]
    span = max(float(np.ptp(x)), 1e-12)
    outer = (x <= x.min() + 0.05 * span) | (x >= x.max() - 0.05 * span)
    named = widths[outer]
    return min(0.5 * float(named.max(initial=0.0)), 0.2 * w_px)


def place_nodes(
    ax,
    net: Network,
    *,
    layout,
    seed: int,
    chosen,
    lang: str,
    margin: float,
    fontsize: float,
    sizes: tuple[float, float],
    looks: Looks,
) -> np.ndarray:
    """Positions of ``net.orgs`` (rows), fitted to ``ax`` with room at its edges for
    the largest marker (``sizes[1]`` points across); the spring layout leaves room
    beside small groups for the names ``chosen`` (rows) at ``fontsize``."""
    pad_pt = sizes[1] / 2 * max((reach(m) for m in set(looks.markers)), default=1.0) + 2
    w_px, h_px = axes_px(ax)
    widths = name_widths(ax.figure, net, chosen, lang, fontsize) if len(chosen) else None
    if isinstance(layout, str) and layout == "spring" and widths is not None:
        xy = spring_with_room(
            net,
            seed=seed,
            frame_px=(w_px, h_px),
            margin=margin,
            name_px=widths,
            pad_px=pad_pt * ax.figure.dpi / 72,
        )
    else:
        pos = layout_positions(net, layout=layout, seed=seed, aspect=w_px / h_px)
        xy = np.array([pos[n] for n in net.orgs.index], dtype=float).reshape(-1, 2)
    # the geo layout shows every tile of Japan, whichever hold organisations
    framed = _geomap.frame_points(xy) if _geomap.is_geo(layout) else xy
    fit(ax, framed, margin=margin, pad_pt=pad_pt, side_px=_outer_names(xy, widths, w_px))
    return xy
