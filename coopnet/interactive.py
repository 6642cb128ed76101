"""The interactive map: one self-contained, offline HTML file drawn with vis-network.

pyvis 0.3.2 ships the vis-network build used here, but its page generator is not: it
drops parallel edges, loads assets from CDNs even with ``cdn_resources="in_line"``,
sets some tooltips with ``innerHTML`` and writes with the platform's default encoding.
coopnet therefore writes the page itself from :mod:`coopnet._html.page`: the data
as escaped JSON, every user string put on the page with ``textContent`` only, every
script and stylesheet inlined, a subset of IPAexGothic embedded so Japanese labels
render on machines without a Japanese font, and a Content-Security-Policy that forbids
any network request.
"""

from __future__ import annotations

import colorsys
import html
import os
import webbrowser
from pathlib import Path

import numpy as np
import pandas as pd

from . import taxonomy
from ._html.packing import EDGE_PX
from ._text import wrap
from .network import Network

__all__ = ["LARGE_NETWORK", "MapView", "show", "to_html"]

#: Above this many organisations the map is laid out by :func:`coopnet.layout.layout_positions`
#: (``"spring"``) instead of the label-aware packing, edges are hidden while dragging or
#: zooming, and ``physics=True`` is needed to run the force simulation.
LARGE_NETWORK = 1000

FONT_PX = 19  # label size at zoom 1

COLOR_BY = ("sector", "prefecture")
SIZE_BY = ("partners", "partnerships", "cases", None)
LANGS = ("ja", "en")

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

UI = {
    "ja": {
        "default_title": "協同組合間連携マップ",
        "types": "連携類型",
        "sectors": "セクター",
        "colors": "色",
        "sector": "セクター",
        "prefecture": "都道府県",
        "partners": "連携先",
        "partnerships": "連携",
        "cases": "事例",
        "type": "連携類型",
        "case": "事例",
        "year": "開始年",
        "no_year": "—",
        "all": "すべて",
        "none": "なし",
        "stats": "組織 {o} · 連携 {p} を表示",
        "search": "組織名で検索（Enter）",
        "more": "ほか{n}件",
        "hint": "組織をクリックすると連携先を強調します。線や組織にマウスを重ねると詳細を表示します。",
        "unknown": "（不明）",
        "error": "地図を表示できませんでした",
    },
    "en": {
        "default_title": "Cooperative partnership map",
        "types": "Partnership types",
        "sectors": "Sectors",
        "colors": "Colours",
        "sector": "Sector",
        "prefecture": "Prefecture",
        "partners": "Partners",
        "partnerships": "Partnerships",
        "cases": "Cases",
        "type": "Type",
        "case": "Case",
        "year": "Year",
        "no_year": "—",
        "all": "all",
        "none": "none",
        "stats": "{o} organisations · {p} partnerships shown",
        "search": "Find an organisation (Enter)",
        "more": "and {n} more",
        "hint": "Click an organisation to highlight its partners; hover over it or a line for details.",
        "unknown": "(unknown)",
        "error": "The map could not be drawn",
    },
}


def _choice(value, name: str, choices) -> None:
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name}={value!r} is not supported; choose from {shown}")


def _text(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return str(value)


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


def _palette(n: int) -> list[str]:
    """``n`` distinguishable colours (golden-angle hues), for prefectures."""
    out = []
    for i in range(n):
        h = (i * 0.381966) % 1.0
        r, g, b = colorsys.hls_to_rgb(h, 0.45 + 0.1 * (i % 2), 0.55)
        out.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return out


def _positions(net: Network, layout, seed: int, labels: list[str], sizes):
    """Node positions in the page's pixels (rows in the order of ``net.orgs``).

    Returns ``(xy, packing)``: ``packing`` is None, or for the default layout of a
    small network the data the page needs to re-pack components for its own shape.
    """
    n = len(net.orgs)
    if layout is None and n <= LARGE_NETWORK:
        from ._html.packing import ASPECT, pack_components

        packing = pack_components(
            net.to_graph(), list(net.orgs.index), labels, sizes, font_px=FONT_PX, seed=seed
        )
        extra = {
            "aspects": list(packing.corners),
            "default": list(packing.corners).index(ASPECT),
            "corners": [np.round(c, 1).tolist() for c in packing.corners.values()],
        }
        return packing.positions(ASPECT), packing.component, extra
    from .layout import layout_positions

    pos = layout_positions(net, layout="spring" if layout is None else layout, seed=seed)
    xy = np.array([pos[i] for i in net.orgs.index], dtype=float).reshape(-1, 2)
    if n == 0:
        return xy, None, None
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    xy[:, 1] *= -1  # y grows downwards in the browser
    # neighbours about 60 px apart whatever the size of the network
    return xy / extent * (60.0 * np.sqrt(n) + 150.0), None, None


def _payload(net, *, color_by, size_by, lang, physics, title, layout, seed) -> dict:
    """Everything the page needs, as plain JSON-able data (no HTML anywhere)."""
    ui = UI[lang]
    orgs, edges = net.orgs, net.edges
    n = len(orgs)
    ids = orgs.index
    sectors = net.sectors
    types = net.types
    sector_idx = {s: i for i, s in enumerate(sectors)}
    type_idx = {t: i for i, t in enumerate(types)}

    case_codes, case_names = pd.factorize(edges["case"], sort=True)
    src = ids.get_indexer(edges["source"])
    dst = ids.get_indexer(edges["target"])
    if len(edges) and ((src < 0) | (dst < 0)).any():
        raise ValueError("net.edges refers to organisations missing from net.orgs")
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    years = edges["year"] if "year" in edges else pd.Series([None] * len(edges))
    years = [None if pd.isna(y) else int(y) for y in years]
    tcodes = [type_idx[t] for t in edges["type"]]
    order = sorted(
        range(len(edges)),
        key=lambda i: (lo[i], hi[i], years[i] is None, years[i] or 0, tcodes[i], case_codes[i]),
    )
    pairs: list[list] = []
    for i in order:
        u, v = int(lo[i]), int(hi[i])
        if not pairs or pairs[-1][0] != u or pairs[-1][1] != v:
            pairs.append([u, v, []])
        pairs[-1][2].append([tcodes[i], int(case_codes[i]), years[i]])

    partners = [set() for _ in range(n)]
    n_partnerships = np.zeros(n, dtype=int)
    node_cases = [set() for _ in range(n)]
    node_types = [set() for _ in range(n)]
    for u, v, plist in pairs:
        for a, b in ((u, v), (v, u)):
            if a != b:
                partners[a].add(b)
            n_partnerships[a] += len(plist)
            node_cases[a].update(p[1] for p in plist)
            node_types[a].update(p[0] for p in plist)
        if u == v:  # a self-loop was counted twice above
            n_partnerships[u] -= len(plist)

    counts = {
        "partners": np.array([len(p) for p in partners], dtype=float),
        "partnerships": n_partnerships.astype(float),
        "cases": np.array([len(c) for c in node_cases], dtype=float),
    }
    if size_by is None or n == 0:
        sizes = np.full(n, 14.0)
    else:
        values = counts[size_by]
        sizes = 8.0 + 16.0 * np.sqrt(values / (values.max() or 1.0))

    prefs = [_text(p) for p in orgs["prefecture"]] if "prefecture" in orgs else [""] * n
    if color_by == "sector":
        node_colors = [net.sector_styles[s][0] for s in orgs["sector"]]
        color_legend = []
    else:
        present = sorted({p for p in prefs if p})
        lookup = dict(zip(present, _palette(len(present)), strict=True))
        node_colors = [lookup.get(p, taxonomy.NEUTRAL) for p in prefs]
        color_legend = [{"label": p, "color": lookup[p]} for p in present]
        if "" in prefs:
            color_legend.append({"label": ui["unknown"], "color": taxonomy.NEUTRAL})

    names = [_text(x) for x in orgs["name"]]
    names_en = [_text(x) for x in orgs["name_en"]] if "name_en" in orgs else [""] * n
    shown, others = [], []
    for i in range(n):
        label, other = (names[i], names_en[i]) if lang == "ja" else (names_en[i], names[i])
        if not label:
            label, other = other, ""
        shown.append(label)
        others.append("" if other == label else other)
    labels = [wrap(x, lang, width=9) for x in shown]
    xy, component, packing = _positions(net, layout, seed, labels, sizes)
    nodes = []
    for i in range(n):
        nodes.append(
            {
                "id": str(ids[i]),
                "label": labels[i],
                "name": shown[i],
                "sub": others[i],
                "s": sector_idx[orgs["sector"].iat[i]],
                "pref": prefs[i],
                "color": node_colors[i],
                "size": round(float(sizes[i]), 2),
                "x": round(float(xy[i, 0]), 1),
                "y": round(float(xy[i, 1]), 1),
                "partners": len(partners[i]),
                "np": int(n_partnerships[i]),
                "cases": sorted(node_cases[i]),
                "types": sorted(node_types[i]),
            }
        )
        if component is not None:
            nodes[-1]["k"] = int(component[i])

    if physics is None:
        physics = False  # the precomputed layout is final; see to_html's notes
    return {
        "lang": lang,
        "title": title if title is not None else (net.name or ui["default_title"]),
        "ui": ui,
        "colorBy": color_by,
        "sectors": [
            {
                "key": s,
                "label": taxonomy.sector_label(s, lang),
                "color": net.sector_styles[s][0],
                "count": int((orgs["sector"] == s).sum()),
            }
            for s in sectors
        ],
        "colors": color_legend,
        "types": [
            {
                "key": t,
                "label": taxonomy.type_label(t, lang),
                "color": taxonomy.type_color(t),
                "dashes": vis_dashes(taxonomy.type_linestyle(t)),
                "count": int((edges["type"] == t).sum()),
            }
            for t in types
        ],
        "cases": [str(c) for c in case_names],
        "nodes": nodes,
        "pairs": pairs,
        "physics": bool(physics),
        "packing": packing,
        "fontSize": FONT_PX,
        "edgePx": EDGE_PX,
        "large": n > LARGE_NETWORK,
    }


def _render(
    net: Network,
    *,
    color_by="sector",
    size_by="partners",
    lang="ja",
    physics=None,
    title=None,
    layout=None,
    seed=0,
) -> str:
    if not isinstance(net, Network):
        raise TypeError(f"net= must be a coopnet.Network, not {type(net).__name__}")
    _choice(color_by, "color_by", COLOR_BY)
    _choice(size_by, "size_by", SIZE_BY)
    _choice(lang, "lang", LANGS)
    _choice(physics, "physics", (None, True, False))
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title= must be a string or None, not {type(title).__name__}")
    from ._html.page import render_page

    data = _payload(
        net,
        color_by=color_by,
        size_by=size_by,
        lang=lang,
        physics=physics,
        title=title,
        layout=layout,
        seed=seed,
    )
    return render_page(data)


def to_html(
    net: Network,
    path: str | os.PathLike,
    *,
    color_by: str = "sector",
    size_by: str | None = "partners",
    lang: str = "ja",
    physics: bool | None = None,
    title: str | None = None,
    layout=None,
    seed: int = 0,
) -> Path:
    """Write the network as one self-contained, offline, interactive HTML map.

    The file inlines every script, stylesheet and a subset of the IPAexGothic font;
    it makes no network request (a Content-Security-Policy forbids them), so it can
    be opened on an offline laptop or sent by mail. Organisations are circles coloured
    by sector; each pair of partner organisations is one line, as wide as their
    number of partnerships and styled like the static map by its most frequent type.
    Hovering shows details (an organisation's sector, prefecture, partners and cases;
    every partnership of a pair with type, case and year); clicking an organisation
    highlights its partners; check boxes filter by partnership type and by sector.
    The vis-network ``Network`` is ``window.network`` in the page.

    Parameters
    ----------
    net : Network
    path : path
        File to write (``.html`` or ``.htm``); replaced if it exists. Written in
        UTF-8, atomically.
    color_by : {"sector", "prefecture"}, default "sector"
    size_by : {"partners", "partnerships", "cases", None}, default "partners"
        What a circle's area grows with: the number of partner organisations, of
        partnerships, or of cases; None for equal sizes.
    lang : {"ja", "en"}, default "ja"
        Language of labels, legend and tooltips (English names fall back to the
        Japanese name where ``name_en`` is empty).
    physics : bool, optional
        True runs vis-network's force simulation: it settles the layout when the
        page opens and partners follow a dragged organisation. By default (None)
        it is off at every size and the positions computed in Python are final,
        so the page is usable as soon as it has loaded (see Notes).
    title : str, optional
        Heading and window title (default: the network's name).
    layout : {"spring", "sector", "circular"} or mapping, optional
        Starting positions, see :func:`coopnet.layout.layout_positions` (final
        positions when physics is off). By default each connected component is
        laid out on its own, turned so its labels overlap least, and the
        components are packed in rows; above :data:`LARGE_NETWORK` organisations
        the default is ``"spring"``.
    seed : int, default 0
        Seed of the layout; the same inputs give the same file.

    Returns
    -------
    Path
        The file written.

    Notes
    -----
    Up to :data:`LARGE_NETWORK` (1,000) organisations the default layout lays out
    each connected component on its own, turns it so its labels overlap least and
    packs the components in rows; vis-network's physics was measured to undo this
    (it pulls disconnected components together or pushes them far apart, shrinking
    the labels), so it is off by default. Above that size the default is
    :func:`coopnet.layout.layout_positions` with ``layout="spring"``, computed in
    Python; the page then draws at once without any simulation.

    The page resolves ``window.coopnet.ready`` (a Promise) and sets
    ``data-coopnet="drawn"`` on ``<html>`` once the network is first drawn.

    Examples
    --------
    >>> import tempfile, pathlib, coopnet as cn
    >>> net = cn.load_sample()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = cn.to_html(net, pathlib.Path(d) / "map.html", lang="en")
    ...     text = out.read_text(encoding="utf-8")
    >>> "http://" in text or "https://" in text
    False
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(
            f"path={str(path)!r} must end in .html or .htm (refusing to overwrite another kind of file)"
        )
    from ._io.files import atomic_write_text

    text = _render(
        net,
        color_by=color_by,
        size_by=size_by,
        lang=lang,
        physics=physics,
        title=title,
        layout=layout,
        seed=seed,
    )
    return atomic_write_text(path, text, encoding="utf-8")


class MapView:
    """An interactive map held in memory; notebooks display it inline.

    ``_repr_html_`` gives a sandboxed ``<iframe srcdoc=…>`` holding the whole page, so
    JupyterLab, the classic Notebook and VS Code show it with no server and no network.

    Attributes
    ----------
    html : str
        The complete page, as :func:`to_html` would write it.
    height : int
        Height of the inline frame in pixels.
    """

    def __init__(self, html_text: str, *, height: int = 640):
        self.html = html_text
        self.height = int(height)

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            'sandbox="allow-scripts" referrerpolicy="no-referrer" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'title="coopnet map"></iframe>'
        )

    def save(self, path: str | os.PathLike) -> Path:
        """Write the page to ``path`` in UTF-8 and return the path."""
        from ._io.files import atomic_write_text

        return atomic_write_text(Path(path), self.html, encoding="utf-8")

    def __repr__(self) -> str:
        return f"<coopnet.MapView: {len(self.html.encode('utf-8')) / 1e3:.0f} kB of HTML>"


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def show(
    net: Network,
    *,
    height: int = 640,
    open_browser: bool | None = None,
    **kwargs,
) -> MapView:
    """Show the interactive map: inline in a notebook, otherwise in the web browser.

    Parameters
    ----------
    net : Network
    height : int, default 640
        Height of the map in a notebook, in pixels.
    open_browser : bool, optional
        Write the page to a temporary file and open it in the default browser.
        By default only when not running in a notebook kernel.
    **kwargs
        Options of :func:`to_html` (``color_by``, ``size_by``, ``lang``, ``physics``,
        ``title``, ``layout``, ``seed``).

    Returns
    -------
    MapView
        Displayed inline when it is the last expression of a notebook cell.

    Examples
    --------
    >>> import coopnet as cn
    >>> view = cn.show(cn.load_sample(), open_browser=False)
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """
    view = MapView(_render(net, **kwargs), height=height)
    if open_browser is None:
        open_browser = not _in_notebook()
    if open_browser:
        import tempfile

        fd, name = tempfile.mkstemp(prefix="coopnet-map-", suffix=".html")
        os.close(fd)
        view.save(name)
        webbrowser.open(Path(name).as_uri())
    return view
