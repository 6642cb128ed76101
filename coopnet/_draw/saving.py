"""Writing a picture as a slide: PNG of a given pixel size, PDF or SVG, byte-stable."""

from __future__ import annotations

import io
import os

import numpy as np

from .._io.files import atomic_write_bytes
from .._io.output import check_file
from . import fonts as _fonts

#: Pixel sizes of the slide shapes.
SLIDE_PX = {"16:9": (1920, 1080), "4:3": (1440, 1080)}


def figure_of(picture):
    """The Figure behind what a ``plot_*`` function returned (or a Figure)."""
    if hasattr(picture, "savefig"):
        return picture
    if hasattr(picture, "figure") and hasattr(picture.figure, "savefig"):
        return picture.figure
    flat = np.asarray(picture, dtype=object).ravel()
    if len(flat) and hasattr(getattr(flat[0], "figure", None), "savefig"):
        return flat[0].figure
    raise TypeError(
        f"save_slide takes a Figure or what a plot_* function returns (Axes or an "
        f"array of Axes), not {type(picture).__name__}"
    )


def save_picture(picture, path, size) -> str:
    """Save ``picture`` (see :func:`coopnet.plot.save_slide`) and return the path."""
    import matplotlib as mpl

    fig = figure_of(picture)
    if isinstance(size, str):
        if size not in SLIDE_PX:
            raise ValueError(
                f"size={size!r} is not valid; choose from {', '.join(map(repr, SLIDE_PX))} "
                "or give (width_px, height_px)"
            )
        width_px, height_px = SLIDE_PX[size]
    else:
        try:
            width_px, height_px = (int(v) for v in size)
        except (TypeError, ValueError):
            raise ValueError(
                f"size={size!r} is not valid; give '16:9', '4:3' or (width_px, height_px)"
            ) from None
        if width_px <= 0 or height_px <= 0:
            raise ValueError(f"size={size!r} is not valid; width and height must be positive")
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower().lstrip(".")
    metadata = {
        "png": {"Software": None},
        "pdf": {"CreationDate": None, "ModDate": None},
        "svg": {"Date": None},
    }
    if ext not in metadata:
        raise ValueError(f"path={path!r} has extension {ext!r}; use .png, .pdf or .svg")
    check_file(path, force=True)  # before rendering: one line about a place not writable
    width_in, height_in = fig.get_size_inches()
    want_h = width_in * height_px / width_px
    if abs(height_in - want_h) > 1e-3:
        fig.set_size_inches(width_in, want_h)
    dpi = width_px / width_in
    buffer = io.BytesIO()
    rc = {"svg.hashsalt": "coopnet", "pdf.fonttype": 42, "svg.fonttype": "path"}
    with _fonts.japanese_text(), mpl.rc_context(rc):
        fig.savefig(buffer, format=ext, dpi=dpi, metadata=metadata[ext], facecolor="white")
    atomic_write_bytes(path, buffer.getvalue())
    return path
