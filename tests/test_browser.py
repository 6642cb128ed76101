"""The interactive map in a real browser: Debian's headless Chromium driven by Playwright.

Chromium here may have no Japanese system font, so Japanese text renders through the
font embedded in the page. One browser serves every test; each page routes every
request and fails on any that is not the page itself. vis-network's ids are the
positions of organisations and pairs in the page's data; ``coopnet.shown()`` reads
what vis-network draws (its visible node and edge indices), in organisation ids.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import write
from page_visit import MARKS, close, rgb
from test_interactive import HOSTILE_EDGES, as_loaded, builtin_net, page_data, write_hostile

import coopnet as cn

pytestmark = MARKS

BUILTINS = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"]

# a–b: two 事業連携型 and one 災害支援型 partnership; b–c: one 学習会・イベント型.
MIXED_ORGS = """id,name,sector
a,組合A,JA
b,組合B,生協
c,組合C,行政
"""
MIXED_EDGES = """source,target,type,case,year
a,b,事業連携型,事例1,2019
b,a,事業連携型,事例2,2020
a,b,災害支援型,事例3,2021
b,c,学習会・イベント型,事例4,
"""


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    bundled = cn.load_sample()
    with pytest.warns(UserWarning, match="not prefectures"):
        hostile = cn.read_csv(*write_hostile(folder), strict=False)
    (folder / "mixed").mkdir()
    mixed = cn.read_csv(
        write(folder / "mixed" / "orgs.csv", MIXED_ORGS),
        write(folder / "mixed" / "edges.csv", MIXED_EDGES),
    )
    builtins = builtin_net()
    return {
        "bundled": (bundled, cn.to_html(bundled, folder / "bundled.html")),
        "english": (bundled, cn.to_html(bundled, folder / "english.html", lang="en")),
        "hostile": (hostile, cn.to_html(hostile, folder / "hostile.html")),
        "mixed": (mixed, cn.to_html(mixed, folder / "mixed.html")),
        "physics": (mixed, cn.to_html(mixed, folder / "physics.html", physics=True)),
        "builtins": (builtins, cn.to_html(builtins, folder / "builtins.html")),
        "builtins-physics": (
            builtins,
            cn.to_html(builtins, folder / "builtins-physics.html", physics=True),
        ),
    }


# --------------------------------------------------------------- drawing, offline
@pytest.mark.parametrize("which", ["bundled", "hostile", "physics", "builtins", "builtins-physics"])
def test_network_draws_offline_without_errors(maps, visit, which):
    net, path = maps[which]
    v = visit(path)
    counts = v.page.evaluate(
        """() => [network instanceof vis.Network, network.body.data.nodes.length,
                  network.body.data.edges.length, network.body.nodeIndices.length,
                  document.documentElement.dataset.coopnet]"""
    )
    # one vis node per organisation, one vis edge per pair of partners, all drawn
    assert counts == [True, len(net.orgs), net.to_graph().number_of_edges(), len(net.orgs), "drawn"]
    nodes, edges = v.visible()
    assert nodes == set(net.orgs.index)
    assert edges == {frozenset(e) for e in net.to_graph().edges()}
    # the legend lists every sector and type present, in the page's language
    panel = v.page.locator("#panel").inner_text()
    for s in net.sectors:
        assert cn.taxonomy.sector_label(s, "ja") in panel
    for t in net.types:
        assert t in panel
    # the force simulation runs only when asked for
    assert v.page.evaluate("network.physics.physicsEnabled") is which.endswith("physics")
    v.assert_clean()


@pytest.mark.parametrize("which", ["builtins", "builtins-physics"])
def test_builtin_names_hover_and_select(maps, visit, which):
    """Ids named constructor, toString, valueOf, hasOwnProperty, __proto__ (cases too)
    show their tooltip and can be selected; with physics the page draws (no RangeError)."""
    net, path = maps[which]
    v = visit(path)
    if which.endswith("physics"):
        v.page.evaluate("network.stopSimulation()")  # hold still for the mouse
        v.settle(300)
    g = net.to_graph()
    for org, (x, y) in v.node_points().items():
        v.page.mouse.move(x, y)
        tip = v.page.evaluate("document.getElementById('tip').textContent")
        cases = {c for _, _, d in g.edges(org, data=True) for c in d["cases"]}
        assert tip.startswith(org)  # its name (the same text as its id) ...
        assert all(c in tip for c in cases)  # ... and its cases, named after others
        v.page.mouse.click(x, y)
        selected = v.page.evaluate("network.getSelectedNodes().map(i => coopnet.data.nodes[i].id)")
        assert selected == [org]
        assert v.lit()[0] == set(g[org]) | {org}
    v.assert_clean()


def test_components_are_packed_for_the_page_shape(maps, visit):
    """On a squarer screen the page takes the packing made for that shape."""
    _, path = maps["bundled"]
    data = page_data(path.read_text(encoding="utf-8"))
    pk = data["packing"]
    v = visit(path, viewport=(1000, 800))
    width, height = v.page.evaluate(
        "(() => { const r = document.getElementById('map').getBoundingClientRect();"
        " return [r.width, r.height]; })()"
    )
    best = min(
        range(len(pk["aspects"])), key=lambda i: abs(math.log(pk["aspects"][i] * height / width))
    )
    assert best != pk["default"]  # this screen is squarer than the default packing's
    got = v.page.evaluate("network.getPositions()")
    for i, n in enumerate(data["nodes"]):
        k = n["k"]
        want_x = n["x"] + pk["corners"][best][k][0] - pk["corners"][pk["default"]][k][0]
        want_y = n["y"] + pk["corners"][best][k][1] - pk["corners"][pk["default"]][k][1]
        assert got[str(i)]["x"] == pytest.approx(want_x, abs=1.0)  # vis keeps whole pixels
        assert got[str(i)]["y"] == pytest.approx(want_y, abs=1.0)
    v.assert_clean()


# --------------------------------------------------------------- hover and click
def test_hover_and_click_every_node_runs_no_payload(maps, visit):
    net, path = maps["hostile"]
    v = visit(path)
    names = dict(zip(net.orgs.index, net.orgs["name"], strict=True))
    for node, (x, y) in v.node_points().items():
        v.page.mouse.move(x, y)
        tip = v.page.evaluate(
            """() => { const t = document.getElementById('tip');
                       return [t.hidden, t.textContent,
                               t.querySelectorAll('img, svg, script, b, iframe').length]; }"""
        )
        assert tip[0] is False, f"no tooltip over {node!r}"
        assert names[node] in tip[1]  # the name as text, exactly as in the CSV
        assert tip[2] == 0
        v.page.mouse.click(x, y)
        assert v.page.evaluate("network.getSelectedNodes().map(i => coopnet.data.nodes[i].id)") == [
            node
        ]
    # every pair's tooltip lists its case titles as text
    pairs = v.page.evaluate(
        """() => network.body.edgeIndices.map(j => {
              const e = network.body.edges[j], r = document.getElementById('map').getBoundingClientRect();
              const a = network.canvasToDOM(e.from), b = network.canvasToDOM(e.to);
              return [coopnet.data.nodes[e.fromId].id, coopnet.data.nodes[e.toId].id,
                      (a.x + b.x) / 2 + r.left, (a.y + b.y) / 2 + r.top];
            })"""
    )
    for a, b, x, y in pairs:
        v.page.mouse.move(x, y)
        text = v.page.evaluate("document.getElementById('tip').textContent")
        for s, t, _, case, _ in HOSTILE_EDGES:
            if {s, t} == {a, b}:
                assert as_loaded(case) in text
    v.assert_clean()
    assert v.page.evaluate("document.querySelectorAll('img, svg, iframe').length") == 0


def test_hover_and_click_every_node_of_the_bundled_map(maps, visit):
    net, path = maps["bundled"]
    v = visit(path)
    names = dict(zip(net.orgs.index, net.orgs["name"], strict=True))
    selected = 0
    for node, (x, y) in v.node_points().items():
        v.page.mouse.move(x, y)
        v.page.mouse.click(x, y)
        got = v.page.evaluate(
            "[network.getSelectedNodes().map(i => coopnet.data.nodes[i].id),"
            " document.getElementById('tip').textContent]"
        )
        selected += got[0] == [node]
        if got[0] == [node]:
            assert names[node] in got[1]
    # nodes are not piled up: a click on each node's centre selects that node
    assert selected == len(net.orgs)
    v.assert_clean()


def test_tooltips_show_cases_summaries_and_years(maps, visit):
    """An organisation lists its cases (also one it takes part in without a partnership);
    a line lists each partnership's case with the case's summary and year."""
    net, path = maps["bundled"]
    v = visit(path)
    pts = v.node_points()
    cases = net.cases
    oita = "oita-coop-council"
    v.page.mouse.move(*pts[oita])
    tip = v.page.evaluate("document.getElementById('tip').textContent")
    (case,) = [c for c, row in cases.iterrows() if oita in row["members"]]
    assert case in tip and "中心" in tip  # its role, from members.csv
    # the line between the two organisations of 鳥羽マルシェ (one partnership)
    row = cases.loc["鳥羽マルシェ"]
    a, b = row["members"]
    v.page.mouse.move((pts[a][0] + pts[b][0]) / 2, (pts[a][1] + pts[b][1]) / 2)
    tip = v.page.evaluate("document.getElementById('tip').textContent")
    assert "鳥羽マルシェ" in tip and row["summary"] in tip
    # a partnership with a year shows it
    e = net.edges.dropna(subset=["year"]).iloc[0]
    v.page.mouse.move(
        (pts[e["source"]][0] + pts[e["target"]][0]) / 2,
        (pts[e["source"]][1] + pts[e["target"]][1]) / 2,
    )
    tip = v.page.evaluate("document.getElementById('tip').textContent")
    assert str(int(e["year"])) in tip and cases.loc[e["case"], "summary"] in tip
    v.assert_clean()


# --------------------------------------------------------------- filters
@pytest.mark.parametrize("only", ["災害支援型", "学習会・イベント型", "人事育成型"])
def test_type_filter_hides_other_types_and_refits(maps, visit, only):
    net, path = maps["bundled"]
    v = visit(path)
    scale = v.page.evaluate("network.getScale()")
    types = v.page.locator('section[data-filter="types"]')
    types.locator("button", has_text="なし").click()
    types.locator(f'input[value="{only}"]').check()
    v.settle()
    nodes, edges = v.visible()
    g = net.to_graph()
    assert edges == {frozenset((a, b)) for a, b, d in g.edges(data=True) if only in d["types"]}
    # organisations without a partnership of that type leave the screen, except the
    # members.csv lists for a case of that type (大分's council, 北海道's network)
    assert nodes == set(net.by_type(only).orgs.index)
    loose = {"学習会・イベント型": "oita-coop-council", "人事育成型": "coop-net-hokkaido"}
    if only in loose:
        assert loose[only] in nodes
    # a pair with several types is drawn in the colour of the type left visible
    colours = v.page.evaluate(
        "network.body.edgeIndices.map(j => network.body.edges[j].options.color.color)"
    )
    assert {rgb(c) for c in colours} == {rgb(cn.taxonomy.type_color(only))}
    stats = v.page.locator("#panel .stats").inner_text()
    assert f"{len(net.by_type(only).edges)}/{len(net.edges)}" in stats
    # the view refits: zoomed in on what is left, all of it on screen
    assert v.page.evaluate("network.getScale()") > scale
    box = v.page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
    pts = v.node_points()
    for n in nodes:
        assert box["left"] <= pts[n][0] <= box["right"] and box["top"] <= pts[n][1] <= box["bottom"]
    types.locator("button", has_text="すべて").click()
    v.settle()
    assert v.visible() == (set(net.orgs.index), {frozenset(e) for e in g.edges()})
    v.assert_clean()


def test_type_filter_restyles_pairs_of_several_types(maps, visit):
    _, path = maps["mixed"]
    v = visit(path)

    def edges():
        return {
            frozenset(e["ends"]): e
            for e in v.page.evaluate(
                """Object.values(network.body.edges).map(e => ({
                      ends: [coopnet.data.nodes[e.fromId].id, coopnet.data.nodes[e.toId].id],
                      width: e.options.width, color: e.options.color.color,
                      dashes: e.options.dashes, hidden: e.options.hidden}))"""
            )
        }

    def toggle(ptype, on):
        box = v.page.locator(f'section[data-filter="types"] input[value="{ptype}"]')
        box.check() if on else box.uncheck()

    business, disaster = (cn.taxonomy.TYPES[t] for t in ("事業連携型", "災害支援型"))
    ab, bc = frozenset("ab"), frozenset("bc")
    # width grows with the number of partnerships (state.js: 1.8 + 1.6 per extra one)
    assert (edges()[ab]["width"], edges()[bc]["width"]) == (1.8 + 1.6 * 2, 1.8)
    assert rgb(edges()[ab]["color"]) == rgb(business.color)  # 2 of its 3 partnerships
    toggle("事業連携型", False)
    e = edges()
    assert e[ab]["hidden"] is False and e[ab]["width"] == 1.8
    assert rgb(e[ab]["color"]) == rgb(disaster.color)
    assert e[ab]["dashes"] == cn._html.payload.vis_dashes(disaster.linestyle)
    toggle("災害支援型", False)
    nodes, visible = v.visible()
    assert visible == {bc} and nodes == {"b", "c"}  # a has no partnership left
    toggle("事業連携型", True)
    toggle("学習会・イベント型", False)
    nodes, visible = v.visible()
    assert visible == {ab} and nodes == {"a", "b"}
    # the tooltip still lists all three partnerships of a–b, types filtered out greyed
    v.page.evaluate("coopnet.setTypes(['事業連携型'])")
    v.settle()
    pts = v.node_points()
    v.page.mouse.move((pts["a"][0] + pts["b"][0]) / 2, (pts["a"][1] + pts["b"][1]) / 2)
    rows = v.page.evaluate(
        "Array.from(document.querySelectorAll('#tip tr')).slice(1).map(r => [r.className, r.textContent])"
    )
    assert [(cls, text.split("事例")[1][:1]) for cls, text in rows] == [
        ("", "1"),
        ("", "2"),
        ("off", "3"),
    ]
    v.assert_clean()


def test_sector_filter_and_neighbourhood_highlight(maps, visit):
    net, path = maps["bundled"]
    v = visit(path)
    v.page.locator('section[data-filter="sectors"] input[value="JA"]').uncheck()
    v.settle()
    nodes, edges = v.visible()
    ja = set(net.orgs.index[net.orgs["sector"] == "JA"])
    assert nodes == set(net.orgs.index) - ja
    assert all(not (e & ja) for e in edges)
    v.page.locator('section[data-filter="sectors"] input[value="JA"]').check()
    v.settle()
    # click the organisation with most partners: it and its partners are drawn over a
    # white veil, in their own colours; every other organisation shows paler
    g = net.to_graph()
    hub = max(g, key=lambda n: (g.degree(n), n))
    pts = v.node_points()
    v.page.mouse.click(*pts[hub])
    v.page.mouse.move(2, 2)
    v.settle(200)
    near = set(g[hub]) | {hub}
    assert v.lit() == (near, {frozenset((hub, n)) for n in g[hub]})
    colour = {n: rgb(net.sector_styles[net.orgs.at[n, "sector"]][0]) for n in net.orgs.index}
    for n in near:
        assert close(v.pixel(*pts[n]), colour[n]), n
    far = [n for n in net.orgs.index if n not in near][:10]
    for n in far:
        got = v.pixel(*pts[n])
        assert not close(got, colour[n]) and min(got) > min(colour[n]), n  # veiled: paler
    v.page.mouse.click(*v.empty_point())  # an empty place of the map: back to normal
    v.settle(200)
    assert v.lit() == (set(), set())
    for n in far:
        assert close(v.pixel(*pts[n]), colour[n]), n
    v.assert_clean()


# --------------------------------------------------------------- search
@pytest.mark.parametrize(
    "typed",
    [
        "jaながの",  # any case; part of a name is enough
        "ＪＡながの",  # full-width, as an IME types it
        "　JAながの ",  # surrounded by spaces, full-width too
        "JAなか\u3099の",  # decomposed kana (か + combining voiced mark)
    ],
)
def test_search_finds_and_focuses_an_organisation(maps, visit, typed):
    net, path = maps["bundled"]
    v = visit(path)
    box = v.page.locator("#panel input.search")
    want = net.orgs.index[net.orgs["name"] == "JAながの"][0]
    box.fill(typed)
    box.press("Enter")
    assert v.page.evaluate("network.getSelectedNodes().map(i => coopnet.data.nodes[i].id)") == [
        want
    ]
    for _ in range(100):  # the zoom is animated (0.4 s, longer on a busy machine)
        if v.page.evaluate("network.getScale()") >= 1.19:
            break
        v.page.wait_for_timeout(50)
    assert v.page.evaluate("network.getScale()") >= 1.19
    assert v.lit()[0] == set(net.to_graph()[want]) | {want}
    box.fill("no such organisation")
    box.press("Enter")
    assert "nomatch" in box.get_attribute("class")
    v.assert_clean()


# --------------------------------------------------------------- cases
def test_case_list_highlights_members_and_partnerships(maps, visit):
    net, path = maps["bundled"]
    v = visit(path)
    cases = net.cases
    g = net.to_graph()
    entries = v.page.locator("#panel section.cases button.case")
    assert entries.count() == len(cases)
    # grouped by type, in the taxonomy's order, with year and prefecture
    groups = v.page.locator("#panel section.cases summary .name").all_inner_texts()
    assert groups == [t for t in cn.taxonomy.TYPES if t in set(cases["type"])]
    for name in [
        "地域課題解決に向けたラウンドテーブル(大分県協同組合協議会)",
        "釜石植林活動(岩手県)",
    ]:
        row = cases.loc[name]
        entry = entries.filter(has_text=name)
        text = entry.inner_text()
        assert row["prefecture"] in text
        if pd.notna(row["year"]):
            assert str(row["year"]) in text
        assert row["summary"] in entry.get_attribute("title")
        entry.click()
        v.settle(200)
        nodes, pairs = v.lit()
        # its members, also those without a partnership; its partnerships' pairs
        assert nodes == set(row["members"])
        case_pairs = {frozenset((a, b)) for a, b, d in g.edges(data=True) if name in d["cases"]}
        assert pairs == case_pairs
        assert entry.get_attribute("aria-pressed") == "true"
        assert row["summary"] in entry.inner_text()  # the entry opens its summary
        other = next(n for n in net.orgs.index if n not in nodes)
        pts = v.node_points()
        colour = rgb(net.sector_styles[net.orgs.at[other, "sector"]][0])
        assert not close(v.pixel(*pts[other]), colour)  # the rest is veiled
        for n in nodes:
            assert close(v.pixel(*pts[n]), rgb(net.sector_styles[net.orgs.at[n, "sector"]][0]))
        entry.click()  # again: cleared
        assert v.lit() == (set(), set())
        assert entry.get_attribute("aria-pressed") == "false"
    entries.first.click()
    assert v.lit()[0]
    v.page.keyboard.press("Escape")  # Esc clears too
    assert v.lit() == (set(), set())
    v.assert_clean()


# --------------------------------------------------------------- focus
@pytest.mark.parametrize("radius", [1, 2])
def test_focus_shows_the_ego_graph_and_back(maps, visit, radius):
    net, path = maps["bundled"]
    v = visit(path)
    g = net.to_graph()
    v.page.locator(f"fieldset.focus input[value='{radius}']").check()
    for org in ["kagawa-coop-council", "ja-nagano", "oita-coop-council"]:
        v.page.mouse.click(*v.node_points()[org])
        v.settle()
        ego = nx.ego_graph(g, org, radius=radius)
        nodes, edges = v.visible()
        assert nodes == set(ego)
        assert edges == {frozenset(e) for e in ego.edges()}
        assert v.page.locator("#view button.back").is_visible()
        # what is left is refitted into view
        box = v.page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
        pts = v.node_points()
        for n in nodes:
            assert box["left"] <= pts[n][0] <= box["right"], n
            assert box["top"] <= pts[n][1] <= box["bottom"], n
        v.page.locator("#view button.back").click()  # back to the whole map
        v.settle()
        assert v.visible()[0] == set(net.orgs.index)
        assert not v.page.locator("#view button.back").is_visible()
    # Esc goes back as well
    v.page.mouse.click(*v.node_points()["ja-nagano"])
    v.settle()
    assert len(v.visible()[0]) < len(net.orgs)
    v.page.keyboard.press("Escape")
    v.settle()
    assert v.visible()[0] == set(net.orgs.index)
    v.assert_clean()


# --------------------------------------------------------------- legend and picture
def test_legend_on_the_map_in_the_page_language(maps, visit):
    for which, lang in [("bundled", "ja"), ("english", "en")]:
        net, path = maps[which]
        v = visit(path)
        items = v.page.evaluate("coopnet.legend()")
        labels = [label for kind, label in items if kind in ("shape", "line")]
        want = [cn.taxonomy.sector_label(s, lang) for s in net.sectors]
        want += [cn.taxonomy.type_label(t, lang) for t in net.types]
        assert labels == want
        titles = [label for kind, label in items if kind == "title"]
        assert titles == (
            ["セクター", "連携類型"] if lang == "ja" else ["Sectors", "Partnership types"]
        )
        # drawn: the legend canvas under the map shows every sector's colour
        shot = v.page.locator("#legend").screenshot()
        from PIL import Image

        img = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB")).reshape(-1, 3)
        for s in net.sectors:
            assert (
                np.abs(img.astype(int) - rgb(net.sector_styles[s][0])).max(axis=1) <= 8
            ).sum() > 20
        # with a type filter on, the legend shows what is drawn
        v.page.evaluate("coopnet.setTypes([coopnet.data.types[4].key])")
        items = v.page.evaluate("coopnet.legend()")
        assert [label for kind, label in items if kind == "line"] == [
            cn.taxonomy.type_label(net.types[4], lang)
        ]
        v.assert_clean()


def test_english_page_speaks_english(maps, visit):
    import re

    _, path = maps["english"]
    v = visit(path)
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
    chrome = v.page.evaluate(
        """() => [document.title, document.querySelector('#panel h1').textContent,
                  ...Array.from(document.querySelectorAll('#panel h2, #panel legend, #panel button:not(.case),'
                      + ' #panel .hint, #panel label span, #panel summary, #panel .stats'))
                      .map(e => e.textContent),
                  document.querySelector('#panel input.search').placeholder,
                  ...coopnet.legend().map(m => m[1])]"""
    )
    assert [t for t in chrome if japanese.search(t)] == []
    assert "Save image" in chrome and "Cooperative partnership map" in chrome
    v.assert_clean()


def save_picture(v):
    with v.page.expect_download() as dl:
        v.page.locator("#panel button.save").click()
    from PIL import Image

    d = dl.value
    assert d.suggested_filename.endswith(".png")
    return Image.open(d.path()).convert("RGB")


def test_save_image_downloads_the_view_at_twice_the_resolution(maps, visit):
    net, path = maps["bundled"]
    v = visit(path, viewport=(1280, 800))
    width, height, ratio, legend_h = v.page.evaluate(
        """(() => { const c = document.querySelector('#map canvas');
                    return [c.width, c.height, devicePixelRatio,
                            document.getElementById('legend').clientHeight]; })()"""
    )
    assert ratio == 1  # headless Chromium: canvas pixels are CSS pixels
    img = save_picture(v)
    assert img.width == 2 * width  # twice the canvas
    assert img.height > 2 * (height + legend_h)  # with the title above the map
    px = np.asarray(img).astype(int)
    assert (px[0, 0] == 255).all()  # white background, not transparent black
    assert (px.min(axis=2) < 200).mean() > 0.01  # not blank
    # the legend at the bottom shows each sector's colour; the title is drawn at the top
    legend = px[-2 * legend_h :].reshape(-1, 3)
    for s in net.sectors:
        assert (np.abs(legend - rgb(net.sector_styles[s][0])).max(axis=1) <= 8).sum() > 40, s
    top = img.height - 2 * (height + legend_h)  # where the map starts in the picture
    assert (px[:top].min(axis=2) < 100).sum() > 200  # dark title text
    # the highlight is in the picture: a veiled organisation is paler than drawn normally
    pts = v.node_points()
    box = v.page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
    colour = np.array(rgb(net.sector_styles["JA"][0]))

    def at(image, n):
        x, y = pts[n]
        start = image.height - 2 * (height + legend_h)  # a caption makes the title taller
        return np.asarray(image).astype(int)[
            start + round(2 * (y - box["top"])), round(2 * (x - box["left"]))
        ]

    assert (np.abs(at(img, "ja-nagano") - colour) <= 8).all()
    v.page.locator("#panel section.cases button.case").filter(has_text="釜石植林活動").click()
    v.settle(200)
    veiled = save_picture(v)
    assert veiled.width == img.width
    assert not (np.abs(at(veiled, "ja-nagano") - colour) <= 8).all()
    assert at(veiled, "ja-nagano").min() > colour.min()
    v.assert_clean()


# --------------------------------------------------------------- fonts, notebooks, looks
def test_japanese_labels_render_from_the_embedded_font(maps, visit):
    _, path = maps["bundled"]
    v = visit(path)
    result = v.page.evaluate(
        """() => {
          function pixels(font, text) {
            const c = document.createElement('canvas');
            c.width = 240; c.height = 60;
            const g = c.getContext('2d');
            g.fillStyle = '#fff'; g.fillRect(0, 0, 240, 60);
            g.fillStyle = '#000'; g.font = font; g.textBaseline = 'top';
            g.fillText(text, 4, 4);
            return Array.from(g.getImageData(0, 0, 240, 60).data).join(',');
          }
          const face = coopnet.data.font;
          return {
            loaded: document.fonts.check('19px ' + face, '協同組合'),
            ours: [pixels('40px ' + face, '協同組合'), pixels('40px ' + face, '連携事例')],
            fallback: [pixels('40px NoSuchFont, sans-serif', '協同組合'),
                       pixels('40px NoSuchFont, sans-serif', '連携事例')],
            labelFace: network.body.nodes[0].options.font.face,
          };
        }"""
    )
    assert result["loaded"] and result["labelFace"] == "CoopnetJP"
    # with the embedded font, different kanji are different glyphs ...
    assert result["ours"][0] != result["ours"][1]
    assert result["ours"][0] != result["fallback"][0]
    # ... while without it this Chromium draws the same boxes for any kanji
    if result["fallback"][0] != result["fallback"][1]:  # pragma: no cover
        pytest.skip("this machine has a Japanese system font; the control does not apply")

    # and the network's own canvas: a label's pixels change when its font is taken away
    def label_shot():
        return v.page.evaluate(
            """() => { const c = document.querySelector('#map canvas');
                       return c.toDataURL('image/png'); }"""
        )

    with_font = label_shot()
    v.page.evaluate(
        "network.setOptions({nodes: {font: {face: 'NoSuchFont, sans-serif'}}}); network.redraw()"
    )
    assert label_shot() != with_font
    v.assert_clean()


def test_notebook_iframe_draws_in_the_browser(browser, small_net):
    """The srcdoc iframe that notebooks display runs the whole map with no request."""
    view = cn.show(small_net, open_browser=False)
    page = browser.new_page(accept_downloads=True)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(view._repr_html_())
    frame = page.frames[1]
    counts = frame.evaluate(
        """async () => { await window.coopnet.ready;
                         return [network.body.data.nodes.length, network.body.data.edges.length]; }"""
    )
    assert counts == [4, 3]  # four organisations, three pairs
    # Save image works inside the sandboxed frame too (allow-downloads)
    with page.expect_download() as dl:
        frame.locator("#panel button.save").click()
    assert Path(dl.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [r for r in requests if not r.startswith(("about:", "data:", "blob:"))] == []
    assert errors == []
    page.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_screenshot_of_the_bundled_map(maps, visit, tmp_path, size):
    """Screenshots for people to look at (kept in the pytest tmp dir)."""
    _, path = maps["bundled"]
    v = visit(path, viewport=size)
    png = tmp_path / f"bundled-map-{size[0]}.png"
    v.page.screenshot(path=str(png))
    assert png.stat().st_size > 50_000  # a drawn map, not a blank page
    scale = v.page.evaluate("network.getScale()")
    assert scale > 0.35  # labels at 19 px × scale stay legible
    v.assert_clean()
