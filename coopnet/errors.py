"""The one error type for bad input data, and the problems it collects."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DataError", "Problem"]


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
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


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
        shown = self.problems[:50]
        lines = [head, *(f"  {p}" for p in shown)]
        if n > len(shown):
            lines.append(f"  … and {n - len(shown)} more")
        super().__init__("\n".join(lines))
