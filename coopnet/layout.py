"""Node positions shared by the static and the interactive maps."""

from __future__ import annotations

import math
from collections.abc import Mapping

import networkx as nx
import numpy as np

from .network import Network

__all__ = ["LAYOUTS", "layout_positions"]

#: Named layouts; a mapping ``{id: (x, y)}`` is accepted too.
LAYOUTS = ("spring", "sector", "circular")


def _spring(g: nx.Graph, seed: int) -> dict:
    if g.number_of_nodes() == 0:
        return {}
    k = 1.6 / math.sqrt(max(g.number_of_nodes(), 1))
    return nx.spring_layout(g, k=k, seed=seed, iterations=200, weight=None)


def _sector(net: Network, g: nx.Graph, seed: int) -> dict:
    """Each sector a small cluster, the clusters on a circle in the taxonomy's order."""
    sectors = net.sectors
    n = len(sectors)
    pos = {}
    for i, sector in enumerate(sectors):
        members = list(net.orgs.index[net.orgs["sector"] == sector])
        angle = 2 * math.pi * i / max(n, 1) + math.pi / 2
        centre = np.array([math.cos(angle), math.sin(angle)])
        radius = 0.12 + 0.05 * math.sqrt(len(members))
        sub = (
            nx.circular_layout(members, scale=radius) if len(members) > 1 else {members[0]: (0, 0)}
        )
        for node, xy in sub.items():
            pos[node] = centre + np.asarray(xy)
    return pos


def layout_positions(net: Network, *, layout="spring", seed: int = 0) -> dict:
    """Positions ``{id: (x, y)}`` for every organisation of ``net``.

    Parameters
    ----------
    net : Network
    layout : {"spring", "sector", "circular"} or mapping
        ``spring``: force-directed, deterministic for a given ``seed``;
        ``sector``: organisations grouped by sector so cross-sector ties stand out;
        ``circular``: on a circle, grouped by sector; or a user-supplied
        ``{id: (x, y)}`` that must cover every organisation.
    seed : int, default 0

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> pos = layout_positions(net, layout="circular")
    >>> len(pos) == len(net.orgs)
    True
    """
    g = net.to_graph()
    if isinstance(layout, Mapping):
        missing = [n for n in g if n not in layout]
        if missing:
            shown = ", ".join(map(repr, missing[:5]))
            raise ValueError(
                f"layout= mapping has no position for {len(missing)} organisation(s): {shown}"
            )
        return {n: tuple(map(float, layout[n])) for n in g}
    if layout == "spring":
        pos = _spring(g, seed)
    elif layout == "sector":
        pos = _sector(net, g, seed)
    elif layout == "circular":
        order = net.orgs.sort_values("sector", key=lambda s: s.map(net.sectors.index)).index
        pos = nx.circular_layout(list(order))
    else:
        raise ValueError(
            f"layout={layout!r} is not a layout; choose from {', '.join(LAYOUTS)} "
            "or pass a mapping {id: (x, y)}"
        )
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}
