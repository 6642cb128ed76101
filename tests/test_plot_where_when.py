"""Pictures of places and years: the prefecture tile map, the growth chart, maps by period."""

from __future__ import annotations

import itertools

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image
from where_when_data import three_prefectures

import coopnet as cn
from coopnet.plot_geography import ZERO
from coopnet.prefectures import NAMES, PREFECTURES
from coopnet.temporal import UNDATED


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture
def net3(tmp_path):
    return three_prefectures(tmp_path)


def _by_gid(artists, prefix: str) -> dict:
    return {
        str(a.get_gid())[len(prefix) :]: a for a in artists if str(a.get_gid()).startswith(prefix)
    }


def _lum(rgba) -> float:
    return 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]


# ------------------------------------------------------------ prefectures
@pytest.mark.parametrize("value", ["cases", "organisations", "partnerships"])
def test_tiles_show_the_counts(net3, value):
    ax = cn.plot_prefectures(net3, value=value)
    table = cn.prefecture_summary(net3)
    tiles = _by_gid(ax.patches, "coopnet:tile:")
    assert list(tiles) == list(NAMES)
    counts = _by_gid(ax.texts, "coopnet:tile-count:")
    names = _by_gid(ax.texts, "coopnet:tile-label:")
    for p in PREFECTURES:
        assert counts[p.name].get_text() == str(table.loc[p.name, value])
        assert names[p.name].get_text() == p.short
        colour = tiles[p.name].get_facecolor()
        if table.loc[p.name, value] == 0:
            assert mpl.colors.to_hex(colour) == ZERO.lower()
        else:
            assert mpl.colors.to_hex(colour) != ZERO.lower()
    national = _by_gid(ax.texts, "coopnet:national")[""].get_text()
    assert national.split("\n") == ["全国・広域", str(table.loc["(national)", value])]
    title = _by_gid(ax.texts, "coopnet:title")[""].get_text()
    assert (
        title
        == f"都道府県別の{ {'cases': '事例', 'organisations': '組織', 'partnerships': '連携'}[value] }の数".replace(
            " ", ""
        )
    )


def test_more_is_darker_and_text_stays_readable():
    net = cn.synthetic(800, seed=2)
    ax = cn.plot_prefectures(net, value="organisations")
    table = cn.prefecture_summary(net)["organisations"]
    tiles = _by_gid(ax.patches, "coopnet:tile:")
    counts = _by_gid(ax.texts, "coopnet:tile-count:")
    order = table.drop("(national)").sort_values().index
    lum = [_lum(tiles[n].get_facecolor()) for n in order if table[n] > 0]
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(lum))  # sequential
    for name, tile in tiles.items():
        ink = mpl.colors.to_rgba(counts[name].get_color())
        # white on dark tiles, dark on light ones: at least 0.35 apart in luminance
        assert abs(_lum(ink) - _lum(tile.get_facecolor())) > 0.35, name


def test_english_names_and_counts_fit_their_tiles():
    ax = cn.plot_prefectures(cn.load_sample(), value="cases", lang="en")
    renderer = ax.figure.canvas.get_renderer()
    names = _by_gid(ax.texts, "coopnet:tile-label:")
    tiles = _by_gid(ax.patches, "coopnet:tile:")
    assert names["長野県"].get_text() == "Nagano"
    for name, text in names.items():
        box, tile = text.get_window_extent(renderer), tiles[name].get_window_extent(renderer)
        assert tile.x0 <= box.x0 and box.x1 <= tile.x1, name
    assert _by_gid(ax.texts, "coopnet:title")[""].get_text() == "Cases by prefecture"


def test_ranking_column_and_own_axes(net3):
    ax = cn.plot_prefectures(net3)
    ranking = [a for a in ax.figure.axes if a.get_gid() == "coopnet:ranking"]
    assert len(ranking) == 1
    texts = [t.get_text() for t in ranking[0].texts]
    # 長野 2 cases; 東京 and 新潟 1 each (shared rank 2, JIS order)
    assert texts[:10] == [
        "事例の多い都道府県",
        "1",
        "長野県",
        "2",
        "2",
        "東京都",
        "1",
        "2",
        "新潟県",
        "1",
    ]
    fig, own = plt.subplots()
    assert cn.plot_prefectures(net3, ax=own) is own
    assert len(fig.axes) == 1  # no ranking column in the caller's figure


def test_prefecture_map_slide_and_notebook(tmp_path):
    ax = cn.plot_prefectures(cn.load_sample())
    out = cn.save_slide(ax.figure, tmp_path / "p.png")
    assert Image.open(out).size == (1920, 1080)
    ax.figure.savefig(tmp_path / "t.png", bbox_inches="tight")
    w, h = Image.open(tmp_path / "t.png").size
    assert w > 1.3 * h  # the ranking column stays beside the map


def test_prefecture_map_arguments():
    net = cn.load_sample()
    with pytest.raises(ValueError, match="value='ties' is not valid; choose from 'cases'"):
        cn.plot_prefectures(net, value="ties")
    with pytest.raises(ValueError, match="lang='jp'"):
        cn.plot_prefectures(net, lang="jp")
    with pytest.raises(TypeError, match=r"must be a coopnet\.Network"):
        cn.plot_prefectures("net")


# --------------------------------------------------------------- timeline
def test_timeline_lines_and_bars_are_the_table(net3):
    ax = cn.plot_timeline(net3)
    t = cn.timeline(net3).drop(index=UNDATED)
    lines = _by_gid(ax.lines, "coopnet:total:")
    assert set(lines) == {"cases_total", "partnerships_total", "orgs_total"}
    for column, line in lines.items():
        # a step per year, held to the end of the last year
        assert line.get_ydata().tolist() == [*t[column].tolist(), t[column].iloc[-1]]
    bars = next(a for a in ax.figure.axes if a.get_gid() == "coopnet:new-cases")
    heights = [p.get_height() for p in bars.patches]
    assert heights == t["cases_new"].tolist()
    note = _by_gid(ax.texts, "coopnet:undated")[""].get_text()
    # undated: one partnership (coop-n–coop-g) and its one organisation (coop-g)
    assert note == "開始年の分からないもの（グラフに含めず）：連携 1・組織 1"
    labels = sorted(_by_gid(ax.texts, "coopnet:end-label:"))
    assert labels == ["事例 4", "組織 6", "連携 6"]


def test_timeline_end_labels_do_not_overlap_each_other_or_the_ticks():
    net = cn.load_sample()  # 連携 77 and 組織 76 end almost together
    ax = cn.plot_timeline(net, lang="en")
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ends = [t.get_window_extent(renderer) for t in ax.texts if "end-label" in str(t.get_gid())]
    assert len(ends) == 3
    for i, a in enumerate(ends):
        for b in ends[i + 1 :]:
            assert not a.overlaps(b)
    bars = next(a for a in fig.axes if a.get_gid() == "coopnet:new-cases")
    ticks = [t.get_window_extent(renderer) for t in bars.get_yticklabels() if t.get_text()]
    assert ticks and min(t.x0 for t in ticks) > max(e.x1 for e in ends)


def test_timeline_without_years(small_files, tmp_path):
    import re

    from conftest import EDGES, write

    net = cn.read_csv(small_files[0], write(tmp_path / "e.csv", re.sub(r",20\d\d,", ",,", EDGES)))
    ax = cn.plot_timeline(net, lang="en")
    assert not _by_gid(ax.lines, "coopnet:total:")
    assert "No case or partnership has a start year" in [t.get_text() for t in ax.texts]


# ---------------------------------------------------------------- periods
def test_periods_by_hand(net3):
    fig = cn.plot_periods(net3, periods=[2011, 2001, 2015], labels="none")
    assert [a.get_gid() for a in fig.axes] == [
        "coopnet:period:2001",
        "coopnet:period:2011",
        "coopnet:period:2015",
    ]
    n = len(net3.orgs)
    for ax, year in zip(fig.axes, [2001, 2011, 2015], strict=True):
        sub = net3.until(year)
        nodes = _by_gid(ax.collections, "coopnet:nodes")[""]
        inactive = _by_gid(ax.collections, "coopnet:inactive")[""]
        assert len(nodes.get_offsets()) == len(sub.orgs)
        assert len(inactive.get_offsets()) == n - len(sub.orgs)
        assert ax.get_title() == f"〜{year}年　{len(sub.cases)} 事例・{len(sub.edges)} 連携"
    # 2011: the 2001 partnership (the panel before) faint; those of 2005 and 2010 strong
    mid = fig.axes[1]
    old = sum(
        len(c.get_segments()) for k, c in _by_gid(mid.collections, "coopnet:old-edges:").items()
    )
    new = sum(len(c.get_segments()) for k, c in _by_gid(mid.collections, "coopnet:edges:").items())
    assert (old, new) == (1, 3)
    note = _by_gid(fig.texts, "coopnet:periods-note")[""].get_text()
    assert "開始年の分からない連携 1 件は含めていません" in note


def test_default_periods_cut_the_dated_partnerships():
    net = cn.load_sample()
    from coopnet.period_maps import default_periods

    years = default_periods(net, n=4)
    t = cn.timeline(net).drop(index=UNDATED)
    total = t["partnerships_total"]
    for k, year in enumerate(years, start=1):
        assert total[year] >= total.iloc[-1] * k / 4
        assert year == t.index[0] or total[year - 1] < total.iloc[-1] * k / 4
    fig = cn.plot_periods(net)
    assert len(fig.axes) == len(default_periods(net)) == 6


def test_periods_on_the_geo_layout(net3):
    fig = cn.plot_periods(net3, periods=[2010, 2020], layout="geo", lang="en")
    for ax in fig.axes:
        assert len(_by_gid(ax.patches, "coopnet:tile:")) == 47
        assert not _by_gid(ax.texts, "coopnet:tile-name:")  # too small to name
    assert fig.axes[0].get_title() == "By 2010: 2 cases, 4 partnerships"


def test_periods_arguments(net3):
    with pytest.raises(ValueError, match="periods='2010' is not valid"):
        cn.plot_periods(net3, periods="2010")
    with pytest.raises(ValueError, match="at most 8"):
        cn.plot_periods(net3, periods=range(2000, 2010))
    with pytest.raises(ValueError, match=r"periods=\[2010.5\] is not valid"):
        cn.plot_periods(net3, periods=[2010.5])


def test_pictures_render_japanese_without_tofu(tmp_path):
    """The tile map, the chart and the periods in both languages: no missing glyphs
    (the test suite turns a missing-glyph warning into an error)."""
    net = cn.load_sample()
    for lang in ("ja", "en"):
        for fig in (
            cn.plot_prefectures(net, lang=lang).figure,
            cn.plot_timeline(net, lang=lang).figure,
            cn.plot_periods(net, periods=[2000, 2023], lang=lang),
        ):
            cn.save_slide(fig, tmp_path / "x.png")
            plt.close(fig)
    assert np.asarray(Image.open(tmp_path / "x.png")).std() > 0
