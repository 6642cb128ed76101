"""Read a user's CSV into a frame of strings, keeping the way back to file lines.

Excel on Japanese Windows writes cp932 (Shift_JIS), UTF-8 with a BOM, or
UTF-16 "Unicode text" (tab-separated), with CRLF line ends. All are accepted.
Files are only ever read.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field

import pandas as pd

from ..errors import DataError, Problem
from ..taxonomy import normalize_text


@dataclass
class Table:
    """A parsed CSV file: string cells, the header as written, and line numbers."""

    name: str
    frame: pd.DataFrame
    header: list[str]
    text: str = field(repr=False)
    _lines: list[int] | None = field(default=None, repr=False)

    def line(self, record: int) -> int:
        """Physical 1-based line on which data record ``record`` (0-based) starts."""
        if self._lines is None:
            self._lines = _record_lines(self.text, self.sep)
        return self._lines[record]

    sep: str = ","

    @classmethod
    def from_frame(cls, name: str, frame: pd.DataFrame) -> Table:
        """A table built in memory (e.g. by :func:`coopnet.synthetic`), record i on line i + 2."""
        frame = frame.reset_index(drop=True)
        table = cls(name=name, frame=frame, header=list(frame.columns), text="")
        table._lines = list(range(2, len(frame) + 2))
        return table


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            raise DataError(
                [Problem(name, None, None, f"not valid UTF-8 after its BOM ({exc.reason})")]
            ) from None
    elif b"\x00" not in data:
        for encoding in ("utf-8", "cp932"):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    raise DataError(
        [
            Problem(
                name,
                None,
                None,
                "is not a text file: it cannot be read as UTF-8, UTF-8 with BOM, "
                "UTF-16 or Shift_JIS (cp932); save it from Excel as 'CSV UTF-8'",
            )
        ]
    )


def _record_lines(text: str, sep: str) -> list[int]:
    """Start line of every non-blank CSV record after the header (as pandas counts them)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    starts: list[int] = []
    previous_end = 0
    for i, row in enumerate(reader):
        start = previous_end + 1
        previous_end = reader.line_num
        if i == 0 or not row:
            continue
        starts.append(start)
    return starts


def _find_bad_row(text: str, sep: str, width: int, name: str) -> Problem:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    previous_end = 0
    try:
        for row in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if row and len(row) > width:
                return Problem(
                    name, start, None, f"has {len(row)} fields but the header has {width}"
                )
    except csv.Error as exc:
        return Problem(name, reader.line_num, None, f"is not valid CSV ({exc})")
    return Problem(name, None, None, "is not valid CSV")


def read_table(path: str | os.PathLike, *, label: str | None = None) -> Table:
    """Read ``path`` as CSV of strings; raise DataError naming the file when it cannot."""
    name = label or os.fspath(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise DataError([Problem(name, None, None, "file not found")]) from None
    except IsADirectoryError:
        raise DataError([Problem(name, None, None, "is a directory, not a CSV file")]) from None
    text, encoding = _decode(data, name)
    if not text.strip():
        raise DataError([Problem(name, None, None, "is empty")])
    text = text.lstrip("\ufeff")
    # The first line (as str.splitlines sees it) ends at or before the first "\n".
    newline = text.find("\n")
    first = text[: newline + 1 if newline >= 0 else len(text)].splitlines()[0]
    sep = "\t" if "\t" in first and "," not in first else ","
    header = next(csv.reader(io.StringIO(first), delimiter=sep))
    header = [normalize_text(h) for h in header]
    header = [h.lower() if h.isascii() else h for h in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        raise DataError(
            [Problem(name, 1, d, "column appears more than once in the header") for d in dupes]
        )
    # pandas parses UTF-8 bytes much faster than a StringIO; reuse the file's
    # bytes when they are that text already (plain UTF-8, BOM dropped).
    body = data
    while body.startswith(b"\xef\xbb\xbf"):  # as text.lstrip("\ufeff") above
        body = body[3:]
    if encoding != "utf-8":
        body = text.encode("utf-8")
    try:
        frame = pd.read_csv(
            io.BytesIO(body),
            encoding="utf-8",
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            header=0,
            names=header,
            index_col=False,
            engine="c",
        )
    except pd.errors.ParserError:
        raise DataError([_find_bad_row(text, sep, len(header), name)]) from None
    except pd.errors.EmptyDataError:
        raise DataError([Problem(name, None, None, "is empty")]) from None
    frame = frame.fillna("")
    # Rows Excel leaves behind with every cell empty carry no data (checked on
    # the few rows whose first cell is empty).
    if len(frame.columns):
        maybe = frame.index[frame.iloc[:, 0] == ""]
        if len(maybe):
            blank = (frame.loc[maybe] == "").all(axis=1)
            if bool(blank.any()):
                frame = frame.drop(index=maybe[blank.to_numpy()])
    return Table(name=name, frame=frame, header=header, text=text, sep=sep)
