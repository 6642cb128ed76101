"""Draw a network on axes: ties, nodes and labels, returned as artists.

:func:`draw_network` is the one entry point of the public pictures
(:mod:`coopnet.plot`); the geometry of ties is in :mod:`.ties`, the label placer
in :mod:`.labels`, what each organisation looks like in :mod:`.values`.

Artists and their gids
----------------------
- nodes: one ``PathCollection``, gid ``coopnet:nodes``, offsets in the order of
  ``net.orgs``; each point has its own marker path (a sector's shape), so one
  collection holds circles, squares and triangles alike;
- ties: one ``LineCollection`` per type, gid ``coopnet:edges:<type>``;
- labels: ``Text``, gid ``coopnet:label:<id>``; their leader lines ``Line2D``,
  gid ``coopnet:leader:<id>``;
- sector titles (``layout="sector"``): ``Text``, gid ``coopnet:sector-title:<sector>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import taxonomy
from .._kernels.form import integer_form
from .._text import wrap
from ..network import Network
from . import fonts as _fonts
from . import labels as _labels
from .canvas import INK, LABEL_PT, LEGEND_PT, axes_px, renderer
from .ties import draw_ties
from .values import Looks, names

#: An organisation with this many partners or more is a hub: its name may sit on it.
HUB_PARTNERS = 3


@dataclass
class Drawn:
    """The artists :func:`draw_network` made."""

    nodes: object
    ties: dict
    labels: list = field(default_factory=list)
    leaders: list = field(default_factory=list)
    titles: list = field(default_factory=list)


def marker_diameters(
    values: np.ndarray,
    xy: np.ndarray,
    ax,
    *,
    sizes: tuple[float, float] = (4.0, 26.0),
    smallest: float = 0.42,
) -> np.ndarray:
    """Marker diameters in points: area grows with the value; the largest is 3/4 of
    the typical node spacing, kept within ``sizes`` (least, most), the smallest
    ``smallest`` times the largest."""
    n = len(values)
    if n == 0:
        return values
    w_px, _ = axes_px(ax)
    xlim = ax.get_xlim()
    px_per_unit = w_px / max(xlim[1] - xlim[0], 1e-12)
    if n > 1:
        from scipy.spatial import cKDTree

        dist, _ = cKDTree(xy).query(xy, k=2)
        spacing_pt = float(np.median(dist[:, 1])) * px_per_unit * 72 / ax.figure.dpi
    else:
        spacing_pt = 40.0
    big = float(np.clip(0.75 * spacing_pt, *sizes))
    small = smallest * big
    lo, hi = float(np.min(values)), float(np.max(values))
    frac = (values - lo) / (hi - lo) if hi > lo else np.full(n, 0.5)
    return np.sqrt(small**2 + (big**2 - small**2) * frac)


def draw_nodes(ax, xy: np.ndarray, diam: np.ndarray, looks: Looks, **style):
    """One ``PathCollection`` (gid ``coopnet:nodes``) with each point's own marker."""
    from matplotlib.markers import MarkerStyle

    opts = {"edgecolors": "white", "linewidths": 0.9 if len(xy) < 500 else 0.3, "zorder": 3}
    opts.update(style)
    coll = ax.scatter(
        xy[:, 0] if len(xy) else [],
        xy[:, 1] if len(xy) else [],
        s=diam**2,
        c=looks.colors if len(xy) else None,
        marker="o",
        gid="coopnet:nodes",
        **opts,
    )
    if len(set(looks.markers)) > 1:
        shapes = {}
        for m in set(looks.markers):
            style_ = MarkerStyle(m)
            shapes[m] = style_.get_path().transformed(style_.get_transform())
        coll.set_paths([shapes[m] for m in looks.markers])
    return coll


def _text_sizes(fig, texts: dict, prop, n: int) -> np.ndarray:
    """(n, 2, 2): width and height in pixels of each label's two wrappings."""
    from matplotlib.text import Text

    r = renderer(fig)
    sizes = np.zeros((n, 2, 2))
    for i, pair in texts.items():
        for alt, s in enumerate(pair):
            if alt and s == pair[0]:
                continue  # no narrower alternative
            probe = Text(0, 0, s, fontproperties=prop, ha="center", va="center", ma="center")
            probe.set_figure(fig)
            box = probe.get_window_extent(r)
            sizes[i, alt] = box.width, box.height
    return sizes


def name_sizes(fig, net: Network, chosen, lang: str, fontsize: float = LABEL_PT) -> np.ndarray:
    """(n, 2, 2): width and height in pixels of each chosen organisation's label in
    its two wrappings, as :func:`draw_labels` sets them (zeros for the others)."""
    shown = names(net, lang)
    texts = {i: (wrap(shown[i], lang), wrap(shown[i], lang, width=6)) for i in chosen}
    return _text_sizes(fig, texts, _fonts.font_properties(size=fontsize), len(net.orgs))


def name_widths(fig, net: Network, chosen, lang: str, fontsize: float = LABEL_PT) -> np.ndarray:
    """Width in pixels of each chosen organisation's label (0 for the others)."""
    shown = names(net, lang)
    texts = {i: (wrap(shown[i], lang),) for i in chosen}
    sizes = _text_sizes(fig, texts, _fonts.font_properties(size=fontsize), len(net.orgs))
    return sizes[:, 0, 0]


def reach(marker: str) -> float:
    """How far a marker reaches from its centre, relative to a circle of the same
    size (a square's corner: 1.41)."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    return max(float(np.hypot(*path.vertices.T).max()) / 0.5, 1.0)


def draw_labels(
    ax,
    net,
    xy,
    diam,
    chosen,
    curves,
    *,
    lang,
    required,
    looks: Looks,
    fontsize=LABEL_PT,
    blocked=None,
):
    """Place (see :mod:`.labels`) and draw the chosen labels and their leader lines.

    A label the placer puts on its own node (a hub ringed by its partners) is
    framed in the node's colour, so the node's sector still shows."""
    import matplotlib.patheffects as pe

    if len(chosen) == 0:
        return [], []
    fig = ax.figure
    shown = names(net, lang)
    texts = {i: (wrap(shown[i], lang), wrap(shown[i], lang, width=6)) for i in chosen}
    anchors = ax.transData.transform(xy)
    shapes = {m: reach(m) for m in set(looks.markers)}
    radii = diam / 2 * fig.dpi / 72 * np.array([shapes[m] for m in looks.markers])
    # a few pixels inside the axes, clear of a panel's frame
    frame = ax.get_window_extent(renderer(fig)).extents + np.array([4.0, 4.0, -4.0, -4.0])
    # only a hub's name may sit on it (its partners ring it); another finds a place beside
    hubs = integer_form(net).partners >= HUB_PARTNERS
    ties = _labels.Ties([ax.transData.transform(c) for c in curves])
    # when every label is required, shrink the type (down to 2/3) until every one
    # has a place that covers nothing (at the smallest size, whatever it takes)
    steps = [fontsize * f for f in (1.0, 0.9, 0.8, 0.72, 0.66)] if required else [fontsize]
    # text extents grow in proportion to the type size: measured once
    base = _text_sizes(fig, texts, _fonts.font_properties(size=fontsize), len(anchors))
    for k, size in enumerate(steps):
        prop = _fonts.font_properties(size=size)
        sizes = np.where(base > 0, base * (size / fontsize) + 1.0, 0.0)  # + hinting
        last = k == len(steps) - 1
        spots = _labels.place(
            anchors,
            sizes,
            radii,
            chosen,
            frame,
            ties,
            line=size * fig.dpi / 72 * 1.2,
            required=required,
            give_up=not last,
            blocked=blocked,
            rings=_labels.RINGS + ((5.5, 7.5, 10.0) if required else ()),
            hubs=hubs,
        )
        if len(spots) == len(chosen) or last:
            break
    inverse = ax.transData.inverted()
    halo = [pe.withStroke(linewidth=3.2, foreground="white")]
    artists, leaders = [], []
    for spot in spots:
        oid = net.orgs.index[spot.node]
        dx, dy = inverse.transform((spot.x, spot.y))
        frame_ = None
        if spot.ring < 0:
            pad = _labels.ON_NODE_PAD * 1.2  # in font sizes, as the placer's box
            frame_ = {
                "boxstyle": f"round,pad={pad}",
                "facecolor": "white",
                "edgecolor": looks.colors[spot.node],
                "linewidth": 2.0,
            }
        artists.append(
            ax.text(
                dx,
                dy,
                texts[spot.node][spot.alt],
                fontproperties=prop,
                ha="center",
                va="center",
                ma="center",
                zorder=6,
                color=INK,
                path_effects=None if frame_ else halo,
                bbox=frame_,
                gid=f"coopnet:label:{oid}",
            )
        )
        if spot.leader is not None:
            line = inverse.transform(np.array(spot.leader))
            (leader,) = ax.plot(
                line[:, 0],
                line[:, 1],
                color="#666666",
                linewidth=0.8,
                zorder=5,
                gid=f"coopnet:leader:{oid}",
            )
            leaders.append(leader)
    return artists, leaders


def sector_titles(ax, net: Network, xy: np.ndarray, lang: str):
    """Name each sector's group just outside it (sector layout); returns the texts
    and their boxes in display pixels, so that labels keep clear of them."""
    import matplotlib.patheffects as pe

    r = renderer(ax.figure)
    centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
    sectors = net.orgs["sector"].to_numpy()
    prop = _fonts.font_properties(size=LEGEND_PT + 1)
    texts, boxes = [], []
    frame = ax.get_window_extent(r)
    for sector in net.sectors:
        members = xy[sectors == sector]
        mid = members.mean(axis=0)
        reach = float(np.hypot(*(members - mid).T).max()) if len(members) > 1 else 0.0
        out = mid - centre
        norm = float(np.hypot(*out)) or 1.0
        spot = mid + out / norm * (reach + 0.06 * float(np.ptp(xy, axis=0).max()))
        text = ax.text(
            *spot,
            taxonomy.sector_label(sector, lang),
            fontproperties=prop,
            ha="center",
            va="center",
            color=net.sector_styles[sector][0],
            zorder=7,
            gid=f"coopnet:sector-title:{sector}",
            path_effects=[pe.withStroke(linewidth=4, foreground="white")],
        )
        box = text.get_window_extent(r)
        # keep the title inside the axes
        dx = max(frame.x0 - box.x0, 0.0) - max(box.x1 - frame.x1, 0.0)
        dy = max(frame.y0 - box.y0, 0.0) - max(box.y1 - frame.y1, 0.0)
        if dx or dy:
            x, y = ax.transData.transform(spot) + np.array([dx, dy])
            text.set_position(ax.transData.inverted().transform((x, y)))
            box = text.get_window_extent(r)
        texts.append(text)
        boxes.append((box.x0, box.y0, box.x1, box.y1))
    return texts, np.array(boxes).reshape(-1, 4)


def draw_network(
    ax,
    net: Network,
    xy: np.ndarray,
    *,
    values: np.ndarray,
    looks: Looks,
    chosen: np.ndarray,
    lang: str,
    required: bool = False,
    width: float = 1.5,
    bundle: float = 0.0,
    fontsize: float = LABEL_PT,
    sector_names: bool = False,
    sizes: tuple[float, float] = (4.0, 26.0),
    smallest: float = 0.42,
    backdrop=None,
    **node_style,
) -> Drawn:
    """Draw ties, nodes and labels of ``net`` at ``xy`` (rows of ``net.orgs``) on
    ``ax``, whose limits are already set; ``chosen`` are the rows to label.

    ``backdrop(ax)``, if given, draws behind the network once ties and nodes are
    drawn and returns boxes (display pixels, rows x0, y0, x1, y1) that labels keep
    clear of."""
    diam = marker_diameters(values, xy, ax, sizes=sizes, smallest=smallest)
    ties, curves = draw_ties(ax, net, xy, width=width, bundle=bundle)
    nodes = draw_nodes(ax, xy, diam, looks, **node_style)
    titles, blocked = [], None
    if sector_names and len(xy):
        titles, blocked = sector_titles(ax, net, xy, lang)
    if backdrop is not None:
        behind = np.asarray(backdrop(ax), dtype=float).reshape(-1, 4)
        blocked = behind if blocked is None else np.vstack([blocked, behind])
    labels, leaders = draw_labels(
        ax,
        net,
        xy,
        diam,
        chosen,
        curves,
        lang=lang,
        required=required,
        looks=looks,
        fontsize=fontsize,
        blocked=blocked,
    )
    return Drawn(nodes, ties, labels, leaders, titles)
