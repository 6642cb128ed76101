"""Write the workbook: a guide sheet, the four data sheets and their drop-down lists.

Every text cell is written as text (never as a formula, whatever it starts with);
the font is one Japanese Excel has (游ゴシック); the header row is frozen, two lines
(the word over the column key) with a note that explains the column; the drop-down
lists are data validations that warn, never stop, so a user may type their own
category (read back with ``strict=False``).
"""

from __future__ import annotations

import io
import unicodedata

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation

from .. import prefectures, taxonomy
from .._glossary import term
from ..errors import quote
from .xlsxspec import ROLE_WORDS, SHEETS, Column, Sheet

FONT = "游ゴシック"  # Japanese Excel's own default (Windows 10+, Office for Mac)
MAX_ROWS = 1_048_576  # Excel's limit
MAX_TEXT = 32_767  # characters in one cell
_REQUIRED_FILL = PatternFill("solid", fgColor="FFBDD7EE")
_OPTIONAL_FILL = PatternFill("solid", fgColor="FFE7E6E6")
_RULE = Border(bottom=Side(style="thin", color="FF7F7F7F"))


def new_book() -> Workbook:
    """An empty workbook whose default font is :data:`FONT`."""
    wb = Workbook()
    base = Font(name=FONT, sz=11, family=3, charset=128)
    wb._fonts = IndexedList([base])  # style 0 (every unstyled cell) uses font 0
    wb._named_styles["Normal"].font = base
    return wb


def to_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def text_width(text: str) -> int:
    """Columns ``text`` takes: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def put(ws, row: int, col: int, value) -> None:
    """Write ``value`` into a cell: text always as text (``=1+1`` stays those
    characters, never a formula), whole numbers as numbers, missing as nothing."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return
    if isinstance(value, np.generic):
        value = value.item()
    if not isinstance(value, str | int | float | bool):
        value = str(value)
    if isinstance(value, str):
        if value == "":
            return
        if len(value) > MAX_TEXT:
            raise ValueError(
                f"{ws.title}!{get_column_letter(col)}{row}: the text has {len(value)} "
                f"characters; an Excel cell holds at most {MAX_TEXT}"
            )
    cell = ws.cell(row=row, column=col)
    try:
        cell.value = value
    except ValueError as exc:  # openpyxl's IllegalCharacterError
        raise ValueError(
            f"{ws.title}!{cell.coordinate}: {quote(value)} holds a control character that "
            f"an Excel file cannot store ({exc.__class__.__name__})"
        ) from None
    if isinstance(value, str):
        cell.data_type = "s"


def write_sheet(ws, sheet: Sheet, frame: pd.DataFrame | None, lang: str) -> int:
    """Header, rows, widths, frozen header and filter; returns the number of rows."""
    known = [c.key for c in sheet.columns]
    extra = [] if frame is None else [c for c in frame.columns if c not in known]
    columns: list[Column | str] = [*sheet.columns, *extra]
    for j, col in enumerate(columns, 1):
        cell = ws.cell(row=1, column=j)
        if isinstance(col, Column):
            cell.value = col.header(lang)
            cell.fill = _REQUIRED_FILL if col.required else _OPTIONAL_FILL
            need = term("required" if col.required else "optional", lang)
            cell.comment = Comment(
                f"{col.key}（{need}）\n{col.describe(lang)}", "coopnet", 110, 260
            )
        else:
            put(ws, 1, j, col)
            cell.fill = _OPTIONAL_FILL
        cell.font = Font(name=FONT, sz=11, bold=True, family=3, charset=128)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = _RULE
    ws.row_dimensions[1].height = 33
    n = 0 if frame is None else len(frame)
    if n + 1 > MAX_ROWS:
        raise ValueError(f"{ws.title}: {n} rows do not fit on an Excel sheet ({MAX_ROWS - 1})")
    keys = [c.key if isinstance(c, Column) else c for c in columns]
    text_cols = {j for j, c in enumerate(columns, 1) if isinstance(c, Column) and c.text}
    if n:
        values = [frame[k].astype(object).tolist() for k in keys]
        for i in range(n):
            for j, column in enumerate(values, 1):
                put(ws, i + 2, j, column[i])
                if j in text_cols:
                    ws.cell(row=i + 2, column=j).number_format = "@"
    for j, key in enumerate(keys, 1):
        letter = get_column_letter(j)
        header = ws.cell(row=1, column=j).value or ""
        seen = [text_width(line) for line in str(header).splitlines()]
        if n:
            sample = frame[key].astype(object).head(500).tolist()
            seen += [text_width(str(v)) for v in sample if isinstance(v, str)]
        ws.column_dimensions[letter].width = min(max(max(seen, default=8) * 1.15 + 2, 9), 50)
        if j in text_cols:
            ws.column_dimensions[letter].number_format = "@"  # what the user types next
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(n + 1, 2)}"
    fit_to_page_width(ws)
    ws.print_title_rows = "1:1"
    return n


def fit_to_page_width(ws) -> None:
    """Print on A4 landscape, as wide as one page (as long as it takes)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _inline(values) -> str | None:
    """An inline list for a validation (Excel allows 255 characters), or None."""
    values = [v for v in dict.fromkeys(values) if v and "," not in v and '"' not in v]
    text = ",".join(values)
    return f'"{text}"' if len(text) <= 255 else None


def _column_of_ids(sheet_title: str) -> str:
    """The first column of a sheet below its header, as long as it is filled in."""
    ref = quote_sheetname(sheet_title)
    return f"OFFSET({ref}!$A$2,0,0,MAX(1,COUNTA({ref}!$A:$A)-1),1)"


# Excel adds its own question (続行しますか? / Continue?) and buttons to a warning.
_PROMPTS = {
    "ja": ("一覧にない値です。", "読み込むときに coopnet が確認します。"),
    "en": ("This value is not in the list. ", "coopnet checks it on reading."),
}


def add_lists(
    ws, sheet: Sheet, lang: str, *, titles: dict[str, str], extra: dict, cases: bool
) -> None:
    """The drop-down lists of ``sheet``'s columns (every row below the header, so rows
    the user adds have them too).

    ``extra`` adds the network's own sectors and types to their lists; ``cases``
    is False when the case sheet is empty (no list of cases to choose from).
    """
    lists = {
        "sector": _inline([*taxonomy.SECTORS, *extra.get("sector", ())]),
        "type": _inline([*taxonomy.TYPES, *extra.get("type", ())]),
        "prefecture": _inline(prefectures.NAMES),
        "role": _inline([term(w, lang) for w in ROLE_WORDS]),
        "org": _column_of_ids(titles["orgs"]),
        "case": _column_of_ids(titles["cases"]) if cases else None,
    }
    head, tail = _PROMPTS[lang]
    for j, col in enumerate(sheet.columns, 1):
        formula = lists.get(col.choices) if col.choices else None
        if formula is None:
            continue
        dv = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=term(col.label, lang)[:32],
            error=f"{head}{tail}",
            showInputMessage=True,
            promptTitle=term(col.label, lang)[:32],
            prompt=col.describe(lang)[:255],
        )
        letter = get_column_letter(j)
        dv.add(f"{letter}2:{letter}{MAX_ROWS}")
        ws.add_data_validation(dv)


def build(
    tables: dict[str, pd.DataFrame | None],
    *,
    lang: str,
    example: bool = False,
    extra: dict | None = None,
) -> Workbook:
    """The workbook of ``tables`` (keys as :data:`SHEETS`; cases and members may be
    None): the guide sheet first, then the data sheets with their lists."""
    from .xlsxguide import write_guide

    wb = new_book()
    guide = wb.active
    guide.title = term("guide", lang)
    titles = {s.key: s.title(lang) for s in SHEETS}
    has_cases = tables.get("cases") is not None and len(tables["cases"]) > 0
    for sheet in SHEETS:
        ws = wb.create_sheet(titles[sheet.key])
        n = write_sheet(ws, sheet, tables.get(sheet.key), lang)
        add_lists(ws, sheet, lang, titles=titles, extra=extra or {}, cases=has_cases)
        if example and n:
            ws["A2"].comment = Comment(_example_note(lang), "coopnet", 90, 260)
    write_guide(guide, lang, example=example, titles=titles)
    wb.active = 0 if example else 1
    return wb


def _example_note(lang: str) -> str:
    if lang == "ja":
        return (
            "記入例：JCA「全国に広がる協同組合間連携事例」(2026年2月20日) の実例です。"
            "上書きするか、行ごと削除してください。"
        )
    return (
        "Example: a real case of JCA's seminar deck (2026-02-20). Write over it or delete the row."
    )
