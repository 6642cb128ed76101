"""Node positions shared by the static and the interactive maps.

The spring layout is a vectorised Fruchterman–Reingold (see :mod:`coopnet._kernels.force`):
each connected component is laid out on its own, given room for names around its
hubs (a component spreads with its largest number of partners), and the
components are packed in rows that fill a frame of the requested aspect ratio, so
a network made of many small cases uses the whole slide instead of a hairball with
satellites. It takes
about a second for 5,000 organisations and 25,000 partnerships.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from . import _progress
from ._kernels import force as _force
from ._kernels.form import integer_form
from .network import Network

__all__ = ["LAYOUTS", "layout_positions"]

#: Named layouts; a mapping ``{id: (x, y)}`` is accepted too.
LAYOUTS = ("spring", "sector", "circular", "geo")


def _rescale(xy: np.ndarray) -> np.ndarray:
    """Centre on 0 and scale so the longer side spans [-1, 1] (aspect kept)."""
    if len(xy) == 0:
        return xy
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    half = float((hi - lo).max()) / 2
    return (xy - (lo + hi) / 2) / (half if half > 0 else 1.0)


#: Each component grows by this much per doubling of its largest number of partners
#: (components of up to ROOM_MAX_SIZE organisations: cases around a council).
ROOM_PER_DOUBLING = 0.25
ROOM_MAX_SIZE = 40


def _room_for_names(pos: np.ndarray, comp: np.ndarray, partners: np.ndarray) -> np.ndarray:
    """Spread each component of up to ``ROOM_MAX_SIZE`` organisations about its
    centre by ``1 + ROOM_PER_DOUBLING · log2(most partners)``: a hub ringed by eight
    partners gets 1.75 times the room of a pair, so its name fits between it and
    its partners."""
    k = int(comp.max()) + 1
    most = np.zeros(k)
    np.maximum.at(most, comp, partners.astype(float))
    size = np.bincount(comp, minlength=k)
    grow = 1.0 + ROOM_PER_DOUBLING * np.log2(np.maximum(most, 1.0))
    grow[size > ROOM_MAX_SIZE] = 1.0  # a big group is spread by its own forces
    centre = np.stack([np.bincount(comp, pos[:, j], k) for j in (0, 1)], 1) / size[:, None]
    return centre[comp] + (pos - centre[comp]) * grow[comp, None]


def spring_parts(net: Network, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Each component laid out on its own (not yet packed) and the component labels."""
    c = integer_form(net)
    if c.n == 0:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.intp)
    comp = c.components
    with _progress.bar(_force.mesh_work(comp), "layout", unit="step") as bar:
        pos = _force.fruchterman_reingold(c.n, c.u, c.v, comp, seed, progress=bar.update)
    return _room_for_names(pos, comp, c.partners), comp


def _spring(net: Network, seed: int, aspect: float) -> np.ndarray:
    pos, comp = spring_parts(net, seed)
    return _force.pack(pos, comp, aspect=aspect) if len(pos) else pos


def _disc(count: int) -> np.ndarray:
    """``count`` points about one unit apart filling a disc (a sunflower spiral)."""
    i = np.arange(count) + 0.5
    r = np.sqrt(i / math.pi) * 1.1
    theta = i * math.pi * (3 - math.sqrt(5))
    return np.stack([r * np.cos(theta), r * np.sin(theta)], 1)


def _around_ellipse(lengths: np.ndarray, aspect: float) -> np.ndarray:
    """Centres of consecutive arcs of the given lengths around an ellipse (width /
    height = ``aspect``), clockwise from the top; the ellipse is just long enough."""
    k = len(lengths)
    if k <= 1:
        return np.zeros((k, 2))
    t = np.linspace(0.0, 2 * math.pi, 2001)
    unit = np.stack([math.sqrt(aspect) * np.sin(t), np.cos(t) / math.sqrt(aspect)], 1)
    arc = np.r_[0.0, np.cumsum(np.hypot(*np.diff(unit, axis=0).T))]
    scale = max(lengths.sum() / arc[-1], lengths.max())
    mids = np.cumsum(lengths) - lengths / 2
    mids = (mids - mids[0]) / lengths.sum() * arc[-1]
    return unit[np.searchsorted(arc, mids).clip(0, len(t) - 1)] * scale


def _sector(net: Network, aspect: float) -> np.ndarray:
    """Each sector a disc, the discs around an ellipse in the taxonomy's order.

    Inside a disc, organisations face the sectors they are tied to: in order of
    outside ties, each takes the free place that lies furthest towards the mean
    direction of its partners' sectors, so ties between sectors leave each group
    from its near side.
    """
    c = integer_form(net)
    n, u, v = c.n, c.u, c.v
    sectors = net.sectors
    sec = net.orgs["sector"].map({s: i for i, s in enumerate(sectors)}).to_numpy()
    counts = np.bincount(sec, minlength=len(sectors))
    radii = np.sqrt(counts / math.pi) * 1.1 + 0.5
    centres = _around_ellipse(2 * radii + 1.8, aspect)
    pull = np.zeros((n, 2))
    for a, b in ((u, v), (v, u)):
        cross = sec[a] != sec[b]
        np.add.at(pull, a[cross], centres[sec[b[cross]]] - centres[sec[a[cross]]])
    pos = np.zeros((n, 2))
    for i in range(len(sectors)):
        members = np.flatnonzero(sec == i)
        slots = _disc(len(members))
        strength = np.hypot(*pull[members].T)
        free = np.ones(len(slots), dtype=bool)
        for m in members[np.argsort(-strength, kind="stable")]:
            norm = math.hypot(*pull[m])
            if norm == 0:  # no outside ties: the innermost free place
                k = int(np.flatnonzero(free)[0])
            else:
                score = slots @ (pull[m] / norm)
                k = int(np.flatnonzero(free)[np.argmax(score[free])])
            free[k] = False
            pos[m] = centres[i] + slots[k]
    return pos


def _circular(net: Network) -> np.ndarray:
    order = net.orgs["sector"].map({s: i for i, s in enumerate(net.sectors)})
    rank = np.argsort(order.to_numpy(), kind="stable")
    theta = math.pi / 2 - 2 * math.pi * np.arange(len(rank)) / max(len(rank), 1)
    pos = np.zeros((len(rank), 2))
    pos[rank] = np.stack([np.cos(theta), np.sin(theta)], 1)
    return pos


def layout_positions(
    net: Network, *, layout="spring", seed: int = 0, aspect: float = 16 / 9
) -> dict:
    """Positions ``{id: (x, y)}`` for every organisation of ``net``.

    Parameters
    ----------
    net : Network
    layout : {"spring", "sector", "circular", "geo"} or mapping
        ``spring``: force-directed (Fruchterman–Reingold), each connected component
        laid out on its own and the components packed to fill the frame;
        deterministic for a given ``seed``.
        ``sector``: each sector a group (a disc) around an ellipse, members facing
        the sectors they are tied to, so ties between sectors stand out;
        ``circular``: on a circle, grouped by sector;
        ``geo``: on the tile map of Japan (see :mod:`coopnet.prefectures`), each
        organisation in its prefecture's tile, those without a single prefecture
        (national and wide-area bodies) in a strip of their own in the empty
        north-west of the grid (see :mod:`coopnet.geography`);
        or a user-supplied
        ``{id: (x, y)}`` that must cover every organisation (returned unchanged).
    seed : int, default 0
        Seed of the spring layout's random start.
    aspect : float, default 16/9
        Width / height of the frame the spring and sector layouts fill.

    Returns
    -------
    dict
        ``{id: (x, y)}`` in the order of ``net.orgs``; named layouts are centred on
        0 with the longer side spanning [-1, 1].

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> pos = layout_positions(net, layout="circular")
    >>> len(pos) == len(net.orgs)
    True
    >>> layout_positions(net, seed=1) == layout_positions(net, seed=1)
    True
    """
    ids = net.orgs.index
    if isinstance(layout, Mapping):
        missing = [n for n in ids if n not in layout]
        if missing:
            shown = ", ".join(map(repr, missing[:5]))
            raise ValueError(
                f"layout= mapping has no position for {len(missing)} organisation(s): {shown}"
            )
        return {n: (float(layout[n][0]), float(layout[n][1])) for n in ids}
    if not (isinstance(aspect, int | float) and math.isfinite(aspect) and aspect > 0):
        raise ValueError(f"aspect={aspect!r} must be a positive number (width / height)")
    if layout == "spring":
        xy = _spring(net, int(seed), float(aspect))
    elif layout == "sector":
        xy = _sector(net, float(aspect))
    elif layout == "circular":
        xy = _circular(net)  # already on the unit circle
    elif layout == "geo":
        from ._geo import geo_grid, to_layout

        xy = to_layout(geo_grid(net))  # a fixed frame: the whole grid spans [-1, 1]
    else:
        raise ValueError(
            f"layout={layout!r} is not a layout; choose from {', '.join(LAYOUTS)} "
            "or pass a mapping {id: (x, y)}"
        )
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if layout not in ("circular", "geo"):
        xy = _rescale(xy)
    return {n: (float(x), float(y)) for n, (x, y) in zip(ids, xy, strict=True)}
