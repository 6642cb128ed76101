"""Static network maps for slides: matplotlib, Japanese labels, byte-stable files.

Every function draws inside :func:`coopnet._fonts.japanese_text`, so Japanese
glyphs render with matplotlib-fontja's IPAexGothic while the user's own rcParams
stay as they were. Artists carry ``gid`` tags (``coopnet:nodes``,
``coopnet:edges:<type>``, ``coopnet:label:<id>``) so that they can be found again.

Examples
--------
>>> import coopnet as cn
>>> ax = cn.plot_map(cn.load_sample(), labels="none", legend=False)
>>> ax.findobj(lambda a: a.get_gid() == "coopnet:nodes")[0].get_offsets().shape
(107, 2)
"""

from __future__ import annotations

import io
import math
import os
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import _fonts, _labels, taxonomy
from ._files import atomic_write_bytes
from .layout import _components, _pairs, layout_positions
from .network import Network

__all__ = ["SLIDE_INCHES", "plot_map", "plot_pairs", "plot_types", "save_slide"]

#: A PowerPoint 16:9 slide, so a font size in points reads as it would on the slide.
SLIDE_INCHES = (40 / 3, 7.5)
_SLIDE_PX = {"16:9": (1920, 1080), "4:3": (1440, 1080)}
#: Label and legend font sizes (points on a 13.33-inch slide).
LABEL_PT = 12.0
LEGEND_PT = 12.0
#: labels="auto": every organisation up to this many, else this many labels.
AUTO_ALL, AUTO_TOP = 40, 36
_CENTRALITY = ("cases", "betweenness", "closeness", "eigenvector", "pagerank")
_TEXT = {
    "ja": {
        "sector": "セクター",
        "type": "連携のタイプ",
        "size": "円の大きさ：{what}",
        "partners": "連携先の数",
        "partnerships": "連携の件数",
        "pairs_title": "セクター間の連携（件数）",
        "pairs_note": "対角線：同じセクター内の連携\n各連携を1件として数えています",
        "count": "{n}件",
        "none": "該当なし",
    },
    "en": {
        "sector": "Sector",
        "type": "Partnership type",
        "size": "Node size: {what}",
        "partners": "number of partners",
        "partnerships": "number of partnerships",
        "pairs_title": "Partnerships between sectors (count)",
        "pairs_note": "Diagonal: partnerships within a sector\nEach partnership counted once",
        "count": "{n}",
        "none": "none",
    },
}


# ----------------------------------------------------------------- helpers
def _check_lang(lang: str) -> None:
    if lang not in _TEXT:
        raise ValueError(f"lang={lang!r} is not supported; choose 'ja' or 'en'")


def _new_axes(ax, *, legend: bool):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=SLIDE_INCHES)
    return fig.add_axes((0.005, 0.01, 0.77, 0.98) if legend else (0.01, 0.01, 0.98, 0.98))


def _renderer(fig):
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def _axes_px(ax) -> tuple[float, float]:
    box = ax.get_window_extent(_renderer(ax.figure))
    return max(box.width, 1.0), max(box.height, 1.0)


def _degrees(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Distinct partners and partnerships of each organisation (in ``net.orgs`` order)."""
    n, u, v = _pairs(net)
    partners = np.bincount(np.concatenate([u, v]), minlength=n)
    s = net.orgs.index.get_indexer(net.edges["source"])
    t = net.orgs.index.get_indexer(net.edges["target"])
    ends = np.concatenate([s[s != t], t[s != t]])
    partnerships = np.bincount(ends[ends >= 0], minlength=n)
    return partners.astype(float), partnerships.astype(float)


def _size_values(net: Network, size_by) -> tuple[np.ndarray, str]:
    """Values behind the node sizes and their legend wording."""
    partners, partnerships = _degrees(net)
    if size_by is None:
        return np.ones(len(net.orgs)), ""
    if size_by == "partners":
        return partners, "partners"
    if size_by == "partnerships":
        return partnerships, "partnerships"
    if size_by in _CENTRALITY:
        from . import analysis

        table = analysis.centrality(net)
        return table[size_by].reindex(net.orgs.index).fillna(0).to_numpy(float), size_by
    if size_by in net.orgs.columns and pd.api.types.is_numeric_dtype(net.orgs[size_by]):
        return net.orgs[size_by].fillna(0).to_numpy(float), size_by
    numeric = [c for c in net.orgs.columns if pd.api.types.is_numeric_dtype(net.orgs[c])]
    choices = ["partners", "partnerships", *_CENTRALITY, *numeric, "None"]
    raise ValueError(f"size_by={size_by!r} is not a size; choose from {', '.join(choices)}")


def _colors(net: Network, color_by: str) -> tuple[list[str], list[tuple[str, str]], str]:
    """Colour per organisation and (category, colour) pairs for the legend."""
    if color_by == "sector":
        cats = net.sectors
        palette = {s: taxonomy.sector_color(s) for s in cats}
        column = net.orgs["sector"]
    elif color_by in net.orgs.columns:
        import matplotlib as mpl

        column = net.orgs[color_by].fillna("").astype(str)
        cats = list(pd.unique(column))
        cmap = mpl.colormaps["tab20" if len(cats) > 10 else "tab10"]
        palette = {c: mpl.colors.to_hex(cmap(i % cmap.N)) for i, c in enumerate(cats)}
        palette[""] = taxonomy.NEUTRAL
    else:
        raise ValueError(
            f"color_by={color_by!r} is not a column of net.orgs; choose 'sector' or one of "
            f"{', '.join(map(str, net.orgs.columns))}"
        )
    colors = [palette[c] for c in column]
    return colors, [(c, palette[c]) for c in cats], color_by


def _label_choice(labels, net: Network, rank_values: np.ndarray) -> np.ndarray:
    """Positions (in ``net.orgs``) of the organisations to label, most important first."""
    n = len(net.orgs)
    order = np.lexsort((np.arange(n), -rank_values))  # by value, ties in file order
    if labels is None or labels is False or labels == "none":
        return order[:0]
    if labels == "all":
        return order
    if labels == "auto":
        if n <= AUTO_ALL:
            return order
        # the most central organisation of every connected group (bigger groups
        # first), then further ones in proportion to group size: the k-th label
        # (from 0) of a group of s organisations ranks by k / s; lone ones rank 0.2
        _, u, v = _pairs(net)
        comp = _components(n, u, v)
        size = np.bincount(comp)[comp]
        within = np.empty(n, dtype=np.intp)
        by_comp = np.lexsort((np.arange(n), -rank_values, comp))
        starts = np.r_[0, np.flatnonzero(np.diff(comp[by_comp])) + 1]
        within[by_comp] = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
        score = np.where(size > 1, within / size, 0.2)
        return np.lexsort((np.arange(n), -rank_values, -size, score))[:AUTO_TOP]
    if isinstance(labels, str):
        m = re.fullmatch(r"\s*top\s*(\d+)\s*", labels, flags=re.IGNORECASE)
        if m:
            return order[: int(m.group(1))]
    elif isinstance(labels, int | np.integer) and not isinstance(labels, bool) and labels >= 0:
        return order[: int(labels)]
    elif not isinstance(labels, str | bytes | Mapping) and hasattr(labels, "__iter__"):
        wanted = list(labels)
        where = net.orgs.index.get_indexer(wanted)
        if (where < 0).any():
            bad = [w for w, i in zip(wanted, where, strict=True) if i < 0][:5]
            raise ValueError(f"labels= names organisations not in the network: {bad}")
        keep = set(where.tolist())
        return np.array([i for i in order if i in keep], dtype=np.intp)
    raise ValueError(
        f"labels={labels!r} is not a label choice; use 'all', 'none', 'auto', "
        "'topN' (e.g. 'top20'), an integer N, or a list of organisation ids"
    )


def _frame(ax, xy: np.ndarray, margin: float = 0.04) -> None:
    """Set equal-scale limits around ``xy`` that fill the axes."""
    ax.set_axis_off()
    if len(xy) == 0:
        return
    w_px, h_px = _axes_px(ax)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = np.maximum(hi - lo, 1e-6)
    if len(xy) == 1:
        span = np.array([1.0, 1.0])
    scale = min(w_px * (1 - 2 * margin) / span[0], h_px * (1 - 2 * margin) / span[1])
    mid = (lo + hi) / 2
    ax.set_xlim(mid[0] - w_px / scale / 2, mid[0] + w_px / scale / 2)
    ax.set_ylim(mid[1] - h_px / scale / 2, mid[1] + h_px / scale / 2)


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


def _edge_geometry(net: Network, xy: np.ndarray, bundle: float = 0.0) -> tuple[pd.DataFrame, list]:
    """One polyline per partnership; several between one pair fan out as arcs.

    With ``bundle`` > 0 long edges curve towards the centre of the picture (as in a
    chord diagram), so ties between the same two groups run together.
    """
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
    curves = _curves(p0, p1, bend, pull, centre)
    return frame, curves


def _draw_edges(
    ax, net: Network, xy: np.ndarray, *, width: float, zorder: float = 1.0, bundle: float = 0.0
):
    """One LineCollection per partnership type (taxonomy colour and line style)."""
    from matplotlib.collections import LineCollection

    frame, curves = _edge_geometry(net, xy, bundle)
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
            capstyle="round",
            gid=f"coopnet:edges:{ptype}",
            label=f"_{ptype}",
        )
        ax.add_collection(lc, autolim=False)
        collections[ptype] = lc
    return collections, curves


def _sample_points(curves: list, steps: int = 12) -> np.ndarray:
    """Points along every polyline (``steps`` along each straight edge)."""
    straight = np.array([c for c in curves if len(c) == 2]).reshape(-1, 2, 2)
    t = np.linspace(0.0, 1.0, steps)[None, :, None]
    points = straight[:, :1] * (1 - t) + straight[:, 1:] * t
    bent = [c for c in curves if len(c) != 2]
    return np.concatenate([points.reshape(-1, 2), *bent]) if bent else points.reshape(-1, 2)


def _marker_diameters(values: np.ndarray, xy: np.ndarray, ax) -> np.ndarray:
    """Marker diameters in points: area grows with the value, capped by node spacing."""
    n = len(values)
    if n == 0:
        return values
    w_px, _ = _axes_px(ax)
    xlim = ax.get_xlim()
    px_per_unit = w_px / max(xlim[1] - xlim[0], 1e-12)
    if n > 1:
        from scipy.spatial import cKDTree

        dist, _ = cKDTree(xy).query(xy, k=2)
        spacing_pt = float(np.median(dist[:, 1])) * px_per_unit * 72 / ax.figure.dpi
    else:
        spacing_pt = 40.0
    big = float(np.clip(0.75 * spacing_pt, 4.0, 26.0))
    small = 0.42 * big
    lo, hi = float(np.min(values)), float(np.max(values))
    frac = (values - lo) / (hi - lo) if hi > lo else np.full(n, 0.5)
    return np.sqrt(small**2 + (big**2 - small**2) * frac)


def _legend_column(ax, sections, *, lang: str, x: float = 1.01):
    """Stack legends (title, handles, labels) down the right of ``ax``."""
    renderer = _renderer(ax.figure)
    top = 1.0
    legends = []
    for title, handles, texts in sections:
        if not handles:
            continue
        leg = ax.legend(
            handles,
            texts,
            title=title,
            loc="upper left",
            bbox_to_anchor=(x, top),
            borderaxespad=0.0,
            frameon=False,
            prop=_fonts.font_properties(size=LEGEND_PT),
            title_fontproperties=_fonts.font_properties(size=LEGEND_PT + 1),
            alignment="left",
            handlelength=2.6,
            labelspacing=0.45,
        )
        ax.add_artist(leg)
        box = leg.get_window_extent(renderer).transformed(ax.transAxes.inverted())
        top = box.y0 - 0.04
        legends.append(leg)
    return legends


def _sector_handles(cats, lang, color_by):
    from matplotlib.lines import Line2D

    handles, texts = [], []
    for cat, color in cats:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="none",
                marker="o",
                markersize=11,
                markerfacecolor=color,
                markeredgecolor="white",
            )
        )
        texts.append(taxonomy.sector_label(cat, lang) if color_by == "sector" else str(cat))
    return handles, texts


def _type_handles(types, lang):
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            color=taxonomy.type_color(t),
            linestyle=taxonomy.type_linestyle(t),
            linewidth=2.6,
        )
        for t in types
    ]
    return handles, [taxonomy.type_label(t, lang) for t in types]


def _names(net: Network, lang: str) -> list[str]:
    names = net.orgs["name"].astype(str)
    if lang == "en" and "name_en" in net.orgs.columns:
        en = net.orgs["name_en"]
        names = en.where(en.notna() & (en.astype(str).str.strip() != ""), names).astype(str)
    return list(names)


def _text_sizes(fig, renderer, texts: dict, prop, n: int) -> np.ndarray:
    """(n, 2, 2): width and height in pixels of each label's two wrappings."""
    from matplotlib.text import Text

    sizes = np.zeros((n, 2, 2))
    for i, pair in texts.items():
        for alt, s in enumerate(pair):
            if alt and s == pair[0]:
                continue  # no narrower alternative
            probe = Text(0, 0, s, fontproperties=prop, ha="center", va="center", ma="center")
            probe.set_figure(fig)
            box = probe.get_window_extent(renderer)
            sizes[i, alt] = box.width, box.height
    return sizes


def _draw_labels(
    ax, net, xy, sizes_pt, chosen, curves, *, lang, required, fontsize=LABEL_PT, others=None
):
    """Place and draw the chosen labels (see :mod:`coopnet._labels`).

    ``others`` (positions, diameters in points) are background markers that labels
    avoid when they can (a cost, not a rule).
    """
    import matplotlib.patheffects as pe

    if len(chosen) == 0:
        return []
    fig = ax.figure
    renderer = _renderer(fig)
    names = _names(net, lang)
    texts = {
        i: (_labels.wrap(names[i], lang), _labels.wrap(names[i], lang, width=6)) for i in chosen
    }
    anchors = ax.transData.transform(xy)
    radii = sizes_pt / 2 * fig.dpi / 72
    frame = ax.get_window_extent(renderer).extents
    obstacles = ax.transData.transform(_sample_points(curves))
    if others is not None and len(others[0]):  # each background marker weighs 4 points
        obstacles = np.vstack([obstacles, *[ax.transData.transform(others[0])] * 4])
    # when every label is required, shrink the type (down to 2/3) until all fit
    steps = [fontsize * f for f in (1.0, 0.92, 0.84, 0.76, 0.68)] if required else [fontsize]
    for k, size in enumerate(steps):
        prop = _fonts.font_properties(size=size)
        sizes = _text_sizes(fig, renderer, texts, prop, len(anchors))
        last = k == len(steps) - 1
        spots = _labels.place(
            anchors,
            sizes,
            radii,
            chosen,
            frame,
            obstacles,
            line=size * fig.dpi / 72 * 1.2,
            required=required and last,
            rings=_labels.RINGS + ((5.5, 7.5, 10.0) if required else ()),
        )
        if len(spots) == len(chosen) or last:
            break
    inverse = ax.transData.inverted()
    halo = [pe.withStroke(linewidth=3.2, foreground="white")]
    artists = []
    for i, x, y, ring, alt in spots:
        dx, dy = inverse.transform((x, y))
        text = ax.text(
            dx,
            dy,
            texts[i][alt],
            fontproperties=prop,
            ha="center",
            va="center",
            ma="center",
            zorder=6,
            color="#222222",
            path_effects=halo,
            gid=f"coopnet:label:{net.orgs.index[i]}",
        )
        artists.append(text)
        if ring >= 1:  # not touching its node: a leader line from marker to label
            w, h = sizes[i, alt]
            near = np.clip(anchors[i], (x - w / 2, y - h / 2), (x + w / 2, y + h / 2))
            d = near - anchors[i]
            length = float(np.hypot(*d))
            if length > radii[i] + 2:
                start = anchors[i] + d / length * radii[i]
                line = inverse.transform(np.array([start, near]))
                ax.plot(
                    line[:, 0],
                    line[:, 1],
                    color="#666666",
                    linewidth=0.8,
                    zorder=5,
                    gid="coopnet:leader",
                )
    return artists


def _positions(net: Network, layout, seed: int, aspect: float) -> np.ndarray:
    pos = layout_positions(net, layout=layout, seed=seed, aspect=aspect)
    return np.array([pos[n] for n in net.orgs.index], dtype=float).reshape(-1, 2)


# ------------------------------------------------------------------- public
def plot_map(
    net: Network,
    *,
    ax=None,
    layout="spring",
    color_by: str = "sector",
    size_by: str | None = "partners",
    labels="auto",
    lang: str = "ja",
    legend: bool = True,
    seed: int = 0,
    **kwargs,
):
    """Draw the partnership network: nodes by sector, edges by partnership type.

    Parameters
    ----------
    net : Network
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 16:9 slide-sized figure (13.33 × 7.5 in)
        with the legends in a column on the right.
    layout : {"spring", "sector", "circular"} or mapping, default "spring"
        See :func:`coopnet.layout.layout_positions`; a mapping ``{id: (x, y)}``
        is used as given.
    color_by : str, default "sector"
        ``"sector"`` uses the taxonomy's colours; any other column of
        ``net.orgs`` is drawn as categories.
    size_by : str or None, default "partners"
        Marker area grows with this value: ``"partners"`` (distinct partner
        organisations), ``"partnerships"``, a column of
        :func:`coopnet.centrality` (``"cases"``, ``"betweenness"``, ``"closeness"``,
        ``"eigenvector"``, ``"pagerank"``), a numeric column of ``net.orgs``, or
        None for one size.
    labels : "auto", "all", "none", "topN", int or list of ids, default "auto"
        Which organisations are named: every one, none, the N largest by
        ``size_by`` (``"top20"`` or ``20``), or those listed. ``"auto"`` labels
        every organisation of a network of up to 40, else 36 labels: the most
        central organisation of each connected group first (biggest groups
        first), then more from the bigger groups. Labels never
        overlap each other or a marker; with a choice other than ``"all"`` a
        label that finds no free place is left out.
    lang : {"ja", "en"}, default "ja"
        Language of the labels (``name`` or ``name_en``) and legends.
    legend : bool, default True
        Legends for sectors and partnership types, right of the axes.
    seed : int, default 0
        Seed of the spring layout.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter` for the nodes
        (for example ``alpha`` or ``linewidths``).

    Returns
    -------
    matplotlib.axes.Axes
        The nodes are one ``PathCollection`` (gid ``coopnet:nodes``, offsets in
        the order of ``net.orgs``), the partnerships one ``LineCollection`` per
        type (gid ``coopnet:edges:<type>``, one polyline per partnership), the
        labels ``Text`` artists (gid ``coopnet:label:<id>``).

    Examples
    --------
    >>> import coopnet as cn
    >>> ax = cn.plot_map(cn.load_sample(), labels="top10", lang="en")
    >>> len([t for t in ax.texts if t.get_gid().startswith("coopnet:label:")])
    10
    """
    _check_lang(lang)
    values, size_word = _size_values(net, size_by)
    colors, cats, _ = _colors(net, color_by)
    rank_values = values if size_by is not None else _degrees(net)[0]
    chosen = _label_choice(labels, net, rank_values)
    with _fonts.japanese_text():
        ax = _new_axes(ax, legend=legend)
        w_px, h_px = _axes_px(ax)
        xy = _positions(net, layout, seed, w_px / h_px)
        _frame(ax, xy, margin=0.06 if len(chosen) else 0.03)
        diam = _marker_diameters(values, xy, ax)
        n_edges = max(len(net.edges), 1)
        width = float(np.clip(5.0 / math.log10(n_edges + 10), 0.4, 2.4))
        if n_edges > 2000:
            width = 0.35
        bundle = 0.55 if isinstance(layout, str) and layout in ("sector", "circular") else 0.0
        _, curves = _draw_edges(ax, net, xy, width=width, bundle=bundle)
        style = {"edgecolors": "white", "linewidths": 0.9 if len(xy) < 500 else 0.3, "zorder": 3}
        style.update(kwargs)
        ax.scatter(
            xy[:, 0] if len(xy) else [],
            xy[:, 1] if len(xy) else [],
            s=diam**2,
            c=colors if len(xy) else None,
            gid="coopnet:nodes",
            **style,
        )
        required = (isinstance(labels, str) and labels == "all") or _is_list(labels)
        _draw_labels(ax, net, xy, diam, chosen, curves, lang=lang, required=required)
        if legend:
            text = _TEXT[lang]
            sections = [
                (
                    text["sector"] if color_by == "sector" else color_by,
                    *_sector_handles(cats, lang, color_by),
                ),
                (text["type"], *_type_handles(net.types, lang)),
            ]
            _legend_column(ax, sections, lang=lang)
            if size_word in ("partners", "partnerships"):
                what = text[size_word]
            else:
                what = size_word
            if what:
                ax.text(
                    1.01,
                    0.0,
                    text["size"].format(what=what),
                    transform=ax.transAxes,
                    fontproperties=_fonts.font_properties(size=LEGEND_PT - 1),
                    color="#444444",
                    va="bottom",
                    ha="left",
                    gid="coopnet:size-note",
                )
    return ax


def _is_list(labels) -> bool:
    return not isinstance(labels, str | bytes | int | Mapping) and hasattr(labels, "__iter__")


def plot_types(
    net: Network,
    *,
    layout="spring",
    labels="top3",
    lang: str = "ja",
    seed: int = 0,
    size_by: str | None = "partners",
):
    """Six small maps (2 × 3), one per partnership type, on the same positions.

    Each panel shows every organisation at the same place: those taking part in
    that type in their sector's colour, the others as faint grey dots, and only
    the partnerships of that type. Panels follow the taxonomy's order and are
    titled with the type and its number of partnerships.

    Parameters
    ----------
    net : Network
    layout : {"spring", "sector", "circular"} or mapping, default "spring"
    labels : "topN", int, "all", "none" or list of ids, default "top3"
        Labels per panel, chosen among the organisations of that type (by
        ``size_by`` on the whole network); a label without a free place is left out.
    lang : {"ja", "en"}, default "ja"
    seed : int, default 0
    size_by : str or None, default "partners"
        As in :func:`plot_map`, computed on the whole network.

    Returns
    -------
    matplotlib.figure.Figure
        With six axes in the taxonomy's type order (gid ``coopnet:panel:<type>``)
        and a shared sector legend.

    Examples
    --------
    >>> import coopnet as cn
    >>> fig = cn.plot_types(cn.load_sample())
    >>> [ax.get_gid() for ax in fig.axes][:2]
    ['coopnet:panel:産消提携型', 'coopnet:panel:事業連携型']
    """
    import matplotlib.pyplot as plt

    _check_lang(lang)
    values, _ = _size_values(net, size_by)
    colors, cats, _ = _colors(net, "sector")
    text = _TEXT[lang]
    with _fonts.japanese_text():
        fig = plt.figure(figsize=SLIDE_INCHES)
        grid = fig.add_gridspec(
            2, 3, left=0.01, right=0.99, top=0.93, bottom=0.1, wspace=0.04, hspace=0.14
        )
        axes = [fig.add_subplot(grid[i // 3, i % 3]) for i in range(6)]
        w_px, h_px = _axes_px(axes[0])
        xy = _positions(net, layout, seed, w_px / h_px)
        ids = list(net.orgs.index)
        pos = {n: tuple(p) for n, p in zip(ids, xy, strict=True)}
        for ax, ptype in zip(axes, taxonomy.TYPES, strict=True):
            ax.set_gid(f"coopnet:panel:{ptype}")
            _frame(ax, xy, margin=0.05)
            sub = net.filter(types=[ptype]) if ptype in net.types else None
            active = np.zeros(len(ids), dtype=bool)
            if sub is not None:
                active = net.orgs.index.isin(sub.orgs.index)
            diam = _marker_diameters(values, xy, ax) * 0.8
            ax.scatter(
                xy[~active, 0],
                xy[~active, 1],
                s=(diam[~active] * 0.6) ** 2,
                c="#DDDDDD",
                linewidths=0,
                zorder=2,
                gid="coopnet:inactive",
            )
            count = 0 if sub is None else len(sub.edges)
            if sub is not None:
                sub_xy = np.array([pos[n] for n in sub.orgs.index]).reshape(-1, 2)
                _, curves = _draw_edges(ax, sub, sub_xy, width=1.8)
                where = net.orgs.index.get_indexer(sub.orgs.index)
                ax.scatter(
                    sub_xy[:, 0],
                    sub_xy[:, 1],
                    s=diam[where] ** 2,
                    c=[colors[i] for i in where],
                    edgecolors="white",
                    linewidths=0.7,
                    zorder=3,
                    gid="coopnet:nodes",
                )
                chosen = _label_choice(labels, sub, values[where])
                _draw_labels(
                    ax,
                    sub,
                    sub_xy,
                    diam[where],
                    chosen,
                    curves,
                    lang=lang,
                    required=False,
                    fontsize=LABEL_PT - 2,
                    others=(xy[~active], diam[~active] * 0.6),
                )
            title = f"{taxonomy.type_label(ptype, lang)}（{text['count'].format(n=count)}）"
            if lang == "en":
                title = f"{taxonomy.type_label(ptype, lang)} ({count})"
            ax.set_title(title, fontproperties=_fonts.font_properties(size=16), pad=5)
            if count == 0:
                ax.text(
                    0.5,
                    0.5,
                    text["none"],
                    transform=ax.transAxes,
                    ha="center",
                    fontproperties=_fonts.font_properties(size=14),
                    color="#888888",
                )
            ax.add_patch(
                plt.Rectangle(
                    (0, 0),
                    1,
                    1,
                    transform=ax.transAxes,
                    fill=False,
                    edgecolor=taxonomy.type_color(ptype),
                    linewidth=2.0,
                    clip_on=False,
                )
            )
        handles, labels_ = _sector_handles(cats, lang, "sector")
        fig.legend(
            handles,
            labels_,
            loc="lower center",
            ncol=min(len(handles), 6),
            frameon=False,
            prop=_fonts.font_properties(size=LEGEND_PT - 1),
            bbox_to_anchor=(0.5, 0.0),
            columnspacing=1.2,
            handletextpad=0.3,
        )
    return fig


def plot_pairs(net: Network, *, ax=None, lang: str = "ja", cmap: str = "Blues"):
    """Heatmap of partnerships between sectors, with the counts written in the cells.

    The table is :func:`coopnet.sector_matrix`: symmetric, each partnership
    counted once (a within-sector partnership on the diagonal).

    Parameters
    ----------
    net : Network
    ax : matplotlib.axes.Axes, optional
        By default a new slide-sized figure.
    lang : {"ja", "en"}, default "ja"
        Language of the sector names on the axes and of the title.
    cmap : str, default "Blues"

    Returns
    -------
    matplotlib.axes.Axes
        The cells are an ``AxesImage`` (gid ``coopnet:pairs``) and each count a
        ``Text`` (gid ``coopnet:count:<row>:<column>``).

    Examples
    --------
    >>> import coopnet as cn
    >>> ax = cn.plot_pairs(cn.load_sample(), lang="en")
    >>> ax.get_title()
    'Partnerships between sectors (count)'
    """
    import matplotlib.pyplot as plt

    from .analysis import sector_matrix

    _check_lang(lang)
    table = sector_matrix(net)
    counts = table.to_numpy(dtype=float)
    rows = [taxonomy.sector_label(s, lang) for s in table.index]
    cols = [taxonomy.sector_label(s, lang) for s in table.columns]
    with _fonts.japanese_text():
        if ax is None:
            fig = plt.figure(figsize=SLIDE_INCHES)
            # square cells filling the height, the grid centred on the slide
            height = 0.7
            width = height * SLIDE_INCHES[1] / SLIDE_INCHES[0]
            ax = fig.add_axes(((1 - width) / 2 + 0.07, 0.21, width, height))
        vmax = max(float(counts.max()) if counts.size else 1.0, 1.0)
        image = ax.imshow(counts, cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
        image.set_gid("coopnet:pairs")
        small = _fonts.font_properties(size=13)
        colormap = image.get_cmap()
        for i in range(counts.shape[0]):
            for j in range(counts.shape[1]):
                value = counts[i, j]
                shade = colormap(value / vmax)
                dark = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] < 0.55
                ax.text(
                    j,
                    i,
                    f"{int(value)}",
                    ha="center",
                    va="center",
                    fontproperties=small,
                    color="white" if dark else ("#222222" if value else "#AAAAAA"),
                    gid=f"coopnet:count:{table.index[i]}:{table.columns[j]}",
                )
        ax.set_xticks(range(len(cols)))
        ax.set_yticks(range(len(rows)))
        ax.set_xticklabels(
            cols, fontproperties=small, rotation=40, ha="right", rotation_mode="anchor"
        )
        ax.set_yticklabels(rows, fontproperties=small)
        ax.tick_params(length=0, pad=6)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xticks(np.arange(-0.5, len(cols)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(rows)), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_title(
            _TEXT[lang]["pairs_title"], fontproperties=_fonts.font_properties(size=20), pad=14
        )
        ax.text(
            1.03,
            0.0,
            _TEXT[lang]["pairs_note"],
            transform=ax.transAxes,
            fontproperties=_fonts.font_properties(size=12),
            color="#555555",
            va="bottom",
            linespacing=1.6,
            gid="coopnet:pairs-note",
        )
    return ax


def save_slide(fig, path: str | os.PathLike, *, size="16:9") -> str:
    """Save ``fig`` as a slide picture: PNG at 1920 × 1080 px, or PDF / SVG.

    The format follows the extension (.png, .pdf, .svg). Output carries no date or
    random id, so the same figure gives the same bytes; the file is written
    atomically (never half-written).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or path-like
    size : {"16:9", "4:3"} or (width_px, height_px), default "16:9"
        Pixel size of a PNG (1920 × 1080 or 1440 × 1080). The figure keeps its
        width in inches and its height is adjusted to the ratio; the resolution
        is chosen to give the pixel size, so fonts keep their size relative to
        the picture.

    Returns
    -------
    str
        The path written.

    Examples
    --------
    >>> import coopnet as cn, tempfile, os
    >>> ax = cn.plot_map(cn.load_sample(), labels="none")
    >>> out = save_slide(ax.figure, os.path.join(tempfile.mkdtemp(), "map.png"))
    >>> from PIL import Image; Image.open(out).size
    (1920, 1080)
    """
    import matplotlib as mpl

    if isinstance(size, str):
        if size not in _SLIDE_PX:
            raise ValueError(
                f"size={size!r} is not a slide size; choose from {', '.join(_SLIDE_PX)} "
                "or give (width_px, height_px)"
            )
        width_px, height_px = _SLIDE_PX[size]
    else:
        try:
            width_px, height_px = (int(v) for v in size)
        except (TypeError, ValueError):
            raise ValueError(
                f"size={size!r}: give '16:9', '4:3' or (width_px, height_px)"
            ) from None
        if width_px <= 0 or height_px <= 0:
            raise ValueError(f"size={size!r}: width and height must be positive")
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    metadata = {
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "ModDate": None},
        "svg": {"Date": None},
    }
    if ext not in metadata:
        raise ValueError(f"path={path!r} has extension {ext!r}; use .png, .pdf or .svg")
    width_in, height_in = fig.get_size_inches()
    want_h = width_in * height_px / width_px
    if abs(height_in - want_h) > 1e-3:
        fig.set_size_inches(width_in, want_h)
    dpi = width_px / width_in
    buffer = io.BytesIO()
    rc = {"svg.hashsalt": "coopnet", "pdf.fonttype": 42, "svg.fonttype": "path"}
    with _fonts.japanese_text(), mpl.rc_context(rc):
        fig.savefig(buffer, format=ext, dpi=dpi, metadata=metadata[ext], facecolor="white")
    atomic_write_bytes(path, buffer.getvalue())
    return path
