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
from .._kernels.form import integer_form
from ..layout import layout_positions, spring_parts
from ..network import Network
from . import geomap as _geomap
from . import labels as _labels
from .canvas import axes_px, fit, fit_scale
from .netmap import HUB_PARTNERS, name_sizes, reach
from .values import Looks

#: Packings tried (each with the scale of the one before).
ROUNDS = 3
#: A spring layout that leaves more than about a quarter of the frame empty (its
#: shape and the frame's differ by more than EMPTY) is stretched, by at most
#: STRETCH, to fill it: distances in it carry no meaning, and a flattened star
#: gets room for its names.
EMPTY, STRETCH = 1.3, 1.6


def spring_with_room(
    net: Network,
    *,
    seed: int,
    frame_px: tuple[float, float],
    margin: float,
    name_px: np.ndarray,
    pad_px: float = 0.0,
    hubs: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Positions (rows of ``net.orgs``) of the spring layout packed for ``frame_px``,
    ``name_px`` being the width in pixels of each organisation's name (0: unnamed).

    With ``hubs`` = (chosen rows, pixels each needs round it), the lone partners of
    the named hubs move out (:func:`room_round_hubs`) before the groups are packed,
    so a group that grows keeps clear of the others."""
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
        # packing turns and moves each group as a whole: distances within it keep
        scale = fit_scale(xy, frame_px, margin, pad_px)
        moved = False
        if hubs is not None:
            spread = room_round_hubs(pos, net, hubs[0], hubs[1], scale)
            moved = not np.allclose(spread, pos)
            pos = spread
        if not need.any() and not moved:
            break
        if need.any():
            lo = np.full(k, np.inf)
            hi = np.full(k, -np.inf)
            np.minimum.at(lo, comp, xy[:, 0])
            np.maximum.at(hi, comp, xy[:, 0])
            width_px = (hi - lo) * scale
            # a name sits beside its node: what sticks out of the group needs room
            room = np.maximum(need - 0.5 * width_px, 0.0) / scale
        xy = _force.pack(pos, comp, aspect=aspect, room=room)
    return xy


def fill_frame(xy: np.ndarray, frame_px: tuple[float, float]) -> np.ndarray:
    """``xy`` stretched along the axis on which it leaves the frame empty (a layout
    much wider than the frame made taller, one much taller made wider); see
    :data:`EMPTY` and :data:`STRETCH`."""
    if len(xy) < 2:
        return xy
    span = np.maximum(np.ptp(xy, axis=0), 1e-12)
    ratio = (span[0] / span[1]) / (frame_px[0] / frame_px[1])
    axis, factor = (1, ratio) if ratio >= 1 else (0, 1 / ratio)
    if factor <= EMPTY:
        return xy
    out = xy.copy()
    mid = (xy[:, axis].min() + xy[:, axis].max()) / 2
    out[:, axis] = mid + (xy[:, axis] - mid) * min(factor, STRETCH)
    return out


def room_round_hubs(
    xy: np.ndarray, net: Network, chosen, reach_px: np.ndarray, scale: float
) -> np.ndarray:
    """``xy`` with the lone partners (one partner each) of every named hub (three
    partners or more) moved out along their tie to at least ``reach_px[hub]``
    pixels (at ``scale`` pixels per layout unit) from it, so that the hub's name
    fits on it, framed, clear of their markers. Nothing else moves: a lone
    partner's only tie is to its hub."""
    c = integer_form(net)
    if len(chosen) == 0 or len(c.u) == 0:
        return xy
    partners = c.partners
    hub = np.zeros(c.n, dtype=bool)
    hub[np.asarray(chosen, dtype=np.intp)] = True
    hub &= partners >= HUB_PARTNERS
    out = xy.copy()
    for a, b in ((c.u, c.v), (c.v, c.u)):
        pick = hub[a] & (partners[b] == 1)
        h, leaf = a[pick], b[pick]
        d = xy[leaf] - xy[h]
        r = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-12)
        need = reach_px[h] / scale
        far = r < need
        out[leaf[far]] = xy[h[far]] + d[far] / r[far, None] * need[far, None]
    return out


def _hub_reach(sizes_px: np.ndarray, fontsize: float, dpi: float, leaf_px: float) -> np.ndarray:
    """Pixels from a hub's centre that its lone partners' centres keep so that its
    name, framed on it (the narrower wrapping), clears their markers."""
    line = fontsize * dpi / 72 * 1.2
    w, h = sizes_px[:, 1, 0], sizes_px[:, 1, 1]
    w = np.where(w > 0, w, sizes_px[:, 0, 0])
    h = np.where(h > 0, h, sizes_px[:, 0, 1])
    pad = _labels.ON_NODE_PAD * line + _labels.PAD
    return np.hypot(w / 2 + pad, h / 2 + pad) + leaf_px


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
    hub_room: bool = True,
) -> np.ndarray:
    """Positions of ``net.orgs`` (rows), fitted to ``ax`` with room at its edges for
    the largest marker (``sizes[1]`` points across); the spring layout leaves room
    beside small groups for the names ``chosen`` (rows) at ``fontsize`` and, with
    ``hub_room``, room round named hubs for their names (:func:`room_round_hubs`;
    not when every name must be drawn: the type shrinks then, and spreading the
    partners would shrink the whole map)."""
    pad_pt = sizes[1] / 2 * max((reach(m) for m in set(looks.markers)), default=1.0) + 2
    w_px, h_px = axes_px(ax)
    sizes_px = name_sizes(ax.figure, net, chosen, lang, fontsize) if len(chosen) else None
    widths = sizes_px[:, 0, 0] if sizes_px is not None else None
    hubs = None
    if sizes_px is not None and hub_room:
        dpi = ax.figure.dpi
        hubs = (chosen, _hub_reach(sizes_px, fontsize, dpi, sizes[1] / 2 * dpi / 72))
    if isinstance(layout, str) and layout == "spring" and widths is not None:
        xy = spring_with_room(
            net,
            seed=seed,
            frame_px=(w_px, h_px),
            margin=margin,
            name_px=widths,
            pad_px=pad_pt * ax.figure.dpi / 72,
            hubs=hubs,
        )
    else:
        pos = layout_positions(net, layout=layout, seed=seed, aspect=w_px / h_px)
        xy = np.array([pos[n] for n in net.orgs.index], dtype=float).reshape(-1, 2)
    if isinstance(layout, str) and layout == "spring":
        xy = fill_frame(xy, (w_px, h_px))
    # the geo layout shows every tile of Japan, whichever hold organisations
    framed = _geomap.frame_points(xy) if _geomap.is_geo(layout) else xy
    fit(ax, framed, margin=margin, pad_pt=pad_pt, side_px=_outer_names(xy, widths, w_px))
    return xy
