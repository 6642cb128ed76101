"""Japanese text in matplotlib without touching the user's rcParams for good.

matplotlib-fontja bundles IPAexGothic, but importing it calls ``japanize()``, which
sets ``rcParams["font.family"]`` for the whole session. coopnet therefore only
locates the font file through the package's import spec (without importing it),
registers it with matplotlib's font manager once, and draws inside
:func:`japanese_text`, an ``rc_context`` that is undone on exit.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

#: Family name of the bundled font.
FAMILY = "IPAexGothic"
#: Fallback for the few glyphs IPAexGothic lacks (e.g. U+2212 MINUS SIGN).
FALLBACK = "DejaVu Sans"


def font_path() -> Path:
    """Path of matplotlib-fontja's ``ipaexg.ttf`` (the package is not imported)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "coopnet draws Japanese text with matplotlib-fontja; install it with "
            "`pip install matplotlib-fontja`"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not path.is_file():  # pragma: no cover - broken installation
        raise FileNotFoundError(f"matplotlib-fontja's font is missing: {path}")
    return path


@cache
def register() -> str:
    """Add the font to matplotlib's font manager (once) and return its family name."""
    from matplotlib import font_manager

    path = str(font_path())
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    return FAMILY


def font_properties(**kwargs):
    """A ``FontProperties`` for Japanese text (keyword arguments: size, weight …)."""
    from matplotlib.font_manager import FontProperties

    return FontProperties(family=[register(), FALLBACK], **kwargs)


@contextmanager
def japanese_text() -> Iterator[None]:
    """Within the block, text artists created (and drawn) use IPAexGothic.

    The user's rcParams are restored on exit; text already created keeps its font.
    """
    import matplotlib as mpl

    family = register()
    # rc_context restores every rcParam on exit, including "interactive", which
    # IPython switches on while the first figure is drawn; restoring that would
    # stop later figures from showing in a notebook, so it is carried across.
    with mpl.rc_context({"font.family": [family, FALLBACK], "axes.unicode_minus": False}):
        try:
            yield
        finally:
            interactive = mpl.rcParams["interactive"]
    mpl.rcParams["interactive"] = interactive
