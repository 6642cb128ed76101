"""What the interactive map's page reads: plain JSON-able data, no HTML anywhere.

Built from the network's integer form (:func:`coopnet._kernels.form.integer_form`:
ties and partnerships as integers), its case table (``net.cases``) and who takes
part (``net.members``). The page refers to organisations, ties and cases only by
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
from .._draw.netmap import _CENTRALITY, _colors, _size_values
from .._glossary import TERMS, term
from .._kernels.form import integer_form
from .._text import wrap
from ..layout import LAYOUTS, layout_positions
from ..prefectures import PREFECTURES
from .packing import ASPECT, EDGE_PX, pack_components

#: Up to this many organisations the default layout packs the connected components
#: with their labels in view (:mod:`coopnet._html.packing`); above it, it is
#: ``layout="spring"`` and edges are hidden while dragging or zooming.
PACKED_MAX = 1000
#: Up to this many ties the lines are dashed by partnership type, as on the slides;
#: above it they are solid (dashed lines take about four times as long to draw, and
#: at that density a dash pattern cannot be read anyway).
DASHED_MAX = 2000
FONT_PX = 19  # label size at zoom 1

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
_ROLES = ("lead", "member", "observer", "supporter")
_UI_KEYS = {
    "types": "types", "sectors": "sectors", "sector": "sector", "prefecture": "prefecture",
    "n_partners": "n_partners", "n_partnerships": "n_partnerships", "cases": "cases",
    "type": "type", "case": "case", "year": "year", "summary": "summary", "source": "source",
    "members": "members", "partnerships": "partnerships", "unknown": "unknown",
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


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def _year(value) -> int | None:
    return None if pd.isna(value) else int(value)


def _cap(text: str, lang: str) -> str:
    return text[:1].upper() + text[1:] if lang == "en" else text


def ui_words(lang: str) -> dict[str, str]:
    """The page's words in ``lang``, from the glossary (English ones capitalised)."""
    words = {key: term(k, lang) for key, k in _UI_KEYS.items()}
    words.update({k[5:]: term(k, lang) for k in TERMS if k.startswith("page_")})
    return {k: _cap(v, lang) for k, v in words.items()}


def prefecture_text(value, lang: str) -> str:
    """A prefecture cell as shown: as written in Japanese, in romaji in English."""
    text = _text(value)
    if lang == "ja" or not text:
        return text
    return ", ".join(_ROMAJI.get(p, p) for p in text.split("、"))


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


def check_options(net, *, color_by, size_by, lang, physics, title, layout, seed) -> None:
    """The options of :func:`coopnet.to_html`, checked as :func:`coopnet.plot_map`
    checks its own (the same values are accepted)."""
    orgs = net.orgs
    check_choice(color_by, "color_by", ("sector", *orgs.columns))
    numeric = [c for c in orgs.columns if pd.api.types.is_numeric_dtype(orgs[c])]
    check_choice(size_by, "size_by", ("partners", "partnerships", *_CENTRALITY, *numeric, None))
    check_lang(lang)
    check_choice(physics, "physics", (None, True, False))
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, not {type(title).__name__}")
    if not isinstance(layout, Mapping):
        check_choice(layout, "layout", (None, *LAYOUTS))
    check_count(seed, "seed")


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
    ja = [_text(x) for x in orgs["name"]]
    en = [_text(x) for x in orgs["name_en"]] if "name_en" in orgs else [""] * len(orgs)
    shown, others = [], []
    for a, b in zip(ja, en, strict=True):
        label, other = (a, b) if lang == "ja" else (b, a)
        if not label:
            label, other = other, ""
        shown.append(label)
        others.append("" if other == label else other)
    return shown, others


def _pairs(net, form, type_index: dict, case_pos: np.ndarray) -> list[list]:
    """One entry per tie ``[u, v, [[type, case, year], ...]]``, partnerships by year."""
    edges = net.edges
    t = np.array([type_index[x] for x in edges["type"]], dtype=np.int64)
    c = case_pos[form.case]
    years = edges["year"] if "year" in edges else pd.Series([pd.NA] * len(edges))
    missing = years.isna().to_numpy()
    y = years.fillna(0).to_numpy(dtype=np.int64)
    order = np.lexsort((c, t, y, missing, form.tie_of_edge))
    pairs = [[u, v, []] for u, v in zip(form.u.tolist(), form.v.tolist(), strict=True)]
    for tie, ti, ci, yi, gone in zip(
        form.tie_of_edge[order].tolist(),
        t[order].tolist(),
        c[order].tolist(),
        y[order].tolist(),
        missing[order].tolist(),
        strict=True,
    ):
        pairs[tie][2].append([ti, ci, None if gone else yi])
    return pairs


def _cases(net, lang: str, type_index: dict, ids: pd.Index) -> list[dict]:
    """One entry per case of ``net.cases``: its words in ``lang`` and its members as
    ``[organisation, role, tied]`` (tied: it has a partnership in the case)."""
    cases = net.cases
    members = net.members
    pos = {c: i for i, c in enumerate(cases.index)}
    listed: list[list] = [[] for _ in range(len(cases))]
    roles = {r: term("member_role" if r == "member" else r, lang) for r in _ROLES}
    for c, i, role, tied in zip(
        members["case"].tolist(),
        ids.get_indexer(members["org"]).tolist(),
        members["role"].tolist(),
        members["tied"].tolist(),
        strict=True,
    ):
        role = _text(role)
        listed[pos[c]].append([i, roles.get(role, role), int(bool(tied))])

    def column(name: str) -> list[str]:
        return [_text(x) for x in cases[name]] if name in cases else [""] * len(cases)

    english = column("name_en") if lang == "en" else [""] * len(cases)
    out = []
    for k, (name, ctype, year, pref, summary, source, parent) in enumerate(
        zip(
            cases.index.tolist(),
            cases["type"].tolist(),
            cases["year"].tolist(),
            column("prefecture"),
            column("summary"),
            column("source"),
            column("parent"),
            strict=True,
        )
    ):
        out.append(
            {
                "name": str(name),
                "label": english[k] or str(name),
                "t": type_index.get(ctype, -1),
                "year": _year(year),
                "pref": prefecture_text(pref, lang),
                "summary": summary,
                "source": source,
                "parent": pos.get(parent, -1),
                "members": listed[k],
            }
        )
    return out


def build(net, *, color_by, size_by, lang, physics, title, layout, seed) -> dict:
    """Everything the page needs (see the module notes); options as :func:`coopnet.to_html`."""
    check_options(
        net, color_by=color_by, size_by=size_by, lang=lang, physics=physics, title=title,
        layout=layout, seed=seed,
    )  # fmt: skip
    form = integer_form(net)
    orgs = net.orgs
    n = form.n
    types = net.types
    type_index = {t: i for i, t in enumerate(types)}
    values, size_word = _size_values(net, size_by)
    if size_by is None or n == 0:
        sizes = np.full(n, 14.0)
    else:
        values = np.clip(np.nan_to_num(values), 0.0, None)
        sizes = 8.0 + 16.0 * np.sqrt(values / (values.max() or 1.0))
    colors, cats, _ = _colors(net, color_by)
    shown, others = _names(orgs, lang)
    labels = [wrap(x, lang, width=9) for x in shown]
    xy, component, packing = _positions(net, form, layout, seed, labels, sizes)
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
        nodes.append(node)
    heading, subheading = titles(net, title, lang)
    ui = ui_words(lang)
    what = term(f"n_{size_word}", lang) if size_word in ("partners", "partnerships") else size_word
    n_sector = np.bincount(form.sector, minlength=len(form.sectors))
    pairs = _pairs(net, form, type_index, net.cases.index.get_indexer(form.cases))
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
        "cases": _cases(net, lang, type_index, form.ids),
        "physics": bool(physics),  # None: off, the computed layout is final
        "packing": packing,
        "fontSize": FONT_PX,
        "edgePx": EDGE_PX,
        "large": n > PACKED_MAX,
        "dashed": len(pairs) <= DASHED_MAX,
    }
