"""Charts of the measures (not maps): which sectors work together.

Follows the convention of :mod:`coopnet.plot`: the network first, options
keyword-only, the Axes drawn on returned, nothing saved or shown.

Examples
--------
>>> import coopnet as cn
>>> ax = cn.plot_pairs(cn.load_sample(), n_perm=100)
>>> ax.get_gid()
'coopnet:pairs-chart'
"""

from __future__ import annotations

import numpy as np

from . import taxonomy
from ._checks import check_choice, check_lang, check_network
from ._draw import fonts as _fonts
from ._draw.canvas import INK, MUTED, NOTE_PT, SLIDE_INCHES, TITLE_PT, new_figure, renderer
from ._glossary import term
from ._text import wrap
from .network import Network

__all__ = ["plot_pairs"]

_BY = ("co-participation", "case", "partnership")
#: A pair counts as more often than chance at this p-value or below.
ALPHA = 0.05
#: Pairs seen in fewer cases are shown on grey, without the ratio's colour: their
#: ratio says little (as in :func:`coopnet.pairs_above_chance`'s ``min_count``).
FEW = 2
FEW_GREY = "#E4E4E4"


def _tables(net: Network, by: str, n_perm: int, seed: int):
    """Lower-triangle (row ≥ column) counts, ratios and p-values, sectors in order."""
    from .mixing import sector_pairs

    table = sector_pairs(net, by=by, n_perm=n_perm, seed=seed)
    sectors = list(net.sectors)
    at = {s: i for i, s in enumerate(sectors)}
    k = len(sectors)
    count = np.zeros((k, k))
    ratio = np.full((k, k), np.nan)
    p = np.full((k, k), np.nan)
    for a, b, n, r, pv in table[["sector_a", "sector_b", "count", "ratio", "p_value"]].itertuples(
        index=False
    ):
        i, j = at[b], at[a]  # row: the later sector, column: the earlier
        count[i, j], ratio[i, j], p[i, j] = n, r, pv
    return sectors, count, ratio, p


def _colours(by: str, count, ratio, cmap):
    """The cell values, colour map and norm: the ratio on a diverging map centred on
    1 (log scale), or the counts on a sequential map for ``by="partnership"``."""
    import matplotlib as mpl
    from matplotlib.colors import LogNorm, Normalize

    lower = np.tril(np.ones_like(count, dtype=bool))
    if by == "partnership":
        values = np.ma.masked_where(~lower, count)
        top = max(float(count.max()) if count.size else 1.0, 1.0)
        return values, mpl.colormaps[cmap or "Blues"], Normalize(0, top)
    shown = lower & (count >= FEW) & np.isfinite(ratio) & (ratio > 0)
    values = np.ma.masked_where(~shown, ratio)
    spread = 2.0
    if shown.any():
        spread = float(np.clip(np.abs(np.log2(ratio[shown])).max(), 1.0, 3.0))
    return values, mpl.colormaps[cmap or "RdBu_r"], LogNorm(2**-spread, 2**spread)


def plot_pairs(
    net: Network,
    *,
    by: str = "co-participation",
    ax=None,
    lang: str = "ja",
    n_perm: int = 1000,
    seed: int = 0,
    cmap: str | None = None,
    title: str | None = None,
):
    """Which sectors work together: one triangle of sector pairs, against chance.

    Each cell is a pair of sectors (the diagonal: two organisations of one
    sector). With ``by="co-participation"`` (the default) the number in a cell
    is the cases in which both sectors take part, and its colour the ratio of
    that number to what chance would give if the organisations' sectors were
    shuffled (:func:`coopnet.sector_pairs`): red above 1 (more often than
    chance), blue below, white about 1; a pair seen in one case only is grey
    (too few for a ratio); pairs with ``p_value`` ≤ 0.05 are marked ＊. Notes
    beside the triangle say what is counted.

    Parameters
    ----------
    net : Network
    by : {"co-participation", "case", "partnership"}, default "co-participation"
        What a cell counts, as in :func:`coopnet.sector_pairs`. ``"case"``:
        cases with a partnership between the two sectors (coloured by the ratio
        against re-paired partnerships); ``"partnership"``: the plain number of
        partnerships, coloured by that number (:func:`coopnet.sector_matrix`).
    ax : matplotlib.axes.Axes, optional
        By default a new slide-sized figure; the notes and the colour bar sit
        right of the axes.
    lang : {"ja", "en"}, default "ja"
        Language of the sector names, title and notes.
    n_perm, seed : int
        Random draws (and their seed) behind the p-values, as in
        :func:`coopnet.sector_pairs`.
    cmap : str, optional
        Colour map (default ``"RdBu_r"`` for ratios, ``"Blues"`` for counts).
    title : str, optional
        Title above the triangle; by default what it shows
        (「一緒に取り組むセクターの組み合わせ」); ``""`` for none (a slide that has
        its own title).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on (gid ``coopnet:pairs-chart``). The cells are an
        ``AxesImage`` (gid ``coopnet:pairs``; the upper triangle, empty pairs
        and pairs of one case masked; the last drawn as grey ``Rectangle``, gid
        ``coopnet:few``) and each number a ``Text`` (gid
        ``coopnet:count:<sector_a>:<sector_b>``, ``sector_a`` first in taxonomy
        order; ``＊`` or ``*`` after it marks p ≤ 0.05).

    Examples
    --------
    >>> import coopnet as cn
    >>> ax = cn.plot_pairs(cn.load_sample(), lang="en", n_perm=100)
    >>> ax.get_title(loc="left")
    'Which sectors work together'
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "coopnet:count:JA:生協"]
    ['21*']
    """
    check_network(net)
    check_choice(by, "by", _BY)
    check_lang(lang)
    sectors, count, ratio, p = _tables(net, by, n_perm, seed)
    k = len(sectors)
    names = [taxonomy.sector_label(s, lang) for s in sectors]
    values, colormap, norm = _colours(by, count, ratio, cmap)
    star = "＊" if lang == "ja" else "*"
    with _fonts.japanese_text():
        ours = ax is None
        if ours:
            fig = new_figure()
            # square cells filling the height, the notes to their right (fitted
            # to the sector names once they are drawn)
            height = 0.76
            width = height * SLIDE_INCHES[1] / SLIDE_INCHES[0]
            ax = fig.add_axes((0.14, 0.16, width, height))
        ax.set_gid("coopnet:pairs-chart")
        # a ratio from a single case says little: such cells show the number on
        # grey, not a colour of the scale
        few = (count < FEW) & (count > 0) if by != "partnership" else np.zeros_like(count, bool)
        few &= np.tril(np.ones_like(count, dtype=bool))
        image = ax.imshow(values, cmap=colormap, norm=norm, aspect="equal", interpolation="none")
        image.set_gid("coopnet:pairs")
        for i, j in zip(*np.nonzero(few), strict=True):
            ax.add_patch(_cell(j, i, edge="white", face=FEW_GREY, gid="coopnet:few"))
        small = _fonts.font_properties(size=13)
        for i in range(k):
            for j in range(i + 1):
                n = int(count[i, j])
                dark = False
                if not np.ma.is_masked(values[i, j]):
                    shade = np.array(colormap(norm(float(values[i, j])))[:3])
                    dark = float(shade @ [0.299, 0.587, 0.114]) < 0.5
                marked = by != "partnership" and n > 0 and p[i, j] <= ALPHA
                ax.text(
                    j,
                    i,
                    f"{n}{star if marked else ''}",
                    ha="center",
                    va="center",
                    fontproperties=small,
                    color="white" if dark else (INK if n else "#AAAAAA"),
                    zorder=3,
                    gid=f"coopnet:count:{sectors[j]}:{sectors[i]}",
                )
        # the grid of the triangle's cells
        for i in range(k):
            for j in range(i + 1):
                empty = np.ma.is_masked(values[i, j]) and not few[i, j]
                ax.add_patch(_cell(j, i, edge="#DDDDDD" if empty else "white"))
        ax.set_xticks(
            range(k), names, fontproperties=small, rotation=40, ha="right", rotation_mode="anchor"
        )
        ax.set_yticks(range(k), names, fontproperties=small)
        ax.tick_params(length=0, pad=6)
        ax.set_xlim(-0.5, k - 0.5)
        ax.set_ylim(k - 0.5, -0.5)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if title is None:
            title = term("pairs_title" if by == "co-participation" else f"pairs_title_{by}", lang)
        if title:
            ax.set_title(
                str(title),
                loc="left",
                fontproperties=_fonts.font_properties(size=TITLE_PT),
                pad=12,
                gid="coopnet:pairs-title",
            )
        if ours:
            _fit_to_names(ax)
        _notes(ax, by, lang, image, star)
    return ax


def _fit_to_names(ax) -> None:
    """Move and size the triangle so its sector names and title stay on the slide:
    as large as the height allows, at most half the width."""
    fig = ax.figure
    r = renderer(fig)
    box = ax.get_window_extent(r)
    names = ax.get_tightbbox(r)  # the axes with their tick labels and title
    left, bottom = box.x0 - names.x0, box.y0 - names.y0
    top = names.y1 - box.y1
    pad = 0.015 * fig.bbox.height
    side = min(fig.bbox.height - bottom - top - 2 * pad, 0.6 * fig.bbox.width - left)
    # centred in the height when the width is what limits it
    below = (fig.bbox.height - bottom - top - side) / 2
    ax.set_position(
        (
            (left + pad) / fig.bbox.width,
            (bottom + below) / fig.bbox.height,
            side / fig.bbox.width,
            side / fig.bbox.height,
        )
    )
    # numbers that fit their cells: "341*" is about 2.6 type sizes wide
    cell_pt = side / len(ax.get_yticks()) * 72 / fig.dpi
    for text in ax.texts:
        if (text.get_gid() or "").startswith("coopnet:count:"):
            wide = max(len(text.get_text()), 3)
            text.set_fontsize(min(13.0, cell_pt / (0.65 * wide + 0.3)))


def _cell(x, y, *, edge: str, face: str | None = None, gid: str | None = None):
    from matplotlib.patches import Rectangle

    return Rectangle(
        (x - 0.5, y - 0.5),
        1,
        1,
        fill=face is not None,
        facecolor=face or "none",
        edgecolor=edge,
        linewidth=1.5,
        zorder=2 if face is None else 1.5,
        gid=gid,
    )


def _notes(ax, by: str, lang: str, image, star: str) -> None:
    """What the numbers, the colours and the marks mean, and the colour bar, in a
    column right of the triangle (inside the tight bounding box)."""
    prop = _fonts.font_properties(size=NOTE_PT)
    width = 26 if lang == "ja" else 24
    lines = [term(f"pairs_numbers_{by}", lang), term(f"pairs_colour_{by}", lang)]
    if by != "partnership":
        lines += [term("pairs_faint", lang), term("pairs_mark", lang)]
    text = "\n\n".join(wrap(line, lang, width=width) for line in lines)
    ax.text(
        1.04,
        1.0,
        text,
        transform=ax.transAxes,
        va="top",
        ha="left",
        fontproperties=prop,
        color=MUTED,
        linespacing=1.35,
        gid="coopnet:pairs-note",
    )
    # a bar about 3.4 inches wide, whatever the triangle's size
    fig = ax.figure
    ax_box = ax.get_window_extent(renderer(fig))
    bar_w = 3.4 * fig.dpi / max(ax_box.width, 1.0)
    bar_h = 0.22 * fig.dpi / max(ax_box.height, 1.0)
    bar_ax = ax.inset_axes((1.04, 0.05, bar_w, bar_h))
    bar = ax.figure.colorbar(image, cax=bar_ax, orientation="horizontal")
    bar.outline.set_visible(False)
    bar_ax.tick_params(labelsize=NOTE_PT, length=3)
    for label in bar_ax.get_xticklabels():
        label.set_fontproperties(prop)
    if by != "partnership":
        ticks = [t for t in (0.25, 0.5, 1, 2, 4, 8) if image.norm.vmin <= t <= image.norm.vmax]
        bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
        bar_ax.minorticks_off()
        bar_ax.set_title(term("ratio", lang), fontproperties=prop, loc="left", pad=4)
        for x, key, ha in ((0.0, "fewer_than_chance", "left"), (1.0, "more_than_chance", "right")):
            bar_ax.text(
                x,
                -2.2,
                term(key, lang),
                transform=bar_ax.transAxes,
                ha=ha,
                va="top",
                fontproperties=prop,
                color=MUTED,
            )
    else:
        bar_ax.set_title(term("n_partnerships", lang), fontproperties=prop, loc="left", pad=4)
