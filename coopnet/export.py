"""Exports for Gephi (GEXF) and Cytoscape (GraphML).

Both files keep **every partnership** as its own edge (a multigraph: two
organisations with three partnerships have three parallel edges), each with
its partnership type, case, year and evidence, so nothing is merged on the way
out. Organisations carry their name, English name, sector, prefecture and note
(and any extra columns of the input), plus ``partners`` (distinct partner
organisations) for sizing.

Attribute names
---------------
- The partnership type is written as ``partnership_type`` in both formats:
  GEXF reserves an edge's ``type`` for its direction (networkx's writer takes
  a ``type`` attribute for that), so the same name is used in GraphML too.
- ``label`` is the display name (organisation name, or the type for an edge)
  in the chosen language; Gephi and Cytoscape show it as the label.
- Missing values (a partnership without a year, an organisation without a
  prefecture) are left out of that node or edge instead of being written as a
  sentinel: networkx's writers cannot write ``None``, and an absent value is
  what Gephi and Cytoscape show as an empty cell. Read back, the attribute is
  simply not there.
- Extra input columns whose names the formats reserve (``id``, ``label``,
  ``viz``, ``weight``, ``start``, ``end`` …) are written with a ``data_`` prefix.

Gephi's timeline
----------------
In the GEXF file every partnership with a year also has a ``start``: the year
as a float (``2019.0``), and the graph is written in dynamic mode with
``timeformat="double"``, so Gephi's timeline shows the network growing. The
year is written as a double because GEXF 1.2 knows the time formats
``integer``, ``double``, ``date`` and ``dateTime``, and networkx writes integer
years as ``timeformat="long"``, which Gephi ignores. A partnership without a
year has no ``start`` and is shown at every time.

Gephi opens the GEXF file coloured and laid out: nodes have their sector's colour
and shape as the pictures draw them (``net.sector_styles``: sectors outside the
taxonomy are squares, triangles …), edges the type colour (``viz:color``), a
size by partners and a position from :func:`coopnet.layout.layout_positions`. Gephi's import dialog
offers to merge parallel edges; choose *Don't merge* to keep each partnership.
In Cytoscape, map the GraphML ``color`` columns (hex) with a passthrough mapping.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path

import networkx as nx
import pandas as pd

from . import taxonomy
from ._checks import check_choice, check_lang, check_network
from ._io.clean import printable
from ._io.files import atomic_write_bytes
from ._io.output import check_file
from .layout import layout_positions
from .network import Network

__all__ = ["write_gexf", "write_graphml"]

_GEXF_NODE_RESERVED = {"id", "label", "pid", "start", "end", "viz", "parents", "slices", "spells"}
_GEXF_EDGE_RESERVED = {
    "id",
    "label",
    "weight",
    "type",
    "start",
    "end",
    "viz",
    "key",
    "networkx_key",
    "slices",
    "spells",
}
_COMMON_RESERVED = {"label", "color", "partners", "partnership_type"}
_GRAPHML_RESERVED = {"id", "key"}


def _clean(value):
    """A value networkx's XML writers accept, or None for a missing value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, int | str):
        return value if value != "" else None
    return str(value)


def _attrs(data: dict, reserved: set[str]) -> dict:
    out = {}
    for key, value in data.items():
        value = _clean(value)
        if value is None:
            continue
        key = str(key)
        out[f"data_{key}" if key in reserved else key] = value
    return out


#: The sectors' marker shapes (:func:`coopnet.taxonomy.sector_styles`) as GEXF
#: node shapes; shapes GEXF lacks are discs.
_GEXF_SHAPES = {"o": "disc", "s": "square", "^": "triangle", "D": "diamond"}


def _rgb(hex_color: str) -> dict:
    h = hex_color.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def _org_label(data: dict, lang: str) -> str:
    if lang == "en" and _clean(data.get("name_en")) is not None:
        return str(data["name_en"])
    return str(data.get("name") or "")


#: What :func:`write_gexf` and :func:`write_graphml` can write.
GRAPHS = ("organisations", "affiliation")
_CASE_COLOR = "#555555"


def _affiliation_graph(net: Network, *, lang: str, gexf: bool) -> nx.Graph:
    """The organisation–case network with labels and colours (see :func:`coopnet.affiliation`)."""
    from .twomode import affiliation

    b = affiliation(net)
    reserved = (_GEXF_NODE_RESERVED if gexf else _GRAPHML_RESERVED) | _COMMON_RESERVED
    out = nx.Graph(name=net.name or "coopnet")
    names_en = net.orgs["name_en"]
    cases_en = net.cases["name_en"]
    for node, data in b.nodes(data=True):
        attrs = _attrs(data, reserved)
        if data["kind"] == "organisation":
            en = names_en.get(node, "")
            color = net.sector_styles.get(data["sector"], (taxonomy.NEUTRAL,))[0]
        else:
            en = cases_en.get(node, "")
            color = _CASE_COLOR
        attrs["label"] = en if lang == "en" and en else (data.get("name") or node)
        if gexf:
            shape = "disc" if data["kind"] == "organisation" else "square"
            attrs["viz"] = {"color": _rgb(color), "size": 10.0, "shape": shape}
        else:
            attrs["color"] = color
        out.add_node(node, **attrs)
    for u, v, data in b.edges(data=True):
        out.add_edge(u, v, **_attrs(data, reserved))
    return out


def _export_graph(
    net: Network, *, lang: str, gexf: bool, layout, seed: int, graph: str = "organisations"
) -> nx.Graph:
    """The graph to write, with clean attributes (see the module notes)."""
    check_network(net)
    check_lang(lang)
    check_choice(graph, "graph", GRAPHS)
    if graph == "affiliation":
        return _affiliation_graph(net, lang=lang, gexf=gexf)
    src = net.graph
    out = nx.MultiGraph(name=printable(net.name) or "coopnet")
    node_reserved = (_GEXF_NODE_RESERVED if gexf else _GRAPHML_RESERVED) | _COMMON_RESERVED
    edge_reserved = (_GEXF_EDGE_RESERVED if gexf else _GRAPHML_RESERVED) | _COMMON_RESERVED
    pos = layout_positions(net, layout=layout, seed=seed) if gexf and layout is not None else {}
    for node, data in src.nodes(data=True):
        attrs = _attrs(data, node_reserved)
        partners = len(set(src.neighbors(node)))
        attrs["label"] = _org_label(data, lang)
        attrs["partners"] = partners
        color, marker = net.sector_styles.get(data.get("sector"), (taxonomy.NEUTRAL, "o"))
        if gexf:
            viz = {"color": _rgb(color), "size": round(10 + 6 * math.sqrt(partners), 3)}
            viz["shape"] = _GEXF_SHAPES.get(marker, "disc")  # as the pictures draw it
            if node in pos:
                x, y = pos[node]
                viz["position"] = {"x": round(500 * x, 3), "y": round(500 * y, 3), "z": 0.0}
            attrs["viz"] = viz
        else:
            attrs["color"] = color
        out.add_node(node, **attrs)
    for u, v, key, data in src.edges(keys=True, data=True):
        ptype = data.get("type")
        attrs = _attrs({k: x for k, x in data.items() if k != "type"}, edge_reserved)
        attrs["partnership_type"] = ptype
        attrs["label"] = taxonomy.type_label(ptype, lang)
        color = taxonomy.type_color(ptype)
        if gexf:
            attrs["viz"] = {"color": _rgb(color), "thickness": 1.0}
            year = _clean(data.get("year"))
            if year is not None:  # Gephi's timeline: a float start, timeformat="double"
                attrs["start"] = float(year)
                out.graph["mode"] = "dynamic"
        else:
            attrs["color"] = color
        out.add_edge(u, v, key=key, **attrs)
    return out


def write_gexf(
    net: Network,
    path: str | os.PathLike,
    *,
    lang: str = "ja",
    layout="spring",
    seed: int = 0,
    graph: str = "organisations",
) -> Path:
    """Write ``net`` as a GEXF 1.2 file for Gephi, coloured and laid out.

    Parameters
    ----------
    net : Network
    path : path
        The file to write (atomically: a crash never leaves half a file).
    lang : {"ja", "en"}, default "ja"
        Language of the ``label`` shown for organisations and partnership types.
    layout : {"spring", "sector", "circular", "geo"}, mapping or None, default "spring"
        Initial node positions (see :func:`coopnet.layout.layout_positions`);
        None writes no positions.
    seed : int, default 0
        Seed of the spring layout.
    graph : {"organisations", "affiliation"}, default "organisations"
        ``"organisations"``: organisations and their partnerships (one edge per
        partnership). ``"affiliation"``: the two-mode network of
        :func:`coopnet.affiliation` — organisations (discs, sector colours) and
        cases (grey squares), an edge for each organisation taking part in a case
        (with ``role``, ``tied``, ``partnerships``); no layout is written.

    Returns
    -------
    Path
        The path written.

    Notes
    -----
    One GEXF edge per partnership (parallel edges kept); the partnership type
    is the edge attribute ``partnership_type``; a missing year is left out. A
    partnership's year is also its ``start`` (a float), and the graph is
    dynamic (``timeformat="double"``) for Gephi's timeline.
    Nodes and edges carry ``viz:color`` from :mod:`coopnet.taxonomy`. See the
    module documentation for every attribute.

    Examples
    --------
    >>> import tempfile, networkx as nx, coopnet as cn
    >>> net = cn.load_sample()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     g = nx.read_gexf(cn.write_gexf(net, f"{d}/coops.gexf"))
    >>> g.number_of_edges() == len(net.edges)
    True
    """
    check_file(path, force=True)  # a place that cannot be written fails before the layout
    g = _export_graph(net, lang=lang, gexf=True, layout=layout, seed=seed, graph=graph)
    buffer = io.BytesIO()
    nx.write_gexf(g, buffer, encoding="utf-8", version="1.2draft")
    return atomic_write_bytes(path, buffer.getvalue())


def write_graphml(
    net: Network, path: str | os.PathLike, *, lang: str = "ja", graph: str = "organisations"
) -> Path:
    """Write ``net`` as a GraphML file for Cytoscape (or yEd, igraph, networkx).

    Parameters
    ----------
    net : Network
    path : path
        The file to write (atomically: a crash never leaves half a file).
    lang : {"ja", "en"}, default "ja"
        Language of the ``label`` attribute of organisations and partnerships.
    graph : {"organisations", "affiliation"}, default "organisations"
        The partnerships, or the two-mode organisation–case network (see
        :func:`write_gexf`).

    Returns
    -------
    Path
        The path written.

    Notes
    -----
    One GraphML edge per partnership (parallel edges kept, edge id = row of
    ``net.edges``); the partnership type is ``partnership_type``; nodes and
    edges have a hex ``color`` from :mod:`coopnet.taxonomy`; a missing value
    (e.g. no year) is left out. See the module documentation.

    Examples
    --------
    >>> import tempfile, networkx as nx, coopnet as cn
    >>> net = cn.load_sample()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     g = nx.read_graphml(cn.write_graphml(net, f"{d}/coops.graphml"))
    >>> sorted(g.nodes) == sorted(net.orgs.index)
    True
    """
    check_file(path, force=True)
    g = _export_graph(net, lang=lang, gexf=False, layout=None, seed=0, graph=graph)
    buffer = io.BytesIO()
    nx.write_graphml(g, buffer, encoding="utf-8")
    return atomic_write_bytes(path, buffer.getvalue())
