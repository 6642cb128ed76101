"""Where organisations are: home prefectures and places on the tile grid.

Private helpers of the geo layout, the prefecture measures and the prefecture
pictures; nothing here imports matplotlib.

Home prefecture
---------------
An organisation's *home* is the prefecture its ``prefecture`` cell names when it
names exactly one of the 47. An organisation with an empty cell (a national body),
with several prefectures (a wide-area body, 長野県、新潟県) or, when loaded with
``strict=False``, with a value that is not a prefecture, has no home: it belongs
to the group :data:`NATIONAL` (全国・広域). Cases keep all their prefectures.

Coordinates
-----------
The geo layout works in *grid units*: tile ``(col, row)`` of
:mod:`coopnet.prefectures` covers ``x`` in ``[col, col + 1]`` and ``y`` (downwards)
in ``[row, row + 1]``; :func:`to_layout` maps them to the layout frame, where the
13-column grid spans ``x`` in [-1, 1] (y upwards), as the other named layouts do.
The empty north-west of the grid (the Sea of Japan, rows 0-2 west of 秋田) holds
the national strip, :data:`STRIP`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .prefectures import NAMES, PREFECTURES

#: Label of the group of organisations (and cases) without a single prefecture.
NATIONAL = "(national)"
#: Columns and rows of the tile grid.
COLS, ROWS = 13, 11
#: Index (0-46, JIS order) of each official name.
CODE: dict[str, int] = {name: i for i, name in enumerate(NAMES)}
#: Tile of each prefecture (col, row), in JIS order.
TILES = np.array([(p.col, p.row) for p in PREFECTURES], dtype=float)
#: The national strip in grid units: x0, y0, x1, y1 (y downwards).
STRIP = (0.3, 0.55, 9.4, 2.75)
#: Largest spacing of organisations inside a tile and inside the strip (grid units).
TILE_SPACING, STRIP_SPACING = 0.3, 0.85
#: Radius (grid units) that the organisations of one tile may fill.
TILE_RADIUS = 0.41


def parts(value) -> list[str]:
    """The known prefectures a cell names (several are joined by 、 on loading)."""
    if not isinstance(value, str) or not value:
        return []
    return [p for p in value.split("、") if p in CODE]


def case_facts(net) -> pd.DataFrame:
    """The cases' own columns (``type``, ``year``, ``prefecture``, ``parent`` …) in the
    order of ``net.cases``, without building its member lists when they are not
    built yet (that takes most of the time on a network of many cases)."""
    if "_cases" in net.__dict__:
        return net._cases
    if net._case_input is not None:
        return net._case_input
    from ._casetable import _derived_cases

    return _derived_cases(net._orgs, net._edges, net._members)


def home_codes(prefecture: pd.Series) -> np.ndarray:
    """Home prefecture (0-46, JIS order) of each organisation, -1 for none."""
    found = {}
    for value in pd.unique(prefecture):
        named = parts(value)
        found[value] = CODE[named[0]] if len(named) == 1 else -1
    return prefecture.map(found).to_numpy(dtype=np.int64) if len(prefecture) else np.zeros(0, int)


def groups(net) -> tuple[np.ndarray, list[str]]:
    """Each organisation's group (index into the labels) and the labels: the home
    prefectures present in JIS order, then :data:`NATIONAL` if any organisation
    has no home."""
    home = home_codes(net.orgs["prefecture"])
    present = np.unique(home)
    labels = [NAMES[c] for c in present if c >= 0]
    lookup = np.full(len(NAMES) + 1, -1, dtype=np.int64)
    placed = present[present >= 0]
    lookup[placed] = np.arange(len(placed))
    lookup[-1] = len(placed)  # home -1 indexes the last slot
    if (present < 0).any():
        labels.append(NATIONAL)
    return lookup[home], labels


def placed_ties(net) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """The organisations with a home, as ``(group, labels, u, v)``: each one's home
    (index into ``labels``, the prefectures present in JIS order) and the ties
    between two of them, numbered among them (for the E–I index by prefecture)."""
    group, labels = groups(net)
    placed = np.ones(len(group), dtype=bool)
    if labels and labels[-1] == NATIONAL:
        labels = labels[:-1]
        placed = group < len(labels)
    c = net._form
    new = np.cumsum(placed) - 1
    keep = placed[c.u] & placed[c.v]
    return group[placed], labels, new[c.u[keep]], new[c.v[keep]]


def to_layout(grid_xy: np.ndarray) -> np.ndarray:
    """Grid units (y downwards) to the layout frame (the grid spans x in [-1, 1])."""
    half = COLS / 2
    xy = np.asarray(grid_xy, dtype=float).reshape(-1, 2)
    return np.column_stack([(xy[:, 0] - half) / half, (ROWS / 2 - xy[:, 1]) / half])


def tile_corners() -> np.ndarray:
    """The corners of the whole grid in layout coordinates (to frame a picture)."""
    return to_layout(np.array([[0.0, 0.0], [COLS, ROWS]]))


def _sunflower(count: int) -> np.ndarray:
    """``count`` points about one unit apart filling a disc, the first at the centre."""
    i = np.arange(count, dtype=float)
    r = np.sqrt(i / math.pi) * 1.1
    theta = i * math.pi * (3 - math.sqrt(5))
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def _assign(slots: np.ndarray, pull: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Slot of each member: taken in ``order``, each the free slot furthest along its
    pull (no pull: the innermost free slot)."""
    free = np.ones(len(slots), dtype=bool)
    out = np.empty(len(pull), dtype=np.int64)
    for m in order:
        norm = math.hypot(*pull[m])
        candidates = np.flatnonzero(free)
        k = candidates[0] if norm == 0 else candidates[np.argmax(slots[candidates] @ pull[m])]
        free[k] = False
        out[m] = k
    return out


def _strip_grid(count: int) -> np.ndarray:
    """``count`` places in rows filling :data:`STRIP`, row by row from the top left."""
    x0, y0, x1, y1 = STRIP
    width, height = x1 - x0, y1 - y0
    spacing = STRIP_SPACING
    while math.floor(width / spacing + 1e-9) * math.floor(height / spacing + 1e-9) < count:
        spacing *= 0.95
    per_row = max(1, min(count, math.floor(width / spacing + 1e-9)))
    rows = math.ceil(count / per_row) if count else 0
    k = np.arange(count)
    row, col = k // per_row, k % per_row
    in_row = np.minimum(per_row, count - row * per_row)  # the last row may be shorter
    x = x0 + width / 2 + (col - (in_row - 1) / 2) * spacing
    y = y0 + height / 2 + (row - (rows - 1) / 2) * spacing
    return np.column_stack([x, y])


def geo_grid(net) -> np.ndarray:
    """Positions in grid units (y downwards) of every organisation of ``net``.

    Organisations with a home sit in their prefecture's tile, packed in a disc
    (a sunflower spiral) whose spacing shrinks for busy prefectures until it fits
    the tile; the ones with most ties to other places take the side of the tile
    facing those places, so ties between prefectures leave a tile from its near
    side. The others fill :data:`STRIP` in rows, by sector, busiest first.
    """
    c = net._form
    n = c.n
    home = home_codes(net.orgs["prefecture"])
    strip_centre = np.array([(STRIP[0] + STRIP[2]) / 2, (STRIP[1] + STRIP[3]) / 2])
    centre = np.where(
        (home >= 0)[:, None], TILES[np.maximum(home, 0)] + 0.5, strip_centre[None, :]
    ).reshape(-1, 2)
    # pull: the sum of directions to partners in other places (y downwards)
    pull = np.zeros((n, 2))
    if len(c.u):
        away = home[c.u] != home[c.v]
        for a, b in ((c.u[away], c.v[away]), (c.v[away], c.u[away])):
            np.add.at(pull, a, centre[b] - centre[a])
    partners = c.partners
    pos = np.zeros((n, 2))
    for code in np.unique(home[home >= 0]):
        members = np.flatnonzero(home == code)
        slots = _sunflower(len(members))
        reach = float(np.hypot(*slots.T).max()) if len(members) > 1 else 0.0
        spacing = min(TILE_SPACING, TILE_RADIUS / reach) if reach else TILE_SPACING
        strength = np.hypot(*pull[members].T)
        order = np.lexsort((np.arange(len(members)), -partners[members], -strength))
        slot = _assign(slots, pull[members], order)
        pos[members] = centre[members] + slots[slot] * spacing
    national = np.flatnonzero(home < 0)
    if len(national):
        order = np.lexsort((national, -partners[national], c.sector[national]))
        pos[national[order]] = _strip_grid(len(national))
    return pos
