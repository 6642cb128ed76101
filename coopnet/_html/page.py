"""The page of the interactive map: template, inlined assets and safe embedding of data.

Everything the page needs is in the one file:

* vis-network 9.1.2, read from the copy pyvis ships (``pyvis/templates/lib``), inlined;
* coopnet's own script (``coopnet/_html/static/``: ``state.js``, ``picture.js``,
  ``panel.js``, ``summary.js`` and ``map.js``, in that order in one function scope)
  and stylesheet (``map.css``);
* a subset of IPAexGothic as a data URL (:mod:`coopnet._html.webfont`);
* the network as JSON in a ``<script type="application/json">`` block, read with
  ``JSON.parse``; the script puts user text on the page with ``textContent`` only.

Embedded JSON has ``<``, ``>``, ``&``, ``/``, U+2028 and U+2029 written as ``\\u``
escapes, so no user string can close the block or start markup, and the file holds no
``http://`` or ``https://`` at all. A Content-Security-Policy allows the two inline
scripts by hash and nothing from the network.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
from functools import cache
from importlib import resources
from pathlib import Path

from .webfont import FAMILY, font_face_css

VIS_VERSION = "9.1.2"

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "/": "\\/",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_TABLE = str.maketrans(_JSON_ESCAPES)


def script_json(obj) -> str:
    """``obj`` as JSON that is safe inside ``<script type="application/json">``.

    Examples
    --------
    >>> script_json({"name": "</script><b>&"})
    '{"name":"\\\\u003c\\\\/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_TABLE)


def _safe_script(js: str, what: str) -> str:
    """JavaScript ready to inline: no ``</script`` or ``<!--``; ``://`` as ``:\\/\\/``.

    ``\\/`` means ``/`` in JavaScript strings, regular expressions and comments alike,
    so the rewrite keeps the code's meaning and leaves no URL scheme in the file.
    """
    lowered = js.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError(f"{what} cannot be inlined: it contains </script or <!--")
    return js.replace("://", ":\\/\\/")


def _pyvis_lib() -> Path:
    spec = importlib.util.find_spec("pyvis")  # located, not imported (pyvis is slow to import)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is required for the interactive map")
    for folder in spec.submodule_search_locations:
        lib = Path(folder) / "templates" / "lib" / f"vis-{VIS_VERSION}"
        if (lib / "vis-network.min.js").is_file():
            return lib
    raise FileNotFoundError(f"vis-network {VIS_VERSION} is missing from pyvis; reinstall pyvis")


@cache
def vis_network_js() -> str:
    """vis-network's standalone build from pyvis, ready to inline."""
    js = (_pyvis_lib() / "vis-network.min.js").read_text(encoding="utf-8")
    return _safe_script(js, "vis-network.min.js")


@cache
def _static(name: str) -> str:
    return (resources.files("coopnet._html") / "static" / name).read_text(encoding="utf-8")


#: The page's own script, in the order the files are inlined.
SCRIPTS = ("state.js", "picture.js", "panel.js", "summary.js", "map.js")


@cache
def app_script() -> str:
    """coopnet's script for the page: :data:`SCRIPTS` in one strict-mode function."""
    body = "\n".join(_static(name) for name in SCRIPTS)
    return '(function () {\n"use strict";\n' + body + "\n})();\n"


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _attr(text: str) -> str:
    """Escape for HTML text and attributes; ``/`` too, so no URL survives."""
    return html.escape(text, quote=True).replace("/", "&#47;")


def render_page(data: dict) -> str:
    """The complete HTML document for the payload built by :mod:`coopnet._html.payload`."""
    from .. import __version__

    data = dict(data, font=FAMILY, version=__version__)
    payload = script_json(data)
    # every character the page can show (labels, tooltips, legend, UI) goes in the font
    font_css = font_face_css(json.dumps(data, ensure_ascii=False))
    vis_js = vis_network_js()
    app_js = _safe_script(app_script(), "the map's script")
    css = _static("map.css").replace("__FAMILY__", FAMILY)
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(vis_js)} {_sha256(app_js)}",
            "style-src 'unsafe-inline'",
            "font-src data:",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    lang = "ja" if data["lang"] == "ja" else "en"
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="coopnet {_attr(__version__)}">
<title>{_attr(data["title"])}</title>
<!--
  Made with coopnet {_attr(__version__)}. Works offline: everything is in this file.
  vis-network {VIS_VERSION} (c) Almende B.V. and vis.js contributors, Apache-2.0 or MIT.
  Embedded font: a subset of IPAexGothic (c) Information-technology Promotion Agency,
  Japan (IPA), IPA Font License v1.0, used only to render this document.
-->
<style>
{font_css}
{css}
</style>
</head>
<body>
<div id="app">
  <aside id="panel"></aside>
  <main id="view">
    <div id="map"></div>
    <canvas id="legend"></canvas>
  </main>
</div>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="coopnet-data">{payload}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""
