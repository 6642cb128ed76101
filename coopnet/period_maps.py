"""Maps of the network as it stood at several years, at the same positions.

Examples
--------
>>> import coopnet as cn
>>> fig = cn.plot_periods(cn.load_sample(), periods=[2000, 2023], labels="none")
>>> len(fig.axes)
2
"""

from __future__ import annotations

import numpy as np

from ._checks import check_lang, check_network
from ._draw import fonts as _fonts
from ._draw import geomap as _geomap
from ._draw import legend as _legend
from ._draw import values as _values
from ._draw.canvas import LABEL_PT, LEGEND_PT, SLIDE_INCHES, axes_px, fit
from ._draw.netmap import draw_labels, draw_nodes, marker_diameters, reach
from ._draw.placing import fill_frame
from ._draw.ties import draw_ties
from .layout import layout_positions
from .network import Network
from .temporal import UNDATED, timeline

__all__ = ["MAX_PERIODS", "default_periods", "plot_periods"]

#: At most this many panels.
MAX_PERIODS = 8

_TEXT = {
    "ja": {
        "panel": "〜{year}年　{cases:,} 事例・{partnerships:,} 連携",
        "faded": "薄い線：前の図までの連携　濃い線：この期間に始まった連携",
        "periods_undated": "開始年の分からない連携 {n:,} 件は含めていません",
    },
    "en": {
        "panel": "By {year}: {cases:,} cases, {partnerships:,} partnerships",
        "faded": "Faint: partnerships of earlier panels   Strong: started in this period",
        "periods_undated": "{n:,} partnerships without a start year are not shown",
    },
}


def default_periods(net: Network, n: int = 6) -> list[int]:
    """Up to ``n`` years that cut the dated partnerships into equal shares: the
    years by which 1/n, 2/n … of them had started (the last is the last year).

    Examples
    --------
    >>> import coopnet as cn
    >>> default_periods(cn.load_sample(), n=4)
    [2014, 2017, 2021, 2023]
    """
    table = timeline(net).drop(index=UNDATED)
    if table.empty:
        return []
    total = table["partnerships_total"].to_numpy()
    years = np.asarray(table.index, dtype=int)
    if total[-1] == 0:
        return [int(years[-1])]
    cuts = [years[np.searchsorted(total, total[-1] * k / n)] for k in range(1, n + 1)]
    return sorted({int(y) for y in cuts})


def _check_periods(periods) -> list[int]:
    if isinstance(periods, str | bytes):
        raise ValueError(
            f"periods={periods!r} is not valid; give a list of years such as [2000, 2010, 2020]"
        )
    try:
        years = [int(y) for y in periods]
        ok = all(float(y) == float(p) for y, p in zip(years, periods, strict=True))
    except (TypeError, ValueError):
        ok = False
    if not ok or not years:
        raise ValueError(
            f"periods={periods!r} is not valid; give a list of years such as [2000, 2010, 2020]"
        )
    if len(years) > MAX_PERIODS:
        raise ValueError(f"periods={periods!r} has {len(years)} years; give at most {MAX_PERIODS}")
    return sorted(set(years))


def plot_periods(
    net: Network,
    *,
    periods=None,
    layout="spring",
    labels="top3",
    lang: str = "ja",
    seed: int = 0,
    size_by: str | None = "partners",
):
    """Small maps of the network as it stood at several years, at the same positions.

    Panel ``k`` shows ``net.until(periods[k])``: every organisation keeps its
    place (the layout of the whole network), those not yet taking part as faint
    grey dots; partnerships that started since the previous panel are drawn
    strong, earlier ones faint. Partnerships without a start year are not drawn
    (a note says how many).

    Parameters
    ----------
    net : Network
    periods : list of int, optional
        The years shown (at most 8, in any order). By default up to six years
        that cut the dated partnerships into equal shares
        (:func:`default_periods`).
    layout : {"spring", "sector", "circular", "geo"} or mapping, default "spring"
        As in :func:`coopnet.plot_map`, computed once on the whole network.
    labels : "topN", int, "all", "none" or list of ids, default "top3"
        Labels per panel, among the organisations present (by ``size_by``).
    lang : {"ja", "en"}, default "ja"
    seed : int, default 0
    size_by : str or None, default "partners"
        As in :func:`coopnet.plot_map`, computed on the whole network.

    Returns
    -------
    matplotlib.figure.Figure
        One axes per year, in order (gid ``coopnet:period:<year>``), and a
        shared sector legend.

    Examples
    --------
    >>> import coopnet as cn
    >>> fig = cn.plot_periods(cn.load_sample(), periods=[2000, 2015, 2023])
    >>> [ax.get_gid() for ax in fig.axes]
    ['coopnet:period:2000', 'coopnet:period:2015', 'coopnet:period:2023']
    """
    import matplotlib.pyplot as plt

    check_network(net)
    check_lang(lang)
    years = default_periods(net) if periods is None else _check_periods(periods)
    if not years:
        raise ValueError("the network has no start year to cut into periods; pass periods=")
    values = _values.size_values(net, size_by)
    looks = _values.looks(net, "sector")
    text = _TEXT[lang]
    n = len(years)
    rows, cols = (1, n) if n <= 3 else (2, 2) if n == 4 else (2, (n + 1) // 2)
    geo = _geomap.is_geo(layout)
    with _fonts.japanese_text():
        fig = plt.figure(figsize=SLIDE_INCHES)
        grid = fig.add_gridspec(
            rows, cols, left=0.01, right=0.99, top=0.93, bottom=0.12, wspace=0.04, hspace=0.16
        )
        axes = [fig.add_subplot(grid[i // cols, i % cols]) for i in range(n)]
        w_px, h_px = axes_px(axes[0])
        pos = layout_positions(net, layout=layout, seed=seed, aspect=w_px / h_px)
        xy = np.array([pos[i] for i in net.orgs.index], dtype=float).reshape(-1, 2)
        if isinstance(layout, str) and layout == "spring":
            xy = fill_frame(xy, (w_px, h_px))
        ids = net.orgs.index
        pad_pt = 13.0 * max((reach(m) for m in set(looks.markers)), default=1.0) + 2
        # one line width for every panel, from the busiest (the last)
        n_edges = int((net.edges["year"] <= years[-1]).fillna(False).sum())
        width = 0.3 if n_edges > 2000 else float(np.clip(4 / np.log10(n_edges + 10), 0.4, 1.8))
        previous = None
        for ax, year in zip(axes, years, strict=True):
            ax.set_gid(f"coopnet:period:{year}")
            fit(ax, _geomap.frame_points(xy) if geo else xy, margin=0.04, pad_pt=pad_pt)
            sub = net.until(year)
            active = ids.isin(sub.orgs.index)
            diam = marker_diameters(values, xy, ax) * 0.8
            ax.scatter(
                xy[~active, 0],
                xy[~active, 1],
                s=(diam[~active] * 0.6) ** 2,
                c="#DDDDDD",
                linewidths=0,
                zorder=2,
                gid="coopnet:inactive",
            )
            where = ids.get_indexer(sub.orgs.index)
            sub_xy = xy[where].reshape(-1, 2)
            sub_looks = _values.Looks(
                [looks.colors[i] for i in where], [looks.markers[i] for i in where], []
            )
            old = sub.edges["year"].fillna(-1).to_numpy() <= (previous if previous else -1)
            old_net = Network(sub.orgs, sub.edges[old]) if old.any() else None
            new_net = Network(sub.orgs, sub.edges[~old])
            curves = []
            if old_net is not None:
                faded, c_old = draw_ties(ax, old_net, sub_xy, width=width * 0.6, zorder=0.9)
                for lc in faded.values():
                    lc.set_alpha(0.3)
                    lc.set_gid(str(lc.get_gid()).replace("edges", "old-edges"))
                curves += c_old
            _, c_new = draw_ties(ax, new_net, sub_xy, width=width)
            curves += c_new
            draw_nodes(ax, sub_xy, diam[where], sub_looks, linewidths=0.6)
            blocked = (
                _geomap.draw_backdrop(ax, sub, lang=lang, names=False, title_pt=9) if geo else None
            )
            chosen = _values.label_choice(labels, sub, values[where])
            draw_labels(
                ax,
                sub,
                sub_xy,
                diam[where],
                chosen,
                curves,
                lang=lang,
                required=False,
                looks=sub_looks,
                fontsize=LABEL_PT - 2,
                blocked=blocked,
            )
            title = text["panel"].format(
                year=year, cases=len(sub.cases), partnerships=len(sub.edges)
            )
            size = 15 if cols <= 2 or lang == "ja" else 13
            ax.set_title(title, fontproperties=_fonts.font_properties(size=size), pad=5)
            previous = year
        handles, texts = _legend.sector_handles(looks.entries, by_sector=True, lang=lang)
        fig.legend(
            handles,
            texts,
            loc="lower center",
            ncol=min(len(handles), 6),
            frameon=False,
            prop=_fonts.font_properties(size=LEGEND_PT - 1),
            bbox_to_anchor=(0.5, 0.025),
            columnspacing=1.2,
            handletextpad=0.3,
        )
        undated = int(net.edges["year"].isna().sum())
        note = text["faded"]
        if undated:
            note += ("　" if lang == "ja" else "   ") + text["periods_undated"].format(n=undated)
        fig.text(
            0.5,
            0.005,
            note,
            ha="center",
            va="bottom",
            color="#555555",
            fontproperties=_fonts.font_properties(size=11),
            gid="coopnet:periods-note",
        )
    return fig
