"""Safe file output: atomic writes and spreadsheet-safe cells."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a crash never leaves half a file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode open() would.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically in ``encoding`` (UTF-8 by default)."""
    return atomic_write_bytes(path, text.encode(encoding))


def excel_safe_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``.

    >>> excel_safe_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> excel_safe_cell("-3"), excel_safe_cell(-3)
    ("'-3", -3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`excel_safe_cell`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(excel_safe_cell)
    out.columns = [excel_safe_cell(c) for c in out.columns]
    return out


def write_table(frame: pd.DataFrame, path: str | os.PathLike, *, excel: bool = False) -> Path:
    """Write ``frame`` as CSV atomically (UTF-8, LF; with ``excel`` BOM + formula guard)."""
    if excel:
        frame = excel_safe(frame)
    text = frame.to_csv(index=False, lineterminator="\n")
    return atomic_write_text(path, text, encoding="utf-8-sig" if excel else "utf-8")
