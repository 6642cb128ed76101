"""The one shelf packer that both maps use (coopnet._kernels.packing.shelf_pack)."""

from __future__ import annotations

import numpy as np
import pytest

from coopnet._kernels.packing import shelf_pack


def overlaps(corners, sizes, gap=0.0) -> bool:
    lo, hi = corners, corners + sizes
    for i in range(len(sizes)):
        for j in range(i + 1, len(sizes)):
            apart = (hi[i] + gap <= lo[j] + 1e-9).any() or (hi[j] + gap <= lo[i] + 1e-9).any()
            if not apart:
                return True
    return False


def test_hand_worked_rows():
    # four unit squares in a square frame: two rows of two (a 2 × 2 block)
    corners, (w, h) = shelf_pack([(1, 1)] * 4, aspect=1.0)
    assert (w, h) == (2.0, 2.0)
    assert sorted(map(tuple, corners.tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    # in a frame four times as wide as high: one row
    corners, (w, h) = shelf_pack([(1, 1)] * 4, aspect=4.0)
    assert (w, h) == (4.0, 1.0) and corners[:, 1].tolist() == [0, 0, 0, 0]
    # a gap between neighbours and between rows
    corners, (w, h) = shelf_pack([(1, 1)] * 4, aspect=1.0, gap=0.5)
    assert (w, h) == (2.5, 2.5)
    assert sorted(map(tuple, corners.tolist())) == [(0, 0), (0, 1.5), (1.5, 0), (1.5, 1.5)]


def test_order_kept_and_rows_centred_vertically():
    # area 7, frame 1.5: a 3-wide row limit gives rows [0, 1] and [2, 3], a 3 × 3 block
    # (cost max(3, 3 × 1.5) = 4.5; a 2-wide limit needs 4 rows, cost 6; one row, cost 5)
    corners, (w, h) = shelf_pack([(2, 2), (1, 1), (1, 1), (1, 1)], aspect=1.5)
    assert (w, h) == (3.0, 3.0)
    # the small box beside the tall one is centred on its row
    assert corners.tolist() == [[0, 0], [2, 0.5], [0, 2], [1, 2]]


def test_justified_rows_span_the_block():
    sizes = np.array([(3, 1), (1, 1), (1, 1), (1, 1), (1, 1)], dtype=float)
    corners, (w, _) = shelf_pack(sizes, aspect=1.0, justify=True)
    for y in np.unique(corners[:, 1] + sizes[:, 1] / 2):
        row = np.isclose(corners[:, 1] + sizes[:, 1] / 2, y)
        left = corners[row, 0].min()
        right = (corners[row, 0] + sizes[row, 0]).max()
        # the spare width is spread evenly: as much space left of the row as right of it
        assert left == pytest.approx(w - right)


@pytest.mark.parametrize("aspect", [0.8, 1.0, 16 / 9, 2.2])
@pytest.mark.parametrize("justify", [False, True])
def test_random_boxes_never_overlap_and_fill_the_frame(aspect, justify):
    rng = np.random.default_rng(0)
    sizes = rng.uniform(0.2, 3.0, (60, 2))
    sizes = sizes[np.argsort(-sizes[:, 1])]
    corners, (w, h) = shelf_pack(sizes, aspect=aspect, gap=0.1, justify=justify)
    assert not overlaps(corners, sizes, gap=0.1 - 1e-9)
    assert (corners >= -1e-9).all()
    assert (corners + sizes <= np.array([w, h]) + 1e-9).all()
    # the block is about as wide as the frame asks for
    assert 0.5 * aspect < w / h < 2.0 * aspect
    # and fills it: the boxes cover most of the frame of that aspect around them
    frame = max(w, h * aspect) * max(h, w / aspect)
    assert (sizes + 0.1).prod(axis=1).sum() / frame > 0.55


def test_empty():
    corners, size = shelf_pack(np.zeros((0, 2)), aspect=1.5)
    assert corners.shape == (0, 2) and size == (0.0, 0.0)
