"""One small map per partnership type (types.png): panels checked against the data."""

from __future__ import annotations

import itertools

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

import coopnet as cn
from coopnet import taxonomy


@pytest.fixture(autouse=True)
def _close_figures():
    """Close the figures a test made (the module's panels stay open for the others)."""
    before = set(plt.get_fignums())
    yield
    for number in set(plt.get_fignums()) - before:
        plt.close(number)


@pytest.fixture(scope="module")
def sample():
    return cn.load_sample()


@pytest.fixture(scope="module")
def panels(sample):
    axes = cn.plot_types(sample)
    yield axes
    plt.close(axes[0].figure)


def by_gid(ax, prefix):
    return [a for a in ax.findobj() if (a.get_gid() or "").startswith(prefix)]


def labels(ax):
    return [t for t in ax.texts if (t.get_gid() or "").startswith("coopnet:label:")]


def test_one_axes_per_type_returned_as_an_array(panels, sample):
    assert isinstance(panels, np.ndarray) and panels.ndim == 1
    assert all(isinstance(ax, mpl.axes.Axes) for ax in panels)
    assert [ax.get_gid() for ax in panels] == [f"coopnet:panel:{t}" for t in sample.types]
    # six types: 2 × 3 panels on one figure
    fig = panels[0].figure
    assert all(ax.figure is fig for ax in panels)
    rows = sorted({round(ax.get_position().y0, 6) for ax in panels})
    cols = sorted({round(ax.get_position().x0, 6) for ax in panels})
    assert (len(rows), len(cols)) == (2, 3)


def test_titles_say_what_the_numbers_count(panels, sample):
    """Cases and partnerships, from type_summary (the deck's 3/6/6/5/3/2 cases)."""
    summary = cn.type_summary(sample)
    assert [int(summary.loc[t, "cases"]) for t in sample.types] == [3, 6, 6, 5, 3, 2]
    for ax, ptype in zip(panels, sample.types, strict=True):
        cases, ties = int(summary.loc[ptype, "cases"]), int(summary.loc[ptype, "partnerships"])
        want = f"{ptype}（{cases} 事例・{ties} 連携）"
        assert ax.get_title().replace("\n", "") == want
    assert panels[-1].get_title() == "人事育成型（2 事例・3 連携）"
    en = cn.plot_types(sample, lang="en", labels="none")
    assert en[-1].get_title().replace("\n", " ") == "Staff development (2 cases, 3 partnerships)"


def test_each_panel_draws_that_types_organisations_and_partnerships(panels, sample):
    counts = sample.edges["type"].value_counts()
    for ax, ptype in zip(panels, sample.types, strict=True):
        sub = sample.by_type(ptype)
        (coll,) = by_gid(ax, "coopnet:nodes")
        assert len(coll.get_offsets()) == len(sub.orgs)
        assert not by_gid(ax, "coopnet:inactive")  # no grey ghosts of the others
        want = [taxonomy.sector_color(s) for s in sub.orgs["sector"]]
        assert [to_hex(c).upper() for c in coll.get_facecolors()] == want
        drawn = sum(len(c.get_segments()) for c in by_gid(ax, "coopnet:edges:"))
        assert drawn == counts.get(ptype, 0)
        assert {c.get_gid() for c in by_gid(ax, "coopnet:edges:")} == {f"coopnet:edges:{ptype}"}


def test_member_only_participants_are_in_their_panel(panels, sample):
    """大分's council runs a round table without partnerships (学習会・イベント型),
    北海道's network a job summit (人事育成型): both are nodes in their panel."""
    members = sample.members
    lone = members[~members["tied"]]
    assert set(lone["org"]) == {"oita-coop-council", "coop-net-hokkaido"}
    where = {ax.get_gid().split(":", 2)[2]: ax for ax in panels}
    for org, case in zip(lone["org"], lone["case"], strict=True):
        ptype = sample.cases.loc[case, "type"]
        sub = sample.by_type(ptype)
        assert org in sub.orgs.index
        (coll,) = by_gid(where[ptype], "coopnet:nodes")
        assert len(coll.get_offsets()) == len(sub.orgs)


def test_nodes_are_big_enough_for_the_back_of_the_room(panels):
    # the smallest marker at least 8 points across (16 px on a 1920-px slide),
    # the largest at least 14
    for ax in panels:
        (coll,) = by_gid(ax, "coopnet:nodes")
        diameters = np.sqrt(coll.get_sizes())
        assert diameters.min() >= 8.0, ax.get_title()
        assert diameters.max() >= 14.0, ax.get_title()


def test_labels_in_a_panel_stay_clear(panels, sample):
    r = panels[0].figure.canvas.get_renderer()
    named = 0
    for ax, ptype in zip(panels, sample.types, strict=True):
        texts = labels(ax)
        named += len(texts)
        boxes = [t.get_window_extent(r) for t in texts]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), ax.get_title()
        frame = ax.get_window_extent(r)
        for box in boxes:
            assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1
            assert frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1
        (coll,) = by_gid(ax, "coopnet:nodes")
        centres = ax.transData.transform(coll.get_offsets())
        ids = list(sample.by_type(ptype).orgs.index)
        for text, box in zip(texts, boxes, strict=True):
            inside = (centres[:, 0] >= box.x0) & (centres[:, 0] <= box.x1)
            inside &= (centres[:, 1] >= box.y0) & (centres[:, 1] <= box.y1)
            if text.get_bbox_patch() is not None:
                inside[ids.index(text.get_gid().split(":", 2)[2])] = False
            assert not inside.any(), text.get_text()
    assert named >= 22  # measured: 26


def test_the_staff_development_panel_names_its_three_without_crowding(panels):
    """人事育成型's three generic names (生協/農協/漁協（兵庫県・にじの仲間づくりカレッジ）)
    each get a label at least a line apart from the others."""
    ax = panels[-1]
    texts = labels(ax)
    ids = {t.get_gid().split(":", 2)[2] for t in texts}
    assert {"generic-coop-hyogo-niji", "generic-ja-hyogo-niji", "generic-jf-hyogo-niji"} <= ids
    r = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(r) for t in texts]
    line = texts[0].get_fontsize() * ax.figure.dpi / 72
    for a, b in itertools.combinations(boxes, 2):
        gap = max(b.x0 - a.x1, a.x0 - b.x1, b.y0 - a.y1, a.y0 - b.y1)
        assert gap >= 0.5 * line


def test_types_outside_the_taxonomy_get_a_panel(user_net):
    """strict=False accepts 地域振興型: seven types, seven panels in 2 × 4."""
    axes = cn.plot_types(user_net, lang="en")
    assert [ax.get_gid().split(":", 2)[2] for ax in axes] == user_net.types
    assert user_net.types[-1] == "地域振興型" and len(axes) == 7
    rows = {round(ax.get_position().y0, 6) for ax in axes}
    cols = {round(ax.get_position().x0, 6) for ax in axes}
    assert (len(rows), len(cols)) == (2, 4)
    last = axes[-1]
    assert last.get_title().startswith("地域振興型")
    assert sum(len(c.get_segments()) for c in by_gid(last, "coopnet:edges:")) == 1
    # the extra sectors keep their colour and shape in the panels and the legend
    fig = axes[0].figure
    (legend,) = fig.legends
    shown = {
        t.get_text(): h for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    for sector in ("金融機関", "商工団体", "生産者団体"):
        colour, marker = user_net.sector_styles[sector]
        assert to_hex(shown[sector].get_markerfacecolor()).upper() == colour
        assert shown[sector].get_marker() == marker


def test_panel_grid_grows_with_the_number_of_types():
    from coopnet._draw.panels import grid_shape

    assert [grid_shape(n) for n in (1, 3, 4, 6, 7, 8, 9, 10)] == [
        (1, 1),
        (1, 3),
        (2, 2),
        (2, 3),
        (2, 4),
        (2, 4),
        (3, 3),
        (3, 4),
    ]


def test_one_type_alone(small_net):
    sub = small_net.by_type("地域連携型")
    axes = cn.plot_types(sub, lang="en")
    assert len(axes) == 1 and axes[0].get_title() == "Community (1 case, 1 partnership)"
