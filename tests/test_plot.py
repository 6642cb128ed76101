"""Slide maps: artists checked against the data, the tight box, the type styles, bytes."""

from __future__ import annotations

import io
import itertools
import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba

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


def legends(ax):
    return [a for a in ax.get_children() if isinstance(a, mpl.legend.Legend)]


def legend_texts(ax):
    return {
        leg.get_title().get_text(): [t.get_text() for t in leg.get_texts()] for leg in legends(ax)
    }


def _renderer(fig):
    return fig.canvas.get_renderer()


# ------------------------------------------------------------------ plot_map
def test_one_marker_per_organisation_in_its_sector_colour(sample):
    ax = cn.plot_map(sample, labels="none")
    coll = nodes(ax)
    assert len(coll.get_offsets()) == len(sample.orgs)
    want = [to_rgba(taxonomy.sector_color(s)) for s in sample.orgs["sector"]]
    assert [tuple(c) for c in coll.get_facecolors()] == want


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
        assert to_hex(coll.get_edgecolor()[0]).upper() == taxonomy.type_color(ptype)
        offset, dashes = mpl.lines._get_dash_pattern(taxonomy.type_linestyle(ptype))
        lw = coll.get_linewidth()[0]
        want = (offset, None if dashes is None else [d * lw for d in dashes])
        got = coll.get_linestyle()[0]
        assert got[0] == want[0]
        assert (got[1] is None) == (want[1] is None)
        if want[1] is not None:
            assert np.allclose(got[1], want[1])
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
    assert np.abs(a - b).max() > 0.1 * np.hypot(*(xy["ja"] - xy["coop"]))
    (single,) = by_gid(ax, "coopnet:edges:地域連携型")
    assert len(single.get_segments()[0]) == 2


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_legends_list_the_sectors_and_types_present(sample, lang):
    ax = cn.plot_map(sample, labels="none", lang=lang)
    got = legend_texts(ax)
    sector_title, type_title = (
        ("セクター", "連携類型") if lang == "ja" else ("Sector", "Partnership type")
    )
    assert got[sector_title] == [taxonomy.sector_label(s, lang) for s in sample.sectors]
    assert got[type_title] == [taxonomy.type_label(t, lang) for t in sample.types]


def test_legends_only_show_what_is_in_the_data(small_net):
    got = legend_texts(cn.plot_map(small_net, labels="none", lang="en"))
    assert got["Sector"] == [
        "JA (agricultural co-op)",
        "Consumer co-op",
        "JF (fisheries co-op)",
        "Government",
    ]
    assert got["Partnership type"] == ["Business alliance", "Community", "Learning & events"]


def test_the_map_has_a_title(sample, small_net):
    ax = cn.plot_map(sample, labels="none")
    assert ax.get_title(loc="left") == "全国に広がる協同組合間連携事例（JCA 2026年2月20日）"
    # a network without a name: the glossary's words
    unnamed = cn.Network(small_net.orgs, small_net.edges)
    assert cn.plot_map(unnamed, labels="none", lang="en").get_title(loc="left") == (
        "Cooperative partnership map"
    )
    assert (
        cn.plot_map(sample, labels="none", title="県内の連携").get_title(loc="left") == "県内の連携"
    )
    assert cn.plot_map(sample, labels="none", title="").get_title(loc="left") == ""


def test_report_and_draw_put_their_title_on_the_map(monkeypatch, small_files, tmp_path):
    """The title a user gives (or the report's default) is the one on map.png."""
    import coopnet.plot
    import coopnet.reporting

    drawn = []
    real = coopnet.plot.plot_map

    def spy(*args, **kwargs):
        ax = real(*args, **kwargs)
        drawn.append(ax.get_title(loc="left"))
        return ax

    monkeypatch.setattr(coopnet.plot, "plot_map", spy)
    orgs, edges = small_files
    out = tmp_path / "n.png"
    assert (
        main(["draw", "-o", str(out), "--title", "香川の連携", "--orgs", orgs, "--edges", edges])
        == 0
    )
    assert drawn == ["香川の連携"]
    net = cn.read_csv(orgs, edges)
    coopnet.reporting._pictures(net, lang="ja", seed=0, title="県内の協同組合間連携")
    assert drawn[1] == "県内の協同組合間連携"  # map.png (the deck's maps have no title)
    assert set(drawn[2:]) == {""}


# ---------------------------------------------------------------- extra sectors
def test_sectors_outside_the_taxonomy_look_different(user_net):
    """Three sectors outside the taxonomy: three colours, as squares, in the nodes and
    the legend — never the grey of old nor a taxonomy sector's circle (issue 13.2)."""
    extra = ["商工団体", "生産者団体", "金融機関"]
    styles = user_net.sector_styles
    assert len({styles[s][0] for s in extra}) == 3
    assert {styles[s][1] for s in extra} == {"s"}
    ax = cn.plot_map(user_net, labels="none")
    coll = nodes(ax)
    colours = [to_hex(c).upper() for c in coll.get_facecolors()]
    sectors = list(user_net.orgs["sector"])
    for s in extra:
        drawn = {c for c, t in zip(colours, sectors, strict=True) if t == s}
        assert drawn == {styles[s][0]}
    assert len({c for c, t in zip(colours, sectors, strict=True) if t in extra}) == 3
    # each node carries its sector's shape: squares have four corners, circles none
    paths = coll.get_paths()
    assert len(paths) == len(sectors)
    for path, s in zip(paths, sectors, strict=True):
        corners = len(path.vertices) <= 6  # a closed square: 4 corners (+ closing)
        assert corners == (s in extra), s
    # the legend shows the same colour and shape
    leg = next(leg for leg in legends(ax) if leg.get_title().get_text() == "セクター")
    entries = {t.get_text(): h for t, h in zip(leg.get_texts(), leg.legend_handles, strict=True)}
    for s in extra:
        assert to_hex(entries[s].get_markerfacecolor()).upper() == styles[s][0]
        assert entries[s].get_marker() == "s"
    assert entries["JA（農協）"].get_marker() == "o"


def test_extra_sector_colours_are_far_from_the_taxonomys():
    # CIELAB distance (sRGB, D65) between every extra colour and every sector colour
    def lab(h):
        c = np.array(to_rgba(h)[:3])
        c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
        m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        xyz = m @ c / np.array([0.95047, 1.0, 1.08883])
        f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    own = [s.color for s in taxonomy.SECTORS.values()]
    for extra in taxonomy.EXTRA_COLORS:
        # ΔE > 18 (Tol's *bright* colours used before were 8–17 from a sector's)
        assert min(np.linalg.norm(lab(extra) - lab(c)) for c in own) > 18, extra


# ------------------------------------------------------------- the six types
def _dashes(ptype):
    _, dashes = mpl.lines._get_dash_pattern(taxonomy.type_linestyle(ptype))
    return tuple(dashes or ())


def test_the_six_types_have_six_different_dash_patterns():
    """In greyscale print the dash pattern tells the types apart (issue 13.7): no two
    share a pattern, and patterns with the same number of dashes differ in length
    by at least half."""
    patterns = {t: _dashes(t) for t in taxonomy.TYPES}
    for a, b in itertools.combinations(taxonomy.TYPES, 2):
        pa, pb = patterns[a], patterns[b]
        assert pa != pb, (a, b)
        if len(pa) == len(pb) and pa:
            ratio = max(pa) / max(pb)
            assert ratio >= 1.5 or ratio <= 1 / 1.5, (a, b, pa, pb)


def test_the_six_types_have_six_different_greys():
    grey = {
        t: 255 * np.dot(to_rgba(taxonomy.type_color(t))[:3], [0.299, 0.587, 0.114])
        for t in taxonomy.TYPES
    }
    for a, b in itertools.combinations(taxonomy.TYPES, 2):
        assert abs(grey[a] - grey[b]) >= 20, (a, b, grey[a], grey[b])
    assert max(grey.values()) <= 185  # the lightest still shows on white paper


def test_the_type_legend_in_greyscale_keeps_six_lightnesses(sample, tmp_path):
    # render the map's type legend alone, convert to greyscale as a printer would,
    # and read the darkest grey along each legend line
    from PIL import Image

    ax = cn.plot_map(sample, labels="none")
    fig = ax.figure
    leg = next(leg for leg in legends(ax) if leg.get_title().get_text() == "連携類型")
    path = tmp_path / "map.png"
    fig.savefig(path, dpi=fig.dpi)
    image = np.asarray(Image.open(path).convert("L"), dtype=float)
    r = _renderer(fig)
    greys = []
    for handle in leg.get_lines():
        box = handle.get_window_extent(r)
        y = round(image.shape[0] - (box.y0 + box.y1) / 2)
        row = image[y - 1 : y + 2, int(box.x0) + 1 : int(box.x1) - 1]
        greys.append(float(np.percentile(row, 5)))
    assert len(greys) == 6
    for a, b in itertools.combinations(greys, 2):
        assert abs(a - b) >= 12, greys


# ------------------------------------------------------------------- labels
def _boxes(ax, texts):
    r = _renderer(ax.figure)
    return [t.get_window_extent(r) for t in texts]


def assert_labels_clear(ax, net):
    """No two labels overlap, and no label covers another organisation's marker
    centre (a framed label may sit on its own node)."""
    texts = label_texts(ax)
    boxes = _boxes(ax, texts)
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        assert not a.overlaps(b), (texts[i].get_text(), texts[j].get_text())
    centres = ax.transData.transform(nodes(ax).get_offsets())
    ids = list(net.orgs.index)
    for text, box in zip(texts, boxes, strict=True):
        inside = (
            (centres[:, 0] >= box.x0)
            & (centres[:, 0] <= box.x1)
            & (centres[:, 1] >= box.y0)
            & (centres[:, 1] <= box.y1)
        )
        own = ids.index(text.get_gid().split(":", 2)[2])
        if text.get_bbox_patch() is not None:  # on its own node, framed
            assert inside[own]
            inside[own] = False
        assert not inside.any(), text.get_text()
    return texts


@pytest.mark.parametrize(
    ("options", "least"),
    [({}, 24), ({"lang": "en"}, 22), ({"layout": "sector"}, 16), ({"layout": "circular"}, 20)],
    ids=["default", "en", "sector", "circular"],
)
def test_labels_do_not_overlap_at_slide_size(sample, options, least):
    ax = cn.plot_map(sample, **options)
    texts = assert_labels_clear(ax, sample)
    assert len(texts) >= least  # the default names most groups, not a token few
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
    frame = ax.get_window_extent(_renderer(ax.figure))
    label_boxes = _boxes(ax, label_texts(ax))
    for box in _boxes(ax, list(titles.values())):
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1
        assert frame.y0 <= box.y0 and box.y1 <= frame.y1
        assert not any(box.overlaps(b) for b in label_boxes)


@pytest.mark.slow
def test_labels_all_names_every_organisation_without_overlap(sample):
    # 107 names do not fit at 12 pt: the type shrinks until every one has a place
    ax = cn.plot_map(sample, labels="all")
    texts = assert_labels_clear(ax, sample)
    assert len(texts) == len(sample.orgs)
    assert min(t.get_fontsize() for t in texts) >= 7.9


def test_every_label_of_a_small_network(small_net):
    ax = cn.plot_map(small_net)
    texts = assert_labels_clear(ax, small_net)
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
    assert len(got) >= 6  # a hub ringed by its partners may find no place of its own
    assert_labels_clear(ax, sample)


def test_size_by_grows_with_the_value(sample):
    ax = cn.plot_map(sample, labels="none", size_by="betweenness")
    sizes = nodes(ax).get_sizes()
    bet = nx.betweenness_centrality(sample.to_graph())
    values = np.array([bet[n] for n in sample.orgs.index])
    order = np.argsort(values, kind="stable")
    assert np.all(np.diff(sizes[order]) >= -1e-9)  # monotone in the value
    assert sizes[np.argmax(values)] > sizes[np.argmin(values)]


def test_the_html_maps_choices_work_here_too(small_net):
    # one convention: every color_by / size_by / layout value of to_html draws a map
    from coopnet._draw.values import CENTRALITY
    from coopnet._html.payload import check_options

    for color_by in ("sector", *small_net.orgs.columns):
        check_options(
            small_net, color_by=color_by, size_by=None, lang="ja", physics=None, title=None,
            layout=None, seed=0, level="auto",
        )  # fmt: skip
        cn.plot_map(small_net, color_by=color_by, labels="none")
    for size_by in ("partners", "partnerships", *CENTRALITY, None):
        check_options(
            small_net, color_by="sector", size_by=size_by, lang="ja", physics=None, title=None,
            layout=None, seed=0, level="auto",
        )  # fmt: skip
        cn.plot_map(small_net, size_by=size_by, labels="none")
    for layout in (*cn.layout.LAYOUTS, None):
        cn.plot_map(small_net, layout=layout, labels="none")
    ax = cn.plot_map(small_net, size_by=None, labels="none", lang="en")
    assert not by_gid(ax, "coopnet:size-note")


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
        ({"lang": "fr"}, "lang='fr' is not valid; choose from 'ja', 'en'"),
        ({"layout": "grid"}, "layout='grid'.*spring, sector, circular"),
        ({"size_by": "height"}, "size_by='height'.*partners, partnerships"),
        ({"labels": "most"}, "labels='most'.*'all', 'none', 'auto', 'topN'"),
        ({"labels": ["nobody"]}, "not in the network"),
        ({"color_by": "colour"}, "color_by='colour'.*'sector'"),
        ({"legend": "yes"}, "legend='yes' is not valid"),
    ],
)
def test_bad_arguments_name_the_choices(small_net, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cn.plot_map(small_net, **kwargs)


def test_a_networkx_graph_is_refused_in_the_users_terms(small_net):
    for draw in (cn.plot_map, cn.plot_types, cn.plot_pairs):
        with pytest.raises(TypeError, match=r"must be a coopnet\.Network"):
            draw(small_net.to_graph())


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
        cn.plot_types(sample, labels="top2")[0].figure,
        cn.plot_pairs(sample, n_perm=20).figure,
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("error", UserWarning)
            fig.canvas.draw()
            fig.savefig(io.BytesIO(), format="svg")


# ---------------------------------------------------------------- save_slide
def _draw_and_save(net, path, **kw):
    return cn.save_slide(cn.plot_map(net, **kw), path)


def test_save_slide_png_is_1920_by_1080_and_byte_stable(small_net, tmp_path):
    from PIL import Image

    a = _draw_and_save(small_net, tmp_path / "a.png", seed=2)
    _draw_and_save(small_net, tmp_path / "b.png", seed=2)
    assert Image.open(a).size == (1920, 1080)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    c = _draw_and_save(small_net, tmp_path / "c.png", seed=3)
    assert (tmp_path / "c.png").read_bytes() != (tmp_path / "a.png").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    assert str(c).endswith("c.png")


def test_save_slide_takes_what_every_plot_function_returns(small_net, tmp_path):
    from PIL import Image

    for name, picture in [
        ("map", cn.plot_map(small_net)),
        ("types", cn.plot_types(small_net)),
        ("pairs", cn.plot_pairs(small_net, n_perm=10)),
        ("figure", cn.plot_map(small_net).figure),
    ]:
        path = cn.save_slide(picture, tmp_path / f"{name}.png")
        assert Image.open(path).size == (1920, 1080)
    with pytest.raises(TypeError, match="Figure or what a plot_\\* function returns"):
        cn.save_slide("map", tmp_path / "x.png")


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
    with pytest.raises(ValueError, match=r"size=.3:2. is not valid; choose from '16:9', '4:3'"):
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
    args = ["--orgs", orgs, "--edges", edges]
    assert (
        main(
            ["draw", "-o", str(tmp_path / "l.png"), "--labels", "top3", "--layout", "sector", *args]
        )
        == 0
    )
    assert main(["draw", "-o", str(tmp_path / "n.png"), "--title", "香川の連携", *args]) == 0
    assert main(["draw-pairs", "-o", str(tmp_path / "q.png"), "--by", "partnership", *args]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and "3 panels" in out and "(partnership)" in out


def test_cli_draw_bad_input(tmp_path, capsys):
    assert main(["draw", "-o", str(tmp_path / "m.jpg")]) == 2
    assert "extension must be .png, .pdf or .svg" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["draw", "-o", str(tmp_path / "m.png"), "--labels", "many"])
    with pytest.raises(SystemExit):
        main(["draw-pairs", "-o", str(tmp_path / "p.png"), "--by", "edges"])
