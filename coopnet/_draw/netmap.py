"""Drawing pieces of the static maps: values, colours, edges, markers, labels, legends.

Private helpers of :mod:`coopnet.plot`; matplotlib is imported inside the
functions so that importing this module stays light.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import taxonomy
from .._kernels.form import integer_form
from .._text import wrap
from ..layout import layout_positions
from ..network import Network
from . import fonts as _fonts
from . import labels as _labels

#: A PowerPoint 16:9 slide, so a font size in points reads as it would on the slide.
SLIDE_INCHES = (40 / 3, 7.5)
#: Label and legend font sizes (points on a 13.33-inch slide).
LABEL_PT = 12.0
LEGEND_PT = 12.0
#: labels="auto": every organisation up to this many, else this many labels.
AUTO_ALL, AUTO_TOP = 40, 36
_CENTRALITY = ("cases", "betweenness", "closeness", "eigenvector", "pagerank")


def _check_lang(lang: str) -> None:
    if lang not in ("ja", "en"):
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
    c = integer_form(net)
    return c.partners.astype(float), c.partnerships.astype(float)


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
        from ..structure import centrality

        table = centrality(net)
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
        palette = {s: net.sector_styles[s][0] for s in cats}
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
        comp = integer_form(net).components
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
    ax,
    net,
    xy,
    sizes_pt,
    chosen,
    curves,
    *,
    lang,
    required,
    fontsize=LABEL_PT,
    others=None,
    blocked=None,
):
    """Place and draw the chosen labels (see :mod:`coopnet._draw.labels`).

    ``others`` (positions, diameters in points) are background markers that labels
    avoid when they can (a cost, not a rule).
    """
    import matplotlib.patheffects as pe

    if len(chosen) == 0:
        return []
    fig = ax.figure
    renderer = _renderer(fig)
    names = _names(net, lang)
    texts = {i: (wrap(names[i], lang), wrap(names[i], lang, width=6)) for i in chosen}
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
            blocked=blocked,
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


def _is_list(labels) -> bool:
    return not isinstance(labels, str | bytes | int | Mapping) and hasattr(labels, "__iter__")


def _sector_titles(ax, net: Network, xy: np.ndarray, lang: str) -> np.ndarray:
    """Name each sector's group just outside it (sector layout); returns their boxes
    in display pixels so that labels keep clear of them."""
    renderer = _renderer(ax.figure)
    centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
    sectors = net.orgs["sector"].to_numpy()
    prop = _fonts.font_properties(size=LEGEND_PT + 1)
    boxes = []
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
        )
        import matplotlib.patheffects as pe

        text.set_path_effects([pe.withStroke(linewidth=4, foreground="white")])
        box = text.get_window_extent(renderer)
        # keep the title inside the axes
        frame = ax.get_window_extent(renderer)
        dx = max(frame.x0 - box.x0, 0.0) - max(box.x1 - frame.x1, 0.0)
        dy = max(frame.y0 - box.y0, 0.0) - max(box.y1 - frame.y1, 0.0)
        if dx or dy:
            x, y = ax.transData.transform(spot) + np.array([dx, dy])
            text.set_position(ax.transData.inverted().transform((x, y)))
            box = text.get_window_extent(renderer)
        boxes.append((box.x0, box.y0, box.x1, box.y1))
    return np.array(boxes).reshape(-1, 4)
