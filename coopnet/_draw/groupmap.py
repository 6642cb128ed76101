"""The summary map: groups of organisations instead of a hairball of dots.

Above :data:`GROUPS_ABOVE` organisations, ``plot_map(level="auto")`` draws the
network of :func:`coopnet.group_network` (sector × prefecture) instead of every
organisation. Groups of one prefecture share a square of the prefectures' tile
grid (:mod:`coopnet.prefectures`), each sector at the same place in every square,
so the picture reads like a map of Japan; national bodies get a square of their
own. Groups without a prefecture (communities, sectors) are laid out by the
spring layout. Circles grow (by area) with the organisations in the group; lines
between groups grow with their partnerships.
"""

from __future__ import annotations

import math

import numpy as np

from .._kernels.form import integer_form
from ..network import Network
from . import fonts as _fonts
from . import legend as _legend
from .canvas import axes_px, fit, map_axes, map_title
from .values import Looks

#: ``level="auto"`` draws groups above this many organisations: where a map of
#: organisations can name about one in twenty of them, and drawing every name
#: takes tens of seconds. Measured on synthetic networks (``benchmarks/RESULTS.md``,
#: label coverage): 83 % of 100 organisations can be named without overlap, 25 % of
#: 300, 7 % of 1,000, 4 % of 2,000 and 1 % of 5,000.
GROUPS_ABOVE = 1_500

LEVELS = ("auto", "organisations", "groups")

_TEXT = {
    "ja": {
        "sector": "セクター",
        "note": "{n:,} 組織を {k:,} グループ\n（{by}）にまとめた図\n"
        "円の面積：組織の数\n線の太さ：グループ間の連携の数",
        "by": "セクター × 都道府県",
        "national": "全国",
    },
    "en": {
        "sector": "Sector",
        "note": "{n:,} organisations in {k:,} groups\n({by})\n"
        "circle area: organisations\nline width: partnerships between groups",
        "by": "sector × prefecture",
        "national": "National",
    },
}
_NATIONAL_TILE = (0, 0)  # the empty top-left corner of the tile grid
_RING = 0.26  # radius of the ring of a prefecture's groups (tiles are 1 apart)


def wants_groups(net: Network, level: str) -> bool:
    """Whether ``plot_map(level=level)`` should draw the summary map of ``net``."""
    if level not in LEVELS:
        shown = ", ".join(repr(x) for x in LEVELS)
        raise ValueError(f"level={level!r} is not valid; choose from {shown}")
    if level == "auto":
        return len(net.orgs) > GROUPS_ABOVE and "members" not in net.orgs.columns
    return level == "groups"


def _is_grouped(net: Network) -> bool:
    return {"size", "members"} <= set(net.orgs.columns)


def _tile_positions(groups: Network) -> np.ndarray | None:
    """Positions on the prefecture tile grid, or None when groups have no prefecture."""
    from ..prefectures import PREFECTURES

    tiles = {p.name: (p.col, p.row) for p in PREFECTURES}
    pref = groups.orgs["prefecture"].fillna("").astype(str)
    if any(p and p not in tiles for p in pref) or (pref == "").all():
        return None
    sectors = list(groups.sectors)
    k = max(len(sectors), 1)
    angle = {s: math.pi / 2 - 2 * math.pi * i / k for i, s in enumerate(sectors)}
    xy = np.zeros((len(pref), 2))
    for i, (p, s) in enumerate(zip(pref, groups.orgs["sector"], strict=True)):
        col, row = tiles.get(p, _NATIONAL_TILE)
        xy[i] = (col + _RING * math.cos(angle[s]), -row + _RING * math.sin(angle[s]))
    return xy


def _tiles(groups: Network) -> np.ndarray:
    """The tile (col, row) of every group, national groups on their own tile."""
    from ..prefectures import PREFECTURES

    tiles = {p.name: (p.col, p.row) for p in PREFECTURES}
    pref = groups.orgs["prefecture"].fillna("").astype(str)
    return np.array([tiles.get(p, _NATIONAL_TILE) for p in pref], dtype=float).reshape(-1, 2)


def _draw_ties(ax, c, xy: np.ndarray, tiles: np.ndarray | None, colour=(0.30, 0.34, 0.40)) -> None:
    """Ties as lines whose width and strength grow with partnerships.

    On the tile map, ties inside a prefecture join its circles; ties between
    prefectures are added up per pair of prefectures and drawn between their
    squares, so 10,000 group pairs become a few hundred lines.
    """
    from matplotlib.collections import LineCollection

    if len(c.u) == 0:
        return
    ends = [(xy[c.u], xy[c.v], c.weight, "coopnet:group-ties")]
    if tiles is not None:
        a, b = tiles[c.u], tiles[c.v]
        inside = (a == b).all(axis=1)
        ends = [(xy[c.u][inside], xy[c.v][inside], c.weight[inside], "coopnet:group-ties")]
        first = (a[:, 0] < b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] < b[:, 1]))
        lo = np.where(first[:, None], a, b)
        hi = np.where(first[:, None], b, a)
        keys, where = np.unique(np.c_[lo, hi][~inside], axis=0, return_inverse=True)
        total = np.bincount(where.reshape(-1), weights=c.weight[~inside], minlength=len(keys))
        centre = np.array([1.0, -1.0])
        ends.append((keys[:, :2] * centre, keys[:, 2:] * centre, total, "coopnet:prefecture-ties"))
    for start, stop, weight, gid in ends:
        if len(weight) == 0:
            continue
        order = np.argsort(weight, kind="stable")  # heavy ties on top
        share = weight[order] / weight.max()
        colours = np.zeros((len(order), 4))
        colours[:, :3] = colour
        colours[:, 3] = 0.06 + 0.5 * share
        ax.add_collection(
            LineCollection(
                np.stack([start, stop], axis=1)[order],
                linewidths=0.3 + 3.7 * np.sqrt(share),
                colors=colours,
                zorder=1,
                gid=gid,
            )
        )


def plot_groups(
    net: Network,
    *,
    ax=None,
    lang: str = "ja",
    legend: bool = True,
    seed: int = 0,
    tie_colour: str = "#4d5766",
    frame_like=None,
    label_pt: float = 8.5,
    title: str = "",
    **kwargs,
):
    """Draw the summary map of ``net`` (grouped here unless it already is).

    ``frame_like`` (positions) sets the axes' limits, so panels of sub-networks
    share one frame; ``title`` is set above the map as :func:`coopnet.plot_map`
    sets its own."""
    import matplotlib.colors as mcolors

    from ..grouping import group_network
    from .netmap import draw_nodes

    n = int(net.orgs["size"].sum()) if _is_grouped(net) else len(net.orgs)
    groups = net if _is_grouped(net) else group_network(net, seed=seed)
    text = _TEXT[lang]
    c = integer_form(groups)
    with _fonts.japanese_text():
        ax = map_axes(ax, legend=legend, title=bool(title))
        xy = _tile_positions(groups)
        tiled = xy is not None
        if not tiled:
            from ..layout import layout_positions

            w, h = axes_px(ax)
            pos = layout_positions(groups, seed=seed, aspect=w / h)
            xy = np.array([pos[g] for g in groups.orgs.index], dtype=float).reshape(-1, 2)
        fit(ax, xy if frame_like is None else frame_like, margin=0.04)
        w_px, _ = axes_px(ax)
        pt_per_unit = w_px / np.ptp(ax.get_xlim()) * 72 / ax.figure.dpi
        size = groups.orgs["size"].to_numpy(float)
        biggest = (
            0.3 * pt_per_unit if tiled else float(np.clip(600 / math.sqrt(len(xy) + 1), 8, 40))
        )
        diam = np.maximum(biggest * np.sqrt(size / max(size.max(), 1.0)), 2.5)
        rgb = mcolors.to_rgb(tie_colour)
        _draw_ties(ax, c, xy, _tiles(groups) if tiled else None, rgb)
        looks = _looks(groups)
        style = {"linewidths": 0.6, **kwargs}
        draw_nodes(ax, xy, diam, looks, **style).set_gid("coopnet:groups")
        if tiled:
            _tile_labels(ax, groups, lang, label_pt)
        else:
            _top_labels(ax, groups, xy, diam, lang, looks)
        if title:
            map_title(ax, title)
        if legend:
            handles = _legend.sector_handles(looks.entries, by_sector=True, lang=lang)
            _legend.legend_column(ax, [(text["sector"], *handles)])
            by = text["by"] if tiled else ""
            note = text["note"].format(n=n, k=len(groups.orgs), by=by)
            note = note.replace("\n（）", "").replace("\n()", "")
            _legend.note(ax, note, gid="coopnet:size-note")
    return ax


def _looks(groups: Network) -> Looks:
    """Each group in its sector's colour and shape, as the organisations are drawn."""
    styles = groups.sector_styles
    column = groups.orgs["sector"]
    return Looks(
        [styles[s][0] for s in column],
        [styles[s][1] for s in column],
        [(s, *styles[s]) for s in groups.sectors],
    )


def _tile_labels(ax, groups: Network, lang: str, size: float) -> None:
    """Each prefecture's name under its square of groups."""
    from ..prefectures import PREFECTURES

    present = set(groups.orgs["prefecture"].fillna(""))
    prop = _fonts.font_properties(size=size)
    for p in PREFECTURES:
        if p.name in present:
            name = p.short if lang == "ja" else p.romaji
            _tile_text(ax, p.col, p.row, name, prop, f"coopnet:tile-label:{p.name}")
    if "" in present:
        col, row = _NATIONAL_TILE
        _tile_text(ax, col, row, _TEXT[lang]["national"], prop, "coopnet:tile-label:national")


def _tile_text(ax, col, row, name, prop, gid) -> None:
    ax.text(
        col,
        -row - 0.45,
        name,
        fontproperties=prop,
        ha="center",
        va="center",
        color="#333333",
        zorder=5,
        gid=gid,
    )


def _top_labels(ax, groups: Network, xy: np.ndarray, diam: np.ndarray, lang: str, looks) -> None:
    """Names of the biggest groups (a spring layout has no prefecture squares)."""
    from .netmap import draw_labels

    chosen = np.argsort(-groups.orgs["size"].to_numpy(), kind="stable")[:24]
    draw_labels(ax, groups, xy, diam, chosen, [], lang=lang, required=False, looks=looks)


def plot_type_groups(net: Network, *, lang: str = "ja", seed: int = 0):
    """One summary map per partnership type, on one tile map of Japan.

    The counterpart of :func:`coopnet.plot_types` for large networks, with its
    panels, titles and legend: each panel is the summary map of the partnerships
    of one type (their organisations grouped by sector × prefecture), its ties in
    the type's colour. Returns the panels as :func:`coopnet.plot_types` does.
    """
    import matplotlib.pyplot as plt

    from .. import taxonomy
    from ..grouping import group_network
    from ..groups import type_summary
    from .panels import panel_figure, say_none

    whole = group_network(net, seed=seed)
    xy = _tile_positions(whole)
    counts = type_summary(net)
    titles = [
        (t, int(counts.loc[t, "cases"]), int(counts.loc[t, "partnerships"]))
        if t in counts.index
        else (t, 0, int((net.edges["type"] == t).sum()))
        for t in net.types
    ]
    with _fonts.japanese_text():
        legend = _legend.sector_handles(_looks(whole).entries, by_sector=True, lang=lang, size=12)
        _, axes = panel_figure(titles, lang, legend)
        for ax, (ptype, _, partnerships) in zip(axes, titles, strict=False):
            colour = taxonomy.type_color(ptype)
            if partnerships:
                plot_groups(
                    group_network(net.by_type(ptype), seed=seed),
                    ax=ax,
                    lang=lang,
                    legend=False,
                    seed=seed,
                    tie_colour=colour,
                    frame_like=xy,
                    label_pt=6.0,
                )
            else:
                ax.set_axis_off()
                say_none(ax, lang)
            ax.add_patch(
                plt.Rectangle(
                    (0, 0),
                    1,
                    1,
                    transform=ax.transAxes,
                    fill=False,
                    edgecolor=colour,
                    linewidth=2.0,
                    clip_on=False,
                )
            )
        if not titles:
            axes[0].set_axis_off()
            say_none(axes[0], lang)
    return np.array(axes, dtype=object)
