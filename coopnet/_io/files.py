"""Safe file output: atomic writes and spreadsheet-safe cells."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from .output import output_error
from .staging import remove_stale

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a crash never leaves half a file.

    The bytes go to a temporary file beside ``path``, ``.{name}.coopnet-{pid}.….tmp``,
    renamed over ``path`` once complete; an interruption removes it, and a later
    write of the same file removes those left by processes killed outright.
    An ``OSError`` becomes an :class:`~coopnet._io.output.OutputError` naming ``path``.
    """
    return atomic_write_many({Path(path): data})[0]


def atomic_write_many(files: dict[Path, bytes]) -> list[Path]:
    """Write several files all or nothing: every one complete before any is replaced.

    Each is written and synced to a temporary file beside it (see
    :func:`atomic_write_bytes`); only when all are written are they renamed into
    place, one after the other.
    """
    temps: dict[Path, str] = {}
    try:
        for path, data in files.items():
            path = Path(path)
            stale = rf"\.{re.escape(path.name)}\.coopnet-(?P<pid>\d+)\..*\.tmp"
            remove_stale(path.parent, re.compile(stale))
            try:
                fd, temps[path] = tempfile.mkstemp(
                    prefix=f".{path.name}.coopnet-{os.getpid()}.", suffix=".tmp", dir=path.parent
                )
                if hasattr(os, "fchmod"):  # mkstemp makes it private (0600): give open()'s mode
                    os.fchmod(fd, 0o666 & ~_umask())
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise output_error(path, exc) from None
        for path, tmp in list(temps.items()):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise output_error(path, exc) from None
            del temps[path]
    finally:
        for tmp in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return [Path(p) for p in files]


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


def table_bytes(frame: pd.DataFrame, *, excel: bool = False) -> bytes:
    """``frame`` as CSV bytes: UTF-8, LF; with ``excel``, a BOM and the formula guard."""
    if excel:
        frame = excel_safe(frame)
    text = frame.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig" if excel else "utf-8")


def write_table(frame: pd.DataFrame, path: str | os.PathLike, *, excel: bool = False) -> Path:
    """Write ``frame`` as CSV atomically (UTF-8, LF; with ``excel`` BOM + formula guard)."""
    return atomic_write_bytes(path, table_bytes(frame, excel=excel))
