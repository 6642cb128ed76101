"""The interactive map's file: offline, escaped, complete, and faithful to the data.

The page itself is exercised in a real browser in test_browser.py; here the file is
read back as text and its embedded JSON parsed, and checked against hand-worked
values for the four-organisation network of conftest.py and against networkx.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import coopnet as cn
from coopnet import interactive, taxonomy
from coopnet._html import payload
from coopnet._html.packing import _rects, label_box
from coopnet._html.page import script_json
from coopnet.cli import main

# --------------------------------------------------------------- hostile data
# Names, ids, prefectures and case titles that would run script, break out of the
# JSON block, or leave an http(s) reference if they were not escaped.
HOSTILE_ORGS = [
    ('x1"><img src=x onerror=alert(11)>', "<img src=x onerror=alert(1)>", "", "JA", "香川県"),
    (
        "x2",
        "</script><script>alert(2)</script>",
        "</SCRIPT><script>alert(22)</script>",
        "生協",
        "<b onmouseover=alert(3)>x</b>",
    ),
    ("x3", "\"q\" 's' & &amp; &lt; <!-- -->", "", "JF", ""),
    ("x4", "a\u2028b\u2029c", "", "行政", "東京都"),
    ("x5", "{{7*7}} ${alert(5)} `t` \\u003c \\", "", "企業", ""),
    ("x6", "<svg onload=alert(6)>", "", "森林組合", ""),
    ("x7", "普通の組合", "", "その他協同組合", ""),
]
HOSTILE_EDGES = [
    (HOSTILE_ORGS[0][0], "x2", "事業連携型", "<script>alert(8)</script>", "2020"),
    ("x2", HOSTILE_ORGS[0][0], "事業連携型", "https://example.org/t?a=1&b=2", "2021"),
    ("x2", "x3", "地域連携型", "<img src=y onerror=alert(9)>", ""),
    ("x3", "x4", "災害支援型", "javascript:alert(10)", "2019"),
    ("x4", "x5", "産消提携型", "a\u2028</script>\u2029b", "2018"),
    ("x5", "x6", "人事育成型", "a&b", "2017"),
    ("x6", "x7", "学習会・イベント型", "普通の事例", "2016"),
]


def as_loaded(text: str) -> str:
    """``text`` as read_csv gives it back: U+2028 and U+2029 in a cell are line breaks."""
    return text.replace("\u2028", "\n").replace("\u2029", "\n")


def write_hostile(folder):
    """Write the hostile orgs.csv and edges.csv into ``folder``; return their paths."""
    paths = []
    for name, header, rows in [
        ("orgs.csv", ["id", "name", "name_en", "sector", "prefecture", "note"], HOSTILE_ORGS),
        ("edges.csv", ["source", "target", "type", "case", "year", "evidence"], HOSTILE_EDGES),
    ]:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows((*row, "") for row in rows)
        (folder / name).write_text(buf.getvalue(), encoding="utf-8")
        paths.append(str(folder / name))
    return paths


@pytest.fixture
def hostile_net(tmp_path):
    # hostile text in the prefecture column too: accepted as written with strict=False
    with pytest.warns(UserWarning, match="not prefectures"):
        return cn.read_csv(*write_hostile(tmp_path), strict=False)


# --------------------------------------------------------------- helpers
def page_data(text: str) -> dict:
    m = re.search(r'<script type="application/json" id="coopnet-data">(.*?)</script>', text, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def render(net, tmp_path, name="map.html", **kw) -> tuple[str, dict]:
    path = cn.to_html(net, tmp_path / name, **kw)
    text = path.read_bytes().decode("utf-8")  # strict: the file is UTF-8
    return text, page_data(text)


def partnerships(data, pair) -> list[tuple[str, str, int | None]]:
    return [(data["types"][t]["key"], data["cases"][c]["name"], y) for t, c, y in pair[2]]


def org_cases(data) -> dict[str, set[str]]:
    """Each organisation's cases, from the cases' member lists."""
    out = {n["id"]: set() for n in data["nodes"]}
    for c in data["cases"]:
        for i, *_ in c["members"]:
            out[data["nodes"][i]["id"]].add(c["name"])
    return out


# --------------------------------------------------------------- the data on the page
def test_small_network_hand_worked(small_net, tmp_path):
    """conftest's network: ja–coop twice (事業連携型 2019, 2020), coop–jf, jf–city."""
    _, data = render(small_net, tmp_path)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert list(nodes) == ["ja", "coop", "jf", "city"]
    # partners: ja {coop}, coop {ja, jf}, jf {coop, city}, city {jf}
    assert {k: n["partners"] for k, n in nodes.items()} == {"ja": 1, "coop": 2, "jf": 2, "city": 1}
    # partnerships: ja 2, coop 2+1, jf 1+1, city 1
    assert {k: n["np"] for k, n in nodes.items()} == {"ja": 2, "coop": 3, "jf": 2, "city": 1}
    assert org_cases(data) == {
        "ja": {"包括連携協定"},
        "coop": {"包括連携協定", "海岸清掃"},
        "jf": {"海岸清掃"},
        "city": {"海岸清掃"},
    }
    ids = [n["id"] for n in data["nodes"]]
    pairs = {frozenset((ids[p[0]], ids[p[1]])): partnerships(data, p) for p in data["pairs"]}
    assert pairs == {
        frozenset({"ja", "coop"}): [
            ("事業連携型", "包括連携協定", 2019),
            ("事業連携型", "包括連携協定", 2020),
        ],
        frozenset({"coop", "jf"}): [("学習会・イベント型", "海岸清掃", None)],
        frozenset({"jf", "city"}): [("地域連携型", "海岸清掃", 2021)],
    }
    assert {n["id"]: n["sub"] for n in data["nodes"]}["ja"] == "JA Kagawa"
    # colours and line styles come from the taxonomy, as on the static map
    assert [n["color"] for n in data["nodes"]] == [
        taxonomy.sector_color(s) for s in ["JA", "生協", "JF", "行政"]
    ]
    for t in data["types"]:
        assert t["color"] == taxonomy.type_color(t["key"])
        assert t["dashes"] == payload.vis_dashes(taxonomy.type_linestyle(t["key"]))
    assert {s["shape"] for s in data["sectors"]} == {"dot"}  # taxonomy sectors: circles
    # sizes grow with the number of partners: coop and jf (2) > ja and city (1)
    assert (
        nodes["coop"]["size"] == nodes["jf"]["size"] > nodes["ja"]["size"] == nodes["city"]["size"]
    )


def test_bundled_map_keeps_every_partnership(tmp_path):
    net = cn.load_sample()
    _, data = render(net, tmp_path)
    g = net.graph  # MultiGraph: one edge per partnership
    ids = [n["id"] for n in data["nodes"]]
    assert sorted(ids) == sorted(net.orgs.index)
    assert len(data["pairs"]) == net.to_graph().number_of_edges()
    assert sum(len(p[2]) for p in data["pairs"]) == len(net.edges)
    for u, v, plist in data["pairs"]:
        a, b = ids[u], ids[v]
        expected = Counter(
            (d["type"], d["case"], d["year"]) for d in g.get_edge_data(a, b).values()
        )
        assert Counter(partnerships(data, [u, v, plist])) == expected
        years = [y for _, _, y in plist]
        known = [y for y in years if y is not None]
        assert known == sorted(known)  # listed by year
    degree = dict(net.to_graph().degree())
    assert {n["id"]: n["partners"] for n in data["nodes"]} == degree


def test_english_labels_and_ui(small_net, tmp_path):
    text, data = render(small_net, tmp_path, lang="en")
    assert [n["name"] for n in data["nodes"]] == [
        "JA Kagawa",
        "Co-op Kagawa",
        "Local JF",
        "Takamatsu City",
    ]
    assert data["ui"]["sectors"] == "Sectors"
    assert [s["label"] for s in data["sectors"]] == [
        taxonomy.sector_label(s, "en") for s in ["JA", "生協", "JF", "行政"]
    ]
    assert '<html lang="en">' in text


def test_color_by_prefecture_and_size_by_none(small_net, tmp_path):
    _, data = render(small_net, tmp_path, color_by="prefecture", size_by=None)
    assert len({n["color"] for n in data["nodes"]}) == 1  # all in 香川県
    assert [c["label"] for c in data["colors"]] == ["香川県"]
    assert len({n["size"] for n in data["nodes"]}) == 1
    _, data = render(small_net, tmp_path, name="en.html", color_by="prefecture", lang="en")
    assert [c["label"] for c in data["colors"]] == ["Kagawa"]  # romaji on an English page


def test_cases_and_their_members(tmp_path):
    """The case list's data: every case of net.cases in its order, with the members
    members.csv lists although they have no partnership (大分's council, 北海道's network)."""
    net = cn.load_sample()
    _, data = render(net, tmp_path)
    ids = [n["id"] for n in data["nodes"]]
    table = net.cases
    assert [c["name"] for c in data["cases"]] == list(table.index)
    assert len(data["cases"]) == 27
    by_name = {c["name"]: c for c in data["cases"]}
    oita = next(c for c in data["cases"] if "大分県協同組合協議会" in c["name"])
    hokkaido = next(c for c in data["cases"] if "協同組合ネット北海道" in c["name"])
    # members.csv: role lead (中心 in the glossary), no partnership
    assert [(ids[i], role, tied, listed) for i, role, tied, listed in oita["members"]] == [
        ("oita-coop-council", "中心", 0, 1)
    ]
    assert [(ids[i], role, tied, listed) for i, role, tied, listed in hokkaido["members"]] == [
        ("coop-net-hokkaido", "中心", 0, 1)
    ]
    # listed: named in members.csv, with or without a partnership in the case
    given = net._member_input
    named = set(zip(given["case"], given["org"], strict=True))
    assert {(c["name"], ids[m[0]]) for c in data["cases"] for m in c["members"] if m[3]} == named
    assert any(m[2] and m[3] for c in data["cases"] for m in c["members"])  # both
    # start: the case's own year or its first dated partnership, whichever is earlier
    for name, row in table.iterrows():
        dated = net.edges.loc[net.edges["case"] == name, "year"].dropna()
        years = [int(y) for y in dated] + ([int(row["year"])] if pd.notna(row["year"]) else [])
        assert by_name[name]["start"] == (min(years) if years else None), name
    assert data["years"] == [
        min(c["start"] for c in data["cases"] if c["start"] is not None),
        int(net.edges["year"].max()),
    ]
    for name, row in table.iterrows():
        c = by_name[name]
        assert sorted(ids[m[0]] for m in c["members"]) == sorted(row["members"])
        assert data["types"][c["t"]]["key"] == row["type"]
        assert c["summary"] == row["summary"] and c["source"] == row["source"]
        # partnerships of the case, counted on the page's pairs
        n = sum(1 for p in data["pairs"] for _, k, _ in p[2] if data["cases"][k]["name"] == name)
        assert n == row["partnerships"]
    subs = [c for c in data["cases"] if c["parent"] >= 0]
    assert {data["cases"][c["parent"]]["name"] for c in subs} == set(
        table["parent"][table["parent"] != ""]
    )
    _, en = render(net, tmp_path, name="en.html", lang="en")
    assert [c["label"] for c in en["cases"]] == list(table["name_en"])
    assert next(c for c in en["cases"] if c["name"] == oita["name"])["members"][0][1] == "lead"


def builtin_net():
    """Ids, names and case titles that are JavaScript built-in property names."""
    from coopnet.network import Network

    names = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"]
    sectors = ["JA", "生協", "JF", "行政", "企業"]
    orgs = pd.DataFrame(
        {"name": names, "name_en": names, "sector": sectors, "prefecture": "香川県", "note": ""},
        index=pd.Index(names, name="id"),
    )
    edges = pd.DataFrame(
        {
            "source": names,
            "target": names[1:] + names[:1],
            "type": ["事業連携型", "地域連携型", "災害支援型", "学習会・イベント型", "産消提携型"],
            "case": names[::-1],
            "year": pd.array([2019, 2020, None, 2021, 2018], dtype="Int64"),
            "evidence": "",
        }
    )
    return Network(orgs, edges, name="builtins")


def keys_of(obj) -> set[str]:
    if isinstance(obj, dict):
        return set(obj) | set().union(*(keys_of(v) for v in obj.values()))
    if isinstance(obj, list):
        return set().union(*(keys_of(v) for v in obj)) if obj else set()
    return set()


def test_user_text_is_never_a_key(tmp_path):
    """Ids and case titles such as __proto__ are values on the page, never object keys:
    organisations, pairs and cases are referred to by position."""
    net = builtin_net()
    _, data = render(net, tmp_path)
    assert not keys_of(data) & {"constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"}
    assert [n["id"] for n in data["nodes"]] == list(net.orgs.index)
    assert sorted(c["name"] for c in data["cases"]) == sorted(net.edges["case"])
    assert all(isinstance(x, int) for p in data["pairs"] for x in p[:2])


def test_extra_sectors_take_their_styles_shapes_included(tmp_path):
    """Sectors outside the taxonomy look on the page as in the pictures: net.sector_styles'
    colour, and its marker as a vis-network shape once the colours run out."""
    from coopnet.network import Network

    extra = [f"団体{k}" for k in range(8)]
    orgs = pd.DataFrame(
        {"name": extra, "name_en": "", "sector": extra, "prefecture": "", "note": ""},
        index=pd.Index([f"o{k}" for k in range(8)], name="id"),
    )
    edges = pd.DataFrame(
        {"source": ["o0"], "target": ["o1"], "type": ["地域連携型"], "case": ["c"],
         "year": pd.array([None], dtype="Int64"), "evidence": ""}
    )  # fmt: skip
    net = Network(orgs, edges)
    _, data = render(net, tmp_path)
    styles = net.sector_styles
    assert [s["color"] for s in data["sectors"]] == [styles[s][0] for s in net.sectors]
    assert [s["shape"] for s in data["sectors"]] == [
        payload.SHAPES[styles[s][1]] for s in net.sectors
    ]
    # a colour comes back only with another shape: every sector can be told apart
    looks = [(s["color"], s["shape"]) for s in data["sectors"]]
    assert len(set(looks)) == len(looks) == 8
    assert len({c for c, _ in looks}) < 8  # the extension's colours ran out
    assert [n["color"] for n in data["nodes"]] == [styles[s][0] for s in net.orgs["sector"]]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("color_by", "sector"),
        ("color_by", "prefecture"),
        ("size_by", "partnerships"),
        ("size_by", "betweenness"),
        ("size_by", "cases"),
        ("size_by", None),
        ("layout", "circular"),
        ("layout", "sector"),
    ],
)
def test_options_mean_what_they_mean_in_plot_map(tmp_path, option, value):
    """color_by, size_by and layout take plot_map's values and give its colours, size
    order and positions (the same network drawn both ways)."""
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt

    from coopnet.layout import layout_positions

    net = cn.load_sample()
    _, data = render(net, tmp_path, **{option: value})
    ax = cn.plot_map(net, labels="none", **{option: value})
    try:
        dots = next(c for c in ax.collections if c.get_gid() == "coopnet:nodes")
        if option == "color_by":
            drawn = [mcolors.to_hex(c).upper() for c in dots.get_facecolors()]
            assert [n["color"].upper() for n in data["nodes"]] == drawn
        elif option == "size_by":
            area = dots.get_sizes()
            size = np.array([n["size"] for n in data["nodes"]])
            # the same order of sizes: bigger on the slide is bigger on the page
            assert (
                np.sign(np.subtract.outer(area, area)) == np.sign(np.subtract.outer(size, size))
            ).all()
        else:
            ref = layout_positions(net, layout=value)
            want = np.array([ref[i] for i in net.orgs.index]) * [1, -1]
            got = np.array([[n["x"], n["y"]] for n in data["nodes"]])
            got_c, want_c = got - got.mean(axis=0), want - want.mean(axis=0)
            scale = np.linalg.norm(got_c) / np.linalg.norm(want_c)
            np.testing.assert_allclose(got_c, want_c * scale, atol=0.2)
    finally:
        plt.close(ax.figure)


@pytest.mark.parametrize(
    "kw", [{"color_by": "nope"}, {"size_by": "nope"}, {"layout": "nope"}, {"size_by": "name"}]
)
def test_values_plot_map_refuses_are_refused(small_net, tmp_path, kw):
    import matplotlib.pyplot as plt

    with pytest.raises(ValueError):
        cn.plot_map(small_net, **kw)
    plt.close("all")
    with pytest.raises(ValueError, match=next(iter(kw))):
        cn.to_html(small_net, tmp_path / "m.html", **kw)


def test_english_page_is_in_english(tmp_path):
    """Title, words, sectors, types and prefectures of an English page; the data's
    Japanese name moves under an English title."""
    net = cn.load_sample()
    text, data = render(net, tmp_path, lang="en")
    assert data["title"] == "Cooperative partnership map"
    assert data["subtitle"] == net.name
    assert "<title>Cooperative partnership map</title>" in text
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
    words = [*data["ui"].values(), data["sizeNote"], data["colorTitle"]]
    words += [s["label"] for s in data["sectors"]] + [t["label"] for t in data["types"]]
    words += [n["pref"] for n in data["nodes"]]
    assert [w for w in words if japanese.search(w)] == []
    assert data["ui"]["save"] == "Save image" and data["ui"]["types"] == "Partnership types"
    nagano = next(n for n in data["nodes"] if n["id"] == "ja-nagano")
    assert nagano["pref"] == "Nagano"
    _, ja = render(net, tmp_path, name="ja.html")
    assert (ja["title"], ja["subtitle"]) == (net.name, "")
    assert ja["ui"]["types"] == "連携類型" and ja["ui"]["save"] == "画像を保存"


def test_page_words_come_from_the_glossary():
    from coopnet._glossary import TERMS

    for lang in ("ja", "en"):
        words = payload.ui_words(lang)
        for key, (ja, en) in TERMS.items():
            if key.startswith("page_"):
                want = ja if lang == "ja" else en[:1].upper() + en[1:]
                assert words[key[5:]] == want
    # one vocabulary: 連携類型 and セクター, never タイプ or 部門
    ja_words = " ".join(ja for ja, _ in TERMS.values())
    assert "タイプ" not in ja_words and "部門" not in ja_words


# --------------------------------------------------------------- offline, self-contained
def test_file_is_self_contained_and_offline(tmp_path):
    text, _ = render(cn.load_sample(), tmp_path)
    assert not re.search(r"https?://", text, re.I)
    assert not re.search(r"<(link|iframe|img|object|embed|base)\b", text, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.I)
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    assert not re.search(r"@import|url\(\s*(?!['\"]?data:)", style, re.I)
    # the Content-Security-Policy allows exactly the two inline scripts, by hash
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "window.network = network" in scripts[1]


def test_font_is_embedded_and_covers_every_character(tmp_path):
    from fontTools.ttLib import TTFont

    text, data = render(cn.load_sample(), tmp_path)
    m = re.search(r'src:url\("data:font/woff;base64,([A-Za-z0-9+/=]+)"\)', text)
    raw = base64.b64decode(m.group(1))
    font = TTFont(io.BytesIO(raw))
    cmap = font.getBestCmap()
    shown = (
        [n["label"] for n in data["nodes"]]
        + [n["name"] + n["sub"] + n["pref"] for n in data["nodes"]]
        + [c["name"] + c["label"] + c["pref"] + c["summary"] + c["source"] for c in data["cases"]]
        + [m[1] for c in data["cases"] for m in c["members"]]
        + [s["label"] for s in data["sectors"] + data["types"]]
        + list(data["ui"].values())
        + [data["title"], data["subtitle"], data["sizeNote"], data["colorTitle"]]
        + ["0123456789 —·└▶▼…"]  # written by the page's script itself
    )
    missing = {ch for s in shown for ch in s if ch not in "\n" and ord(ch) not in cmap}
    assert not missing
    # a subset, not the 4 MB original: a few hundred glyphs
    assert len(cmap) < 1200 and len(raw) < 250_000
    assert font["name"].getDebugName(0)  # copyright notice kept


# --------------------------------------------------------------- escaping
def test_hostile_names_are_escaped_and_round_trip(hostile_net, tmp_path):
    text, data = render(hostile_net, tmp_path)
    block = re.search(r'id="coopnet-data">(.*?)</script>', text, re.S).group(1)
    for bad in ["<", ">", "&", "\u2028", "\u2029", "://"]:
        assert bad not in block
    assert text.count("</script>") == 3  # the data block and two scripts
    assert text.lower().count("</script") == 3
    # outside the two (fixed) scripts, only the template's own tags
    markup = re.sub(r"<script>.*?</script>", "", text, flags=re.S)
    tags = set(re.findall(r"<\s*([a-z!]+)", markup, re.I))
    assert tags == {"!DOCTYPE", "html", "head", "meta", "title", "!", "style", "body"} | {
        "div",
        "aside",
        "main",
        "canvas",
        "script",
    }
    assert not re.search(r"https?://", text)
    # the page gets back exactly what was read from the CSV files
    assert [n["name"] for n in data["nodes"]] == [as_loaded(r[1]) for r in HOSTILE_ORGS]
    assert [n["id"] for n in data["nodes"]] == [r[0] for r in HOSTILE_ORGS]
    assert sorted(c["name"] for c in data["cases"]) == sorted(
        as_loaded(r[3]) for r in HOSTILE_EDGES
    )
    assert data["nodes"][1]["pref"] == "<b onmouseover=alert(3)>x</b>"


def test_title_is_escaped(small_net, tmp_path):
    text, data = render(small_net, tmp_path, title='<b>"x"</b> & https://a.b')
    assert "<title>&lt;b&gt;&quot;x&quot;&lt;&#47;b&gt; &amp; https:&#47;&#47;a.b</title>" in text
    assert data["title"] == '<b>"x"</b> & https://a.b'


def test_script_json_escapes():
    s = script_json({"k": "</script>&\u2028\u2029<!--"})
    assert json.loads(s) == {"k": "</script>&\u2028\u2029<!--"}
    assert not set("<>&\u2028\u2029") & set(s)


# --------------------------------------------------------------- options and errors
@pytest.mark.parametrize(
    ("kw", "words"),
    [
        ({"color_by": "type"}, ["color_by='type'", "'sector'", "'prefecture'"]),
        ({"size_by": "degree"}, ["size_by='degree'", "'partners'"]),
        ({"lang": "fr"}, ["lang='fr'", "'ja'", "'en'"]),
        ({"physics": "auto"}, ["physics='auto'", "None"]),
    ],
)
def test_bad_options_name_the_parameter(small_net, tmp_path, kw, words):
    with pytest.raises(ValueError) as err:
        cn.to_html(small_net, tmp_path / "m.html", **kw)
    for w in words:
        assert w in str(err.value)
    assert not (tmp_path / "m.html").exists()


def test_refuses_to_overwrite_a_non_html_file(small_files, small_net):
    orgs, _ = small_files
    before = Path(orgs).read_bytes()
    with pytest.raises(ValueError, match=r"\.html"):
        cn.to_html(small_net, orgs)
    assert Path(orgs).read_bytes() == before


def test_same_inputs_same_file(small_net, tmp_path):
    a, _ = render(small_net, tmp_path, name="a.html")
    b, _ = render(small_net, tmp_path, name="b.html")
    assert a == b


def test_large_network_uses_spring_layout_without_physics(small_net, tmp_path, monkeypatch):
    from coopnet.layout import layout_positions

    monkeypatch.setattr(payload, "PACKED_MAX", 3)  # the 4-organisation net is "large"
    _, data = render(small_net, tmp_path)
    assert data["physics"] is False and data["large"] is True
    assert data["packing"] is None and "k" not in data["nodes"][0]
    ref = layout_positions(small_net, layout="spring", seed=0)
    got = np.array([[n["x"], n["y"]] for n in data["nodes"]])
    want = np.array([ref[i] for i in small_net.orgs.index]) * [1, -1]  # y down in the page
    # the page's positions are the spring layout, shifted and scaled
    got_c, want_c = got - got.mean(axis=0), want - want.mean(axis=0)
    scale = np.linalg.norm(got_c) / np.linalg.norm(want_c)
    np.testing.assert_allclose(got_c, want_c * scale, atol=0.2)
    _, data = render(small_net, tmp_path, name="p.html", physics=True)
    assert data["physics"] is True


def test_packed_components_do_not_overlap(tmp_path):
    """Default layout of the bundled data: no component's box (nodes + labels) meets another's,
    in the packing for every screen shape the page can choose."""
    net = cn.load_sample()
    _, data = render(net, tmp_path)
    ids = [n["id"] for n in data["nodes"]]
    xy0 = np.array([[n["x"], n["y"]] for n in data["nodes"]])
    sizes = np.array([n["size"] for n in data["nodes"]])
    boxes = np.array([label_box(n["label"], data["fontSize"]) for n in data["nodes"]])
    comp = np.array([n["k"] for n in data["nodes"]])
    index = {k: i for i, k in enumerate(ids)}
    members = [[index[k] for k in c] for c in nx.connected_components(net.to_graph())]
    assert len(members) == 28  # summary(): 28 components
    assert all(len(set(comp[m])) == 1 for m in members)  # "k" numbers the components
    pk = data["packing"]
    corners = [np.array(c) for c in pk["corners"]]
    assert len(pk["aspects"]) >= 3 and pk["aspects"][pk["default"]] == 1.5
    for aspect, corner in zip(pk["aspects"], corners, strict=True):
        xy = xy0 + corner[comp] - corners[pk["default"]][comp]
        rects = _rects(xy, sizes, boxes)
        extents = []
        for idx in members:
            lo = np.minimum(rects[idx, :2], xy[idx] - sizes[idx, None]).min(axis=0)
            hi = np.maximum(rects[idx, 2:], xy[idx] + sizes[idx, None]).max(axis=0)
            extents.append((lo, hi))
        for i, (lo1, hi1) in enumerate(extents):
            for lo2, hi2 in extents[i + 1 :]:
                assert (hi1 <= lo2).any() or (hi2 <= lo1).any(), aspect
        # the block's shape follows the screen's: wider for wide screens
        lo = np.min([e[0] for e in extents], axis=0)
        hi = np.max([e[1] for e in extents], axis=0)
        w, h = hi - lo
        assert 0.6 * aspect < w / h < 1.6 * aspect, (aspect, w / h)


def test_networks_without_partnerships_render(tmp_path):
    from coopnet.network import Network

    net = cn.load_sample()
    _, data = render(Network(net.orgs.iloc[:0], net.edges.iloc[:0]), tmp_path, name="e.html")
    assert data["nodes"] == [] and data["pairs"] == [] and data["types"] == []
    lonely = Network(net.orgs.iloc[:3], net.edges.iloc[:0])
    _, data = render(lonely, tmp_path, name="l.html")
    assert [n["partners"] for n in data["nodes"]] == [0, 0, 0] and data["pairs"] == []


def test_vis_dashes():
    assert payload.vis_dashes("solid") is False
    assert payload.vis_dashes("dotted") == [2.5, 4.12]  # matplotlib (1, 1.65) × 2.5 px
    assert payload.vis_dashes((0, (6, 2, 1, 2, 1, 2))) == [15.0, 5.0, 2.5, 5.0, 2.5, 5.0]


# --------------------------------------------------------------- notebooks and show()
def test_show_gives_an_iframe_with_the_whole_page(small_net):
    view = cn.show(small_net, open_browser=False, lang="en")
    assert isinstance(view, interactive.MapView)
    frame = view._repr_html_()
    m = re.fullmatch(
        r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts allow-downloads" [^<>]*></iframe>', frame
    )
    assert m, frame[:200]
    assert html.unescape(m.group(1)) == view.html
    assert page_data(view.html)["lang"] == "en"


def test_show_outside_a_notebook_opens_the_browser(small_net, monkeypatch):
    opened = []
    monkeypatch.setattr(interactive.webbrowser, "open", opened.append)
    view = cn.show(small_net)
    assert len(opened) == 1 and opened[0].startswith("file:")
    from urllib.parse import unquote, urlparse

    path = unquote(urlparse(opened[0]).path)
    with open(path, encoding="utf-8") as fh:
        assert fh.read() == view.html


@pytest.mark.slow
def test_show_in_a_notebook_kernel(tmp_path):
    """Run a real kernel: cn.show displays text/html (an iframe) and opens no browser."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import webbrowser, coopnet as cn\n"
            "webbrowser.open = lambda *a, **k: (_ for _ in ()).throw(AssertionError('opened'))\n"
            "cn.show(cn.load_sample(), height=500)"
        )
    ]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3").execute(cwd=str(tmp_path))
    outputs = nb.cells[0].outputs
    assert [o["output_type"] for o in outputs] == ["execute_result"]
    shown = outputs[0]["data"]["text/html"]
    assert shown.startswith("<iframe srcdoc=") and "height:500px" in shown


# --------------------------------------------------------------- CLI and imports
def test_cli_html_with_type_and_lang(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert main(["html", "-o", str(out), "--type", "災害支援型", "--lang", "en"]) == 0
    assert "wrote" in capsys.readouterr().out
    data = page_data(out.read_text(encoding="utf-8"))
    assert [t["key"] for t in data["types"]] == ["災害支援型"]
    expected = cn.load_sample().by_type("災害支援型")
    assert sum(len(p[2]) for p in data["pairs"]) == len(expected.edges)
    assert len(data["nodes"]) == len(expected.orgs)
    assert data["lang"] == "en"


def test_cli_html_user_files_and_bad_path(small_files, tmp_path, capsys):
    orgs, edges = small_files
    out = tmp_path / "m.html"
    assert main(["html", "-o", str(out), "--orgs", orgs, "--edges", edges]) == 0
    assert len(page_data(out.read_text(encoding="utf-8"))["nodes"]) == 4
    assert main(["html", "-o", str(tmp_path / "m.png"), "--orgs", orgs, "--edges", edges]) == 2
    assert "must end in .html" in capsys.readouterr().err


@pytest.mark.slow
def test_rendering_in_a_plain_locale_imports_no_drawing_library(tmp_path):
    """A fresh interpreter in the C locale (not UTF-8, like cp932 Windows is not): every file
    coopnet opens names its encoding, the map is UTF-8, and neither pyvis nor matplotlib
    is imported to make it."""
    import os

    out = tmp_path / "m.html"
    code = (
        "import sys, warnings\n"
        "warnings.filterwarnings('error', category=EncodingWarning, module=r'coopnet(\\.|$)')\n"
        "import coopnet as cn\n"
        f"cn.to_html(cn.load_sample(), {str(out)!r})\n"
        "print(sorted(m for m in ('pyvis', 'matplotlib', 'jinja2') if m in sys.modules))\n"
    )
    env = dict(os.environ, LANG="C", LC_ALL="C", PYTHONUTF8="0")
    run = subprocess.run(
        [sys.executable, "-X", "warn_default_encoding", "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
    assert "協同組合" in out.read_bytes().decode("utf-8")
