"""Network maps for slides: the whole network, and one small map per partnership type.

Every picture is drawn for a 16:9 slide (13.33 × 7.5 in) inside
:func:`coopnet._draw.fonts.japanese_text`, so Japanese glyphs render with
matplotlib-fontja's IPAexGothic while the user's own rcParams stay as they were.

One convention for every ``plot_*`` function (here and :func:`coopnet.plot_pairs`):
the network comes first, options are keyword-only, the function draws and returns
**matplotlib Axes** — the Axes it drew on, or for :func:`plot_types` an array of
Axes, one per panel — and never saves or shows. :func:`save_slide` takes what they
return (or a Figure). Whatever a picture draws lies inside its tight bounding box,
so a notebook (``bbox_inches="tight"``) shows every legend whole.

Artists carry ``gid`` tags so they can be found again: ``coopnet:nodes`` (one
collection, offsets in ``net.orgs`` order), ``coopnet:edges:<type>``,
``coopnet:label:<id>``, ``coopnet:leader:<id>`` (see :mod:`coopnet._draw.netmap`).

Examples
--------
>>> import coopnet as cn
>>> ax = cn.plot_map(cn.load_sample(), labels="none", legend=False)
>>> ax.findobj(lambda a: a.get_gid() == "coopnet:nodes")[0].get_offsets().shape
(107, 2)
"""

from __future__ import annotations

import os

import numpy as np

from ._checks import check_flag, check_lang, check_network
from ._draw import fonts as _fonts
from ._draw import geomap as _geomap
from ._draw import groupmap as _groupmap
from ._draw import legend as _legend
from ._draw import values as _values
from ._draw.canvas import (
    LABEL_PT,
    SLIDE_INCHES,
    map_axes,
    map_title,
)
from ._draw.netmap import draw_network
from ._draw.panels import panel_figure, panel_sizes, say_none
from ._draw.placing import place_nodes
from ._draw.saving import save_picture
from ._draw.ties import width_for
from ._glossary import term
from .network import Network

__all__ = ["SLIDE_INCHES", "plot_map", "plot_types", "save_slide"]

#: Marker diameters (points): the largest marker's least and most, on the map and
#: in the panels of plot_types (big enough to read from the back of a room).
MAP_SIZES = (4.0, 26.0)
PANEL_SIZES = (14.0, 30.0)


def _title_text(net: Network, title, lang: str) -> str:
    if title is None:
        return net.name or term("map_title", lang)
    return str(title) if title else ""


def _backdrop(layout, net: Network, lang: str):
    """The tile map of Japan behind ``layout="geo"`` (drawn once the ties are, as it
    fades the long ones); None for the other layouts."""
    if not _geomap.is_geo(layout):
        return None
    return lambda ax: _geomap.draw_backdrop(ax, net, lang=lang)


# ------------------------------------------------------------------- the map
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
    title: str | None = None,
    seed: int = 0,
    level: str = "auto",
    **kwargs,
):
    """Draw the partnership network: nodes by sector, ties by partnership type.

    Parameters
    ----------
    net : Network
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 16:9 slide-sized figure (13.33 × 7.5 in)
        with the title on top and the legends in a column on the right.
    layout : {"spring", "sector", "circular", "geo"}, mapping or None, default "spring"
        See :func:`coopnet.layout.layout_positions`; a mapping ``{id: (x, y)}``
        is used as given; None is ``"spring"`` (as :func:`coopnet.to_html`
        takes it). With labels, ``"spring"`` packs the groups leaving room
        beside the small ones for their names. ``"geo"`` draws the tile map of
        Japan behind the organisations.
    color_by : str, default "sector"
        ``"sector"`` uses ``net.sector_styles`` (colour and marker shape: sectors
        outside the taxonomy are squares in colours of their own); any other
        column of ``net.orgs`` (``"prefecture"`` …) is drawn as categories.
    size_by : str or None, default "partners"
        Marker area grows with this value: ``"partners"`` (distinct partner
        organisations), ``"partnerships"``, a column of
        :func:`coopnet.centrality` (``"cases"``, ``"betweenness"``, ``"closeness"``,
        ``"eigenvector"``, ``"pagerank"``), a numeric column of ``net.orgs``, or
        None for one size. (Every value :func:`coopnet.to_html` takes works here.)
    labels : "auto", "all", "none", "topN", int or list of ids, default "auto"
        Which organisations are named: every one, none, the N largest by
        ``size_by`` (``"top20"`` or ``20``), or those listed. ``"auto"`` names
        every organisation of a network of up to 40, else 36: the most central
        organisation of each connected group first (biggest groups first), then
        more from the bigger groups. A label is always nearer its own node than
        any other, overlaps no other label or marker, avoids ties where it can,
        and a leader line crosses no other label; with a choice other than
        ``"all"`` or a list, a label that finds no such place is left out.
    lang : {"ja", "en"}, default "ja"
        Language of the labels (``name`` or ``name_en``), legends and notes.
    legend : bool, default True
        Legends for sectors and partnership types, right of the axes.
    title : str, optional
        Title above the map; by default the network's name (or 「協同組合間連携マップ」);
        ``""`` for none.
    seed : int, default 0
        Seed of the spring layout.
    level : {"auto", "organisations", "groups"}, default "auto"
        ``"organisations"`` draws every organisation; ``"groups"`` draws the
        summary map of :func:`coopnet.group_network` (one marker per sector in
        each prefecture, in the sector's colour and shape, placed on a tile map of Japan; ties between groups
        weighted by partnerships; ``layout``, ``color_by``, ``size_by`` and
        ``labels`` do not apply). ``"auto"`` draws groups above 1,500
        organisations, where a map of organisations can name about one in
        twenty of them.
    **kwargs
        Passed to :meth:`~matplotlib.axes.Axes.scatter` for the nodes
        (for example ``alpha`` or ``linewidths``).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on. The nodes are one ``PathCollection`` (gid
        ``coopnet:nodes``, offsets in the order of ``net.orgs``), the
        partnerships one ``LineCollection`` per type (gid
        ``coopnet:edges:<type>``, one polyline per partnership), the labels
        ``Text`` artists (gid ``coopnet:label:<id>``).

    Examples
    --------
    >>> import coopnet as cn
    >>> ax = cn.plot_map(cn.load_sample(), labels="top10", lang="en")
    >>> ax.get_title(loc="left")
    '全国に広がる協同組合間連携事例（JCA 2026年2月20日）'
    >>> named = [t for t in ax.texts if t.get_gid().startswith("coopnet:label:")]
    >>> 6 <= len(named) <= 10  # a hub ringed by its partners may have no clear place
    True
    """
    check_network(net)
    check_lang(lang)
    check_flag(legend, "legend")
    if _groupmap.wants_groups(net, level):
        return _groupmap.plot_groups(
            net,
            ax=ax,
            lang=lang,
            legend=legend,
            seed=seed,
            title=_title_text(net, title, lang),
            **kwargs,
        )
    layout = "spring" if layout is None else layout  # to_html's "its default"
    values = _values.size_values(net, size_by)
    looks = _values.looks(net, color_by)
    rank_values = values if size_by is not None else _values.degrees(net)[0]
    chosen = _values.label_choice(labels, net, rank_values)
    heading = _title_text(net, title, lang)
    named = isinstance(layout, str) and layout == "sector"
    required = (isinstance(labels, str) and labels == "all") or _values.is_list(labels)
    with _fonts.japanese_text():
        ax = map_axes(ax, legend=legend, title=bool(heading))
        margin = 0.09 if named else 0.06 if len(chosen) else 0.03
        xy = place_nodes(
            ax,
            net,
            layout=layout,
            seed=seed,
            chosen=chosen,
            lang=lang,
            margin=margin,
            fontsize=LABEL_PT,
            sizes=MAP_SIZES,
            looks=looks,
            hub_room=not required,
        )
        draw_network(
            ax,
            net,
            xy,
            values=values,
            looks=looks,
            chosen=chosen,
            lang=lang,
            required=required,
            width=width_for(len(net.edges)),
            bundle=0.55 if isinstance(layout, str) and layout in ("sector", "circular") else 0.0,
            sector_names=named,
            sizes=MAP_SIZES,
            backdrop=_backdrop(layout, net, lang),
            **kwargs,
        )
        if heading:
            map_title(ax, heading)
        if legend:
            _legend.legend_column(
                ax,
                [
                    (
                        term("sector", lang).capitalize() if color_by == "sector" else color_by,
                        *_legend.sector_handles(
                            looks.entries, by_sector=color_by == "sector", lang=lang
                        ),
                    ),
                    (
                        term("type", lang).capitalize(),
                        *_legend.type_handles(net.types, lang=lang),
                    ),
                ],
            )
            what = _values.size_word(size_by, lang)
            if what:
                _legend.note(ax, term("node_size", lang).format(what=what), gid="coopnet:size-note")
    return ax


# ------------------------------------------------------- one map per type
def plot_types(
    net: Network,
    *,
    layout="spring",
    labels="auto",
    lang: str = "ja",
    seed: int = 0,
    size_by: str | None = "partners",
    level: str = "auto",
):
    """One small map per partnership type, each filling its panel: a slide that
    compares the types.

    Each panel shows the organisations taking part in that type's cases — at
    either end of its partnerships, or listed as members of its cases
    (``net.by_type(t)``, so the council that runs a round table alone is there
    too) — and only that type's partnerships, laid out on its own so that its
    markers and names read from the back of a room. Panels follow the taxonomy's
    order, then the types outside it (``strict=False``); six types fill 2 × 3
    panels, seven or eight 2 × 4, nine 3 × 3. Each title says what is counted:
    「人事育成型（2 事例・3 連携）」.

    Parameters
    ----------
    net : Network
    layout : {"spring", "sector", "circular"} or mapping, default "spring"
        Laid out per panel (see :func:`coopnet.layout.layout_positions`); a
        mapping ``{id: (x, y)}`` gives every panel the same places.
    labels : "auto", "topN", int, "all", "none" or list of ids, default "auto"
        Names per panel, chosen among the organisations of that type (by
        ``size_by`` on the whole network); ``"auto"`` names every organisation
        of a panel of up to 10, else 7 (the most central of each group first).
        A label without a free place is left out.
    lang : {"ja", "en"}, default "ja"
    seed : int, default 0
    size_by : str or None, default "partners"
        As in :func:`plot_map`, computed on the whole network.
    level : {"auto", "organisations", "groups"}, default "auto"
        As in :func:`plot_map`: ``"groups"`` (by default above 1,500
        organisations) draws each type's summary map, organisations grouped by
        sector × prefecture on a tile map of Japan.

    Returns
    -------
    numpy.ndarray of matplotlib.axes.Axes
        One Axes per type, in the order of ``net.types`` (gid
        ``coopnet:panel:<type>``), on one slide-sized figure with a shared
        sector legend below the panels. In each panel the artists are as in
        :func:`plot_map`.

    Examples
    --------
    >>> import coopnet as cn
    >>> axes = cn.plot_types(cn.load_sample())
    >>> [ax.get_gid() for ax in axes][:2]
    ['coopnet:panel:産消提携型', 'coopnet:panel:事業連携型']
    >>> axes[-1].get_title()
    '人事育成型（2 事例・3 連携）'
    """
    import matplotlib.pyplot as plt

    from .groups import type_summary
    from .taxonomy import type_color

    check_network(net)
    check_lang(lang)
    if _groupmap.wants_groups(net, level):
        return _groupmap.plot_type_groups(net, lang=lang, seed=seed)
    values = _values.size_values(net, size_by)
    looks = _values.looks(net, "sector")
    counts = type_summary(net)
    subs = {t: net.by_type(t) for t in net.types}
    present = {s for sub in subs.values() for s in sub.orgs["sector"]}
    titles = [
        (t, int(counts.loc[t, "cases"]), int(counts.loc[t, "partnerships"]))
        if t in counts.index
        else (t, 0, len(sub.edges))
        for t, sub in subs.items()
    ]
    with _fonts.japanese_text():
        legend = _legend.sector_handles(
            [e for e in looks.entries if e[0] in present], by_sector=True, lang=lang, size=12
        )
        _, axes = panel_figure(titles, lang, legend)
        for ax, (ptype, sub) in zip(axes, subs.items(), strict=False):
            where = net.orgs.index.get_indexer(sub.orgs.index)
            chosen = _values.label_choice(labels, sub, values[where], auto_all=10, auto_top=7)
            sizes = panel_sizes(ax, len(sub.orgs), PANEL_SIZES)
            sub_looks = _values.Looks(
                [looks.colors[i] for i in where], [looks.markers[i] for i in where], []
            )
            # no room for names as in plot_map: in a small panel the hubs' names matter most
            xy = place_nodes(
                ax,
                sub,
                layout=layout,
                seed=seed,
                chosen=chosen,
                lang=lang,
                margin=0.07,
                fontsize=LABEL_PT - 1,
                sizes=sizes,
                looks=sub_looks,
            )
            draw_network(
                ax,
                sub,
                xy,
                values=values[where],
                looks=sub_looks,
                chosen=chosen,
                lang=lang,
                width=min(2.0, width_for(len(sub.edges))),
                fontsize=LABEL_PT - 1,
                sizes=sizes,
                smallest=0.6,
                linewidths=1.0,
            )
            if len(sub.orgs) == 0:
                say_none(ax, lang)
            frame = plt.Rectangle(
                (0, 0),
                1,
                1,
                transform=ax.transAxes,
                fill=False,
                edgecolor=type_color(ptype),
                linewidth=2.0,
                clip_on=False,
            )
            ax.add_patch(frame)
        if not subs:
            axes[0].set_axis_off()
            say_none(axes[0], lang)
    return np.array(axes, dtype=object)


# ------------------------------------------------------------------- saving
def save_slide(fig, path: str | os.PathLike, *, size="16:9") -> str:
    """Save a picture as a slide: PNG at 1920 × 1080 px, or PDF / SVG.

    The format follows the extension (.png, .pdf, .svg). Output carries no date or
    random id, so the same figure gives the same bytes; the file is written
    atomically (never half-written).

    Parameters
    ----------
    fig : matplotlib.figure.Figure, Axes or array of Axes
        A figure, or what a ``plot_*`` function returned (its figure is saved).
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
    >>> out = save_slide(ax, os.path.join(tempfile.mkdtemp(), "map.png"))
    >>> from PIL import Image; Image.open(out).size
    (1920, 1080)
    """
    return save_picture(fig, path, size)
