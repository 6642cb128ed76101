"""The tile map of Japan: cases, organisations or partnerships per prefecture.

Examples
--------
>>> import coopnet as cn
>>> ax = cn.plot_prefectures(cn.load_sample())
>>> len([p for p in ax.patches if str(p.get_gid()).startswith("coopnet:tile:")])
47
"""

from __future__ import annotations

import numpy as np

from ._checks import check_choice, check_lang, check_network
from ._draw import fonts as _fonts
from ._draw.canvas import SLIDE_INCHES
from ._draw.canvas import renderer as _renderer
from ._geo import NATIONAL
from ._glossary import term
from .geography import prefecture_summary
from .network import Network
from .prefectures import PREFECTURES

__all__ = ["plot_prefectures"]

VALUES = ("cases", "organisations", "partnerships")
#: Colour of a tile with nothing to count.
ZERO = "#E4E4E4"
CMAP = "YlGnBu"
_CMAP_FROM = 0.13  # skip the palest end, so that 1 stands apart from the grey of 0
_DISCRETE = 9  # up to this many, one colour per whole number

_TEXT = {
    "ja": {
        "title": "都道府県別の{what}の数",
        "note": {
            "cases": "複数の都道府県にまたがる事例は、それぞれの都道府県で数えています",
            "organisations": "組織の所在地で数えています（複数の都道府県にまたがる組織は全国・広域）",
            "partnerships": "両端の組織の所在地で数えています（都道府県をまたぐ連携は両方で 1 件ずつ）",
        },
        "national": "全国・広域",
        "national_note": "（地図の色には含めません）",
        "scale": "{what}の数",
        "none": "なし",
        "ranking": "{what}の多い都道府県",
        "more": "ほか {n} 都道府県",
    },
    "en": {
        "title": "{what} by prefecture",
        "note": {
            "cases": "A case in several prefectures counts in each of them",
            "organisations": "Where each organisation is (one in several prefectures: wide-area)",
            "partnerships": "Where the two partners are (one between prefectures counts in both)",
        },
        "national": "National / wide-area",
        "national_note": "(not coloured on the map)",
        "scale": "number of {what}",
        "none": "none",
        "ranking": "Most {what}",
        "more": "and {n} more",
    },
}


def _luminance(rgba) -> float:
    return 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]


def _colours(values: np.ndarray):
    """(RGBA per value, the colour function, vmax, discrete?) for the tiles."""
    import matplotlib as mpl

    cmap = mpl.colormaps[CMAP]
    vmax = max(int(values.max()) if len(values) else 0, 1)
    discrete = vmax <= _DISCRETE

    def colour(v: float):
        if v <= 0:
            return mpl.colors.to_rgba(ZERO)
        t = (v - 1) / max(vmax - 1, 1)  # 1 … vmax over the colour map
        return cmap(_CMAP_FROM + (1 - _CMAP_FROM) * t)

    return [colour(float(v)) for v in values], colour, vmax, discrete


def _nice_ticks(vmax: int) -> list[int]:
    """Round numbers between 1 and ``vmax``, at most five of them."""
    base = 10 ** max(int(np.floor(np.log10(vmax))) - 1, 0)
    step = next(base * f for f in (1, 2, 5, 10, 20, 50) if vmax / (base * f) <= 5)
    return list(range(step, vmax + 1, step))


def _colour_scale(ax, colour, vmax: int, discrete: bool, lang: str, what: str) -> None:
    """A colour bar in the empty Pacific corner of the grid (cols 7-12, rows 8.6-9.9),
    with a grey swatch for 0."""
    from matplotlib.patches import Rectangle

    text = _TEXT[lang]
    small = _fonts.font_properties(size=12)
    x0, x1, y0, h = 7.9, 12.7, 9.35, 0.42
    ax.text(
        7.2,
        y0 - 0.3,
        text["scale"].format(what=what).capitalize()
        if lang == "en"
        else text["scale"].format(what=what),
        fontproperties=small,
        color="#333333",
        va="bottom",
        ha="left",
        gid="coopnet:colorbar-title",
    )
    ax.add_patch(Rectangle((7.2, y0), 0.45, h, facecolor=ZERO, edgecolor="none"))
    ax.text(7.42, y0 + h + 0.12, "0", ha="center", va="top", fontproperties=small)
    if discrete:
        width = (x1 - x0) / vmax
        for v in range(1, vmax + 1):
            left = x0 + (v - 1) * width
            ax.add_patch(
                Rectangle(
                    (left, y0),
                    width,
                    h,
                    facecolor=colour(v),
                    edgecolor="white",
                    linewidth=0.8,
                    gid=f"coopnet:colorbar:{v}",
                )
            )
            ax.text(
                left + width / 2, y0 + h + 0.12, str(v), ha="center", va="top", fontproperties=small
            )
    else:
        strip = np.array([colour(v) for v in np.linspace(1, vmax, 256)])
        ax.imshow(
            strip[None, :, :],
            extent=(x0, x1, y0 + h, y0),
            aspect="auto",
            interpolation="bilinear",
            zorder=1,
            gid="coopnet:colorbar",
        )
        for t in [1, *_nice_ticks(vmax)]:
            x = x0 + (x1 - x0) * (t - 1) / (vmax - 1)
            ax.text(x, y0 + h + 0.12, f"{t:,}", ha="center", va="top", fontproperties=small)


def _ranking(fig, table, column: str, lang: str, what: str) -> None:
    """The ten prefectures with the highest value, in a column right of the map."""
    text = _TEXT[lang]
    rows = table.drop(index=NATIONAL)
    rows = rows[rows[column] > 0]
    counts = rows[column].to_numpy()
    order = np.lexsort((np.arange(len(rows)), -counts))[:10]
    ranks = 1 + np.array([(counts > counts[i]).sum() for i in order], dtype=int)
    ax = fig.add_axes((0.70, 0.08, 0.28, 0.84), gid="coopnet:ranking")
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.text(
        0,
        0.97,
        text["ranking"].format(what=what),
        fontproperties=_fonts.font_properties(size=16),
        va="top",
        ha="left",
        color="#222222",
    )
    prop = _fonts.font_properties(size=15)
    for k, i in enumerate(order):
        name = rows.index[i] if lang == "ja" else PREFECTURES[_code(rows.index[i])].romaji
        y = 0.86 - k * 0.075
        ax.text(0.0, y, f"{ranks[k]}", fontproperties=prop, ha="left", va="center", color="#777777")
        ax.text(0.13, y, name, fontproperties=prop, ha="left", va="center", color="#222222")
        ax.text(
            0.8,
            y,
            f"{int(rows[column].iloc[i]):,}",
            fontproperties=prop,
            ha="right",
            va="center",
            color="#222222",
        )
    more = len(rows) - len(order)
    if more:
        ax.text(
            0.13,
            0.86 - len(order) * 0.075,
            text["more"].format(n=more),
            fontproperties=prop,
            ha="left",
            va="center",
            color="#777777",
        )
    if not len(order):
        ax.text(0.0, 0.86, text["none"], fontproperties=prop, color="#888888", va="center")


def _code(name: str) -> int:
    from ._geo import CODE

    return CODE[name]


def plot_prefectures(net: Network, *, value: str = "cases", ax=None, lang: str = "ja"):
    """Draw the tile map of Japan, each prefecture coloured by a count.

    Parameters
    ----------
    net : Network
    value : {"cases", "organisations", "partnerships"}, default "cases"
        What is counted, as in :func:`coopnet.prefecture_summary`: cases naming
        the prefecture (a case in several prefectures counts in each);
        organisations whose home it is; partnerships with an end at home there
        (a partnership between two prefectures counts in both). What has no
        single prefecture (national and wide-area bodies, cases naming none) is
        counted apart, in the 全国・広域 box.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default a new 16:9 slide-sized figure with the map on
        the left and the ten highest prefectures on the right.
    lang : {"ja", "en"}, default "ja"
        Language of the names (short names, or romanised) and of the texts.

    Returns
    -------
    matplotlib.axes.Axes
        The map: one square patch per prefecture (gid ``coopnet:tile:<name>``,
        coloured by a sequential colour map, 0 in light grey), one label per
        tile with its name (gid ``coopnet:tile-label:<name>``) and one with its
        count (gid ``coopnet:tile-count:<name>``), white on dark tiles; a colour
        bar; the title (gid ``coopnet:title``) and the 全国・広域 box with its
        count (gid ``coopnet:national``).

    Examples
    --------
    >>> import coopnet as cn
    >>> ax = cn.plot_prefectures(cn.load_sample(), value="organisations", lang="en")
    >>> [t.get_text() for t in ax.texts if str(t.get_gid()).endswith(":長野県")]
    ['Nagano', '13']
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch, Rectangle

    check_network(net)
    check_choice(value, "value", VALUES)
    check_lang(lang)
    table = prefecture_summary(net)
    values = table[value].to_numpy()[: len(PREFECTURES)]
    national = int(table.loc[NATIONAL, value])
    what = term(value, lang)
    text = _TEXT[lang]
    fills, colour, vmax, discrete = _colours(values)
    with _fonts.japanese_text():
        own_figure = ax is None
        if own_figure:
            fig = plt.figure(figsize=SLIDE_INCHES)
            height = 0.96
            width = height * SLIDE_INCHES[1] * 13 / 11 / SLIDE_INCHES[0]
            ax = fig.add_axes((0.01, 0.02, width, height))
        ax.set_xlim(0, 13)
        ax.set_ylim(11, 0)
        ax.set_aspect("equal")
        ax.set_axis_off()
        renderer = _renderer(ax.figure)
        tile_px = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
        name_pt = 12.0 if lang == "ja" else 10.0
        for p, fill, v in zip(PREFECTURES, fills, values, strict=True):
            ax.add_patch(
                Rectangle(
                    (p.col + 0.04, p.row + 0.04),
                    0.92,
                    0.92,
                    facecolor=fill,
                    edgecolor="none",
                    gid=f"coopnet:tile:{p.name}",
                )
            )
            dark = _luminance(fill) < 0.55
            ink = "white" if dark else ("#222222" if v else "#8A8A8A")
            label = ax.text(
                p.col + 0.5,
                p.row + 0.36,
                p.short if lang == "ja" else p.romaji,
                ha="center",
                va="center",
                color=ink,
                fontproperties=_fonts.font_properties(size=name_pt),
                gid=f"coopnet:tile-label:{p.name}",
            )
            size = name_pt
            while label.get_window_extent(renderer).width > 0.86 * tile_px and size > 5:
                size *= 0.92  # long romanised names: smaller type until it fits
                label.set_fontproperties(_fonts.font_properties(size=size))
            ax.text(
                p.col + 0.5,
                p.row + 0.7,
                f"{int(v):,}",
                ha="center",
                va="center",
                color=ink,
                fontproperties=_fonts.font_properties(size=14),
                gid=f"coopnet:tile-count:{p.name}",
            )
        title = ax.text(
            0.15,
            0.2,
            text["title"].format(what=what if lang == "ja" else what.capitalize()),
            fontproperties=_fonts.font_properties(size=24),
            ha="left",
            va="top",
            color="#222222",
            gid="coopnet:title",
        )
        ax.text(
            0.17,
            1.05,
            text["note"][value],
            fontproperties=_fonts.font_properties(size=12),
            ha="left",
            va="top",
            color="#555555",
            gid="coopnet:subtitle",
        )
        ax.add_patch(
            FancyBboxPatch(
                (0.2, 2.0),
                2.6,
                1.3,
                boxstyle="round,pad=0,rounding_size=0.15",
                facecolor="white",
                edgecolor="#8A8A8A",
                linestyle=(0, (4, 3)),
                linewidth=1.2,
                gid="coopnet:national-box",
            )
        )
        ax.text(
            1.5,
            2.62,
            f"{text['national']}\n{national:,}",
            ha="center",
            va="center",
            ma="center",
            linespacing=1.3,
            fontproperties=_fonts.font_properties(size=13 if lang == "ja" else 11),
            color="#333333",
            gid="coopnet:national",
        )
        ax.text(
            1.5,
            3.5,
            text["national_note"],
            ha="center",
            va="top",
            fontproperties=_fonts.font_properties(size=10),
            color="#777777",
        )
        _colour_scale(ax, colour, vmax, discrete, lang, what)
        if own_figure:
            _ranking(ax.figure, table, value, lang, what)
        title.set_zorder(3)
    return ax
