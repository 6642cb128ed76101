"""What the interactive map's page reads: plain JSON-able data, no HTML anywhere.

Built from the network's integer form (:func:`coopnet._kernels.form.integer_form`:
ties and partnerships as integers), its case table (``net.cases``) and who takes
part (``net.members``): pairs and cases by :mod:`coopnet._html.tables`, the map of
Japan and the summary's groups by :mod:`coopnet._html.places`. The page refers to organisations, ties and cases only by
their position in these lists, never by the user's ids or titles: it keeps them in
arrays and ``Map`` objects, so an id such as ``__proto__`` or ``constructor`` is
just text to show.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import taxonomy
from .._checks import check_choice, check_count, check_lang
from .._draw.values import CENTRALITY, looks, size_values, size_word
from .._glossary import TERMS, term
from .._kernels.form import integer_form
from .._text import wrap
from ..layout import LAYOUTS, layout_positions
from ..prefectures import PREFECTURES
from .packing import ASPECT, EDGE_PX, pack_components
from .places import geo_places, summary_groups
from .tables import cases as case_list
from .tables import pairs as pair_list
from .tables import text, year_range

#: Up to this many organisations the default layout packs the connected components
#: with their labels in view (:mod:`coopnet._html.packing`); above it, it is
#: ``layout="spring"`` and edges are hidden while dragging or zooming.
PACKED_MAX = 1000
#: Up to this many ties the lines are dashed by partnership type, as on the slides;
#: above it they are solid (dashed lines take about four times as long to draw, and
#: at that density a dash pattern cannot be read anyway).
DASHED_MAX = 2000
FONT_PX = 19  # label size at zoom 1
#: Above this many organisations the page opens on its summary view (``level="auto"``):
#: one node per sector and prefecture, opened by a click. Chromium measured: the
#: organisations' map of 50,000 takes ~30 s to draw and seconds per interaction.
SUMMARY_MIN = 20_000
LEVELS = ("auto", "organisations", "groups")
#: In the summary view, a focus draws at most this many organisations one by one
#: (the steps out that fit); farther ones are drawn as their groups.
FOCUS_MAX = 2500

# matplotlib marker -> vis-network shape with its label outside (vis has no plus or
# cross; P and X both become a star)
SHAPES = {"o": "dot", "s": "square", "^": "triangle", "D": "diamond", "v": "triangleDown",
          "P": "star", "X": "star", "h": "hexagon"}  # fmt: skip

# matplotlib's named dash patterns (rcParams lines.*_pattern), in units of line width.
_NAMED_DASHES = {
    "solid": None,
    "-": None,
    "dashed": (3.7, 1.6),
    "--": (3.7, 1.6),
    "dashdot": (6.4, 1.6, 1.0, 1.6),
    "-.": (6.4, 1.6, 1.0, 1.6),
    "dotted": (1.0, 1.65),
    ":": (1.0, 1.65),
}
_DASH_SCALE = 2.5  # pixels per unit: the map's edges are about 2.5 px wide
_ROMAJI = {p.name: p.romaji for p in PREFECTURES}
_UI_KEYS = {
    "types": "types", "sectors": "sectors", "sector": "sector", "prefecture": "prefecture",
    "n_partners": "n_partners", "n_partnerships": "n_partnerships", "cases": "cases",
    "type": "type", "case": "case", "year": "year", "summary": "summary", "source": "source",
    "members": "members", "partnerships": "partnerships", "unknown": "unknown",
    "organisations": "organisations",
}  # fmt: skip


def vis_dashes(linestyle) -> list[float] | bool:
    """A matplotlib line style as a vis-network ``dashes`` value (False for solid).

    Examples
    --------
    >>> vis_dashes("dashed")
    [9.25, 4.0]
    >>> vis_dashes((0, (4, 1.5)))
    [10.0, 3.75]
    """
    if isinstance(linestyle, str):
        pattern = _NAMED_DASHES.get(linestyle)
    else:
        pattern = linestyle[1]
    if not pattern:
        return False
    return [round(float(x) * _DASH_SCALE, 2) for x in pattern]


def _cap(text: str, lang: str) -> str:
    return text[:1].upper() + text[1:] if lang == "en" else text


def ui_words(lang: str) -> dict[str, str]:
    """The page's words in ``lang``, from the glossary (English ones capitalised)."""
    words = {key: term(k, lang) for key, k in _UI_KEYS.items()}
    words.update({k[5:]: term(k, lang) for k in TERMS if k.startswith("page_")})
    return {k: _cap(v, lang) for k, v in words.items()}


def prefecture_text(value, lang: str) -> str:
    """A prefecture cell as shown: as written in Japanese, in romaji in English."""
    value = text(value)
    if lang == "ja" or not value:
        return value
    return ", ".join(_ROMAJI.get(p, p) for p in value.split("、"))


def titles(net, title: str | None, lang: str) -> tuple[str, str]:
    """(heading, sub-heading): the title given, else the network's name, else the
    glossary's; on an English page a Japanese name moves to the sub-heading."""
    if title is not None:
        return title, ""
    name = net.name or ""
    japanese = any("\u3040" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in name)
    if name and not (lang == "en" and japanese):
        return name, ""
    return _cap(term("map_title", lang), lang), name


def check_options(net, *, color_by, size_by, lang, physics, title, layout, seed, level) -> None:
    """The options of :func:`coopnet.to_html`, checked as :func:`coopnet.plot_map`
    checks its own (the same values are accepted)."""
    orgs = net.orgs
    check_choice(color_by, "color_by", ("sector", *orgs.columns))
    numeric = [c for c in orgs.columns if pd.api.types.is_numeric_dtype(orgs[c])]
    check_choice(size_by, "size_by", ("partners", "partnerships", *CENTRALITY, *numeric, None))
    check_lang(lang)
    check_choice(physics, "physics", (None, True, False))
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, not {type(title).__name__}")
    if not isinstance(layout, Mapping):
        check_choice(layout, "layout", (None, *LAYOUTS))
    check_count(seed, "seed")
    check_choice(level, "level", LEVELS)


def summary_level(net, level: str) -> bool:
    """Whether the page opens on the summary view (groups) rather than organisations."""
    return level == "groups" or (level == "auto" and len(net.orgs) > SUMMARY_MIN)


def _positions(net, form, layout, seed: int, labels: list[str], sizes: np.ndarray):
    """Node positions in the page's pixels (rows in the order of ``net.orgs``).

    Returns ``(xy, component, packing)``. For the default layout of a network of
    up to :data:`PACKED_MAX` organisations, ``component`` numbers each node's
    connected component and ``packing`` holds the component corners the page
    needs to re-pack for its own shape; otherwise both are None.
    """
    n = form.n
    if layout is None and n <= PACKED_MAX:
        packing = pack_components(form, labels, sizes, font_px=FONT_PX, seed=seed)
        extra = {
            "aspects": list(packing.corners),
            "default": list(packing.corners).index(ASPECT),
            "corners": [np.round(c, 1).tolist() for c in packing.corners.values()],
        }
        return packing.positions(ASPECT), packing.component, extra
    pos = layout_positions(net, layout="spring" if layout is None else layout, seed=seed)
    xy = np.array([pos[i] for i in net.orgs.index], dtype=float).reshape(-1, 2)
    if n == 0:
        return xy, None, None
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    xy[:, 1] *= -1  # y grows downwards in the browser
    # neighbours about 60 px apart whatever the size of the network
    return xy / extent * (60.0 * np.sqrt(n) + 150.0), None, None


def _names(orgs: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """Each organisation's name in ``lang`` (falling back to the other) and the other."""
    ja = [text(x) for x in orgs["name"]]
    en = [text(x) for x in orgs["name_en"]] if "name_en" in orgs else [""] * len(orgs)
    shown, others = [], []
    for a, b in zip(ja, en, strict=True):
        label, other = (a, b) if lang == "ja" else (b, a)
        if not label:
            label, other = other, ""
        shown.append(label)
        others.append("" if other == label else other)
    return shown, others


def build(net, *, color_by, size_by, lang, physics, title, layout, seed, level) -> dict:
    """Everything the page needs (see the module notes); options as :func:`coopnet.to_html`."""
    check_options(
        net, color_by=color_by, size_by=size_by, lang=lang, physics=physics, title=title,
        layout=layout, seed=seed, level=level,
    )  # fmt: skip
    form = integer_form(net)
    orgs = net.orgs
    n = form.n
    summary = summary_level(net, level)
    types = net.types
    type_index = {t: i for i, t in enumerate(types)}
    values = size_values(net, size_by)
    small, big = (5.0, 9.0) if summary else (8.0, 16.0)  # a group's organisations sit closer
    if size_by is None or n == 0:
        sizes = np.full(n, small + big * 0.4)
    else:
        values = np.clip(np.nan_to_num(values), 0.0, None)
        sizes = small + big * np.sqrt(values / (values.max() or 1.0))
    look = looks(net, color_by)
    colors, cats = look.colors, [(c, colour) for c, colour, _ in look.entries]
    shown, others = _names(orgs, lang)
    labels = [wrap(x, lang, width=9) for x in shown]
    component = packing = geo = groups = None
    if summary:
        group, groups, xy, tiles = summary_groups(net, lang)
        geo = {"xy": None, **tiles}
    else:
        geo = geo_places(net, lang)
        own = None if layout == "geo" else layout  # "geo": the map's layout is the other one
        xy, component, packing = _positions(net, form, own, seed, labels, sizes)
    prefs = orgs["prefecture"] if "prefecture" in orgs else pd.Series([""] * n)
    nodes = []
    for i in range(n):
        node = {
            "id": str(form.ids[i]),
            "label": labels[i],
            "name": shown[i],
            "sub": others[i],
            "s": int(form.sector[i]),
            "pref": prefecture_text(prefs.iat[i], lang),
            "color": colors[i],
            "size": round(float(sizes[i]), 2),
            "x": round(float(xy[i, 0]), 1),
            "y": round(float(xy[i, 1]), 1),
            "partners": int(form.partners[i]),
            "np": int(form.partnerships[i]),
        }
        if component is not None:
            node["k"] = int(component[i])
        if groups is not None:
            node["g"] = int(group[i])
        nodes.append(node)
    heading, subheading = titles(net, title, lang)
    ui = ui_words(lang)
    what = size_word(size_by, lang)
    n_sector = np.bincount(form.sector, minlength=len(form.sectors))
    pairs = pair_list(net, form, type_index, net.cases.index.get_indexer(form.cases))
    cases = case_list(net, lang, type_index, form.ids, prefecture_text)
    return {
        "lang": lang,
        "title": heading,
        "subtitle": subheading,
        "ui": ui,
        "sectors": [
            {
                "key": s,
                "label": taxonomy.sector_label(s, lang),
                "color": net.sector_styles[s][0],
                "shape": SHAPES.get(net.sector_styles[s][1], "dot"),
                "count": int(n_sector[k]),
            }
            for k, s in enumerate(form.sectors)
        ],
        "types": [
            {
                "key": t,
                "label": taxonomy.type_label(t, lang),
                "color": taxonomy.type_color(t),
                "dashes": vis_dashes(taxonomy.type_linestyle(t)),
                "count": int((net.edges["type"] == t).sum()),
            }
            for t in types
        ],
        "colorBy": color_by,
        "colorTitle": f"{ui['colours']} ({ui['prefecture'] if color_by == 'prefecture' else color_by})",
        "colors": []
        if color_by == "sector"
        else [
            {"label": prefecture_text(c, lang) if c else ui["unknown"], "color": col}
            for c, col in cats
        ],
        "sizeNote": ui["size"].replace("{what}", what) if what else "",
        "nodes": nodes,
        "pairs": pairs,
        "cases": cases,
        "years": year_range(net, cases),
        # the tile map: the organisations' places on it (None in the summary view,
        # where they are always there) and the tiles drawn behind; None: no prefectures
        "geo": geo,
        "view": "geo" if summary or (layout == "geo" and geo is not None) else "network",
        "groups": groups,
        "focusMax": FOCUS_MAX,
        "physics": bool(physics),  # None: off, the computed layout is final
        "packing": packing,
        "fontSize": FONT_PX,
        "edgePx": EDGE_PX,
        "large": n > PACKED_MAX,
        "dashed": len(pairs) <= DASHED_MAX,
    }
