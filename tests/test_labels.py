"""Label quality on the map, measured (issue 13.3): each label reads as its own node's.

For every label placed on the map, in display pixels and with matplotlib's own
geometry (``Path.intersects_bbox``) as the oracle:

- its box is nearer its own marker than any other marker (distance from the box to
  a marker's edge);
- its leader line, if any, crosses no other label;
- no label overlaps another's box or another organisation's marker;
- the ties crossing labels are counted (but for a name framed on its hub, the
  hub's own ties, which run under it) and kept under a bound measured when the
  placer was fixed.
"""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.path import Path
from matplotlib.transforms import Bbox

import coopnet as cn


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def measure(ax, net) -> dict:
    fig = ax.figure
    r = fig.canvas.get_renderer()
    (coll,) = [a for a in ax.collections if a.get_gid() == "coopnet:nodes"]
    centres = ax.transData.transform(coll.get_offsets())
    radii = np.sqrt(np.broadcast_to(coll.get_sizes(), (len(centres),))) / 2 * fig.dpi / 72
    # a square reaches further than a circle of the same size: use its corner
    reach = np.array([np.hypot(*p.vertices.T).max() / 0.5 for p in coll.get_paths()])
    if len(reach) == len(radii):
        radii = radii * np.maximum(reach, 1.0)
    index = {n: i for i, n in enumerate(net.orgs.index)}
    texts = [t for t in ax.texts if (t.get_gid() or "").startswith("coopnet:label:")]
    boxes = [t.get_window_extent(r) for t in texts]
    owner = [index[t.get_gid().split(":", 2)[2]] for t in texts]

    def gaps(box):
        dx = np.maximum(np.maximum(box.x0 - centres[:, 0], 0), centres[:, 0] - box.x1)
        dy = np.maximum(np.maximum(box.y0 - centres[:, 1], 0), centres[:, 1] - box.y1)
        return np.hypot(dx, dy) - radii

    wrong, on_markers = [], []
    for text, box, own in zip(texts, boxes, owner, strict=True):
        g = gaps(box)
        mine = g[own]
        g[own] = np.inf
        if not mine < g.min():
            wrong.append(text.get_text())
        if (g < 0).any():
            on_markers.append(text.get_text())
    overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    leader_hits = []
    leaders = {
        a.get_gid().split(":", 2)[2]: a
        for a in ax.lines
        if (a.get_gid() or "").startswith("coopnet:leader:")
    }
    for oid, line in leaders.items():
        path = Path(ax.transData.transform(np.column_stack(line.get_data())))
        for text, box in zip(texts, boxes, strict=True):
            if text.get_gid() == f"coopnet:label:{oid}":
                continue
            if path.intersects_bbox(Bbox.from_extents(*box.extents), filled=False):
                leader_hits.append((oid, text.get_text()))
    ties = [
        ax.transData.transform(seg)
        for c in ax.collections
        if (c.get_gid() or "").startswith("coopnet:edges:")
        for seg in c.get_segments()
    ]
    crossings = 0
    for text, box, own in zip(texts, boxes, owner, strict=True):
        bbox = Bbox.from_extents(*box.extents)
        for tie in ties:
            # a name framed on its hub has the hub's own ties running under it
            if (
                text.get_bbox_patch() is not None
                and min(np.hypot(*(tie[0] - centres[own])), np.hypot(*(tie[-1] - centres[own])))
                < 0.5
            ):
                continue
            crossings += Path(tie).intersects_bbox(bbox, filled=False)
    return {
        "labels": len(texts),
        "wrong_owner": wrong,
        "on_markers": on_markers,
        "overlaps": overlaps,
        "leader_crossings": leader_hits,
        "tie_crossings": crossings,
    }


@pytest.fixture(scope="module")
def sample():
    return cn.load_sample()


@pytest.fixture(scope="module")
def synthetic():
    return cn.synthetic(60, seed=1)


# (network, lang) -> at least this many labels, at most this many tie crossings,
# as measured when the placer was fixed. Before: sample ja 35 labels of which 15
# nearer another node, 7 crossings; en 33, 18 and 3; synthetic(60) ja 35, 16 and
# 146. After: sample ja 27 labels, 0 and 6; en 23, 0 and 2; synthetic(60) ja 25,
# 0 and 97 (a dense network: 232 partnerships among 60), en 19, 0 and 60. With
# room round named hubs and their own ties not counted under a name on the hub:
# sample ja 27, 0 and 5; en 24, 0 and 5; the council's files (30 organisations)
# ja 30, 0 and 3 (before: 25 and the 熊本 council's star unnamed), en 27, 0 and 3.
CASES = [
    ("sample", "ja", 24, 8),
    ("sample", "en", 21, 6),
    ("council", "ja", 28, 5),
    ("council", "en", 24, 5),
    ("small", "ja", 4, 0),
    ("small", "en", 4, 0),
    ("user", "ja", 12, 2),
    ("user", "en", 12, 3),
    ("synthetic", "ja", 20, 110),
    ("synthetic", "en", 16, 70),
]


@pytest.mark.parametrize(("data", "lang", "least", "most_crossings"), CASES)
def test_each_label_reads_as_its_own_nodes(request, data, lang, least, most_crossings):
    net = {
        "sample": lambda: request.getfixturevalue("sample"),
        "small": lambda: request.getfixturevalue("small_net"),
        "user": lambda: request.getfixturevalue("user_net"),
        "council": lambda: request.getfixturevalue("council_net"),
        "synthetic": lambda: request.getfixturevalue("synthetic"),
    }[data]()
    ax = cn.plot_map(net, lang=lang)
    got = measure(ax, net)
    assert got["wrong_owner"] == []
    assert got["on_markers"] == []
    assert got["overlaps"] == 0
    assert got["leader_crossings"] == []
    assert got["labels"] >= least
    assert got["tie_crossings"] <= most_crossings


def test_the_presenters_complaints_are_gone(sample):
    """Issue 13.3 by name: 「生協しまね」 no longer sits on a tie of the こうち star,
    and in English 「Satoumi University」 reads as its own node's and no leader
    crosses a label (「JA福島中央会」 among the 福岡 labels went with the old data)."""
    assert "JA福島中央会" not in set(sample.orgs["name"])
    edges = sample.edges
    case = edges.loc[edges["source"] == "kochi-coop-council", "case"].iloc[0]
    star = edges[edges["case"] == case]
    index = {n: i for i, n in enumerate(sample.orgs.index)}
    for lang in ("ja", "en"):
        ax = cn.plot_map(sample, lang=lang)
        got = measure(ax, sample)
        assert got["wrong_owner"] == [] and got["leader_crossings"] == []
        r = ax.figure.canvas.get_renderer()
        (coll,) = [a for a in ax.collections if a.get_gid() == "coopnet:nodes"]
        centres = ax.transData.transform(coll.get_offsets())
        ties = [
            Path(centres[[index[s], index[t]]])
            for s, t in zip(star["source"], star["target"], strict=True)
        ]
        for text in [t for t in ax.texts if t.get_gid() == "coopnet:label:seikyo-shimane"]:
            box = Bbox.from_extents(*text.get_window_extent(r).extents)
            assert not any(tie.intersects_bbox(box, filled=False) for tie in ties), lang


def stars(net) -> list[str]:
    """Organisations with three or more partners that have no other partner."""
    from coopnet._kernels.form import integer_form

    c = integer_form(net)
    lone = np.zeros(c.n, dtype=int)
    np.add.at(lone, c.u[c.partners[c.v] == 1], 1)
    np.add.at(lone, c.v[c.partners[c.u] == 1], 1)
    return list(net.orgs.index[lone >= 3])


@pytest.mark.parametrize("data", ["sample", "council"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_star_names_its_hub(request, data, lang):
    """The hub of a star (a council and the partners it alone ties) is what a
    presenter points at: it is named, and still reads as its own (the map makes
    room round it)."""
    net = request.getfixturevalue({"sample": "sample", "council": "council_net"}[data])
    hubs = stars(net)
    assert len(hubs) >= (7 if data == "sample" else 1)
    ax = cn.plot_map(net, lang=lang)
    named = {
        t.get_gid().split(":", 2)[2]
        for t in ax.texts
        if (t.get_gid() or "").startswith("coopnet:label:")
    }
    assert [h for h in hubs if h not in named] == []
    assert measure(ax, net)["wrong_owner"] == []


def test_placer_finds_boxes_crossing_segments():
    """The placer's own segment test agrees with matplotlib's on random cases."""
    from coopnet._draw.labels import segments_hit_boxes

    rng = np.random.default_rng(0)
    p0, p1 = rng.uniform(0, 100, (300, 2)), rng.uniform(0, 100, (300, 2))
    p1[:20, 0] = p0[:20, 0]  # vertical segments
    p1[20:40, 1] = p0[20:40, 1]  # horizontal ones
    boxes = np.sort(rng.uniform(0, 100, (40, 4)).reshape(40, 2, 2), axis=1).transpose(0, 2, 1)
    boxes = boxes.reshape(40, 4)[:, [0, 2, 1, 3]]  # x0, y0, x1, y1
    got = segments_hit_boxes(p0, p1, boxes)
    for i, b in enumerate(boxes):
        for j in range(len(p0)):
            want = Path([p0[j], p1[j]]).intersects_bbox(Bbox.from_extents(*b), filled=False)
            assert got[i, j] == want, (i, j)


def test_room_round_hubs_moves_only_lone_partners(small_net):
    """By hand: hub h with lone partners a, b, c and partners d, e tied to each other;
    at 10 px per unit and 100 px of room, a, b, c move out along their tie to 10
    units from h; d and e (and h) stay."""
    from conftest import make_net

    from coopnet._draw.placing import room_round_hubs

    net = make_net(
        [("h", "JA"), ("a", "生協"), ("b", "生協"), ("c", "生協"), ("d", "JF"), ("e", "JF")],
        [("h", "a"), ("h", "b"), ("h", "c"), ("h", "d"), ("h", "e"), ("d", "e")],
    )
    xy = np.array([[0, 0], [2, 0], [0, 3], [-1, -1], [1, 1], [1.5, 0.5]], dtype=float)
    reach = np.full(len(xy), 100.0)
    out = room_round_hubs(xy, net, np.array([0]), reach, scale=10.0)
    assert np.allclose(out[1], [10, 0]) and np.allclose(out[2], [0, 10])
    assert np.allclose(out[3], [-10 / np.sqrt(2), -10 / np.sqrt(2)])
    assert np.allclose(out[[0, 4, 5]], xy[[0, 4, 5]])
    # an unnamed hub gets no room
    assert np.allclose(room_round_hubs(xy, net, np.array([1]), reach, scale=10.0), xy)


def test_a_flat_layout_is_stretched_to_fill_the_frame():
    from coopnet._draw.placing import STRETCH, fill_frame

    frame = (1600.0, 900.0)
    flat = np.array([[0, 0], [4, 1], [2, 0.5]], dtype=float)  # 4:1 in a 16:9 frame
    out = fill_frame(flat, frame)
    assert np.allclose(out[:, 0], flat[:, 0])
    assert np.ptp(out[:, 1]) == pytest.approx(STRETCH)
    assert out[:, 1].mean() == pytest.approx(flat[:, 1].mean())
    near = np.array([[0, 0], [2, 1]], dtype=float)  # 2:1, close to 16:9: as it is
    assert np.allclose(fill_frame(near, frame), near)
    tall = np.array([[0, 0], [1, 3]], dtype=float)
    assert np.ptp(fill_frame(tall, frame)[:, 0]) == pytest.approx(STRETCH)


@pytest.mark.parametrize("data", ["sample", "council"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_each_label_of_a_type_panel_reads_as_its_own_nodes(request, data, lang):
    net = request.getfixturevalue({"sample": "sample", "council": "council_net"}[data])
    named = 0
    for ax in cn.plot_types(net, lang=lang):
        sub = net.by_type(ax.get_gid().split(":", 2)[2])
        got = measure(ax, sub)
        assert got["wrong_owner"] == [] and got["on_markers"] == [], ax.get_title()
        assert got["overlaps"] == 0 and got["leader_crossings"] == [], ax.get_title()
        named += got["labels"]
    # measured: bundled ja 26, en 19; the council's ja 34, en 28
    assert named >= {"sample": 17, "council": 25}[data]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_room_for_names_keeps_the_groups_apart(sample, lang):
    """Partners moved out round a hub stay in their group's own place: the boxes
    round the connected groups never overlap, on the map or in a type panel."""
    from coopnet._kernels.form import integer_form

    def boxes(ax, net):
        (coll,) = [a for a in ax.collections if a.get_gid() == "coopnet:nodes"]
        xy = coll.get_offsets()
        comp = integer_form(net).components
        return [(*xy[comp == c].min(axis=0), *xy[comp == c].max(axis=0)) for c in np.unique(comp)]

    drawn = [(cn.plot_map(sample, lang=lang), sample)]
    drawn += [
        (ax, sample.by_type(ax.get_gid().split(":", 2)[2]))
        for ax in cn.plot_types(sample, lang=lang)
    ]
    for ax, net in drawn:
        found = boxes(ax, net)
        for (a0, b0, a1, b1), (c0, d0, c1, d1) in itertools.combinations(found, 2):
            apart = a1 < c0 or c1 < a0 or b1 < d0 or d1 < b0
            assert apart, ax.get_gid()
