"""The interactive map in a real browser: Debian's headless Chromium driven by Playwright.

Chromium here has no Japanese system font (on purpose), so Japanese text can only
render through the font embedded in the page. One browser serves every test; each
page routes every request and fails on any that is not the page itself.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from conftest import write
from test_interactive import HOSTILE_EDGES, as_loaded, page_data, write_hostile

import coopnet as cn

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).is_file(),
    reason=f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)",
)

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

# Record instead of showing: any payload that runs leaves a trace here.
TRAPS = """
window.__alerts = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = (...args) => { window.__alerts.push([name, ...args.map(String)]); };
}
"""


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


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
    return {
        "bundled": (bundled, cn.to_html(bundled, folder / "bundled.html")),
        "hostile": (hostile, cn.to_html(hostile, folder / "hostile.html")),
        "mixed": (mixed, cn.to_html(mixed, folder / "mixed.html")),
        "physics": (mixed, cn.to_html(mixed, folder / "physics.html", physics=True)),
    }


class Visit:
    """A page showing a map, with everything that went wrong recorded."""

    def __init__(self, browser, path: Path, viewport=(1400, 900)):
        self.url = path.as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []  # requests other than the page itself
        self.dialogs: list[str] = []
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.add_init_script(TRAPS)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.route("**/*", self._route)
        page.goto(self.url)
        page.evaluate("async () => { await window.coopnet.ready; return true; }")
        self.page = page

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def node_points(self) -> dict[str, tuple[float, float]]:
        """Viewport coordinates of every node's centre."""
        pts = self.page.evaluate(
            """() => {
              const r = document.getElementById('map').getBoundingClientRect();
              const out = {};
              for (const [id, p] of Object.entries(network.getPositions())) {
                const d = network.canvasToDOM(p);
                out[id] = [d.x + r.left, d.y + r.top];
              }
              return out;
            }"""
        )
        return {k: tuple(v) for k, v in pts.items()}

    def visible(self) -> tuple[set, set]:
        """(visible node ids, visible edges as frozensets of their two ids)."""
        nodes, edges = self.page.evaluate(
            """() => [
              network.body.data.nodes.get({filter: n => !n.hidden}).map(n => n.id),
              network.body.data.edges.get({filter: e => !e.hidden}).map(e => [e.from, e.to]),
            ]"""
        )
        return set(nodes), {frozenset(e) for e in edges}

    def assert_clean(self):
        assert self.page.evaluate("window.__alerts") == []
        assert self.dialogs == []
        assert self.requests == []
        assert self.errors == []

    def close(self):
        self.page.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_(path, **kw):
        v = Visit(browser, path, **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


@pytest.mark.parametrize("which", ["bundled", "hostile", "physics"])
def test_network_draws_offline_without_errors(maps, visit, which):
    net, path = maps[which]
    v = visit(path)
    counts = v.page.evaluate(
        """() => [network instanceof vis.Network, network.body.data.nodes.length,
                  network.body.data.edges.length, Object.keys(network.body.nodes).length,
                  document.documentElement.dataset.coopnet]"""
    )
    # one vis node per organisation, one vis edge per pair of partners
    assert counts == [True, len(net.orgs), net.to_graph().number_of_edges(), len(net.orgs), "drawn"]
    # the legend lists every sector and type present, in the page's language
    legend = v.page.locator("#panel").inner_text()
    for s in net.sectors:
        assert cn.taxonomy.sector_label(s, "ja") in legend
    for t in net.types:
        assert t in legend
    # the force simulation runs only when asked for
    assert v.page.evaluate("network.physics.physicsEnabled") is (which == "physics")
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
    for n in data["nodes"]:
        k = n["k"]
        want_x = n["x"] + pk["corners"][best][k][0] - pk["corners"][pk["default"]][k][0]
        want_y = n["y"] + pk["corners"][best][k][1] - pk["corners"][pk["default"]][k][1]
        assert got[n["id"]]["x"] == pytest.approx(want_x, abs=1.0)  # vis keeps whole pixels
        assert got[n["id"]]["y"] == pytest.approx(want_y, abs=1.0)
    v.assert_clean()


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
        assert v.page.evaluate("network.getSelectedNodes()") == [node]
    # every pair's tooltip lists its case titles as text
    pairs = v.page.evaluate(
        """() => network.body.data.edges.get().map(e => {
              const r = document.getElementById('map').getBoundingClientRect();
              const p = network.getPositions([e.from, e.to]);
              const a = network.canvasToDOM(p[e.from]), b = network.canvasToDOM(p[e.to]);
              return [e.from, e.to, (a.x + b.x) / 2 + r.left, (a.y + b.y) / 2 + r.top];
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
            "[network.getSelectedNodes(), document.getElementById('tip').textContent]"
        )
        selected += got[0] == [node]
        if got[0] == [node]:
            assert names[node] in got[1]
    # nodes are not piled up: a click on each node's centre selects that node
    assert selected == len(net.orgs)
    v.assert_clean()


def test_type_filter_hides_other_types(maps, visit):
    net, path = maps["bundled"]
    v = visit(path)
    only = "災害支援型"
    types = v.page.locator('section[data-filter="types"]')
    types.locator("button", has_text="なし").click()
    types.locator(f'input[value="{only}"]').check()
    nodes, edges = v.visible()
    g = net.to_graph()
    assert edges == {frozenset((a, b)) for a, b, d in g.edges(data=True) if only in d["types"]}
    # organisations in no partnership of that type are hidden (isolated ones stay)
    sub = net.by_type(only)
    isolated = {n for n in g if g.degree(n) == 0}
    assert nodes == set(sub.orgs.index) | isolated
    # a pair with several types is drawn in the colour of the type left visible
    colours = v.page.evaluate(
        "network.body.data.edges.get({filter: e => !e.hidden}).map(e => e.color.color)"
    )
    assert set(colours) == {cn.taxonomy.type_color(only)}
    stats = v.page.locator("#panel .stats").inner_text()
    assert f"{len(sub.edges)}/{len(net.edges)}" in stats
    types.locator("button", has_text="すべて").click()
    assert v.visible()[1] == {frozenset(e) for e in g.edges()}
    v.assert_clean()


def test_type_filter_restyles_pairs_of_several_types(maps, visit):
    _, path = maps["mixed"]
    v = visit(path)

    def edges():
        return {
            frozenset((e["from"], e["to"])): e
            for e in v.page.evaluate("network.body.data.edges.get()")
        }

    def toggle(ptype, on):
        box = v.page.locator(f'section[data-filter="types"] input[value="{ptype}"]')
        box.check() if on else box.uncheck()

    business, disaster = (cn.taxonomy.TYPES[t] for t in ("事業連携型", "災害支援型"))
    ab, bc = frozenset("ab"), frozenset("bc")
    # width grows with the number of partnerships (map.js: 1.8 + 1.6 per extra one)
    assert (edges()[ab]["width"], edges()[bc]["width"]) == (1.8 + 1.6 * 2, 1.8)
    assert edges()[ab]["color"]["color"] == business.color  # 2 of its 3 partnerships
    toggle("事業連携型", False)
    e = edges()
    assert e[ab]["hidden"] is False and e[ab]["width"] == 1.8
    assert e[ab]["color"]["color"] == disaster.color
    assert e[ab]["dashes"] == cn.interactive.vis_dashes(disaster.linestyle)
    toggle("災害支援型", False)
    nodes, visible = v.visible()
    assert visible == {bc} and nodes == {"b", "c"}  # a has no partnership left
    toggle("事業連携型", True)
    toggle("学習会・イベント型", False)
    nodes, visible = v.visible()
    assert visible == {ab} and nodes == {"a", "b"}
    # the tooltip still lists all three partnerships of a–b, types filtered out greyed
    v.page.evaluate("coopnet.setTypes(['事業連携型'])")
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
    nodes, edges = v.visible()
    ja = set(net.orgs.index[net.orgs["sector"] == "JA"])
    assert nodes == set(net.orgs.index) - ja
    assert all(not (e & ja) for e in edges)
    v.page.locator('section[data-filter="sectors"] input[value="JA"]').check()
    # click the organisation with most partners: it and its partners keep their colours
    g = net.to_graph()
    hub = max(g, key=lambda n: (g.degree(n), n))
    x, y = v.node_points()[hub]
    v.page.mouse.click(x, y)
    colours = v.page.evaluate(
        "Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.color.background]))"
    )
    near = set(g[hub]) | {hub}
    for node, colour in colours.items():
        if node in near:
            assert colour == cn.taxonomy.sector_color(net.orgs.at[node, "sector"])
        else:
            assert colour == "#EEEEEE"
    v.page.mouse.click(1395, 895)  # empty corner of the canvas: back to normal
    colours = v.page.evaluate(
        "Object.fromEntries(network.body.data.nodes.get().map(n => [n.id, n.color.background]))"
    )
    assert "#EEEEEE" not in colours.values()
    v.assert_clean()


def test_search_finds_and_focuses_an_organisation(maps, visit):
    net, path = maps["bundled"]
    v = visit(path)
    box = v.page.locator("#panel input.search")
    name = "JAながの"
    want = net.orgs.index[net.orgs["name"] == name][0]
    box.fill("jaながの")  # any case; part of a name is enough
    box.press("Enter")
    assert v.page.evaluate("network.getSelectedNodes()") == [want]
    for _ in range(100):  # the zoom is animated (0.4 s, longer on a busy machine)
        if v.page.evaluate("network.getScale()") >= 1.19:
            break
        v.page.wait_for_timeout(50)
    assert v.page.evaluate("network.getScale()") >= 1.19
    partners = set(net.to_graph()[want]) | {want}
    faded = v.page.evaluate(
        "network.body.data.nodes.get({filter: n => n.color.background === '#EEEEEE'}).map(n => n.id)"
    )
    assert set(faded) == set(net.orgs.index) - partners
    box.fill("no such organisation")
    box.press("Enter")
    assert "nomatch" in box.get_attribute("class")
    v.assert_clean()


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
            labelFace: network.body.nodes[coopnet.data.nodes[0].id].options.font.face,
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
    page = browser.new_page()
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
    assert [r for r in requests if not r.startswith(("about:", "data:"))] == []
    assert errors == []
    page.close()


def test_screenshot_of_the_bundled_map(maps, visit, tmp_path):
    """A screenshot for people to look at (kept in the pytest tmp dir)."""
    _, path = maps["bundled"]
    v = visit(path)
    png = tmp_path / "bundled-map.png"
    v.page.screenshot(path=str(png))
    assert png.stat().st_size > 50_000  # a drawn map, not a blank page
    scale = v.page.evaluate("network.getScale()")
    assert scale > 0.35  # labels at 19 px × scale stay legible at 1400 × 900
    v.assert_clean()
