"""A web font for the interactive map: IPAexGothic cut to the characters a page uses.

vis-network draws labels on a canvas with the viewer's fonts, and a machine without a
Japanese font shows boxes. The map therefore embeds a subset of the IPAexGothic that
matplotlib-fontja ships, as a base64 WOFF (zlib, no extra dependency) in an
``@font-face`` rule. The font is used only to render the document it is embedded in,
which the IPA Font License v1.0 (article 2.5) allows without further obligations.

Measured on the bundled cases (≈600 distinct characters): TTF 217 kB, WOFF 137 kB,
WOFF2 106 kB (but WOFF2 needs brotli and is three times slower to encode); on 2,300
characters TTF 496 kB, WOFF 354 kB, WOFF2 273 kB.
"""

from __future__ import annotations

import base64
import importlib.util
import io
from pathlib import Path

#: CSS family name of the embedded font (not the original's name: it is a subset).
FAMILY = "CoopnetJP"

#: Characters always included: printable ASCII, full-width forms and common punctuation.
_BASE = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "、。・「」『』（）［］【】〜ー－―…：；！？％＆＋＝／　0123456789"
    + "–—‘’“”•×▶▼·└"
)


def font_path() -> Path:
    """Path of IPAexGothic (``ipaexg.ttf``) inside the installed matplotlib-fontja."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("matplotlib-fontja is required for the map's Japanese font")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "fonts" / "ipaexg.ttf"
        if path.is_file():
            return path
    raise FileNotFoundError("ipaexg.ttf is missing from matplotlib-fontja; reinstall it")


def subset_woff(text: str) -> bytes:
    """IPAexGothic cut to the characters of ``text`` (plus :data:`_BASE`), as WOFF bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False  # browsers rasterise CJK well without TrueType hints
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keeps the copyright notice (ID 0)
    options.layout_features = ["kern", "palt"]
    chars = "".join(sorted(set(text + _BASE) - {"\n", "\r", "\t"}))
    buf = io.BytesIO()
    # lazy: only the glyphs kept are decompiled; no timestamp: same text, same bytes
    with TTFont(str(font_path()), lazy=True, recalcTimestamp=False) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(font)
        font.flavor = "woff"
        font.save(buf)
    return buf.getvalue()


def font_face_css(text: str, family: str = FAMILY) -> str:
    """An ``@font-face`` rule embedding the subset for ``text`` as a data URL."""
    data = base64.b64encode(subset_woff(text)).decode("ascii")
    return (
        "@font-face{"
        f"font-family:{family};font-style:normal;font-weight:400;font-display:block;"
        f'src:url("data:font/woff;base64,{data}") format("woff")'
        "}"
    )
