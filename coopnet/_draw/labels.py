"""Place node labels so that each reads as its own node's, and nothing is hidden.

A greedy placer in display (pixel) space, in the spirit of textalloc: labels are
taken in priority order (most central first); each tries positions around its
node — right, left, above, below, the diagonals — on rings of growing distance,
and takes the allowed one with the lowest cost. A position is allowed when

- the label's box stays inside the axes and keeps :data:`PAD` pixels from every
  label already placed, every marker and every box in ``blocked``;
- the box is nearer its own marker than any other marker (by :data:`OWN_MARGIN`
  pixels at least), so it cannot be read as a neighbour's;
- a label away from its node gets a leader line, which must pass through no
  other marker and no other label; no later label may cover a leader line.

The cost grows with the distance from the node, the ties the box crosses
(counted exactly, one per tie; :data:`TIE_COST`; a name on its node does not
count the node's own ties, which run under it) and a narrower wrapping. As a
last resort a label may sit centred on its own node (a hub whose partners
surround it), which reads as that node's name.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

#: Extra distance (in text lines) of the candidate rings around a node.
RINGS = (0.0, 0.4, 1.0, 1.8, 2.8, 4.0)
#: Directions around a node (unit vectors, y up), in order of preference:
#: right, left, above, below, then the rest of a 24-point compass.
_ANGLES = [0, 180, 90, 270] + [a for a in range(0, 360, 15) if a % 90]
DIRECTIONS = tuple(
    (round(np.cos(np.radians(a)), 6), round(np.sin(np.radians(a)), 6)) for a in _ANGLES
)
#: Gap in pixels kept between a label and other labels or markers.
PAD = 3.0
#: A label's box is at least this much nearer (pixels) its own marker than any other.
OWN_MARGIN = 3.0
#: Cost of one tie crossing a label (one ring further out costs 3, a leader line
#: a few pixels long is better than a name across a tie).
TIE_COST = 6.0
#: Cost of the last resort: the label centred on its own node (ring -1), for a hub
#: whose partners surround it so closely that no place beside it is nearer to it.
ON_NODE_COST = 9.0
#: Padding (in text lines) of the frame drawn round a label on its node.
ON_NODE_PAD = 0.25


@dataclass(frozen=True)
class Spot:
    """Where a label goes: its node, centre (pixels), ring and wrapping, and the
    leader line from the marker's edge to the box (None when it touches its node)."""

    node: int
    x: float
    y: float
    ring: int
    alt: int
    leader: tuple[tuple[float, float], tuple[float, float]] | None
    #: 0: an allowed place; 1 (a required label only): it may be read as another's;
    #: 2: it covers something.
    forced: int = 0


def _overlaps(boxes: np.ndarray, box: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` (k, 4: x0, y0, x1, y1) intersect each candidate ``box`` (c, 4)."""
    if len(boxes) == 0:
        return np.zeros((len(box), 0), dtype=bool)
    return (
        (box[:, None, 0] < boxes[None, :, 2])
        & (box[:, None, 2] > boxes[None, :, 0])
        & (box[:, None, 1] < boxes[None, :, 3])
        & (box[:, None, 3] > boxes[None, :, 1])
    )


def _gaps(centres: np.ndarray, radii: np.ndarray, box: np.ndarray) -> np.ndarray:
    """(c, n) distance from candidate box i to the edge of marker j (negative: overlap)."""
    dx = np.maximum(np.maximum(box[:, None, 0] - centres[None, :, 0], 0), 0)
    dx = np.maximum(dx, centres[None, :, 0] - box[:, None, 2])
    dy = np.maximum(np.maximum(box[:, None, 1] - centres[None, :, 1], 0), 0)
    dy = np.maximum(dy, centres[None, :, 1] - box[:, None, 3])
    return np.hypot(dx, dy) - radii[None, :]


def segments_hit_boxes(p0: np.ndarray, p1: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """(b, s): whether segment ``p0[j]``–``p1[j]`` passes through box ``i``
    (Liang–Barsky clipping; touching counts)."""
    if len(boxes) == 0 or len(p0) == 0:
        return np.zeros((len(boxes), len(p0)), dtype=bool)
    d = p1 - p0
    lo = np.zeros((len(boxes), len(p0)))
    hi = np.ones((len(boxes), len(p0)))
    ok = np.ones((len(boxes), len(p0)), dtype=bool)
    for axis, (a, b) in enumerate(((0, 2), (1, 3))):
        start, step = p0[None, :, axis], d[None, :, axis]
        near, far = boxes[:, a, None], boxes[:, b, None]
        flat = np.abs(step) < 1e-12
        ok &= ~flat | ((start >= near) & (start <= far))
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = (near - start) / step
            t1 = (far - start) / step
        enter = np.where(flat, -np.inf, np.minimum(t0, t1))
        leave = np.where(flat, np.inf, np.maximum(t0, t1))
        lo = np.maximum(lo, enter)
        hi = np.minimum(hi, leave)
    return ok & (lo <= hi)


class Ties:
    """The ties as straight pieces (pixels), and how many ties cross a box."""

    def __init__(self, polylines: list) -> None:
        kept = [np.asarray(p, dtype=float) for p in polylines if len(p) > 1]
        pieces = [np.stack([p[:-1], p[1:]], 1) for p in kept]
        self.segments = np.concatenate(pieces) if pieces else np.zeros((0, 2, 2))
        owner = [np.full(len(p) - 1, k) for k, p in enumerate(kept)]
        self.owner = np.concatenate(owner) if owner else np.zeros(0, dtype=np.intp)
        self.lo = self.segments.min(axis=1) if len(self.segments) else np.zeros((0, 2))
        self.hi = self.segments.max(axis=1) if len(self.segments) else np.zeros((0, 2))
        # the two ends of each tie (its organisations' centres)
        self.ends = np.array([[p[0], p[-1]] for p in kept]).reshape(-1, 2, 2)

    def crossings(self, boxes: np.ndarray, at=None) -> np.ndarray:
        """Number of distinct ties passing through each box (c, 4); with ``at`` (a
        node's centre), the node's own ties are not counted (they run under a name
        set on the node)."""
        if len(self.segments) == 0 or len(boxes) == 0:
            return np.zeros(len(boxes))
        lo, hi = boxes[:, :2].min(axis=0), boxes[:, 2:].max(axis=0)
        inside = ((self.hi >= lo) & (self.lo <= hi)).all(axis=1)
        if at is not None:
            gap = np.hypot(*(self.ends - np.asarray(at, dtype=float)).transpose(2, 0, 1))
            inside &= ~(gap.min(axis=1) < 0.5)[self.owner]
        near = np.flatnonzero(inside)
        if len(near) == 0:
            return np.zeros(len(boxes))
        seg = self.segments[near]
        hit = segments_hit_boxes(seg[:, 0], seg[:, 1], boxes)
        owner = self.owner[near]  # ascending: a tie's pieces are consecutive
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        return np.logical_or.reduceat(hit, starts, axis=1).sum(axis=1)


def _leader_hits(start, end, anchors, radii, others, placed) -> np.ndarray:
    """For leader lines ``start[j]``–``end[j]``: how many other markers and placed
    labels each passes through."""
    marker_boxes = np.concatenate(
        [anchors[others] - radii[others, None], anchors[others] + radii[others, None]], axis=1
    )
    through = segments_hit_boxes(start, end, marker_boxes)
    if through.any():  # a box test first, then the exact circle test
        seg = end - start
        t = ((anchors[others][:, None] - start[None]) * seg[None]).sum(2)
        t = np.clip(t / np.maximum((seg * seg).sum(1), 1e-9)[None], 0, 1)
        closest = start[None] + t[:, :, None] * seg[None]
        dist = np.hypot(*(closest - anchors[others][:, None]).transpose(2, 0, 1))
        through &= dist < radii[others, None]
    return through.sum(0) + segments_hit_boxes(start, end, placed).sum(0)


def _candidates(anchor, size_alts, gap0: float, line: float, rings, on_node: bool = True):
    """Centres, half sizes and (ring, preference, alternative) of every candidate;
    a label on its node is framed, so its box is :data:`ON_NODE_PAD` lines larger."""
    dirs = np.array(DIRECTIONS, dtype=float)
    rank = np.arange(len(dirs), dtype=float)
    cands, meta, dims = [], [], []
    for alt, (w, h) in enumerate(size_alts):  # centred on the node (ring -1)
        if w > 0 and on_node:
            cands.append(anchor[None, :])
            meta.append(np.array([[-1.0, 0.0, alt]]))
            dims.append(np.array([[w / 2, h / 2]]) + ON_NODE_PAD * line)
    for (alt, (w, h)), (k, extra) in itertools.product(enumerate(size_alts), enumerate(rings)):
        if w <= 0:
            continue
        gap = gap0 + extra * line
        # the ray from the node in direction (dx, dy) leaves the box ``gap`` from the node
        with np.errstate(divide="ignore"):
            half = np.minimum(w / 2 / np.abs(dirs[:, 0]), h / 2 / np.abs(dirs[:, 1]))
        cands.append(anchor + dirs * (gap + half)[:, None])
        meta.append(np.stack([np.full(len(dirs), k), rank, np.full(len(dirs), alt)], 1))
        dims.append(np.tile([w / 2, h / 2], (len(dirs), 1)))
    return np.concatenate(cands), np.concatenate(dims), np.concatenate(meta).T


def place(
    anchors: np.ndarray,
    sizes: np.ndarray,
    radii: np.ndarray,
    order: np.ndarray,
    frame: tuple[float, float, float, float],
    ties: Ties,
    *,
    line: float,
    required: bool,
    rings: tuple[float, ...] = RINGS,
    blocked: np.ndarray | None = None,
    give_up: bool = False,
    hubs: np.ndarray | None = None,
) -> list[Spot]:
    """Choose label centres in display pixels.

    Parameters
    ----------
    anchors : (n, 2) node centres; sizes : (n, a, 2) label width and height of
    ``a`` alternative wrappings (tried in order, the first preferred);
    radii : (n,) marker radii; order : indices of the nodes to label, most
    important first; frame : x0, y0, x1, y1 of the axes; ties : the ties drawn.
    line : height of one line of text in pixels (the unit of :data:`RINGS`).
    required : place every label even when no allowed position exists (it then
        takes the position that breaks fewest rules); otherwise such labels are
        left out.
    rings : distances (in ``line`` units) of the candidate positions.
    blocked : (k, 4) boxes already taken (titles …) that labels must not overlap.
    give_up : with ``required``, stop at the first label that would cover
        something (the caller will try again with smaller type).
    hubs : (n,) bool, optional
        The nodes whose label may sit on the node (the last resort); by default
        every node.

    Returns
    -------
    list of :class:`Spot`, one per label placed.
    """
    placed = np.zeros((0, 4)) if blocked is None else np.asarray(blocked, float).reshape(-1, 4)
    leaders = np.zeros((0, 2, 2))
    out = []
    big = float(radii.max(initial=0.0))
    for i in order:
        centre, half, (ring, pref, alts) = _candidates(
            anchors[i], sizes[i], radii[i] + PAD, line, rings, hubs is None or bool(hubs[i])
        )
        box = np.concatenate([centre - half, centre + half], axis=1)
        inside = (
            (box[:, 0] >= frame[0])
            & (box[:, 1] >= frame[1])
            & (box[:, 2] <= frame[2])
            & (box[:, 3] <= frame[3])
        )
        # only markers that could be as near as the own one matter (keeps big maps fast)
        reach = radii[i] + PAD + max(rings) * line + OWN_MARGIN + big
        lo, hi = box[:, :2].min(axis=0) - reach, box[:, 2:].max(axis=0) + reach
        close = np.flatnonzero(((anchors >= lo) & (anchors <= hi)).all(axis=1))
        me = int(np.flatnonzero(close == i)[0])
        gaps = _gaps(anchors[close], radii[close], box)
        own = gaps[:, me].copy()
        gaps[:, me] = np.inf
        nearest = gaps.min(axis=1) if gaps.shape[1] else np.full(len(box), np.inf)
        # beside its node, a box keeps PAD from its own marker too (a wide box in a
        # diagonal direction could otherwise reach over it)
        node_hits = ((nearest < PAD) | ((own < PAD - 0.5) & (ring >= 0))).astype(int)
        not_own = (nearest < own + OWN_MARGIN).astype(int)
        padded = box + np.array([-PAD, -PAD, PAD, PAD])
        label_hits = _overlaps(placed, padded).sum(1)
        on_leaders = segments_hit_boxes(leaders[:, 0], leaders[:, 1], padded).sum(1)
        hidden = (~inside) * 10 + label_hits + node_hits  # something would be covered
        unclear = not_own + on_leaders  # it could be read as another's
        # the costlier tests (leader lines, ties crossed) only where they can matter
        rows = np.flatnonzero((hidden + unclear) == 0)
        if len(rows) == 0 and not required:
            continue
        if len(rows) == 0:
            rows = np.arange(len(box))
        # a label away from its node: a leader from the marker's edge to the box
        led = ring >= 1
        end = np.clip(anchors[i], box[:, :2], box[:, 2:])
        d = end - anchors[i]
        length = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
        start = anchors[i] + d / length[:, None] * radii[i]
        with_leader = rows[led[rows]]
        if len(with_leader):
            unclear[with_leader] += _leader_hits(
                start[with_leader], end[with_leader], anchors, radii, np.delete(close, me), placed
            )
        cost = np.full(len(box), np.inf)
        cost[rows] = np.where(ring[rows] < 0, ON_NODE_COST, ring[rows] * 3.0)
        cost[rows] += np.minimum(pref[rows], 4) * 0.4 + alts[rows] * 4.0
        beside, on_node = rows[ring[rows] >= 0], rows[ring[rows] < 0]
        cost[beside] += ties.crossings(box[beside]) * TIE_COST
        cost[on_node] += ties.crossings(box[on_node], at=anchors[i]) * TIE_COST
        ok = np.zeros(len(box), dtype=bool)
        ok[rows] = (hidden[rows] + unclear[rows]) == 0
        if ok.any():
            best = int(np.flatnonzero(ok)[np.argmin(cost[ok])])
        elif required:
            # a required label first covers nothing, then reads as clearly as it can
            best = int(rows[np.argmin(hidden[rows] * 1000 + unclear[rows] * 100 + cost[rows])])
            if give_up and hidden[best]:
                return out
        else:
            continue
        forced = 0 if ok[best] else (2 if hidden[best] else 1)
        placed = np.vstack([placed, box[best]])
        leader = None
        if led[best] and length[best] > radii[i] + 2:
            leader = (tuple(start[best]), tuple(end[best]))
            leaders = np.concatenate([leaders, np.array([[start[best], end[best]]])])
        out.append(
            Spot(
                int(i),
                float(centre[best, 0]),
                float(centre[best, 1]),
                int(ring[best]),
                int(alts[best]),
                leader,
                forced,
            )
        )
    return out
