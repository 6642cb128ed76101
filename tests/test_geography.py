"""Prefectures: counts, the prefecture mixing table and pairs, E–I by prefecture, geo layout."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from where_when_data import three_prefectures

import coopnet as cn
from coopnet.io import sample_folder
from coopnet.layout import layout_positions
from coopnet.prefectures import NAMES, PREFECTURES

NATIONAL = "(national)"


@pytest.fixture
def net3(tmp_path):
    return three_prefectures(tmp_path)


# ------------------------------------------------------------------ counts
def test_summary_by_hand(net3):
    t = cn.prefecture_summary(net3)
    assert list(t.index) == [*NAMES, NATIONAL]
    rows = t.loc[["長野県", "新潟県", "東京都", NATIONAL]]
    # cases: A, B in 長野; B in 新潟; D in 東京; C names none
    assert rows["cases"].tolist() == [2, 1, 1, 1]
    # homes: nat (empty) and wide (two prefectures) are national
    assert rows["organisations"].tolist() == [2, 2, 1, 2]
    # 長野: the two A partnerships within, two B partnerships to 新潟, one from nat
    assert rows["partnerships"].tolist() == [5, 3, 1, 3]
    assert rows["within"].tolist() == [2, 0, 0, 0]
    assert rows["between"].tolist() == [3, 3, 1, 3]
    others = t.drop(index=["長野県", "新潟県", "東京都", NATIONAL])
    assert (others[["cases", "organisations", "partnerships"]] == 0).all().all()
    assert t.loc["東京都", "short"] == "東京" and t.loc["東京都", "region"] == "関東"


def test_matrix_by_hand(net3):
    m = cn.prefecture_matrix(net3)
    order = ["東京都", "新潟県", "長野県", NATIONAL]  # JIS order, national last
    assert list(m.index) == order and list(m.columns) == order
    want = pd.DataFrame(
        [[0, 0, 0, 1], [0, 0, 2, 1], [0, 2, 2, 1], [1, 1, 1, 0]], index=order, columns=order
    )
    assert (m.to_numpy() == want.to_numpy()).all()
    assert int(np.triu(m.to_numpy()).sum()) == len(net3.edges)


def test_pairs_by_hand(net3):
    p = cn.prefecture_pairs(net3, n_perm=200, seed=1)
    got = {
        (r.prefecture_a, r.prefecture_b): (r.partnerships, r.ties, r.cases) for r in p.itertuples()
    }
    assert got == {
        ("長野県", "長野県"): (2, 1, 1),  # ja-n–coop-n twice, case A
        ("新潟県", "長野県"): (2, 2, 1),  # ja-n–jf-g and coop-n–coop-g, case B
        ("東京都", NATIONAL): (1, 1, 1),
        ("新潟県", NATIONAL): (1, 1, 1),
        ("長野県", NATIONAL): (1, 1, 1),
    }
    # ends: 長野 7, 新潟 3, 東京 1, national 3 of 2m = 14
    row = p.set_index(["prefecture_a", "prefecture_b"])
    assert row.loc[("長野県", "長野県"), "expected"] == pytest.approx(7 * 6 / 2 / 13)
    assert row.loc[("新潟県", "長野県"), "expected"] == pytest.approx(7 * 3 / 13)
    assert row.loc[("東京都", NATIONAL), "expected"] == pytest.approx(1 * 3 / 13)
    # 長野–長野 and 新潟–長野: same count and ratio, so JIS order of the pair decides
    assert p["same"].tolist() == [False, True, False, False, False]
    assert list(p.index) == [1, 2, 3, 4, 5]
    assert ((p["p_value"] > 0) & (p["p_value"] <= 1)).all()


def test_pairs_expected_is_the_permutation_mean(net3):
    """The exact expectation equals the mean of many re-pairings (the same null)."""
    from coopnet._geo import groups
    from coopnet._kernels import permute

    p = cn.prefecture_pairs(net3, n_perm=0)
    group, labels = groups(net3)
    c = net3._form
    ends = np.bincount(np.r_[group[c.src], group[c.dst]], minlength=len(labels))
    null = permute.rematched_tables(ends, len(c.src), 20000, np.random.default_rng(0))
    code, _, _ = permute.pair_index(len(labels))
    for r in p.itertuples():
        a, b = labels.index(r.prefecture_a), labels.index(r.prefecture_b)
        assert null[:, code[a, b]].mean() == pytest.approx(r.expected, abs=0.03)
    assert p["p_value"].isna().all()


def test_ei_by_prefecture_by_hand(net3):
    ei = cn.ei_index(net3, by="prefecture", n_perm=0)
    assert ei.index.name == "prefecture"
    assert list(ei.index) == ["東京都", "新潟県", "長野県", "(all)"]
    # national and wide-area bodies and their ties are left out
    assert ei["orgs"].tolist() == [1, 2, 2, 5]
    assert ei["internal"].tolist() == [0, 0, 1, 1]
    assert ei["external"].tolist() == [0, 2, 2, 2]
    assert np.isnan(ei.loc["東京都", "ei"])
    assert ei.loc["新潟県", "ei"] == 1.0
    assert ei.loc["長野県", "ei"] == pytest.approx(1 / 3)
    assert ei.loc["(all)", "ei"] == pytest.approx(1 / 3)


def test_ei_by_prefecture_expectation(net3):
    """Whole-network expectation under relabelling: 1 - 2 Σ n_s(n_s-1) / (n(n-1))."""
    ei = cn.ei_index(net3, by="prefecture", n_perm=6000, seed=2)
    sizes = np.array([1, 2, 2])
    exact = 1 - 2 * (sizes * (sizes - 1)).sum() / (5 * 4)
    assert ei.loc["(all)", "expected"] == pytest.approx(exact, abs=0.03)


def test_ei_by_sector_is_the_default_and_unchanged(net3):
    net = cn.load_sample()
    a = cn.ei_index(net, n_perm=50, seed=4)
    b = cn.ei_index(net, by="sector", n_perm=50, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert a.index.name == "sector" and list(a.index[:-1]) == net.sectors
    with pytest.raises(
        ValueError, match="by='city' is not valid; choose from 'sector', 'prefecture'"
    ):
        cn.ei_index(net, by="city")


# ------------------------------------------------------- the bundled data
def _raw(name: str) -> pd.DataFrame:
    return pd.read_csv(sample_folder() / name, dtype=str, keep_default_na=False)


def test_bundled_cases_per_prefecture():
    """Cases per prefecture counted from data/cases.csv with plain pandas."""
    cases = _raw("cases.csv")
    named = cases["prefecture"].str.split("、").explode()
    want = named[named != ""].value_counts()
    t = cn.prefecture_summary(cn.load_sample())
    got = t.loc[t.index != NATIONAL, "cases"]
    assert got[got > 0].sort_index().to_dict() == want.sort_index().to_dict()
    assert t.loc[NATIONAL, "cases"] == (cases["prefecture"] == "").sum()
    assert t.loc["長野県", "cases"] == 3


def test_bundled_orgs_and_partnerships_per_prefecture():
    orgs, edges = _raw("orgs.csv"), _raw("edges.csv")
    single = orgs["prefecture"].where(~orgs["prefecture"].str.contains("、"), "")
    home = dict(zip(orgs["id"], single, strict=True))
    t = cn.prefecture_summary(cn.load_sample())
    want_orgs = single[single != ""].value_counts()
    got = t["organisations"].drop(NATIONAL)
    assert got[got > 0].sort_index().to_dict() == want_orgs.sort_index().to_dict()
    assert t.loc[NATIONAL, "organisations"] == (single == "").sum()
    a, b = edges["source"].map(home), edges["target"].map(home)
    for pref in ["長野県", "香川県", "宮城県"]:
        assert t.loc[pref, "partnerships"] == ((a == pref) | (b == pref)).sum()
        assert t.loc[pref, "within"] == ((a == pref) & (b == pref)).sum()
    assert t.loc[NATIONAL, "partnerships"] == ((a == "") | (b == "")).sum()
    m = cn.prefecture_matrix(cn.load_sample())
    assert int(np.triu(m.to_numpy()).sum()) == len(edges)


# -------------------------------------------------------------- geo layout
def _tile_box(code: int) -> tuple[float, float, float, float]:
    p = PREFECTURES[code]
    half = 13 / 2
    return (
        (p.col - half) / half,
        (11 / 2 - p.row - 1) / half,
        (p.col + 1 - half) / half,
        (11 / 2 - p.row) / half,
    )


@pytest.mark.parametrize("which", ["three", "sample", "synthetic"])
def test_geo_layout_puts_everyone_in_their_tile(which, tmp_path):
    net = {
        "three": lambda: three_prefectures(tmp_path),
        "sample": cn.load_sample,
        "synthetic": lambda: cn.synthetic(600, seed=3),
    }[which]()
    pos = layout_positions(net, layout="geo")
    assert list(pos) == list(net.orgs.index)
    assert pos == layout_positions(net, layout="geo", seed=9)  # no randomness
    xy = np.array(list(pos.values()))
    assert len({tuple(p) for p in xy.round(9)}) == len(xy)  # no two on one spot
    for org, (x, y) in pos.items():
        named = [p for p in net.orgs.loc[org, "prefecture"].split("、") if p]
        if len(named) == 1:
            x0, y0, x1, y1 = _tile_box(NAMES.index(named[0]))
            assert x0 < x < x1 and y0 < y < y1, org
        else:  # the national strip: north-west, above 福井 (row 4) and west of 秋田 (col 10)
            assert x < (10 - 6.5) / 6.5 and y > (5.5 - 3) / 6.5, org


def test_geo_layout_faces_partners_elsewhere():
    """Seven organisations in 長野: the one tied to 北海道 (north-east) sits in the
    north-east of the tile, the one tied to 鹿児島 (south-west) in the south-west."""
    from coopnet.network import Network

    ids = [*"abcdefg", "h", "k"]
    prefs = ["長野県"] * 7 + ["北海道", "鹿児島県"]
    orgs = pd.DataFrame(
        {"name": ids, "name_en": ids, "sector": "JA", "prefecture": prefs, "note": ""},
        index=pd.Index(ids, name="id"),
    )
    pairs = [("a", "h"), ("b", "k"), ("c", "d"), ("d", "e"), ("e", "f"), ("f", "g")]
    edges = pd.DataFrame(
        {
            "source": [u for u, _ in pairs],
            "target": [v for _, v in pairs],
            "type": "地域連携型",
            "case": "c",
            "year": pd.array([None] * len(pairs), dtype="Int64"),
            "evidence": "",
        }
    )
    pos = layout_positions(Network(orgs, edges), layout="geo")
    x0, y0, x1, y1 = _tile_box(NAMES.index("長野県"))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    assert pos["a"][0] > cx and pos["a"][1] > cy
    assert pos["b"][0] < cx and pos["b"][1] < cy


def _label_boxes(ax):
    renderer = ax.figure.canvas.get_renderer()
    return [
        t.get_window_extent(renderer)
        for t in ax.texts
        if str(t.get_gid()).startswith("coopnet:label:")
    ]


@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_plot_map_geo_draws_the_tiles_and_keeps_labels_clear(which):
    import matplotlib.pyplot as plt

    net = cn.load_sample() if which == "sample" else cn.synthetic(500, seed=1)
    ax = cn.plot_map(net, layout="geo", labels="auto")
    tiles = [p for p in ax.patches if str(p.get_gid()).startswith("coopnet:tile:")]
    assert len(tiles) == 47
    assert [p for p in ax.patches if p.get_gid() == "coopnet:national-strip"]
    assert [t.get_text() for t in ax.texts if t.get_gid() == "coopnet:national-title"] == [
        "全国・広域"
    ]
    boxes = _label_boxes(ax)
    # organisations sit close together in their tiles: only labels that read as
    # their own node's (nearer it than any other, test_labels) are placed
    assert len(boxes) >= (10 if which == "sample" else 4)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = ax.get_window_extent(ax.figure.canvas.get_renderer())
    for box in boxes:
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1
    # every tile is in the frame, also those of prefectures without organisations
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    for tile in tiles:
        x, y = tile.get_xy()
        assert xlim[0] <= x and x + tile.get_width() <= xlim[1]
        assert ylim[0] <= y and y + tile.get_height() <= ylim[1]
    plt.close(ax.figure)


def test_plot_map_geo_fades_ties_between_places_only_when_many():
    import matplotlib.pyplot as plt

    from coopnet._draw import geomap

    ax = cn.plot_map(cn.load_sample(), layout="geo", labels="none")
    alphas = [
        c.get_edgecolor()[:, 3]
        for c in ax.collections
        if str(c.get_gid()).startswith("coopnet:edges:")
    ]
    assert all((a > 0.5).all() for a in alphas)  # 102 partnerships: nothing faded
    plt.close(ax.figure)
    ax = cn.plot_map(cn.synthetic(1500, seed=2), layout="geo", labels="none")
    faded = sum(
        int((c.get_edgecolor()[:, 3] < 0.5).sum())
        for c in ax.collections
        if str(c.get_gid()).startswith("coopnet:edges:")
    )
    assert faded > geomap.MANY_LONG
    plt.close(ax.figure)


def test_values_that_are_not_prefectures_count_as_national(tmp_path):
    """Loaded with strict=False, a region (関東) stays as written: it names no single
    prefecture, so its organisation and case count with the national group."""
    from conftest import write

    orgs = write(
        tmp_path / "o.csv",
        "id,name,sector,prefecture\na,A,JA,関東\nb,B,生協,長野県\nc,C,JF,長野県\n",
    )
    edges = write(
        tmp_path / "e.csv",
        "source,target,type,case,year\na,b,産消提携型,x,2001\nb,c,産消提携型,y,2002\n",
    )
    cases = write(
        tmp_path / "c.csv", "case,type,prefecture\nx,産消提携型,関東\ny,産消提携型,長野\n"
    )
    with pytest.warns(UserWarning, match="not prefectures"):
        net = cn.read_csv(orgs, edges, cases=cases, strict=False)
    t = cn.prefecture_summary(net)
    assert t.loc[NATIONAL, ["cases", "organisations", "partnerships"]].tolist() == [1, 1, 1]
    assert t.loc["長野県", ["cases", "organisations", "partnerships", "within"]].tolist() == [
        1,
        2,
        2,
        1,
    ]
    pos = layout_positions(net, layout="geo")
    assert pos["a"][1] > (5.5 - 3) / 6.5  # in the national strip
