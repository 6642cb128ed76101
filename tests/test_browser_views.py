"""The map page's where and when, and its summary view, in headless Chromium.

The year slider against ``Network.until``; the 日本地図 layout against the tiles of
``coopnet.prefectures``; the summary view of a large network (one node per sector in
each prefecture) against groups and partnership counts made here with pandas.
Fixtures and helpers come from test_browser.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from conftest import write
from page_visit import MARKS, rgb
from where_when_data import CASES, EDGES, MEMBERS, ORGS

import coopnet as cn
from coopnet._geo import home_codes

pytestmark = MARKS

# the three-prefecture network of the where/when tests, plus an undated case with an
# undated partnership (E), an organisation in no partnership and no case (lone), and a
# case (F) whose own year is later than its partnership's
MORE_ORGS = "lone,一人の組合,Lone co-op,その他協同組合,長野県,\n"
MORE_EDGES = "coop-g,jf-g,災害支援型,E,,\ncoop-t,coop-n,人事育成型,F,2003,\n"
MORE_CASES = "E,災害支援型,,新潟県,\nF,人事育成型,2008,東京都,\n"
MORE_MEMBERS = "A,coop-t,member\nF,nat,observer\n"


@pytest.fixture(scope="module")
def when(tmp_path_factory):
    folder = tmp_path_factory.mktemp("when")
    net = cn.read_csv(
        write(folder / "orgs.csv", ORGS + MORE_ORGS),
        write(folder / "edges.csv", EDGES + MORE_EDGES),
        cases=write(folder / "cases.csv", CASES + MORE_CASES),
        members=write(folder / "members.csv", MEMBERS + MORE_MEMBERS),
    )
    return net, cn.to_html(net, folder / "when.html")


def pairs_of(net) -> set:
    return {frozenset(e) for e in net.to_graph().edges()}


def set_year(v, year, undated=None):
    v.page.locator("#panel input.year").fill(str(year))
    if undated is not None:
        box = v.page.locator("#panel input.undated")
        box.check() if undated else box.uncheck()
    v.page.wait_for_timeout(60)  # the slider applies on the next frame


# --------------------------------------------------------------- the year slider
def test_year_slider_shows_the_network_as_of_each_year(when, visit):
    net, path = when
    v = visit(path)
    first, last = v.page.evaluate("coopnet.data.years")
    assert (first, last) == (2000, 2020)  # case A's own year; case D's
    assert v.visible() == (set(net.orgs.index), pairs_of(net))  # at the end, undated on
    for undated in (False, True):
        for year in range(first, last + 1):
            set_year(v, year, undated)
            want = net.until(year, undated=undated)
            nodes, pairs = v.visible()
            assert nodes == set(want.orgs.index), (year, undated)
            assert pairs == pairs_of(want), (year, undated)
            stats = v.page.locator("#panel .stats").inner_text()
            assert f"{len(want.edges)}/{len(net.edges)}" in stats
            # the case list greys out the cases not started yet
            off = v.page.evaluate(
                """Array.from(document.querySelectorAll('#panel button.case'))
                     .filter(b => b.classList.contains('off'))
                     .map(b => b.querySelector('.name').textContent)"""
            )
            assert set(off) == set(net.cases.index) - set(want.cases.index), (year, undated)
    # the label says the year shown; at the end with undated on, every year
    heading = v.page.locator("#panel .years h2")
    assert heading.inner_text().split("\n") == ["開始年", "すべての年"]
    set_year(v, 2010)
    assert heading.inner_text().split("\n") == ["開始年", "2010 年まで"]
    set_year(v, last, True)
    assert v.visible() == (set(net.orgs.index), pairs_of(net))
    v.assert_clean()


def test_year_slider_with_a_type_filter(when, visit):
    net, path = when
    v = visit(path)
    types = ["事業連携型", "学習会・イベント型"]
    v.page.evaluate(f"coopnet.setTypes({types})")
    for year in (2005, 2010, 2020):
        set_year(v, year, False)
        old = net.until(year)
        present = [t for t in types if t in old.types]
        want = old.filter(types=present) if present else None
        nodes, pairs = v.visible()
        assert nodes == (set(want.orgs.index) if want else set()), year
        assert pairs == (pairs_of(want) if want else set()), year
    assert present == types  # by 2020 both: D (2020) has only a listed member
    v.assert_clean()


def test_year_slider_lines_keep_only_partnerships_started(visit, tmp_path):
    """A pair with partnerships of 2001 and 2005 is one partnership wide in 2003."""
    from test_browser import MIXED_EDGES, MIXED_ORGS

    net = cn.read_csv(write(tmp_path / "o.csv", MIXED_ORGS), write(tmp_path / "e.csv", MIXED_EDGES))
    v = visit(cn.to_html(net, tmp_path / "mixed.html"))
    widths = (
        "Object.values(network.body.edges).filter(e => !e.options.hidden).map(e => e.options.width)"
    )
    assert sorted(v.page.evaluate(widths)) == [1.8, 1.8 + 1.6 * 2]
    set_year(v, 2020, False)  # a–b: 2019 and 2020 (business); b–c undated: gone
    assert v.page.evaluate(widths) == [1.8 + 1.6]
    assert v.visible()[0] == {"a", "b"}
    v.assert_clean()


# --------------------------------------------------------------- the map of Japan
def test_map_of_japan_places_organisations_in_their_prefecture(when, visit):
    net, path = when
    v = visit(path)
    geo = v.page.evaluate("coopnet.data.geo")
    before = v.page.evaluate("network.getPositions()")
    v.page.locator("fieldset.layout input[value='geo']").check()
    v.settle()
    pos = v.page.evaluate("network.getPositions()")
    home = home_codes(net.orgs["prefecture"])
    size = geo["size"]
    for i, org in enumerate(net.orgs.index):
        x, y = pos[str(i)]["x"], pos[str(i)]["y"]
        if home[i] >= 0:  # inside its prefecture's tile
            tx, ty, label = geo["tiles"][home[i]]
            assert tx <= x <= tx + size and ty <= y <= ty + size, org
            assert cn.prefectures.PREFECTURES[home[i]].short == label
        else:  # national or wide-area: in the strip
            x0, y0, x1, y1 = geo["strip"]
            assert x0 <= x <= x1 and y0 <= y <= y1, org
    # the tiles are drawn behind: the tiles' colour in empty prefectures in sight
    box = v.page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
    seen = []
    for k, (tx, ty, _) in enumerate(geo["tiles"]):
        if k in set(home):
            continue
        d = v.page.evaluate(
            "([x, y]) => network.canvasToDOM({x, y})", [tx + size / 2, ty + size / 2]
        )
        x, y = d["x"] + box["left"], d["y"] + box["top"]
        if box["left"] < x < box["right"] and box["top"] < y < box["bottom"]:
            seen.append(v.pixel(x, y) == rgb("#F1F3F6"))
    assert len(seen) >= 3 and np.mean(seen) >= 0.8
    # and back
    v.page.locator("fieldset.layout input[value='network']").check()
    v.settle()
    after = v.page.evaluate("network.getPositions()")
    assert after.keys() == before.keys()
    for k, p in after.items():  # vis-network keeps whole pixels of the positions given
        assert abs(p["x"] - before[k]["x"]) <= 1 and abs(p["y"] - before[k]["y"]) <= 1
    v.assert_clean()


def test_layout_geo_opens_on_the_map_of_japan(when, visit, tmp_path):
    net, _ = when
    v = visit(cn.to_html(net, tmp_path / "geo.html", layout="geo", lang="en"))
    assert v.page.locator("fieldset.layout input[value='geo']").is_checked()
    assert v.page.locator("fieldset.layout").inner_text().split() == [
        "Layout", "By", "partnerships", "Map", "of", "Japan",
    ]  # fmt: skip
    xy = v.page.evaluate("coopnet.data.geo.xy")
    pos = v.page.evaluate("network.getPositions()")
    got = [[pos[str(i)]["x"], pos[str(i)]["y"]] for i in range(len(xy))]
    assert np.abs(np.array(got) - np.array(xy)).max() <= 1
    v.assert_clean()


# --------------------------------------------------------------- the summary view
def groups_of(net) -> pd.Series:
    """Each organisation's group, written here: (home prefecture or -1, sector)."""
    home = home_codes(net.orgs["prefecture"])
    return pd.Series(list(zip(home, net.orgs["sector"], strict=True)), index=net.orgs.index)


def links_of(net, group: pd.Series, edges=None) -> dict:
    """Partnerships between two different groups, counted with pandas."""
    e = net.edges if edges is None else edges
    a, b = group.reindex(e["source"]).to_numpy(), group.reindex(e["target"]).to_numpy()
    keys = [frozenset((x, y)) for x, y in zip(a, b, strict=True) if x != y]
    return pd.Series(keys, dtype=object).value_counts().to_dict() if keys else {}


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = tmp_path_factory.mktemp("summary")
    net = cn.synthetic(900, seed=3)
    return net, cn.to_html(net, folder / "summary.html", level="groups")


def drawn_groups(v, data, net) -> tuple[dict, dict]:
    """(group key -> organisations it stands for, link key -> partnerships) as drawn."""
    shown = v.page.evaluate("coopnet.shown()")
    n = len(data["nodes"])
    group = groups_of(net)
    key = {}  # page group index -> (home, sector)
    for i, node in enumerate(data["nodes"]):
        key.setdefault(node["g"], group.iat[i])
    unit = lambda u: key[u - n] if u >= n else net.orgs.index[u]  # noqa: E731
    return (
        {key[g]: count for g, count in shown["groups"]},
        {frozenset((unit(a), unit(b))): count for a, b, count in shown["links"]},
    )


def test_summary_view_draws_one_node_per_sector_and_prefecture(national, visit):
    net, path = national
    v = visit(path)
    data = v.page.evaluate("coopnet.data")
    group = groups_of(net)
    groups, links = drawn_groups(v, data, net)
    assert groups == group.value_counts().to_dict()  # every group, sized by its members
    assert links == links_of(net, group)
    assert v.page.evaluate("coopnet.shown().nodes") == []
    # each group's label names its prefecture and sector; its colour is the sector's
    short = {p.name: p.short for p in cn.prefectures.PREFECTURES}
    for g in data["groups"]:
        assert (
            g["label"] == f"{short.get(g['pref'], '全国・広域')} {data['sectors'][g['s']]['key']}"
        )
    # the legend says what a circle is
    assert any(
        "都道府県ごとのセクター" in label for _, label in v.page.evaluate("coopnet.legend()")
    )
    v.assert_clean()


def test_clicking_a_group_opens_it_and_back_regroups(national, visit):
    net, path = national
    v = visit(path)
    data = v.page.evaluate("coopnet.data")
    n = len(data["nodes"])
    group = groups_of(net)
    sizes = group.value_counts()
    g = next(k for k, gr in enumerate(data["groups"]) if 4 <= gr["n"] <= 30)
    key = group.iat[next(i for i, d in enumerate(data["nodes"]) if d["g"] == g)]
    members = set(group.index[group.map(lambda k: k == key)])
    x, y = v.page.evaluate(
        """g => { const r = document.getElementById('map').getBoundingClientRect();
                  const d = network.canvasToDOM(network.getPositions([g])[g]);
                  return [d.x + r.left, d.y + r.top]; }""",
        n + g,
    )
    v.page.mouse.click(x, y)
    v.settle()
    shown = v.page.evaluate("coopnet.shown()")
    assert set(shown["nodes"]) == members  # its organisations, in its place
    assert n + g not in [k + n for k, _ in shown["groups"]]
    # lines: pairs inside the group as they are; the others to the groups they reach
    inside = {frozenset(e) for e in net.to_graph().subgraph(members).edges()}
    assert {frozenset(p) for p in shown["pairs"]} == inside
    opened = group.where(~group.index.isin(members), group.index.to_series())
    groups, links = drawn_groups(v, data, net)
    want = links_of(net, opened)
    assert links == {k: c for k, c in want.items() if not k <= members}
    assert groups == sizes.drop(key).to_dict()
    # the view moved onto them: all in sight
    box = v.page.evaluate("document.getElementById('map').getBoundingClientRect().toJSON()")
    pts = v.node_points()
    for m in members:
        assert box["left"] <= pts[m][0] <= box["right"] and box["top"] <= pts[m][1] <= box["bottom"]
    back = v.page.locator("#view button.back")
    assert back.is_visible() and back.inner_text() == "まとめて表示に戻る"
    back.click()
    v.settle()
    assert v.page.evaluate("coopnet.shown().nodes") == []
    assert drawn_groups(v, data, net)[0] == sizes.to_dict()
    v.assert_clean()


def test_summary_view_filters_highlight_focus_and_search(national, visit):
    net, path = national
    v = visit(path)
    data = v.page.evaluate("coopnet.data")
    group = groups_of(net)
    # a type filter: groups stand for the organisations left, lines for what is left
    only = net.types[2]
    v.page.evaluate(f"coopnet.setTypes([{only!r}])")
    sub = net.by_type(only)
    groups, links = drawn_groups(v, data, net)
    assert groups == group[sub.orgs.index].value_counts().to_dict()
    assert links == links_of(net, group, sub.edges)
    v.page.evaluate("coopnet.setTypes(null)")
    # the year slider too
    set_year(v, 2005, False)
    old = net.until(2005)
    groups, links = drawn_groups(v, data, net)
    assert groups == group[old.orgs.index].value_counts().to_dict()
    assert links == links_of(net, group, old.edges)
    set_year(v, data["years"][1], True)
    # a case: its members lit (drawn as their groups)
    ci = next(k for k, c in enumerate(data["cases"]) if len(c["members"]) >= 3)
    v.page.evaluate(f"coopnet.highlightCase({ci})")
    lit = v.page.evaluate("coopnet.lit()")
    assert set(lit["nodes"]) == set(net.cases.iloc[ci]["members"])
    v.page.keyboard.press("Escape")
    # search: opens the organisation's group and selects it
    g = net.to_graph()
    hub = max(g, key=lambda n: (g.degree(n), n))
    v.page.locator("#panel input.search").fill(net.orgs.at[hub, "name"])
    v.page.locator("#panel input.search").press("Enter")
    v.settle()
    assert hub in v.page.evaluate("coopnet.shown().nodes")
    selected = v.page.evaluate("network.getSelectedNodes().map(i => coopnet.data.nodes[i].id)")
    assert selected == [hub]
    # focus, two steps out: exactly the ego graph, every organisation drawn as itself
    v.page.locator("fieldset.focus input[value='2']").check()
    v.settle()
    ego = nx.ego_graph(g, hub, radius=2)
    shown = v.page.evaluate("coopnet.shown()")
    assert set(shown["nodes"]) == set(ego) and shown["groups"] == []
    assert {frozenset(p) for p in shown["pairs"]} == {frozenset(e) for e in ego.edges()}
    v.page.keyboard.press("Escape")
    v.settle()
    assert v.page.evaluate("coopnet.shown().groups") != []
    v.assert_clean()


def test_summary_view_draws_the_strongest_lines_between_groups(visit, tmp_path):
    """Above 2,500 lines between groups only the strongest are drawn, and the legend
    says from how many partnerships."""
    net = cn.synthetic(4000, seed=1)
    v = visit(cn.to_html(net, tmp_path / "big.html", level="groups"), viewport=(1280, 800))
    data = v.page.evaluate("coopnet.data")
    group = groups_of(net)
    want = links_of(net, group)
    assert len(want) > 2500
    counts = np.sort(np.array(list(want.values())))[::-1]
    least = int(counts[2500]) + 1  # the fewest partnerships of a line drawn
    _, links = drawn_groups(v, data, net)
    assert links == {k: c for k, c in want.items() if c >= least}
    assert len(links) <= 2500 < int((counts >= least - 1).sum())
    legend = [label for _, label in v.page.evaluate("coopnet.legend()")]
    assert f"線：連携 {least} 件以上のグループの組み合わせ" in legend
    v.assert_clean()


def test_summary_focus_on_a_hub_draws_far_steps_as_groups(visit, tmp_path, monkeypatch):
    """A focus that would draw more than data.focusMax organisations one by one draws
    the farthest step as groups, each standing for its part of the neighbourhood."""
    from coopnet._html import payload

    monkeypatch.setattr(payload, "FOCUS_MAX", 200)
    net = cn.synthetic(900, seed=3)
    v = visit(cn.to_html(net, tmp_path / "focus.html", level="groups"))
    data = v.page.evaluate("coopnet.data")
    assert data["focusMax"] == 200
    g = net.to_graph()
    hub = max(g, key=lambda n: (g.degree(n), n))
    one, two = nx.ego_graph(g, hub, radius=1), nx.ego_graph(g, hub, radius=2)
    assert len(one) <= 200 < len(two)
    v.page.evaluate("coopnet.setRadius(2)")
    v.page.evaluate(f"coopnet.find({net.orgs.at[hub, 'name']!r})")
    v.settle()
    shown = v.page.evaluate("coopnet.shown()")
    assert set(shown["nodes"]) == set(one)  # one step out, one by one
    group = groups_of(net)
    groups, _ = drawn_groups(v, data, net)
    assert groups == group[list(set(two) - set(one))].value_counts().to_dict()
    assert {frozenset(p) for p in shown["pairs"]} == {frozenset(e) for e in one.edges()}
    v.page.keyboard.press("Escape")
    v.assert_clean()
