"""pairs.png: one triangle of sector pairs, counts and observed/expected (issues 10, 13.6)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import coopnet as cn
from coopnet import taxonomy


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sample():
    return cn.load_sample()


def cells(ax):
    """{(sector_a, sector_b): text} of every number written in a cell."""
    return {
        tuple(t.get_gid().split(":")[2:]): t.get_text()
        for t in ax.texts
        if (t.get_gid() or "").startswith("coopnet:count:")
    }


def number(text: str) -> int:
    return int(text.rstrip("*＊"))


def test_one_triangle_of_co_participation_counts(small_net):
    """Worked by hand from conftest: case 包括連携協定 has JA and 生協; case 海岸清掃
    has 生協, JF and 行政. Each pair of sectors in a case counts that case once."""
    ax = cn.plot_pairs(small_net, lang="en", n_perm=50)
    got = {k: number(v) for k, v in cells(ax).items()}
    order = ["JA", "生協", "JF", "行政"]
    # one triangle: each unordered pair once, with the diagonal (4 · 5 / 2 cells)
    assert len(got) == 10
    assert all(order.index(a) <= order.index(b) for a, b in got)
    want = {(a, b): 0 for i, a in enumerate(order) for b in order[i:]}
    for pair in [("JA", "生協"), ("生協", "JF"), ("生協", "行政"), ("JF", "行政")]:
        want[pair] = 1
    assert got == want
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [taxonomy.sector_label(s, "en") for s in order]


def test_plain_partnership_counts_stay_available(small_net):
    # JA–生協 ×2, 生協–JF ×1, JF–行政 ×1 (conftest's four partnerships)
    ax = cn.plot_pairs(small_net, by="partnership", lang="en")
    got = {k: number(v) for k, v in cells(ax).items() if number(v)}
    assert got == {("JA", "生協"): 2, ("生協", "JF"): 1, ("JF", "行政"): 1}
    assert ax.get_title(loc="left") == "Partnerships between sectors"
    image = next(a for a in ax.get_images() if a.get_gid() == "coopnet:pairs")
    assert np.ma.getdata(image.get_array())[1, 0] == 2  # 生協 row, JA column


def test_cells_match_sector_pairs_and_a_count_by_hand(sample):
    ax = cn.plot_pairs(sample, n_perm=200)
    table = cn.sector_pairs(sample, by="co-participation", n_perm=200)
    got = cells(ax)
    for a, b, n, p in table[["sector_a", "sector_b", "count", "p_value"]].itertuples(index=False):
        text = got[a, b]
        assert number(text) == n
        assert text.endswith("＊") == (p <= 0.05)
    # independent of the code: JA and JF take part together in five cases —
    # 岡山, 鳥羽, 高知, 釜石 (through the council, no JA–JF partnership) and にじ
    assert got["JA", "JF"].rstrip("＊") == "5"
    # the 21 cases with JA and 生協 are far above chance
    assert got["JA", "生協"] == "21＊"


def test_colour_is_the_ratio_on_a_diverging_map_centred_on_one(sample):
    ax = cn.plot_pairs(sample, n_perm=100)
    image = next(a for a in ax.get_images() if a.get_gid() == "coopnet:pairs")
    norm = image.norm
    assert norm(1.0) == pytest.approx(0.5)
    assert norm(2.0) - 0.5 == pytest.approx(0.5 - norm(0.5))  # twice = half, mirrored
    table = cn.sector_pairs(sample, by="co-participation", n_perm=100)
    at = {s: i for i, s in enumerate(sample.sectors)}
    values = image.get_array()
    grey = {
        (round(p.get_x() + 0.5), round(p.get_y() + 0.5))
        for p in ax.patches
        if p.get_gid() == "coopnet:few"
    }
    for a, b, n, r in table[["sector_a", "sector_b", "count", "ratio"]].itertuples(index=False):
        if n >= 2:
            assert values[at[b], at[a]] == pytest.approx(r)
            assert (at[a], at[b]) not in grey
        else:  # one case (or none) is too few for a ratio: no colour of the scale
            assert np.ma.is_masked(values[at[b], at[a]])
            assert ((at[a], at[b]) in grey) == (n == 1)
    assert len(grey) == int((table["count"] == 1).sum()) > 0
    # the upper triangle is not drawn
    k = len(sample.sectors)
    upper = np.triu(np.ones((k, k), dtype=bool), 1)
    assert np.ma.getmaskarray(values)[upper].all()
    # red above chance, blue below
    red = image.cmap(norm(3.0))
    blue = image.cmap(norm(1 / 3))
    assert red[0] > red[2] and blue[2] > blue[0]


def test_a_note_says_what_is_counted(sample):
    for lang, words in [
        ("ja", ["両方のセクターが参加する事例の数", "観測/期待", "p ≤ 0.05"]),
        ("en", ["cases in which both sectors take part", "observed / expected", "p ≤ 0.05"]),
    ]:
        ax = cn.plot_pairs(sample, lang=lang, n_perm=20)
        (note,) = [t for t in ax.texts if t.get_gid() == "coopnet:pairs-note"]
        flat = note.get_text().replace("\n", "" if lang == "ja" else " ")
        for word in words:
            assert word in flat, (lang, word)


def test_no_wide_empty_margins(sample):
    """The chart, its notes and colour bar fill the slide's width (the old one used
    half of it), and nothing falls outside the figure."""
    ax = cn.plot_pairs(sample, n_perm=20)
    fig = ax.figure
    fig.canvas.draw()
    tight = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    assert tight.width >= 0.8 * width
    assert tight.x0 >= 0 and tight.x1 <= width and tight.y0 >= 0 and tight.y1 <= height


def test_user_sectors_outside_the_taxonomy_have_their_cells(user_net):
    ax = cn.plot_pairs(user_net, n_perm=20)
    got = cells(ax)
    k = len(user_net.sectors)
    assert len(got) == k * (k + 1) // 2
    # by hand: JA and a 商工団体 take part together in 北海道地域づくり (ja1, chamber1),
    # 信州フォーラム (ja2, chamber2) and 信州まちづくり (ja2, chamber2)
    assert number(got["JA", "商工団体"]) == 3


def test_bad_by_names_the_choices(small_net):
    with pytest.raises(ValueError, match="by='edges' is not valid; choose from 'co-participation'"):
        cn.plot_pairs(small_net, by="edges")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_counts_are_readable_and_fit_their_cells(sample, council_net, lang):
    """On a slide every number reads from the back of the room (10 pt or more, with
    sixteen sectors too) and stays inside its cell."""
    for net in (sample, council_net):
        ax = cn.plot_pairs(net, lang=lang, n_perm=20)
        fig = ax.figure
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        texts = [t for t in ax.texts if (t.get_gid() or "").startswith("coopnet:count:")]
        k = len(net.sectors)
        assert len(texts) == k * (k + 1) // 2
        for t in texts:
            assert t.get_fontsize() >= 10.0, (k, t.get_text())
            x, y = t.get_position()
            (x0, y0), (x1, y1) = ax.transData.transform([(x - 0.5, y + 0.5), (x + 0.5, y - 0.5)])
            box = t.get_window_extent(r)
            assert x0 <= box.x0 and box.x1 <= x1 and y0 <= box.y0 and box.y1 <= y1, t.get_text()
        plt.close(fig)
