"""Read a user's CSV into a frame of strings, keeping the way back to file lines.

Excel on Japanese Windows writes cp932 (Shift_JIS), UTF-8 with a BOM, or
UTF-16 "Unicode text" (tab-separated), with CRLF line ends. All are accepted,
and UTF-32 with a byte order mark. Blank lines before the header are skipped;
odd characters are decided here, once (see :mod:`coopnet._io.clean`). Files are
only ever read.
"""

from __future__ import annotations

import csv
import io
import os
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd

from ..errors import DataError, Problem
from ..taxonomy import normalize_text
from . import clean

#: csv's limit on one field (131,072 characters by default) while coopnet reads;
#: the largest a C long holds on every platform (Windows' is 32 bits).
_FIELD_LIMIT = 2**31 - 1

#: Lines before the header that hold nothing but blanks and separators.
_BLANK_LINES = re.compile(r"(?:[ \t,;\u3000]*(?:\r\n|\r|\n))*")
_NOT_BLANK = re.compile(r"[^ \t,;\u3000\r\n]")


@dataclass
class Table:
    """A parsed CSV file: string cells, the header as written, and line numbers.

    ``text`` starts with the header, which is physical line ``offset + 1`` of the
    file (blank lines before it are skipped).
    """

    name: str
    frame: pd.DataFrame
    header: list[str]
    text: str = field(repr=False)
    _lines: list[int] | None = field(default=None, repr=False)

    def line(self, record: int) -> int | None:
        """Physical 1-based line on which data record ``record`` (0-based) starts."""
        if self._lines is None:
            self._lines = [n + self.offset for n in _record_lines(self.text, self.sep, self.name)]
        return self._lines[record] if record < len(self._lines) else None

    sep: str = ","
    offset: int = 0

    @property
    def header_line(self) -> int:
        """Physical 1-based line of the header."""
        return self.offset + 1

    @classmethod
    def from_frame(cls, name: str, frame: pd.DataFrame) -> Table:
        """A table built in memory (e.g. by :func:`coopnet.synthetic`), record i on line i + 2."""
        frame = frame.reset_index(drop=True)
        table = cls(name=name, frame=frame, header=list(frame.columns), text="")
        table._lines = list(range(2, len(frame) + 2))
        return table


@contextmanager
def _big_fields():
    """Let the csv module read fields of any length, then restore its limit."""
    old = csv.field_size_limit(_FIELD_LIMIT)
    try:
        yield
    finally:
        csv.field_size_limit(old)


# ----------------------------------------------------------------- messages
def _not_text(name: str) -> DataError:
    return DataError(
        [
            Problem(
                name,
                None,
                None,
                "is not a text file: it cannot be read as UTF-8, UTF-8 with BOM, "
                "UTF-16, UTF-32 or Shift_JIS (cp932); save it from Excel as 'CSV UTF-8'",
            )
        ]
    )


def _no_bom(name: str, encoding: str) -> DataError:
    return DataError(
        [
            Problem(
                name,
                None,
                None,
                f"looks like {encoding} text without a byte order mark, which cannot be "
                "read reliably; save it from Excel as 'CSV UTF-8'",
            )
        ]
    )


def _bad_after_bom(name: str, encoding: str, reason: str) -> DataError:
    return DataError(
        [
            Problem(
                name,
                None,
                None,
                f"starts with a {encoding} byte order mark but is not valid {encoding} "
                f"({reason}); save it from Excel as 'CSV UTF-8'",
            )
        ]
    )


def _unreadable(name: str, exc: OSError) -> DataError:
    cause = os.strerror(exc.errno) if exc.errno else str(exc)
    return DataError([Problem(name, None, None, f"cannot be read: {cause}")])


def _invalid_csv(name: str, line: int | None, exc: Exception) -> Problem:
    return Problem(name, line, None, f"is not valid CSV ({exc})")


# ----------------------------------------------------------------- decoding
def _bomless_wide(data: bytes) -> str | None:
    """ "UTF-32" or "UTF-16" when ``data`` has the zero bytes of one without a BOM."""
    sample = data[:4096]
    n = len(sample) // 4 * 4
    if n >= 8:
        zeros = [sample[i:n:4].count(0) / (n // 4) for i in range(4)]
        if min(zeros[2:]) > 0.95 or min(zeros[:2]) > 0.95:
            return "UTF-32"
        even, odd = sample[0:n:2].count(0) / (n // 2), sample[1:n:2].count(0) / (n // 2)
        if max(even, odd) > 0.3 and min(even, odd) < 0.05:
            return "UTF-16"
    return None


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError as exc:
            raise _bad_after_bom(name, "UTF-32", exc.reason) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            raise _bad_after_bom(name, "UTF-8", exc.reason) from None
    elif b"\x00" not in data:
        for encoding in ("utf-8", "cp932"):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    else:
        wide = _bomless_wide(data)
        if wide:
            raise _no_bom(name, wide)
        if data.count(0) * 100 <= len(data):  # a stray NUL in a text file: located later
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
    raise _not_text(name)


# -------------------------------------------------------------- line numbers
def _rows(text: str, sep: str):
    """(start line, raw text, fields) of each CSV record of ``text``, lines from 1.

    Rows that pandas skips as blank (no field, or one unquoted field of spaces and
    tabs) are left out, so the n-th row here is pandas' n-th record.
    """
    raw: list[str] = []

    def lines():
        for line in io.StringIO(text, newline=""):
            raw.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=sep)
    previous_end = 0
    for row in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        chunk = "".join(raw)
        raw.clear()
        if not row or (len(row) == 1 and not row[0].strip(" \t") and '"' not in chunk):
            continue
        yield start, row


def _record_lines(text: str, sep: str, name: str = "") -> list[int]:
    """Start line of every non-blank CSV record after the header (as pandas counts them)."""
    starts: list[int] = []
    try:
        with _big_fields():
            for i, (start, _row) in enumerate(_rows(text, sep)):
                if i:
                    starts.append(start)
    except csv.Error as exc:
        raise DataError([_invalid_csv(name, None, exc)]) from None
    return starts


def _find_bad_row(text: str, sep: str, width: int, name: str, offset: int) -> Problem:
    start = None
    try:
        with _big_fields():
            for start, row in _rows(text, sep):
                if len(row) > width:
                    return Problem(
                        name,
                        start + offset,
                        None,
                        f"has {len(row)} fields but the header has {width}",
                    )
    except csv.Error as exc:
        return _invalid_csv(name, None if start is None else start + offset, exc)
    return Problem(name, None, None, "is not valid CSV")


# ------------------------------------------------------------------ reading
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
    except OSError as exc:
        raise _unreadable(name, exc) from None
    text, encoding = _decode(data, name)
    text = text.lstrip("\ufeff")
    changed = False
    odd = clean.has_odd(text)
    if odd:
        dropped = clean.drop_invisible(text)
        changed = dropped != text
        text = dropped
    blank = _BLANK_LINES.match(text).group()
    if _NOT_BLANK.search(text, len(blank)) is None:
        raise DataError([Problem(name, None, None, "is empty")])
    offset = 0
    if blank:
        offset = len(re.findall(r"\r\n|\r|\n", blank))
        text, changed = text[len(blank) :], True
    first = re.match(r"[^\r\n]*", text).group()
    sep = "\t" if "\t" in first and "," not in first else ","
    try:
        with _big_fields():
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        raise DataError([_invalid_csv(name, offset + 1, exc)]) from None
    problems = clean.header_problems(name, offset + 1, header) if odd else []
    header = [normalize_text(h) for h in header]
    header = [h.lower() if h.isascii() else h for h in header]
    dupes = sorted({h for h in header if header.count(h) > 1})
    problems += [
        Problem(name, offset + 1, d, "column appears more than once in the header") for d in dupes
    ]
    if odd:
        try:
            with _big_fields():
                problems += clean.cell_problems(name, text, sep, header, offset + 1)
        except csv.Error as exc:
            problems.append(_invalid_csv(name, None, exc))
    if problems:
        raise DataError(problems)
    # pandas parses UTF-8 bytes much faster than a StringIO; reuse the file's
    # bytes when they are that text already (plain UTF-8, BOM dropped).
    body = data
    while body.startswith(b"\xef\xbb\xbf"):  # as text.lstrip("\ufeff") above
        body = body[3:]
    if encoding != "utf-8" or changed:
        body = text.encode("utf-8")
    try:
        with warnings.catch_warnings():
            # pandas only warns when the first record has more fields than the
            # header, and drops the extra ones: that is a ragged row like any other.
            warnings.simplefilter("error", pd.errors.ParserWarning)
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
    except (pd.errors.ParserError, pd.errors.ParserWarning):
        raise DataError([_find_bad_row(text, sep, len(header), name, offset)]) from None
    except pd.errors.EmptyDataError:
        raise DataError([Problem(name, None, None, "is empty")]) from None
    frame = frame.fillna("")
    # Only a record spanning lines can hold a carriage return. Lines are counted on
    # the bytes pandas read (faster than on the text), carriage returns only if any.
    lines = body.count(b"\n")
    if b"\r" in body:
        lines += body.count(b"\r") - body.count(b"\r\n")
    lines += not body.endswith((b"\n", b"\r"))
    multiline = lines != len(frame) + 1
    if odd or multiline:
        frame = clean.breaks_to_newlines(frame, text if odd else "", multiline=multiline)
    # Rows Excel leaves behind with every cell empty carry no data (checked on
    # the few rows whose first cell is empty).
    if len(frame.columns):
        maybe = frame.index[frame.iloc[:, 0] == ""]
        if len(maybe):
            blank_rows = (frame.loc[maybe] == "").all(axis=1)
            if bool(blank_rows.any()):
                frame = frame.drop(index=maybe[blank_rows.to_numpy()])
    return Table(name=name, frame=frame, header=header, text=text, sep=sep, offset=offset)
