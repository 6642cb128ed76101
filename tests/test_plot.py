"""Static maps: artists checked against the data, labels against each other, bytes."""

from __future__ import annotations

import io
import itertools
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import coopnet as cn
from coopnet import taxonomy
from coopnet.cli import main


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def sample():
    return cn.load_sample()


def by_gid(ax, prefix):
    return [a for a in ax.findobj() if (a.get_gid() or "").startswith(prefix)]


def nodes(ax):
    (coll,) = by_gid(ax, "coopnet:nodes")
    return coll


def label_texts(ax):
    return [t for t in ax.texts if (t.get_gid() or "").startswith("coopnet:label:")]


def legend_texts(ax):
    return {
        leg.get_title().get_text(): [t.get_text() for t in leg.get_texts()]
        for leg in ax.artists
        if isinstance(leg, mpl.legend.Legend)
    }


# ------------------------------------------------------------------ plot_map
def test_one_marker_per_organisation_in_its_sector_colour(sample):
    ax = cn.plot_map(sample, labels="none")
    coll = nodes(ax)
    assert len(coll.get_offsets()) == len(sample.orgs)
    want = [to_rgba(taxonomy.sector_color(s)) for s in sample.orgs["sector"]]
    assert [tuple(c) for c in coll.get_facecolors()] == want
    # every sector of the data appears, in the taxonomy's colour
    assert {taxonomy.sector_color(s) for s in sample.sectors} == {
        mpl.colors.to_hex(c).upper() for c in coll.get_facecolors()
    }


def test_positions_follow_the_layout(sample):
    pos = cn.layout.layout_positions(sample, layout="circular")
    ax = cn.plot_map(sample, layout="circular", labels="none")
    want = np.array([pos[n] for n in sample.orgs.index])
    assert np.allclose(nodes(ax).get_offsets(), want)


def test_one_polyline_per_partnership_styled_by_type(sample):
    ax = cn.plot_map(sample, labels="none")
    counts = sample.edges["type"].value_counts()
    drawn = {}
    for coll in by_gid(ax, "coopnet:edges:"):
        ptype = coll.get_gid().split(":", 2)[2]
        drawn[ptype] = len(coll.get_segments())
        assert mpl.colors.to_hex(coll.get_edgecolor()[0]).upper() == taxonomy.type_color(ptype)
        style = coll.get_linestyle()[0]
        expected = mpl.lines._get_dash_pattern(taxonomy.type_linestyle(ptype))
        offset, dashes = expected
        lw = coll.get_linewidth()[0]
        scaled = None if dashes is None else [d * lw for d in dashes]
        assert style == (offset, scaled) or style == expected
    assert drawn == counts.to_dict()


def test_parallel_partnerships_stay_visible(small_net):
    # ja–coop has two 事業連携型 partnerships (conftest): two distinct curves
    # joining the same two markers, not one line drawn twice.
    ax = cn.plot_map(small_net, labels="none", legend=False)
    xy = dict(zip(small_net.orgs.index, nodes(ax).get_offsets(), strict=True))
    (coll,) = by_gid(ax, "coopnet:edges:事業連携型")
    a, b = coll.get_segments()
    for seg in (a, b):
        ends = {tuple(np.round(seg[0], 9)), tuple(np.round(seg[-1], 9))}
        assert ends == {tuple(np.round(xy["ja"], 9)), tuple(np.round(xy["coop"], 9))}
    gap = np.abs(a - b).max()
    length = np.hypot(*(xy["ja"] - xy["coop"]))
    assert gap > 0.1 * length  # visibly apart
    # single partnerships stay straight
    (single,) = by_gid(ax, "coopnet:edges:地域連携型")
    assert len(single.get_segments()[0]) == 2


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_legends_list_the_sectors_and_types_present(sample, lang):
    ax = cn.plot_map(sample, labels="none", lang=lang)
    legends = legend_texts(ax)
    sector_title, type_title = (
        ("セクター", "連携類型") if lang == "ja" else ("Sector", "Partnership type")
    )
    assert legends[sector_title] == [taxonomy.sector_label(s, lang) for s in sample.sectors]
    assert legends[type_title] == [taxonomy.type_label(t, lang) for t in sample.types]


def test_legends_only_show_what_is_in_the_data(small_net):
    ax = cn.plot_map(small_net, labels="none", lang="en")
    legends = legend_texts(ax)
    assert legends["Sector"] == [
        "JA (agricultural co-op)",
        "Consumer co-op",
        "JF (fisheries co-op)",
        "Government",
    ]
    assert legends["Partnership type"] == ["Business alliance", "Community", "Learning & events"]


def _boxes(ax, texts):
    renderer = ax.figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts]


def assert_labels_clear(ax):
    """No two labels overlap and no label covers any marker centre (display pixels)."""
    texts = label_texts(ax)
    boxes = _boxes(ax, texts)
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), (texts[i].get_text(), texts[j].get_text())
    centres = ax.transData.transform(nodes(ax).get_offsets())
    for text, box in zip(texts, boxes, strict=True):
        inside = (
            (centres[:, 0] >= box.x0)
            & (centres[:, 0] <= box.x1)
            & (centres[:, 1] >= box.y0)
            & (centres[:, 1] <= box.y1)
        )
        assert not inside.any(), text.get_text()
    return texts


@pytest.mark.parametrize(
    "options",
    [{}, {"lang": "en"}, {"layout": "sector"}, {"layout": "circular"}],
    ids=["default", "en", "sector", "circular"],
)
def test_labels_do_not_overlap_at_slide_size(sample, options):
    ax = cn.plot_map(sample, **options)
    texts = assert_labels_clear(ax)
    assert len(texts) >= 25  # the default names most groups, not a token few
    if options.get("lang") == "en":  # English wraps at spaces
        names, shown = set(sample.orgs["name_en"]), {t.get_text().replace("\n", " ") for t in texts}
    else:  # Japanese wraps between characters
        names, shown = set(sample.orgs["name"]), {t.get_text().replace("\n", "") for t in texts}
    assert shown <= names


def test_sector_layout_names_each_group_inside_the_frame(sample):
    ax = cn.plot_map(sample, layout="sector", lang="en")
    titles = {t.get_gid().split(":", 2)[2]: t for t in by_gid(ax, "coopnet:sector-title:")}
    assert list(titles) == sample.sectors
    assert [t.get_text() for t in titles.values()] == [
        taxonomy.sector_label(s, "en") for s in sample.sectors
    ]
    frame = ax.get_window_extent(ax.figure.canvas.get_renderer())
    label_boxes = _boxes(ax, label_texts(ax))
    for box in _boxes(ax, list(titles.values())):
        assert (
            frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
        )
        assert not any(box.overlaps(b) for b in label_boxes)


def test_labels_all_names_every_organisation_without_overlap(sample):
    # 107 names do not fit at 12 pt: the type shrinks until every one has a place
    ax = cn.plot_map(sample, labels="all")
    texts = assert_labels_clear(ax)
    assert len(texts) == len(sample.orgs)
    assert min(t.get_fontsize() for t in texts) >= 8


def test_every_label_of_a_small_network(small_net):
    ax = cn.plot_map(small_net)
    texts = assert_labels_clear(ax)
    assert sorted(t.get_text() for t in texts) == sorted(small_net.orgs["name"])
    ax = cn.plot_map(small_net, lang="en")
    assert sorted(t.get_text() for t in label_texts(ax)) == sorted(small_net.orgs["name_en"])


def test_top_n_labels_the_organisations_with_most_partners(sample):
    ax = cn.plot_map(sample, labels="top8")
    got = {t.get_gid().split(":", 2)[2] for t in label_texts(ax)}
    degree = dict(nx.Graph(sample.to_graph()).degree())
    # the eight largest degrees (ties broken by file order, as documented)
    order = sorted(sample.orgs.index, key=lambda n: (-degree[n], list(sample.orgs.index).index(n)))
    assert got <= set(order[:8])
    assert len(got) >= 7  # at most one may find no free place
    assert_labels_clear(ax)


def test_size_by_grows_with_the_value(sample):
    ax = cn.plot_map(sample, labels="none", size_by="betweenness")
    sizes = nodes(ax).get_sizes()
    bet = nx.betweenness_centrality(sample.to_graph())
    values = np.array([bet[n] for n in sample.orgs.index])
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(sizes[order]) >= -1e-9)  # monotone in the value
    assert sizes[np.argmax(values)] > sizes[np.argmin(values)]


def test_draws_on_a_given_axes_and_keeps_rcparams(sample):
    before = dict(mpl.rcParams)
    fig, ax = plt.subplots(figsize=(8, 5))
    out = cn.plot_map(sample, ax=ax, legend=False)
    assert out is ax and len(fig.axes) == 1
    fig.canvas.draw()
    assert dict(mpl.rcParams) == before  # nothing changed for good
    assert "matplotlib_fontja" not in __import__("sys").modules  # japanize() never ran


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": "fr"}, "lang='fr'.*'ja' or 'en'"),
        ({"layout": "grid"}, "layout='grid'.*spring, sector, circular"),
        ({"size_by": "height"}, "size_by='height'.*partners, partnerships"),
        ({"labels": "most"}, "labels='most'.*'all', 'none', 'auto', 'topN'"),
        ({"labels": ["nobody"]}, "not in the network"),
        ({"color_by": "colour"}, "color_by='colour'.*'sector'"),
    ],
)
def test_bad_arguments_name_the_choices(small_net, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cn.plot_map(small_net, **kwargs)


# ------------------------------------------------------------- fonts / tofu
def test_a_missing_glyph_is_an_error_in_the_tests():
    # pyproject's filterwarnings turns matplotlib's "Glyph … missing from font(s)"
    # into an error; this proves the filter matches (matplotlib attributes the
    # warning to the caller, so a module-based filter would not).
    fig = plt.figure()
    fig.text(0.5, 0.5, "協同組合", family="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_japanese_renders_without_tofu_everywhere(sample):
    # The same text through coopnet's fonts draws cleanly (any tofu would raise).
    for fig in (
        cn.plot_map(sample).figure,
        cn.plot_types(sample, labels="top2"),
        cn.plot_pairs(sample).figure,
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)
            fig.canvas.draw()
            fig.savefig(io.BytesIO(), format="svg")


# ---------------------------------------------------------------- plot_types
def test_plot_types_six_panels_same_positions(sample):
    fig = cn.plot_types(sample)
    axes = fig.axes
    assert [ax.get_gid() for ax in axes] == [f"coopnet:panel:{t}" for t in taxonomy.TYPES]
    counts = sample.edges["type"].value_counts()
    first = None
    for ax, ptype in zip(axes, taxonomy.TYPES, strict=True):
        assert ax.get_title().startswith(taxonomy.type_label(ptype, "ja"))
        assert f"{counts.get(ptype, 0)}件" in ax.get_title()
        points = np.concatenate(
            [c.get_offsets() for c in by_gid(ax, "coopnet:nodes") + by_gid(ax, "coopnet:inactive")]
        )
        assert len(points) == len(sample.orgs)  # every organisation, once
        key = sorted(map(tuple, np.round(points, 9)))
        first = first or key
        assert key == first  # the same places in every panel
        drawn = sum(len(c.get_segments()) for c in by_gid(ax, "coopnet:edges:"))
        assert drawn == counts.get(ptype, 0)
        assert {c.get_gid() for c in by_gid(ax, "coopnet:edges:")} <= {f"coopnet:edges:{ptype}"}


def test_plot_types_labels_stay_clear_of_the_drawn_organisations(sample):
    fig = cn.plot_types(sample)  # default: the top three of each type named
    for ax in fig.axes:
        texts = label_texts(ax)
        assert 1 <= len(texts) <= 3, ax.get_title()
        centres = ax.transData.transform(nodes(ax).get_offsets())
        boxes = _boxes(ax, texts)
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b)
        for box in boxes:
            inside = (centres[:, 0] >= box.x0) & (centres[:, 0] <= box.x1)
            inside &= (centres[:, 1] >= box.y0) & (centres[:, 1] <= box.y1)
            assert not inside.any()


def test_plot_types_active_organisations_are_coloured(small_net):
    fig = cn.plot_types(small_net, lang="en")
    panel = fig.axes[list(taxonomy.TYPES).index("学習会・イベント型")]
    # 学習会・イベント型 has one partnership, coop–jf: two coloured markers
    (coll,) = by_gid(panel, "coopnet:nodes")
    assert [mpl.colors.to_hex(c).upper() for c in coll.get_facecolors()] == [
        taxonomy.sector_color("生協"),
        taxonomy.sector_color("JF"),
    ]
    assert panel.get_title() == "Learning & events (1)"


# ---------------------------------------------------------------- plot_pairs
def test_plot_pairs_cells_show_the_counts(small_net):
    # Worked by hand from conftest's four partnerships: JA–生協 ×2, 生協–JF ×1,
    # JF–行政 ×1; symmetric, each partnership counted once.
    ax = cn.plot_pairs(small_net, lang="en")
    cells = {
        tuple(t.get_gid().split(":")[2:]): int(t.get_text())
        for t in ax.texts
        if (t.get_gid() or "").startswith("coopnet:count:")
    }
    want = {(a, b): 0 for a in ["JA", "生協", "JF", "行政"] for b in ["JA", "生協", "JF", "行政"]}
    for a, b, n in [("JA", "生協", 2), ("生協", "JF", 1), ("JF", "行政", 1)]:
        want[a, b] = want[b, a] = n
    assert cells == want
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == [
        "JA (agricultural co-op)",
        "Consumer co-op",
        "JF (fisheries co-op)",
        "Government",
    ]


def test_plot_pairs_matches_sector_matrix(sample):
    ax = cn.plot_pairs(sample)
    table = cn.sector_matrix(sample)
    image = by_gid(ax, "coopnet:pairs")[0]
    assert np.array_equal(np.asarray(image.get_array()), table.to_numpy())
    for t in ax.texts:
        if (t.get_gid() or "").startswith("coopnet:count:"):
            _, _, a, b = t.get_gid().split(":")
            assert int(t.get_text()) == table.loc[a, b]


# ---------------------------------------------------------------- save_slide
def _draw_and_save(net, path, **kw):
    ax = cn.plot_map(net, **kw)
    return cn.save_slide(ax.figure, path)


def test_save_slide_png_is_1920_by_1080_and_byte_stable(sample, tmp_path):
    from PIL import Image

    a = _draw_and_save(sample, tmp_path / "a.png", seed=2)
    _draw_and_save(sample, tmp_path / "b.png", seed=2)
    assert Image.open(a).size == (1920, 1080)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    c = _draw_and_save(sample, tmp_path / "c.png", seed=3)
    assert (tmp_path / "c.png").read_bytes() != (tmp_path / "a.png").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    assert str(c).endswith("c.png")


@pytest.mark.parametrize("ext", ["pdf", "svg"])
def test_save_slide_vector_formats_are_byte_stable(small_net, tmp_path, ext):
    _draw_and_save(small_net, tmp_path / f"a.{ext}")
    _draw_and_save(small_net, tmp_path / f"b.{ext}")
    data = (tmp_path / f"a.{ext}").read_bytes()
    assert data == (tmp_path / f"b.{ext}").read_bytes()
    assert data.startswith(b"%PDF" if ext == "pdf" else b"<?xml")
    assert b"CreationDate" not in data and b"<dc:date>" not in data


def test_save_slide_rejects_unknown_extension_and_size(small_net, tmp_path):
    fig = cn.plot_map(small_net).figure
    with pytest.raises(ValueError, match=r"extension 'jpg'.*\.png, \.pdf or \.svg"):
        cn.save_slide(fig, tmp_path / "x.jpg")
    with pytest.raises(ValueError, match=r"size=.3:2.*16:9, 4:3"):
        cn.save_slide(fig, tmp_path / "x.png", size="3:2")


# ----------------------------------------------------------------------- CLI
def test_cli_draw_commands(tmp_path, capsys, small_files):
    from PIL import Image

    orgs, edges = small_files
    for cmd, name in [("draw", "m.png"), ("draw-types", "t.png"), ("draw-pairs", "p.svg")]:
        out = tmp_path / name
        assert main([cmd, "--orgs", orgs, "--edges", edges, "-o", str(out), "--lang", "en"]) == 0
        assert out.exists()
    assert Image.open(tmp_path / "m.png").size == (1920, 1080)
    assert (
        main(
            [
                "draw",
                "-o",
                str(tmp_path / "l.png"),
                "--labels",
                "top3",
                "--layout",
                "sector",
                "--orgs",
                orgs,
                "--edges",
                edges,
            ]
        )
        == 0
    )
    assert "wrote" in capsys.readouterr().out


def test_cli_draw_bad_input(tmp_path, capsys):
    assert main(["draw", "-o", str(tmp_path / "m.jpg")]) == 2
    assert "extension must be .png, .pdf or .svg" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["draw", "-o", str(tmp_path / "m.png"), "--labels", "many"])
