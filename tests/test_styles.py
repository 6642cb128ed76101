"""One look per sector everywhere (issue 13.2): sectors outside the taxonomy get
colours and shapes of their own, and every picture, the HTML map and GEXF use the
same ``net.sector_styles``.

The council's files have six sectors outside the taxonomy, one more than the extra
colours: the sixth takes the first colour again with another shape.
"""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.markers import MarkerStyle

import coopnet as cn
from coopnet import taxonomy

EXTRA = ["医療機関", "商工団体", "報道機関", "生産者団体", "観光協会", "金融機関"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _path_key(path) -> tuple:
    """A marker path's shape, independent of size."""
    v = np.asarray(path.vertices, dtype=float)
    v = v / max(np.abs(v).max(), 1e-12)
    return tuple(np.round(v, 3).ravel())


def _shape(marker: str) -> tuple:
    style = MarkerStyle(marker)
    return _path_key(style.get_path().transformed(style.get_transform()))


def _drawn(ax):
    """(colour, shape) of each node drawn on ``ax``, in ``net.orgs`` order."""
    (coll,) = [a for a in ax.collections if a.get_gid() == "coopnet:nodes"]
    colours = [to_hex(c).upper() for c in coll.get_facecolors()]
    paths = coll.get_paths()
    if len(paths) == 1:
        paths = paths * len(colours)
    return list(zip(colours, [_path_key(p) for p in paths], strict=True))


def test_no_two_sectors_look_alike(council_net):
    styles = council_net.sector_styles
    assert set(EXTRA) <= set(styles)
    assert len(set(styles.values())) == len(styles)  # colour and shape together
    for s in EXTRA:
        assert styles[s][1] != "o"  # never taken for a taxonomy sector (circles)
        assert styles[s][0] not in {t.color for t in taxonomy.SECTORS.values()}
    colours = [styles[s][0] for s in EXTRA]
    # five extra colours, then the first again with the next shape
    assert len(set(colours[:5])) == 5 and colours[5] == colours[0]
    assert styles[EXTRA[5]][1] != styles[EXTRA[0]][1]
    assert taxonomy.NEUTRAL not in colours


def test_every_picture_draws_each_sector_as_its_style(council_net):
    net = council_net
    styles = net.sector_styles
    want = {s: (c.upper(), _shape(m)) for s, (c, m) in styles.items()}
    sector = net.orgs["sector"]
    pictures = {"map": [(cn.plot_map(net, labels="none"), net)]}
    pictures["types"] = [
        (ax, net.by_type(ax.get_gid().split(":", 2)[2])) for ax in cn.plot_types(net)
    ]
    fig = cn.plot_periods(net, periods=[2016, 2024], labels="none")
    pictures["periods"] = [(ax, net.until(int(ax.get_gid().rsplit(":", 1)[1]))) for ax in fig.axes]
    for name, panels in pictures.items():
        seen = set()
        for ax, sub in panels:
            got = _drawn(ax)
            assert len(got) == len(sub.orgs), name
            for org, look in zip(sub.orgs.index, got, strict=True):
                assert look == want[sector[org]], (name, org)
                seen.add(sector[org])
        assert set(EXTRA) <= seen, name


def test_the_html_map_and_gexf_use_the_same_colours(council_net, tmp_path):
    from coopnet._html.payload import build

    net = council_net
    styles = net.sector_styles
    data = build(
        net,
        color_by="sector",
        size_by="partners",
        lang="ja",
        physics=None,
        title=None,
        layout=None,
        seed=0,
        level="auto",
    )
    sector = net.orgs["sector"]
    for node in data["nodes"]:
        assert node["color"] == styles[sector[node["id"]]][0]
    assert {s["key"]: s["color"] for s in data["sectors"]} == {s: c for s, (c, _) in styles.items()}
    import xml.etree.ElementTree as ET

    path = tmp_path / "net.gexf"
    cn.write_gexf(net, path)
    # read the XML itself (networkx's reader drops viz:shape)
    root = ET.parse(path).getroot()
    gexf = root.tag.split("}")[0] + "}"
    nodes = root.findall(f".//{gexf}node")
    assert len(nodes) == len(net.orgs)
    shapes = {"o": "disc", "s": "square", "^": "triangle", "D": "diamond"}
    for el in nodes:
        s = sector[el.get("id")]
        colour = next(c for c in el if c.tag.endswith("}color"))
        shape = next(c for c in el if c.tag.endswith("}shape"))
        rgb = "#{:02X}{:02X}{:02X}".format(*(int(colour.get(k)) for k in "rgb"))
        assert rgb == styles[s][0]
        assert shape.get("value") == shapes[styles[s][1]]


def test_the_map_legend_shows_each_sectors_colour_and_shape(council_net):
    import matplotlib as mpl

    ax = cn.plot_map(council_net, labels="none")
    legs = [a for a in ax.get_children() if isinstance(a, mpl.legend.Legend)]
    (leg,) = [g for g in legs if g.get_title().get_text() == "セクター"]
    entries = {t.get_text(): h for t, h in zip(leg.get_texts(), leg.legend_handles, strict=True)}
    looks = set()
    for s in EXTRA:
        colour, marker = council_net.sector_styles[s]
        h = entries[s]
        assert to_hex(h.get_markerfacecolor()).upper() == colour and h.get_marker() == marker
        looks.add((colour, marker))
    assert len(looks) == len(EXTRA)
    for a, b in itertools.combinations(EXTRA, 2):
        assert council_net.sector_styles[a] != council_net.sector_styles[b]
