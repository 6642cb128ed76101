"""Static network maps for slides: matplotlib, Japanese labels, byte-stable files.

Every function draws inside :func:`coopnet._draw.fonts.japanese_text`, so Japanese
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

import numpy as np

from . import taxonomy
from ._draw import fonts as _fonts
from ._draw import geomap as _geomap
from ._draw.netmap import (
    LABEL_PT,
    LEGEND_PT,
    SLIDE_INCHES,
    _axes_px,
    _check_lang,
    _colors,
    _degrees,
    _draw_edges,
    _draw_labels,
    _frame,
    _is_list,
    _label_choice,
    _legend_column,
    _marker_diameters,
    _new_axes,
    _positions,
    _sector_handles,
    _sector_titles,
    _size_values,
    _type_handles,
)
from ._io.files import atomic_write_bytes
from .network import Network

__all__ = ["SLIDE_INCHES", "plot_map", "plot_pairs", "plot_types", "save_slide"]

_SLIDE_PX = {"16:9": (1920, 1080), "4:3": (1440, 1080)}
_TEXT = {
    "ja": {
        "sector": "セクター",
        "type": "連携類型",
        "size": "円の大きさ：{what}",
        "partners": "連携先の数",
        "partnerships": "連携の件数",
        "pairs_title": "セクター間の連携（件数）",
        "pairs_note": "対角線：同じセクター内の連携　／　各連携を1件として数えています",
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
        "pairs_note": "Diagonal: partnerships within a sector  /  each partnership counted once",
        "count": "{n}",
        "none": "none",
    },
}


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
    layout : {"spring", "sector", "circular", "geo"} or mapping, default "spring"
        See :func:`coopnet.layout.layout_positions`; a mapping ``{id: (x, y)}``
        is used as given. ``"geo"`` draws the tile map of Japan behind the
        organisations.
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
        titled = isinstance(layout, str) and layout == "sector"
        geo = _geomap.is_geo(layout)
        framed = _geomap.frame_points(xy) if geo else xy
        _frame(ax, framed, margin=0.09 if titled else 0.06 if len(chosen) else 0.03)
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
        titles = None
        if titled and len(xy):
            titles = _sector_titles(ax, net, xy, lang)
        if geo:
            titles = _geomap.draw_backdrop(ax, net, lang=lang)
        _draw_labels(
            ax, net, xy, diam, chosen, curves, lang=lang, required=required, blocked=titles
        )
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

    from .mixing import sector_matrix

    _check_lang(lang)
    table = sector_matrix(net)
    counts = table.to_numpy(dtype=float)
    rows = [taxonomy.sector_label(s, lang) for s in table.index]
    cols = [taxonomy.sector_label(s, lang) for s in table.columns]
    with _fonts.japanese_text():
        if ax is None:
            fig = plt.figure(figsize=SLIDE_INCHES)
            # square cells filling the height, the grid centred on the slide
            height = 0.66
            width = height * SLIDE_INCHES[1] / SLIDE_INCHES[0]
            ax = fig.add_axes(((1 - width) / 2 + 0.07, 0.2, width, height))
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
            _TEXT[lang]["pairs_title"], fontproperties=_fonts.font_properties(size=20), pad=34
        )
        # the note sits between the title and the grid, so it never leaves the frame
        ax.text(
            0.5,
            1.012,
            _TEXT[lang]["pairs_note"],
            transform=ax.transAxes,
            fontproperties=_fonts.font_properties(size=12),
            color="#555555",
            ha="center",
            va="bottom",
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
