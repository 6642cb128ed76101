"""Odd characters in a user's file, decided once when the file is read.

Every character of a table falls in one of four classes:

- **forbidden** — C0 control characters other than tab, line feed and carriage
  return (and other than the separators below), DEL, the C1 controls
  U+0080–U+009F (other than NEL), the non-characters U+FFFE and U+FFFF, and lone
  surrogates. They are invisible in Excel, end XML files early (GEXF, GraphML)
  and can drive a terminal. A cell holding one is a problem of the
  ``DataError`` naming the file, line and column and the character as ``U+001B``;
  in the header, the cell's number is named instead of its (broken) column.
- **invisible** — the byte order mark U+FEFF anywhere, zero-width space, joiner
  and non-joiner U+200B–U+200D, the word joiner U+2060 and the soft hyphen U+00AD.
  Copying from web pages and Word leaves them in names, where they only make two
  spellings of one id differ. They are dropped, silently.
- **line breaks** — U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR, vertical
  tab, form feed, the separators FS/GS/RS (U+001C–U+001E), NEL (U+0085), and a
  carriage return inside a cell (alone or before a line feed). Word writes a
  manual line break as a vertical tab and PDFs give U+2028, where the writer
  meant a line break inside the cell: each becomes a line feed ``\\n``, which
  every writer (CSV, summary.md, GEXF, GraphML, the map) keeps or shows as a
  line break, and which reads back the same. Surrounding line breaks are
  trimmed with other white space. In the header they are a problem, as above.
- everything else is kept as it is.

The text of a file is scanned once for every odd character; files without any (the
usual case) cost one regular-expression search.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata

import pandas as pd

from ..errors import Problem, quote

INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_FORBIDDEN_CLASS = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_BREAK_RE = re.compile(f"\r\n?|[{LINE_BREAKS}]")
_FORBIDDEN_RE = re.compile(f"[{_FORBIDDEN_CLASS}]")
_HEADER_BAD_RE = re.compile(f"[{_FORBIDDEN_CLASS}{LINE_BREAKS}\t\r\n]")
_ODD_RE = re.compile(f"[{_FORBIDDEN_CLASS}{INVISIBLE}{LINE_BREAKS}]")

_C0_NAMES = (
    "NULL START-OF-HEADING START-OF-TEXT END-OF-TEXT END-OF-TRANSMISSION ENQUIRY "
    "ACKNOWLEDGE BELL BACKSPACE TAB LINE-FEED VERTICAL-TAB FORM-FEED CARRIAGE-RETURN "
    "SHIFT-OUT SHIFT-IN DATA-LINK-ESCAPE DEVICE-CONTROL-1 DEVICE-CONTROL-2 "
    "DEVICE-CONTROL-3 DEVICE-CONTROL-4 NEGATIVE-ACKNOWLEDGE SYNCHRONOUS-IDLE "
    "END-OF-TRANSMISSION-BLOCK CANCEL END-OF-MEDIUM SUBSTITUTE ESCAPE FILE-SEPARATOR "
    "GROUP-SEPARATOR RECORD-SEPARATOR UNIT-SEPARATOR"
).split()


def describe(char: str) -> str:
    """``char`` as a message shows it: its code point and what it is.

    >>> describe("\\x1b"), describe("\\u2028")
    ('U+001B (ESCAPE)', 'U+2028 (LINE SEPARATOR)')
    """
    code = ord(char)
    if code < 0x20:
        what = _C0_NAMES[code].replace("-", " ")
    elif code == 0x7F:
        what = "DELETE"
    elif 0x80 <= code <= 0x9F:
        what = "NEXT LINE" if code == 0x85 else "a C1 control character"
    elif 0xD800 <= code <= 0xDFFF:
        what = "a lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        what = "a non-character"
    else:
        what = unicodedata.name(char, "unnamed")
    return f"U+{code:04X} ({what})"


def _listed(chars) -> str:
    return ", ".join(describe(c) for c in sorted(set(chars)))


# ----------------------------------------------------------------- messages
def _cell_message(chars) -> str:
    return (
        f"contains {_listed(chars)}, a control character that Excel does not show; "
        "delete it from the cell (retype the text around it) and save again"
    )


def _header_message(number: int, cell: str, chars) -> str:
    return (
        f"the header cell {number} ({quote(cell)}) contains {_listed(chars)}; "
        "a column name must be one line of visible text: retype it and save again"
    )


# ------------------------------------------------------------------- checks
def has_odd(text: str) -> bool:
    """Whether ``text`` holds any character the classes above treat specially."""
    return _ODD_RE.search(text) is not None


def drop_invisible(text: str) -> str:
    """``text`` without the invisible characters (U+FEFF, U+200B–D, U+2060, U+00AD).

    >>> drop_invisible("JA\\u200b香川\\ufeff")
    'JA香川'
    """
    return _INVISIBLE_RE.sub("", text) if _INVISIBLE_RE.search(text) else text


def header_problems(name: str, line: int, header: list[str]) -> list[Problem]:
    """One problem per header cell holding a control character or a line break."""
    problems = []
    for number, cell in enumerate(header, start=1):
        bad = _HEADER_BAD_RE.findall(cell)
        if bad:
            problems.append(Problem(name, line, None, _header_message(number, cell, bad)))
    return problems


def cell_problems(
    name: str, text: str, sep: str, header: list[str], first_line: int
) -> list[Problem]:
    """One problem per data cell of ``text`` holding a forbidden character.

    ``text`` starts with the header, which is physical line ``first_line``.
    """
    if _FORBIDDEN_RE.search(text) is None:
        return []
    problems = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    previous_end = 0
    for i, row in enumerate(reader):
        start = previous_end + first_line
        previous_end = reader.line_num
        if i == 0:
            continue
        for j, cell in enumerate(row):
            bad = _FORBIDDEN_RE.findall(cell)
            if bad:
                column = header[j] if j < len(header) else None
                problems.append(Problem(name, start, column, _cell_message(bad)))
    return problems


def breaks_to_newlines(frame: pd.DataFrame, text: str, *, multiline: bool) -> pd.DataFrame:
    """``frame`` (read from ``text``) with every line break inside a cell written ``\\n``.

    ``multiline`` says whether some record of the file spans lines (only then can a
    cell hold a carriage return). Only the cells that hold a line break are
    touched, and only the separators that occur in ``text`` are looked for (pass
    ``""`` when the file holds none).
    """
    present = [c for c in LINE_BREAKS if c in text]
    if multiline:
        present.append("\r")
    if not present:
        return frame
    frame = frame.copy()
    for col in frame.columns:
        values = frame[col]
        has = pd.Series(False, index=values.index)
        for char in present:
            has |= values.str.contains(char, regex=False)
        if bool(has.any()):
            fixed = values[has].map(lambda v: _BREAK_RE.sub("\n", v))
            frame[col] = values.where(~has, fixed)
    return frame


def clean_cell(text: str) -> tuple[str, str | None]:
    """One cell's text as loading keeps it, and a problem message or None.

    Invisible characters are dropped and line separators become ``\\n``, as for
    a CSV cell; a forbidden character is a problem. For tables read cell by cell
    (an Excel workbook).

    >>> clean_cell("JA\u200bなが\u2028の")
    ('JAなが\\nの', None)
    >>> clean_cell("JA\x1b")[1] is not None
    True
    """
    if not has_odd(text):
        return text, None
    bad = _FORBIDDEN_RE.findall(text)
    text = _BREAK_RE.sub("\n", drop_invisible(text))
    return text, (_cell_message(bad) if bad else None)


def printable(text: str) -> str:
    """``text`` with line breaks as spaces, forbidden characters as U+FFFD, invisibles dropped.

    For text that is not a cell of a table but still reaches every writer, such
    as the network's name taken from a folder's name.

    >>> printable("a\\x1b]0;x\\x07b\\u2028c\\u200b")
    'a\\ufffd]0;x\\ufffdb c'
    """
    text = drop_invisible(text)
    text = _BREAK_RE.sub(" ", text)
    return _FORBIDDEN_RE.sub("\ufffd", text)
