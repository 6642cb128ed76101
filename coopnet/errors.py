"""The one error type for bad input data, and the problems it collects."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DataError", "Problem"]

#: A DataError message lists this many problems (all are in ``problems``).
SHOWN = 50
#: Characters of a value quoted in a message; longer values are cut (see :func:`quote`).
QUOTE_LIMIT = 40
#: Characters of one problem's message at most (a safety net behind :func:`quote`).
MESSAGE_LIMIT = 500


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, with ``…`` and its length when it was cut.

    >>> shorten("x" * 50_000)
    'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (50,000 characters)'
    """
    text = str(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``value`` quoted for a message (as ``repr``), cut to ``limit`` characters.

    Every message that shows a user's value quotes it here, so a 100,000-character
    cell gives a one-line message.

    >>> quote("JA香川県")
    "'JA香川県'"
    >>> quote("謎" * 1000)
    "'謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎謎…' (1,000 characters)"
    """
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit] + '…'!r} ({len(text):,} characters)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``line`` is the 1-based physical line in the file (the header is line 1);
    ``column`` is the column's name as written in the header (or None when the
    problem concerns the whole file or row). ``cell`` is set for a workbook: the
    sheet and cell (``連携!C12``), or the sheet alone; ``line`` is then the row.

    >>> print(Problem("連携事例.xlsx", 12, "type", "unknown type", cell="連携!C12"))
    連携事例.xlsx: 連携!C12 (type): unknown type
    """

    file: str
    line: int | None
    column: str | None
    message: str
    cell: str | None = None

    def __str__(self) -> str:
        if self.cell is not None:
            column = f" ({self.column})" if self.column is not None else ""
            return f"{self.file}: {self.cell}{column}: {self.message}"
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {quote(self.column)}")
        message = self.message
        if len(message) > MESSAGE_LIMIT:
            message = f"{message[:MESSAGE_LIMIT]}… ({len(message):,} characters)"
        return f"{', '.join(where)}: {message}"


class DataError(ValueError):
    """Input data that coopnet cannot accept.

    Every problem found in the input is collected and reported together; each
    names the file, line and column. ``problems`` holds them as :class:`Problem`.

    Examples
    --------
    >>> err = DataError([Problem("edges.csv", 3, "type", "unknown type '災害支援'")])
    >>> print(err)
    1 problem in the input data:
      edges.csv, line 3, column 'type': unknown type '災害支援'
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input data:"
        shown = self.problems[:SHOWN]
        lines = [head, *(f"  {p}" for p in shown)]
        if n > len(shown):
            lines.append(f"  … and {n - len(shown)} more")
        super().__init__("\n".join(lines))
