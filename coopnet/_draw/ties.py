"""Partnerships as lines: one polyline each, styled by partnership type.

Several partnerships between the same two organisations fan out as arcs so each
stays visible; with ``bundle`` long ties curve towards the picture's centre (as
in a chord diagram) so ties between the same two groups run together.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import taxonomy
from ..network import Network


def width_for(n_partnerships: int) -> float:
    """Line width (points) that keeps a map of this many partnerships readable."""
    if n_partnerships > 2000:
        return 0.35
    return float(np.clip(5.0 / math.log10(max(n_partnerships, 1) + 10), 0.4, 2.4))


def _curves(
    p0: np.ndarray, p1: np.ndarray, bend: np.ndarray, pull: np.ndarray, centre, steps: int = 16
) -> list:
    """Polylines from p0 to p1 bent sideways by ``bend`` × length and drawn towards
    ``centre`` by the fraction ``pull`` (both 0: a straight line)."""
    out = []
    t = np.linspace(0.0, 1.0, steps)[:, None]
    for a, b, k, q in zip(p0, p1, bend, pull, strict=True):
        if k == 0 and q == 0:
            out.append(np.array([a, b]))
            continue
        d = b - a
        mid = (a + b) / 2
        ctrl = mid + (centre - mid) * q + np.array([-d[1], d[0]]) * k
        out.append((1 - t) ** 2 * a + 2 * (1 - t) * t * ctrl + t**2 * b)
    return out


def geometry(net: Network, xy: np.ndarray, bundle: float = 0.0) -> tuple[pd.DataFrame, list]:
    """The partnerships to draw (``s``, ``t``, ``type``) and one polyline each."""
    e = net.edges
    s = net.orgs.index.get_indexer(e["source"])
    t = net.orgs.index.get_indexer(e["target"])
    frame = pd.DataFrame({"s": s, "t": t, "type": e["type"].to_numpy()}, index=e.index)
    frame = frame[(frame["s"] >= 0) & (frame["t"] >= 0) & (frame["s"] != frame["t"])]
    lo = np.minimum(frame["s"], frame["t"])
    hi = np.maximum(frame["s"], frame["t"])
    type_rank = {k: i for i, k in enumerate(taxonomy.TYPES)}
    frame = frame.assign(
        lo=lo, hi=hi, rank=frame["type"].map(type_rank).fillna(len(type_rank)).to_numpy()
    )
    frame = frame.sort_values(["lo", "hi", "rank"], kind="stable")
    k = frame.groupby(["lo", "hi"]).cumcount().to_numpy()
    m = frame.groupby(["lo", "hi"])["s"].transform("size").to_numpy()
    bend = np.where(m > 1, (k - (m - 1) / 2) * 0.22, 0.0)
    p0, p1 = xy[frame["lo"].to_numpy()], xy[frame["hi"].to_numpy()]
    pull = np.zeros(len(frame))
    centre = np.zeros(2)
    if bundle and len(xy):
        lo_xy, hi_xy = xy.min(axis=0), xy.max(axis=0)
        centre = (lo_xy + hi_xy) / 2
        extent = max(float((hi_xy - lo_xy).max()), 1e-12)
        pull = bundle * np.clip(np.hypot(*(p1 - p0).T) / (0.6 * extent), 0, 1) ** 2
    return frame, _curves(p0, p1, bend, pull, centre)


def draw_ties(
    ax, net: Network, xy: np.ndarray, *, width: float, bundle: float = 0.0, zorder: float = 1.0
) -> tuple[dict, list]:
    """One ``LineCollection`` per partnership type (gid ``coopnet:edges:<type>``, the
    taxonomy's colour and dash pattern); returns them by type and every polyline."""
    from matplotlib.collections import LineCollection

    frame, curves = geometry(net, xy, bundle)
    collections = {}
    for ptype in net.types:
        idx = np.flatnonzero(frame["type"].to_numpy() == ptype)
        if len(idx) == 0:
            continue
        lc = LineCollection(
            [curves[i] for i in idx],
            colors=taxonomy.type_color(ptype),
            linestyles=taxonomy.type_linestyle(ptype),
            linewidths=width,
            alpha=0.9,
            zorder=zorder,
            capstyle="butt",  # round caps would fill the gaps of dotted lines
            gid=f"coopnet:edges:{ptype}",
            label=f"_{ptype}",
        )
        ax.add_collection(lc, autolim=False)
        collections[ptype] = lc
    return collections, curves
