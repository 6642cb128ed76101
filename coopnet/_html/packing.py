"""Label-aware starting positions for the interactive map of a small network.

networkx's spring layout of a disconnected network leaves small components far apart
and big ones crowded; vis-network's physics pulls everything into the middle, where
labels overlap. For networks up to :data:`coopnet._html.payload.PACKED_MAX`
organisations the map instead lays out each connected component on its own
(Kamada–Kawai; spring for big components), turns and stretches it until its labels
overlap as little as possible, and packs the components in rows like words of a
paragraph, biggest first (:func:`coopnet._kernels.packing.shelf_pack`), once for
each of a few screen shapes.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from .._kernels.form import IntegerForm
from .._kernels.packing import shelf_pack

#: Wanted length of an edge, in the map's pixels (at zoom 1).
EDGE_PX = 100.0
#: Gap between packed components, in pixels.
GAP_PX = 28.0
ASPECT = 1.5  # default width / height of the packed block
#: Screen shapes packed for: a narrow notebook frame (≈1.1) to a wide monitor.
ASPECTS = (0.8, 1.1, 1.3, 1.5, 1.8, 2.2)


def label_box(label: str, font_px: float) -> tuple[float, float]:
    """Estimated (width, height) in pixels of a (possibly multi-line) canvas label.

    Examples
    --------
    >>> label_box("JA香川県", 20)
    (82.0, 23.0)
    """
    lines = label.split("\n") or [""]
    width = max(
        sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in line)
        for line in lines
    )
    return round(width * font_px, 2), round(len(lines) * font_px * 1.15, 2)


def _rects(xy: np.ndarray, sizes: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Label rectangles (x0, y0, x1, y1): centred below each node, as vis-network draws."""
    x0 = xy[:, 0] - boxes[:, 0] / 2
    y0 = xy[:, 1] + sizes + 2
    return np.column_stack([x0, y0, x0 + boxes[:, 0], y0 + boxes[:, 1]])


def _overlap(xy: np.ndarray, sizes: np.ndarray, boxes: np.ndarray) -> float:
    """Total area where labels overlap other labels or other nodes."""
    r = _rects(xy, sizes, boxes)
    dx = np.minimum(r[:, None, 2], r[None, :, 2]) - np.maximum(r[:, None, 0], r[None, :, 0])
    dy = np.minimum(r[:, None, 3], r[None, :, 3]) - np.maximum(r[:, None, 1], r[None, :, 1])
    area = np.clip(dx, 0, None) * np.clip(dy, 0, None)
    np.fill_diagonal(area, 0.0)
    total = area.sum() / 2
    # a label running over another node's circle (its bounding square)
    n0 = xy - sizes[:, None]
    n1 = xy + sizes[:, None]
    dx = np.minimum(r[:, None, 2], n1[None, :, 0]) - np.maximum(r[:, None, 0], n0[None, :, 0])
    dy = np.minimum(r[:, None, 3], n1[None, :, 1]) - np.maximum(r[:, None, 1], n0[None, :, 1])
    area = np.clip(dx, 0, None) * np.clip(dy, 0, None)
    np.fill_diagonal(area, 0.0)
    return float(total + area.sum())


def _component_layout(size: int, u: np.ndarray, v: np.ndarray, seed: int) -> np.ndarray:
    """Positions of one component's nodes ``0..size-1`` (ties ``u``–``v``), edge length ~1."""
    if size == 1:
        return np.zeros((1, 2))
    if size == 2:
        return np.array([[0.0, -0.5], [0.0, 0.5]])
    sub = nx.Graph()
    sub.add_nodes_from(range(size))
    sub.add_edges_from(zip(u.tolist(), v.tolist(), strict=True))
    if size <= 60:
        pos = nx.kamada_kawai_layout(sub, weight=None)
    else:
        pos = nx.spring_layout(sub, seed=seed, iterations=100, weight=None)
    xy = np.array([pos[i] for i in range(size)], dtype=float)
    lengths = np.hypot(*(xy[u] - xy[v]).T)
    typical = float(np.median(lengths)) if len(lengths) else 1.0
    return (xy - xy.mean(axis=0)) / (typical or 1.0)


def _best_pose(unit: np.ndarray, sizes: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Turn and stretch a component (edge length 1) so its labels overlap least."""
    if len(unit) == 1:
        return unit * EDGE_PX
    best, best_cost = None, math.inf
    angles = np.deg2rad(np.arange(0, 180, 15)) if len(unit) <= 80 else np.array([0.0])
    for stretch in (0.85, 1.0, 1.2, 1.45, 1.75):
        for a in angles:
            rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
            xy = unit @ rot.T * (EDGE_PX * stretch)
            # overlap counts most; among equals prefer compact and upright poses
            cost = _overlap(xy, sizes, boxes) + 40.0 * stretch + 0.01 * a
            if cost < best_cost:
                best, best_cost = xy, cost
    return best


@dataclass
class Packing:
    """Components laid out on their own, and where each goes for several screen shapes."""

    component: np.ndarray  # (n,) index of each node's component
    relative: np.ndarray  # (n, 2) position inside its component's box
    corners: dict[float, np.ndarray] = field(default_factory=dict)  # aspect -> (k, 2)

    def positions(self, aspect: float = ASPECT) -> np.ndarray:
        """Node positions for a screen ``aspect`` (width / height) of :data:`ASPECTS`."""
        if len(self.component) == 0:
            return np.zeros((0, 2))
        return self.relative + self.corners[aspect][self.component]


def pack_components(
    form: IntegerForm,
    labels: list[str],
    sizes,
    *,
    font_px: float,
    seed: int = 0,
    aspects=ASPECTS,
) -> Packing:
    """Lay out each connected component on its own and pack the components in rows.

    Parameters
    ----------
    form : IntegerForm
        The network's integer form (:func:`coopnet._kernels.form.integer_form`).
    labels : list of str
        Each organisation's label as drawn (with line breaks).
    sizes : array-like
        Each organisation's radius in pixels.
    font_px : float
        Label font size in pixels.
    seed : int, default 0
        Seed of the spring layout of big components.
    aspects : sequence of float
        Screen shapes (width / height) to pack for; the page picks the one nearest
        to its own shape.

    Returns
    -------
    Packing
        Positions in pixels, y downwards as in the browser, each block centred on 0;
        components biggest first (ties: the one with the first organisation first).
    """
    n = form.n
    sizes = np.asarray(sizes, dtype=float)
    boxes = np.array([label_box(lab, font_px) for lab in labels], dtype=float).reshape(-1, 2)
    labels_of = form.components
    count = np.bincount(labels_of, minlength=int(labels_of.max()) + 1 if n else 0)
    first = np.full(len(count), n)
    np.minimum.at(first, labels_of, np.arange(n))
    comps = sorted(range(len(count)), key=lambda c: (-count[c], first[c]))
    members = np.argsort(labels_of, kind="stable")  # each component's nodes in orgs order
    bounds = np.r_[0, np.cumsum(count)]
    local = np.empty(n, dtype=np.int64)
    tie_comp = labels_of[form.u]
    component = np.zeros(n, dtype=int)
    relative = np.zeros((n, 2))
    wh = np.zeros((len(comps), 2))
    for k, c in enumerate(comps):
        idx = members[bounds[c] : bounds[c + 1]]
        local[idx] = np.arange(len(idx))
        ties = tie_comp == c
        unit = _component_layout(len(idx), local[form.u[ties]], local[form.v[ties]], seed)
        xy = _best_pose(unit, sizes[idx], boxes[idx])
        r = _rects(xy, sizes[idx], boxes[idx])
        lo = np.minimum(r[:, :2], xy - sizes[idx, None]).min(axis=0)
        hi = np.maximum(r[:, 2:], xy + sizes[idx, None]).max(axis=0)
        component[idx] = k
        relative[idx] = xy - lo
        wh[k] = hi - lo
    packing = Packing(component, relative)
    for aspect in aspects:
        corners, (width, height) = shelf_pack(wh, aspect=aspect, gap=GAP_PX)
        packing.corners[aspect] = corners - (width / 2, height / 2)
    return packing
