"""Every public picture shows whole in a notebook (issue 13.1).

Jupyter shows a figure as ``print_figure(fig, "png", bbox_inches="tight")`` does,
and a user's ``fig.savefig(..., bbox_inches="tight")`` crops the same way: to the
figure's tight bounding box. A legend the tight box leaves out is cut off. For
every ``plot_*`` function coopnet exports, on the bundled data in Japanese and a
council's own files in English, every legend and every text drawn lies inside
the tight box, and the notebook's PNG is that box.
"""

from __future__ import annotations

import io

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest

import coopnet as cn

#: How each public picture is drawn here (quick options; the figure is returned).
PICTURES = {
    "plot_map": lambda net, lang: cn.plot_map(net, lang=lang).figure,
    "plot_types": lambda net, lang: cn.plot_types(net, lang=lang)[0].figure,
    "plot_pairs": lambda net, lang: cn.plot_pairs(net, lang=lang, n_perm=20).figure,
    "plot_prefectures": lambda net, lang: cn.plot_prefectures(net, lang=lang).figure,
    "plot_timeline": lambda net, lang: cn.plot_timeline(net, lang=lang).figure,
    "plot_periods": lambda net, lang: cn.plot_periods(net, lang=lang),
}
#: Other drawings of the same functions that place things differently.
VARIANTS = {
    "plot_map sector": lambda net, lang: cn.plot_map(net, layout="sector", lang=lang).figure,
    "plot_map geo": lambda net, lang: cn.plot_map(net, layout="geo", lang=lang).figure,
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sample():
    return cn.load_sample()


def test_every_public_picture_is_checked():
    exported = {name for name in cn.__all__ if name.startswith("plot_")}
    assert exported == set(PICTURES)


def _extents(fig):
    """Window extents of every legend and every text drawn on ``fig``: the axes'
    texts and titles, tick labels of axes shown, legends and their texts."""
    r = fig.canvas.get_renderer()
    drawn = [*fig.legends, *fig.texts]
    for ax in fig.axes:
        drawn += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        drawn += [a for a in ax.get_children() if isinstance(a, mpl.legend.Legend)]
        if ax.axison:  # the tick labels drawn (those within the axis' limits)
            for axis in (ax.xaxis, ax.yaxis):
                lo, hi = sorted(axis.get_view_interval())
                drawn += [
                    label
                    for loc, label in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=True)
                    if lo - 1e-9 * (hi - lo) <= loc <= hi + 1e-9 * (hi - lo)
                ]
            drawn += [ax.xaxis.label, ax.yaxis.label]
    for leg in [a for a in drawn if isinstance(a, mpl.legend.Legend)]:
        drawn += [*leg.get_texts(), leg.get_title()]
    out, seen = [], set()
    for artist in drawn:
        if id(artist) in seen:
            continue
        seen.add(id(artist))
        if not artist.get_visible():
            continue
        if isinstance(artist, mpl.text.Text) and not artist.get_text():
            continue
        box = artist.get_window_extent(r)
        if box.width > 0 and box.height > 0:
            out.append((artist, box))
    return out


def _check(fig, name):
    """Everything drawn inside the tight box; the notebook's PNG is the box."""
    from IPython.core.pylabtools import print_figure
    from PIL import Image

    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(r).transformed(fig.dpi_scale_trans)  # pixels
    legends = 0
    for artist, box in _extents(fig):
        assert tight.x0 - 1 <= box.x0 and box.x1 <= tight.x1 + 1, (name, artist)
        assert tight.y0 - 1 <= box.y0 and box.y1 <= tight.y1 + 1, (name, artist)
        legends += isinstance(artist, mpl.legend.Legend)
    png = print_figure(fig, "png", bbox_inches="tight")  # what Jupyter shows
    width, height = Image.open(io.BytesIO(png)).size
    pad = 2 * mpl.rcParams["savefig.pad_inches"] * fig.dpi
    assert abs(width - (tight.width + pad)) <= 2, name
    assert abs(height - (tight.height + pad)) <= 2, name
    return legends


@pytest.mark.parametrize("name", [*PICTURES, *VARIANTS])
def test_the_notebook_shows_every_legend_and_text_whole(name, sample, council_net):
    draw = {**PICTURES, **VARIANTS}[name]
    legends = 0
    for net, lang in ((sample, "ja"), (council_net, "en")):
        fig = draw(net, lang)
        legends += _check(fig, f"{name} {lang}")
        plt.close(fig)
    if name in ("plot_map", "plot_map sector", "plot_map geo"):
        assert legends == 4  # sectors and types, twice
    if name in ("plot_types", "plot_periods"):
        assert legends == 2  # the sector row, twice


def test_a_users_tight_savefig_keeps_the_last_legend_entry(sample, tmp_path):
    # fig.savefig(bbox_inches="tight"): the type legend's last entry is inside the
    # saved picture (it was cut to 「学習会・イベン」 before)
    from PIL import Image

    ax = cn.plot_map(sample, labels="none")
    fig = ax.figure
    path = tmp_path / "tight.png"
    fig.savefig(path, bbox_inches="tight")
    r = fig.canvas.get_renderer()
    tight = fig.get_tightbbox(r)
    width = Image.open(path).size[0]
    assert abs(width - (tight.width + 2 * mpl.rcParams["savefig.pad_inches"]) * fig.dpi) <= 2
    legs = [a for a in ax.get_children() if isinstance(a, mpl.legend.Legend)]
    widest = max(t.get_window_extent(r).x1 for leg in legs for t in leg.get_texts())
    assert widest <= tight.x1 * fig.dpi + 1
