"""Shelf packing: boxes placed left to right in rows, like words of a paragraph.

The interactive page lays out each connected component on its own and then
arranges the components' bounding boxes with :func:`shelf_pack`
(:func:`coopnet._html.packing.pack_components`, which packs once per screen shape).
The slide layout (:func:`coopnet._kernels.force.pack`) packs its own way: it leaves
room beside each component for the names drawn there.

The row width is chosen among candidates around ``sqrt(area * aspect)``: the one
whose block, shown in a frame of the requested aspect, leaves that frame smallest
(so the components are drawn as large as possible).
"""

from __future__ import annotations

import math

import numpy as np

#: Row widths tried, as multiples of ``sqrt(total area * aspect)``.
FACTORS = np.linspace(0.6, 2.5, 39)


def _rows(widths: np.ndarray, limit: float, gap: float) -> list[list[int]]:
    """Greedy rows: a box starts a new row when it would pass ``limit``."""
    rows: list[list[int]] = [[]]
    x = 0.0
    for i, w in enumerate(widths.tolist()):
        if rows[-1] and x + w > limit:
            rows.append([])
            x = 0.0
        rows[-1].append(i)
        x += w + gap
    return rows


def _extent(rows, sizes: np.ndarray, gap: float) -> tuple[float, float]:
    width = max(sizes[r, 0].sum() + gap * (len(r) - 1) for r in rows)
    height = sum(sizes[r, 1].max() for r in rows) + gap * (len(rows) - 1)
    return float(width), float(height)


def shelf_pack(
    sizes, *, aspect: float, gap: float = 0.0, justify: bool = False
) -> tuple[np.ndarray, tuple[float, float]]:
    """Top-left corners of boxes packed in rows, in the order given (y downwards).

    Parameters
    ----------
    sizes : (k, 2) array-like
        Width and height of each box, in the order to place them.
    aspect : float
        Width / height of the frame the block will be shown in.
    gap : float, default 0
        Space between neighbouring boxes and between rows.
    justify : bool, default False
        Spread each row's spare width evenly around its boxes (as text is
        justified) instead of leaving it at the right end.

    Returns
    -------
    corners : (k, 2) ndarray
        Top-left corner of each box; boxes are centred vertically in their row.
    (width, height) : tuple of float
        Size of the packed block, whose top-left corner is (0, 0).

    Examples
    --------
    >>> corners, (w, h) = shelf_pack([(2, 1), (1, 1), (1, 1)], aspect=1.0)
    >>> corners.tolist(), (w, h)
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0]], (2.0, 2.0))
    """
    sizes = np.asarray(sizes, dtype=float).reshape(-1, 2)
    if len(sizes) == 0:
        return np.zeros((0, 2)), (0.0, 0.0)
    area = float(((sizes[:, 0] + gap) * (sizes[:, 1] + gap)).sum())
    widest = float(sizes[:, 0].max())
    best = None
    for factor in FACTORS:
        rows = _rows(sizes[:, 0], max(widest, factor * math.sqrt(area * aspect)), gap)
        width, height = _extent(rows, sizes, gap)
        cost = max(width, height * aspect)  # the frame's width; its area grows with it
        if best is None or cost < best[0] - 1e-9:
            best = (cost, rows, width, height)
    _, rows, width, height = best
    corners = np.zeros((len(sizes), 2))
    y = 0.0
    for row in rows:
        row_h = float(sizes[row, 1].max())
        spare = width - float(sizes[row, 0].sum()) - gap * (len(row) - 1)
        pad = spare / len(row) if justify else 0.0
        x = pad / 2
        for i in row:
            corners[i] = (x, y + (row_h - sizes[i, 1]) / 2)
            x += sizes[i, 0] + gap + pad
        y += row_h + gap
    return corners, (width, height)
