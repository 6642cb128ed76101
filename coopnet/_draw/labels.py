"""Place node labels so that they overlap neither each other nor any node.

A greedy placer in display (pixel) space, in the spirit of textalloc: labels are
taken in priority order (most central first); each tries positions around its
node — right, left, above, below, the diagonals — on rings of growing distance,
and takes the feasible one with the lowest cost (distance, edges crossed). A
position is feasible when the label's box stays inside the axes and keeps a
margin from every label already placed and every node marker. Labels placed away
from their node get a thin leader line.
"""

from __future__ import annotations

import itertools

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


def _circle_hits(centres: np.ndarray, radii: np.ndarray, box: np.ndarray) -> np.ndarray:
    """(c, n) whether circle j intersects candidate box i."""
    cx = np.clip(centres[None, :, 0], box[:, None, 0], box[:, None, 2])
    cy = np.clip(centres[None, :, 1], box[:, None, 1], box[:, None, 3])
    d2 = (cx - centres[None, :, 0]) ** 2 + (cy - centres[None, :, 1]) ** 2
    return d2 < radii[None, :] ** 2


def _segment_hits(a: np.ndarray, b: np.ndarray, centres, radii, *, skip: int) -> np.ndarray:
    """For segments a→b[i], how many circles (other than ``skip``) they pass through."""
    d = b - a  # (c, 2)
    length2 = np.maximum((d * d).sum(1), 1e-9)
    t = np.clip(((centres[None, :, :] - a) * d[:, None, :]).sum(2) / length2[:, None], 0, 1)
    closest = a + t[:, :, None] * d[:, None, :]
    dist2 = ((closest - centres[None, :, :]) ** 2).sum(2)
    hit = dist2 < radii[None, :] ** 2
    hit[:, skip] = False
    return hit.sum(1)


class _Density:
    """Counts of points in boxes in O(1), from a summed-area table on a pixel grid."""

    CELL = 4.0

    def __init__(self, points: np.ndarray, frame) -> None:
        self.x0, self.y0 = frame[0], frame[1]
        nx_ = max(int(np.ceil((frame[2] - frame[0]) / self.CELL)), 1)
        ny_ = max(int(np.ceil((frame[3] - frame[1]) / self.CELL)), 1)
        ix = np.floor((points[:, 0] - self.x0) / self.CELL).astype(np.intp)
        iy = np.floor((points[:, 1] - self.y0) / self.CELL).astype(np.intp)
        keep = (ix >= 0) & (ix < nx_) & (iy >= 0) & (iy < ny_)
        grid = np.bincount(ix[keep] * ny_ + iy[keep], minlength=nx_ * ny_).reshape(nx_, ny_)
        self.table = np.zeros((nx_ + 1, ny_ + 1))
        self.table[1:, 1:] = grid.cumsum(0).cumsum(1)
        self.shape = (nx_, ny_)

    def count(self, box: np.ndarray) -> np.ndarray:
        """Points inside each box (x0, y0, x1, y1), to the nearest grid cell."""
        gx = np.clip(np.rint((box[:, [0, 2]] - self.x0) / self.CELL), 0, self.shape[0]).astype(int)
        gy = np.clip(np.rint((box[:, [1, 3]] - self.y0) / self.CELL), 0, self.shape[1]).astype(int)
        t = self.table
        return (
            t[gx[:, 1], gy[:, 1]]
            - t[gx[:, 0], gy[:, 1]]
            - t[gx[:, 1], gy[:, 0]]
            + t[gx[:, 0], gy[:, 0]]
        )


def place(
    anchors: np.ndarray,
    sizes: np.ndarray,
    radii: np.ndarray,
    order: np.ndarray,
    frame: tuple[float, float, float, float],
    obstacles: np.ndarray,
    *,
    line: float,
    required: bool,
    rings: tuple[float, ...] = RINGS,
    blocked: np.ndarray | None = None,
) -> list[tuple[int, float, float, int]]:
    """Choose label centres in display pixels.

    Parameters
    ----------
    anchors : (n, 2) node centres; sizes : (n, a, 2) label width and height of
    ``a`` alternative wrappings (tried in order, the first preferred);
    radii : (n,) marker radii; order : indices of the nodes to label, most
    important first; frame : x0, y0, x1, y1 of the axes; obstacles : (k, 2)
    points along the edges (a soft cost, not forbidden).
    line : height of one line of text in pixels (the unit of :data:`RINGS`).
    required : place every label even when no free position exists (it then
        takes the position that overlaps least); otherwise such labels are skipped.
    rings : distances (in ``line`` units) of the candidate positions.
    blocked : (k, 4) boxes already taken (titles …) that labels must not overlap.

    Returns
    -------
    list of (node, x, y, ring, alternative) for the labels placed.
    """
    dirs = np.array(DIRECTIONS, dtype=float)
    rank = np.arange(len(dirs), dtype=float)
    placed = np.zeros((0, 4)) if blocked is None else np.asarray(blocked, float).reshape(-1, 4)
    out = []
    crowd = _Density(np.asarray(obstacles, dtype=float).reshape(-1, 2), frame)
    reach = float(radii.max(initial=0.0)) + 2 * PAD
    for i in order:
        r = radii[i] + PAD
        cands, meta, dims = [], [], []
        for (alt, (w, h)), (k, extra) in itertools.product(enumerate(sizes[i]), enumerate(rings)):
            if w <= 0:
                continue
            gap = r + extra * line
            # the ray from the node in direction (dx, dy) leaves the box ``gap`` from the node
            with np.errstate(divide="ignore"):
                half = np.minimum(w / 2 / np.abs(dirs[:, 0]), h / 2 / np.abs(dirs[:, 1]))
            cx = anchors[i, 0] + dirs[:, 0] * (gap + half)
            cy = anchors[i, 1] + dirs[:, 1] * (gap + half)
            cands.append(np.stack([cx, cy], 1))
            meta.append(np.stack([np.full(len(dirs), k), rank, np.full(len(dirs), alt)], 1))
            dims.append(np.tile([w, h], (len(dirs), 1)))
        centre = np.concatenate(cands)
        ring, pref, alts = np.concatenate(meta).T
        half = np.concatenate(dims) / 2
        box = np.concatenate([centre - half, centre + half], axis=1)
        inside = (
            (box[:, 0] >= frame[0])
            & (box[:, 1] >= frame[1])
            & (box[:, 2] <= frame[2])
            & (box[:, 3] <= frame[3])
        )
        padded = box + np.array([-PAD, -PAD, PAD, PAD])
        # only what lies within reach of the candidates matters (keeps big maps fast)
        lo, hi = box[:, :2].min(axis=0) - reach, box[:, 2:].max(axis=0) + reach
        close = np.flatnonzero(((anchors >= lo) & (anchors <= hi)).all(axis=1))
        label_hits = _overlaps(placed, padded).sum(1)
        node_hits = _circle_hits(anchors[close], radii[close] + PAD, box).sum(1)
        on_edges = crowd.count(box)
        cost = ring * 3.0 + np.minimum(pref, 4) * 0.4 + on_edges * 0.6 + alts * 4.0
        ok = inside & (label_hits == 0) & (node_hits == 0)
        # a leader line (ring >= 1) that would cross another marker costs extra
        led = np.flatnonzero(ok & (ring >= 1))
        if len(led):
            near = np.clip(anchors[i], box[led, :2], box[led, 2:])
            skip = int(np.flatnonzero(close == i)[0])
            crossed = _segment_hits(anchors[i], near, anchors[close], radii[close] + PAD, skip=skip)
            cost[led] += crossed * 8.0
        if ok.any():
            best = int(np.flatnonzero(ok)[np.argmin(cost[ok])])
        elif required:
            bad = (~inside) * 1000 + label_hits * 100 + node_hits * 100 + cost
            best = int(np.argmin(bad))
        else:
            continue
        placed = np.vstack([placed, box[best]])
        out.append(
            (
                int(i),
                float(centre[best, 0]),
                float(centre[best, 1]),
                int(ring[best]),
                int(alts[best]),
            )
        )
    return out
