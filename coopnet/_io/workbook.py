"""Read an Excel workbook (.xlsx) into the tables the CSV reader makes.

Each data sheet becomes a :class:`~coopnet._io.csvfile.Table` of text cells whose
``line`` is the sheet's row, so the one validation of the CSV files checks it; its
problems are then given their sheet and cell (``連携!C12``). A workbook typed by
hand is read as a person sees it: title rows above the header are skipped, a cell
merged down a column gives its value to every row it covers, numbers come back as
typed (an id ``1`` is "1", a year ``2019.0`` is "2019"), dates as ``2019-04-01``.
Formulas are never calculated: a formula's value is the one Excel saved with it.
The file is only read.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
from dataclasses import dataclass, replace

import pandas as pd

from ..errors import DataError, Problem, quote
from .clean import clean_cell
from .csvfile import Table
from .xlsxspec import EDGES, ORGS, SHEETS, column_key, sheet_key

_ZIP = b"PK\x03\x04"
_CFB = bytes.fromhex("D0CF11E0A1B11AE1")  # OLE compound file: an .xls, or an encrypted workbook
_HEADER_SCAN = 10  # rows searched for the header (title rows may sit above it)
_ZEROS = re.compile(r"^0+$")


@dataclass
class SheetTable:
    """A sheet read as a table, with what it takes to name its cells."""

    table: Table
    title: str
    header_row: int
    letters: dict[str, str]  # column key -> column letter


def _fail(label: str, message: str):
    raise DataError([Problem(label, None, None, message)])


def read_bytes(path: str | os.PathLike, label: str) -> bytes:
    """The workbook's bytes, or one DataError saying what the file is instead."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        _fail(label, "file not found")
    except IsADirectoryError:
        _fail(label, "is a folder, not an Excel workbook (.xlsx)")
    except PermissionError:
        _fail(label, "cannot be read: permission denied")
    if not data:
        _fail(label, "is empty (0 bytes), not an Excel workbook (.xlsx)")
    if data.startswith(_ZIP):
        return data
    if data.startswith(_CFB):
        if "EncryptedPackage".encode("utf-16-le") in data:
            _fail(
                label,
                "is protected by a password (an encrypted workbook), which coopnet cannot "
                "open; in Excel remove the password (ファイル → 情報 → ブックの保護 → "
                "パスワードを使用して暗号化, clear it) and save it as .xlsx",
            )
        _fail(
            label,
            "is an old-format Excel 97–2003 workbook (.xls); open it in Excel and save it "
            "as an Excel workbook (.xlsx) (名前を付けて保存 → Excel ブック)",
        )
    head = data[:4096]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        _fail(
            label,
            "is a text (CSV) file, not an Excel workbook (.xlsx); read CSV files with "
            "read_csv (--orgs/--edges), or open it in Excel and save it as .xlsx",
        )
    _fail(label, "is not an Excel workbook (.xlsx)")


def _load(data: bytes, label: str, *, data_only: bool):
    import openpyxl

    try:
        with warnings.catch_warnings():  # e.g. "extension is not supported": we only read
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except Exception as exc:  # a damaged file or another ZIP format (.ods, .xlsb, .docx)
        _fail(
            label,
            f"cannot be read as an Excel workbook (.xlsx) ({type(exc).__name__}: {exc}); "
            "open it in Excel and save it as an Excel workbook (.xlsx)",
        )


def cell_text(value, number_format: str = "General") -> str:
    """A cell's value as the text a person typed.

    >>> [cell_text(v) for v in (None, "ＪＡ", 1, 2019.0, 0.5, dt.datetime(2019, 4, 1))]
    ['', 'ＪＡ', '1', '2019', '0.5', '2019-04-01']
    >>> cell_text(7, "000")
    '007'
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if _ZEROS.match(number_format or "") and value >= 0:
            text = text.zfill(len(number_format))
        return text
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _Reader:
    """Reads the data sheets of one workbook, collecting problems with their cells."""

    def __init__(self, data: bytes, label: str):
        self.data, self.label = data, label
        self.book = _load(data, label, data_only=False)
        self._cached = None
        self.problems: list[Problem] = []

    def cached(self, title: str, coordinate: str):
        """The value Excel saved with a formula cell (None when there is none)."""
        if self._cached is None:
            self._cached = _load(self.data, self.label, data_only=True)
        cell = self._cached[title][coordinate]
        return cell.value, cell.data_type

    def problem(self, ws, row: int, column: str | None, coordinate: str, message: str):
        cell = f"{ws.title}!{coordinate}"
        self.problems.append(Problem(self.label, row, column, message, cell=cell))

    def grid(self, ws) -> list[list[str]]:
        rows = []
        for cells in ws.iter_rows():
            texts = []
            for cell in cells:
                value, kind = cell.value, cell.data_type
                if kind == "f":
                    value, kind = self.cached(ws.title, cell.coordinate)
                    if value is None:
                        formula = getattr(cell.value, "text", cell.value)
                        self.problem(
                            ws,
                            cell.row,
                            None,
                            cell.coordinate,
                            f"holds the formula {quote(str(formula))} with no saved value; coopnet "
                            "never calculates formulas: open and save the file in Excel, or "
                            "type the value",
                        )
                if kind == "e":
                    self.problem(
                        ws,
                        cell.row,
                        None,
                        cell.coordinate,
                        f"shows the error {value}; correct it or type the value",
                    )
                    value = None
                text, trouble = clean_cell(cell_text(value, cell.number_format))
                if trouble:
                    self.problem(ws, cell.row, None, cell.coordinate, trouble)
                texts.append(text)
            rows.append(texts)
        return rows

    def table(self, ws, key: str) -> SheetTable | None:
        """The sheet as a Table, or None when it has no header (an empty sheet)."""
        from openpyxl.utils import get_column_letter

        grid = self.grid(ws)
        head = _header_row(grid, key)
        if head is None:
            return None
        header_row = head + 1  # 1-based, as Excel numbers rows
        start = header_row + 1
        for rng in ws.merged_cells.ranges:
            if rng.min_row <= header_row <= rng.max_row:  # a header cell two rows high
                start = max(start, rng.max_row + 1)
            elif rng.min_row > header_row:  # a value merged down a column: every row has it
                for r in range(rng.min_row + 1, rng.max_row + 1):
                    grid[r - 1][rng.min_col - 1] = grid[rng.min_row - 1][rng.min_col - 1]
        body = [(r, row) for r, row in enumerate(grid[start - 1 :], start) if _filled(row)]
        columns: dict[str, int] = {}
        for j, text in enumerate(grid[head]):
            letter = get_column_letter(j + 1)
            if not text.strip():
                first = next(((r, row[j]) for r, row in body if row[j].strip()), None)
                if first is not None:
                    self.problem(
                        ws,
                        first[0],
                        None,
                        f"{letter}{first[0]}",
                        f"has a value but column {letter} has no header; give the column a "
                        "header (an extra column is kept) or clear it",
                    )
                continue
            name = column_key(key, text)
            if name in columns:
                self.problem(
                    ws,
                    header_row,
                    name,
                    f"{letter}{header_row}",
                    f"column {quote(name)} appears more than once in the header "
                    f"(also column {get_column_letter(columns[name] + 1)})",
                )
                continue
            columns[name] = j
        frame = pd.DataFrame(
            {name: [row[j] for _, row in body] for name, j in columns.items()}, dtype=str
        )
        table = Table.from_frame(f"{self.label}: {ws.title}", frame)
        table._lines = [r for r, _ in body]
        letters = {name: get_column_letter(j + 1) for name, j in columns.items()}
        return SheetTable(table, ws.title, header_row, letters)


def _filled(row: list[str]) -> bool:
    return any(text.strip() for text in row)


def _header_row(grid: list[list[str]], key: str) -> int | None:
    """The 0-based row of the header: the first of the top rows naming every required
    column, else the one naming most known columns, else the first non-empty row."""
    sheet = next(s for s in SHEETS if s.key == key)
    known = {c.key for c in sheet.columns}
    best, most = None, 0
    for i, row in enumerate(grid[:_HEADER_SCAN]):
        names = {column_key(key, t) for t in row if t.strip()}
        if set(sheet.required) <= names:
            return i
        if len(names & known) > most:
            best, most = i, len(names & known)
    if best is not None:
        return best
    return next((i for i, row in enumerate(grid) if _filled(row)), None)


def read_sheets(path: str | os.PathLike, label: str) -> dict[str, SheetTable | None]:
    """The four data sheets of the workbook at ``path`` (None: an optional sheet that
    is missing or has no rows); one DataError for a file or sheet that cannot be read."""
    reader = _Reader(read_bytes(path, label), label)
    found: dict[str, object] = {}
    for ws in reader.book.worksheets:
        key = sheet_key(ws.title)
        if key is None:
            continue
        if key in found:
            reader.problems.append(
                Problem(
                    label,
                    None,
                    None,
                    f"the sheets {quote(found[key].title)} and {quote(ws.title)} both hold the "
                    f"{_what(key)}; keep one",
                    cell=ws.title,
                )
            )
            continue
        found[key] = ws
    titles = ", ".join(repr(ws.title) for ws in reader.book.worksheets)
    for sheet in (ORGS, EDGES):
        if sheet.key not in found:
            reader.problems.append(
                Problem(
                    label,
                    None,
                    None,
                    f"has no sheet {quote(sheet.title('ja'))} ({_what(sheet.key)}); its sheets are "
                    f"{titles}. Name the sheets as `coopnet template` does: "
                    + ", ".join(f"{s.title('ja')} ({s.title('en')})" for s in SHEETS),
                )
            )
    if reader.problems:
        raise DataError(reader.problems)
    out: dict[str, SheetTable | None] = {}
    for sheet in SHEETS:
        ws = found.get(sheet.key)
        out[sheet.key] = reader.table(ws, sheet.key) if ws is not None else None
        if sheet in (ORGS, EDGES) and out[sheet.key] is None:
            reader.problems.append(
                Problem(
                    label,
                    None,
                    None,
                    "is empty; its first row is the header (as in `coopnet template`)",
                    cell=ws.title,
                )
            )
    if reader.problems:
        raise DataError(reader.problems)
    for key in ("cases", "members"):  # a sheet with a header and no rows is not given
        if out[key] is not None and out[key].table.frame.empty:
            out[key] = None
    return out


def _what(key: str) -> str:
    return next(s.title("en") for s in SHEETS if s.key == key)


def locate(exc: DataError, sheets: dict[str, SheetTable | None], label: str) -> DataError:
    """``exc`` with each problem of a sheet given its sheet and cell (``連携!C12``),
    and the CSV wording ("the organisations file", "line") put in the sheets' terms."""
    by_name = {s.table.name: s for s in sheets.values() if s is not None}
    title = {k: (s.title if s is not None else t) for k, s, t in _titles(sheets)}
    words = {
        "the organisations file": f"the {title['orgs']} sheet",
        "add it to cases.csv": f"add it to the {title['cases']} sheet",
        "give a cases.csv that names it with its type": (
            f"add it to the {title['cases']} sheet with its type"
        ),
        "is not a case of this file": "is not a case of this sheet",
        "(first on line ": "(first in row ",
    }
    out = []
    for p in exc.problems:
        s = by_name.get(p.file)
        if s is None:
            out.append(p)
            continue
        message = p.message
        for old, new in words.items():
            message = message.replace(old, new)
        letter = s.letters.get(p.column) if p.column is not None else None
        if p.line is not None and p.line > s.header_row:
            cell = f"{s.title}!{letter}{p.line}" if letter else f"{s.title}!{p.line}:{p.line}"
            out.append(replace(p, file=label, message=message, cell=cell))
        else:
            out.append(replace(p, file=label, line=s.header_row, message=message, cell=s.title))
    return DataError(out)


def _titles(sheets):
    for sheet in SHEETS:
        yield sheet.key, sheets.get(sheet.key), sheet.title("ja")
