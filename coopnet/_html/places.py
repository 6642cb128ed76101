"""Where the page puts things on the tile map of Japan; the groups of its summary view.

Both use :mod:`coopnet._geo`: the 47 prefectures as tiles of one size (``tile``
pixels; y downwards, the whole grid centred on 0), organisations with a home
prefecture inside its tile, the others (national and wide-area bodies) in the strip
north-west of the grid.

* :func:`geo_places` gives every organisation's place for the page's 地図 / *map*
  layout (the positions of :func:`coopnet._geo.geo_grid`, as ``plot_map(layout=
  "geo")`` draws them) and the tiles to draw behind them.
* :func:`summary_groups` gives the summary view of a large network: one group per
  sector in each prefecture (and per sector among the national bodies), drawn as one
  node; each prefecture's organisations fill its tile's disc in slices, one slice
  per group, so that a group opened on the page spreads over its own slice.
"""

from __future__ import annotations

import math

import numpy as np

from .. import taxonomy
from .._geo import (
    COLS,
    ROWS,
    STRIP,
    TILE_RADIUS,
    TILE_SPACING,
    TILES,
    _strip_grid,
    _sunflower,
    geo_grid,
    home_codes,
)
from .._glossary import term
from ..prefectures import PREFECTURES

#: Wanted distance between neighbouring organisations in the busiest tile, in pixels.
SPACING_PX = 26.0
#: Smallest and largest tile, in pixels.
TILE_MIN, TILE_MAX = 220.0, 4000.0


def _cap(text: str, lang: str) -> str:
    return text[:1].upper() + text[1:] if lang == "en" else text


def tile_px(home: np.ndarray) -> float:
    """Tile size in pixels so the busiest prefecture's organisations sit about
    :data:`SPACING_PX` apart (as :func:`coopnet._geo.geo_grid` spaces them)."""
    counts = np.bincount(home[home >= 0], minlength=len(TILES))
    busiest = int(counts.max()) if len(counts) else 0
    reach = _sunflower(busiest)[-1:] if busiest > 1 else np.zeros((0, 2))
    reach = float(np.hypot(*reach[0])) if len(reach) else 0.0
    spacing = min(TILE_SPACING, TILE_RADIUS / reach) if reach else TILE_SPACING
    return float(np.clip(SPACING_PX / spacing, TILE_MIN, TILE_MAX))


def _to_px(grid_xy: np.ndarray, tile: float) -> np.ndarray:
    """Grid units (y downwards) to the page's pixels, the whole grid centred on 0."""
    xy = np.asarray(grid_xy, dtype=float).reshape(-1, 2)
    return (xy - (COLS / 2, ROWS / 2)) * tile


def tiles(tile: float, lang: str) -> dict:
    """The tiles to draw behind the map: ``[x, y, label]`` of each tile's top-left
    corner, the strip of national bodies and its label, and the tile size."""
    corners = _to_px(TILES, tile)
    (x0, y0), (x1, y1) = _to_px(np.array([STRIP[:2], STRIP[2:]]), tile)
    labels = [p.short if lang == "ja" else p.romaji for p in PREFECTURES]
    return {
        "size": round(tile, 1),
        "tiles": [
            [round(float(x), 1), round(float(y), 1), label]
            for (x, y), label in zip(corners, labels, strict=True)
        ],
        "strip": [round(float(v), 1) for v in (x0, y0, x1, y1)],
        "stripLabel": _cap(term("national", lang), lang),
    }


def geo_places(net, lang: str) -> dict | None:
    """Each organisation's place on the tile map (``xy``, pixels) and the tiles;
    None when no organisation has a home prefecture (nothing to place)."""
    home = home_codes(net.orgs["prefecture"])
    if not (home >= 0).any():
        return None
    tile = tile_px(home)
    xy = _to_px(geo_grid(net), tile)
    return {"xy": np.round(xy, 1).tolist(), **tiles(tile, lang)}


def _slices(slots: np.ndarray, group: np.ndarray, partners: np.ndarray) -> np.ndarray:
    """Slot of each member: the groups take consecutive slices of the disc (by angle,
    in the order of ``group``), the best-connected members of a group nearest the
    centre of the disc."""
    n = len(group)
    by_angle = np.argsort(np.arctan2(slots[:, 1], slots[:, 0]), kind="stable")
    members = np.lexsort((np.arange(n), -partners, group))  # group by group
    out = np.empty(n, dtype=np.int64)
    bounds = np.r_[0, np.cumsum(np.bincount(group))]
    for g in range(len(bounds) - 1):
        lo, hi = bounds[g], bounds[g + 1]
        if lo == hi:
            continue
        mine = by_angle[lo:hi]
        mine = mine[np.argsort(np.hypot(*slots[mine].T), kind="stable")]
        out[members[lo:hi]] = mine
    return out


def summary_groups(net, lang: str) -> tuple[np.ndarray, list[dict], np.ndarray, dict]:
    """The summary view: each organisation's group, the groups, the organisations'
    places (pixels) and the tiles.

    Groups are one sector in one home prefecture, in JIS order, then the sectors of
    the organisations without one (全国・広域); within each, sectors in the order of
    ``net.sectors``. Each group is ``{label, s, pref, n, x, y, size}``: its
    label, sector (index), prefecture as shown, number of organisations, the centre of
    its organisations' places, and its radius in pixels.
    """
    c = net._form
    n = c.n
    home = home_codes(net.orgs["prefecture"])
    tile = tile_px(home)
    sectors = len(c.sectors)
    code = np.where(home >= 0, home, len(TILES)) * sectors + c.sector
    present, group = np.unique(code, return_inverse=True)
    group = group.reshape(-1).astype(np.int64)
    grid = np.zeros((n, 2))
    spacing = np.zeros(n)  # distance between neighbours around each organisation (grid units)
    for p in np.unique(home[home >= 0]):
        idx = np.flatnonzero(home == p)
        slots = _sunflower(len(idx))
        reach = float(np.hypot(*slots[-1])) if len(idx) > 1 else 0.0
        step = min(TILE_SPACING, TILE_RADIUS / reach) if reach else TILE_SPACING
        slot = _slices(slots, group[idx] - group[idx].min(), c.partners[idx])
        grid[idx] = TILES[p] + 0.5 + slots[slot] * step
        spacing[idx] = step
    national = np.flatnonzero(home < 0)
    if len(national):
        order = national[np.lexsort((national, -c.partners[national], c.sector[national]))]
        grid[order] = _strip_grid(len(order))
        spacing[order] = np.linalg.norm(grid[order[1]] - grid[order[0]]) if len(order) > 1 else 1
    xy = _to_px(grid, tile)
    size = np.bincount(group, minlength=len(present))
    centre = np.zeros((len(present), 2))
    np.add.at(centre, group, xy)
    centre /= np.maximum(size, 1)[:, None]
    step_px = np.zeros(len(present))
    np.maximum.at(step_px, group, spacing * tile)
    groups = []
    for g, key in enumerate(present.tolist()):
        p, s = divmod(key, sectors)
        sector = c.sectors[s]
        if p < len(TILES):
            place = PREFECTURES[p].short if lang == "ja" else PREFECTURES[p].romaji
            pref = PREFECTURES[p].name if lang == "ja" else PREFECTURES[p].romaji
        else:
            place = pref = _cap(term("national", lang), lang)
        label = taxonomy.sector_label(sector, lang)
        groups.append(
            {
                "label": f"{place} {sector}" if lang == "ja" else f"{place} · {label}",
                "s": s,
                "pref": pref,
                "n": int(size[g]),
                "x": round(float(centre[g, 0]), 1),
                "y": round(float(centre[g, 1]), 1),
                "size": round(
                    max(8.0, min(0.16 * math.sqrt(size[g]) * step_px[g], 0.08 * tile)), 1
                ),
            }
        )
    return group, groups, np.round(xy, 1), tiles(tile, lang)
