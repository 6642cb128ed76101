"""The map page's data for the map of Japan and for the summary view (no browser).

Checked against ``coopnet._geo`` (the tiles and the geo layout the pictures use) and
against groups made here from each organisation's home prefecture and sector.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree
from test_interactive import page_data

import coopnet as cn
from coopnet._geo import COLS, ROWS, STRIP, TILES, geo_grid, home_codes
from coopnet._html import payload
from coopnet.cli import main


def render(net, tmp_path, name="map.html", **kw) -> dict:
    return page_data(cn.to_html(net, tmp_path / name, **kw).read_text(encoding="utf-8"))


def grid_units(xy, size) -> np.ndarray:
    """The page's pixels back to tile-grid units (y downwards)."""
    return np.asarray(xy, dtype=float) / size + (COLS / 2, ROWS / 2)


def test_map_of_japan_uses_the_geo_layout_of_the_pictures(tmp_path):
    net = cn.load_sample()
    data = render(net, tmp_path)
    geo = data["geo"]
    assert data["view"] == "network"
    # the organisations where plot_map(layout="geo") puts them, in whole tiles
    assert grid_units(geo["xy"], geo["size"]) == pytest.approx(geo_grid(net), abs=0.01)
    # the 47 tiles, named, and the strip of national bodies
    assert [t[2] for t in geo["tiles"]] == [p.short for p in cn.prefectures.PREFECTURES]
    corners = grid_units([t[:2] for t in geo["tiles"]], geo["size"])
    assert corners == pytest.approx(TILES, abs=0.01)
    assert grid_units(np.reshape(geo["strip"], (2, 2)), geo["size"]).ravel() == pytest.approx(
        STRIP, abs=0.01
    )
    assert geo["stripLabel"] == "全国・広域"
    en = render(net, tmp_path, "en.html", lang="en", layout="geo")
    assert en["view"] == "geo" and en["geo"]["tiles"][12][2] == "Tokyo"
    # layout="geo": the page's own layout is the default one, the map one click away
    default = render(net, tmp_path, "en-default.html", lang="en")
    assert [n["x"] for n in en["nodes"]] == [n["x"] for n in default["nodes"]]


def test_tiles_leave_room_between_organisations(tmp_path):
    """In the busiest prefecture of 5,000 organisations neighbours stay ~26 px apart."""
    net = cn.synthetic(5000, seed=0)
    geo = payload.geo_places(net, "ja")
    xy = np.array(geo["xy"])
    home = home_codes(net.orgs["prefecture"])
    busiest = np.bincount(home[home >= 0]).argmax()
    mine = xy[home == busiest]
    nearest = cKDTree(mine).query(mine, k=2)[0][:, 1]
    assert np.median(nearest) >= 0.9 * 26
    assert 220 <= geo["size"] <= 4000


def test_no_map_without_prefectures(small_net, tmp_path):
    net = cn.Network(small_net.orgs.assign(prefecture=""), small_net.edges, name="no places")
    data = render(net, tmp_path, layout="geo")
    assert data["geo"] is None and data["view"] == "network"


def groups_of(net) -> pd.Series:
    home = home_codes(net.orgs["prefecture"])
    return pd.Series(list(zip(home, net.orgs["sector"], strict=True)), index=net.orgs.index)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_summary_groups_are_sectors_in_each_prefecture(tmp_path, lang):
    net = cn.synthetic(600, seed=2)
    data = render(net, tmp_path, level="groups", lang=lang)
    assert data["view"] == "geo" and data["geo"]["xy"] is None
    groups = data["groups"]
    want = groups_of(net)
    got = pd.Series([n["g"] for n in data["nodes"]], index=net.orgs.index)
    # one group per (home prefecture, sector); national bodies last, sectors in order
    keys = {g: set(want[got == g]) for g in range(len(groups))}
    assert all(len(k) == 1 for k in keys.values())
    order = [next(iter(keys[g])) for g in range(len(groups))]
    rank = {s: i for i, s in enumerate(net.sectors)}
    assert order == sorted(order, key=lambda k: (k[0] if k[0] >= 0 else 99, rank[k[1]]))
    assert len(groups) == want.nunique()
    assert [g["n"] for g in groups] == [int((got == g).sum()) for g in range(len(groups))]
    size = data["geo"]["size"]
    xy = grid_units([[n["x"], n["y"]] for n in data["nodes"]], size)
    for g, gr in enumerate(groups):
        home, sector = order[g]
        assert data["sectors"][gr["s"]]["key"] == sector
        mine = xy[(got == g).to_numpy()]
        # the group sits at the middle of its organisations, all in its tile (strip)
        assert grid_units([[gr["x"], gr["y"]]], size)[0] == pytest.approx(
            mine.mean(axis=0), abs=0.01
        )
        x0, y0, x1, y1 = (*TILES[home], *(TILES[home] + 1)) if home >= 0 else STRIP
        assert ((mine >= (x0, y0)) & (mine <= (x1, y1))).all(), gr["label"]
        p = cn.prefectures.PREFECTURES[home] if home >= 0 else None
        national = cn._glossary.term("national", lang)
        place = (p.short if lang == "ja" else p.romaji) if p else national
        assert gr["label"].lower().startswith(place.lower())


def test_summary_slices_keep_groups_apart():
    """Within a tile each group takes its own slice of the disc: going round the tile's
    centre, the organisations of a group come one after another."""
    net = cn.synthetic(3000, seed=4)
    group, _, xy, tiles = cn._html.places.summary_groups(net, "ja")
    home = home_codes(net.orgs["prefecture"])
    size = tiles["size"]
    grid = grid_units(xy, size)
    for p in np.unique(home[home >= 0]):
        mine = np.flatnonzero(home == p)
        d = grid[mine] - (TILES[p] + 0.5)
        outer = np.hypot(*d.T) > 0.08  # the middle of the disc has no clear direction
        mine, d = mine[outer], d[outer]
        ring = group[mine[np.argsort(np.arctan2(d[:, 1], d[:, 0]), kind="stable")]]
        changes = int((ring != np.roll(ring, 1)).sum())
        present = len(np.unique(ring))
        assert changes == (present if present > 1 else 0), p


def test_level_auto_opens_the_summary_above_the_threshold(monkeypatch, tmp_path):
    net = cn.synthetic(300, seed=1)
    assert render(net, tmp_path)["groups"] is None
    monkeypatch.setattr(payload, "SUMMARY_MIN", 200)
    assert render(net, tmp_path, "auto.html")["groups"] is not None
    assert render(net, tmp_path, "orgs.html", level="organisations")["groups"] is None
    monkeypatch.setattr(payload, "SUMMARY_MIN", 20_000)
    assert len(render(net, tmp_path, "groups.html", level="groups")["groups"]) > 0


def test_level_is_checked(small_net, tmp_path):
    with pytest.raises(ValueError, match="level"):
        cn.to_html(small_net, tmp_path / "m.html", level="prefectures")


def test_cli_html_level(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["html", "-o", str(out), "--level", "groups"]) == 0
    data = page_data(out.read_text(encoding="utf-8"))
    assert len(data["groups"]) == groups_of(cn.load_sample()).nunique()
