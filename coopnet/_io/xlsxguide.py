"""The workbook's guide sheet (説明): how to fill it in, every column, the six
partnership types with the deck's one-line definitions, the sectors and the roles."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill

from .. import taxonomy
from .._glossary import term
from .xlsxspec import ROLE_WORDS, SHEETS
from .xlsxwrite import FONT, fit_to_page_width, put, text_width

_TITLE = {
    "ja": "協同組合間連携の事例を記入するブック（coopnet）",
    "en": "Cooperative partnerships: the workbook to fill in (coopnet)",
}
_HOWTO = {
    "ja": (
        "1.「{orgs}」シートに、1行に1組織を書きます。ID は、ほかのシートで組織を選ぶための"
        "短い名前です（重複不可）。",
        "2.「{cases}」シートに、1行に1事例を書きます。連携類型は下の表の6つから選びます。",
        "3.「{edges}」シートに、事例の中の2つの組織のつながりを1行ずつ書きます。組織と事例は"
        "一覧（▼）から選べます。",
        "4.「{members}」シートには、つながりのない参加組織（事務局、オブザーバーなど）が"
        "あれば書きます。なければ空のままで構いません。",
        "・見出しの青い列は必須、灰色の列は任意です。見出しにマウスを置くと説明が出ます。"
        "見出しの下の英字（id など）は消さないでください。",
        "・一覧にない値も入力できます（警告が出ます）。読み込むとき coopnet がすべて確認し、"
        "誤りはシートとセル（例 {edges}!C12）で知らせます。",
        "・読み込み：coopnet summary --xlsx 連携事例.xlsx（Python では cn.read_excel）。",
    ),
    "en": (
        "1. On the '{orgs}' sheet, one row per organisation. The ID is a short name by "
        "which the other sheets pick it (unique).",
        "2. On the '{cases}' sheet, one row per case, with one of the six types below.",
        "3. On the '{edges}' sheet, one row per tie between two organisations of a case; "
        "pick organisations and cases from the lists (▼).",
        "4. On the '{members}' sheet, participants without a tie (a secretariat, an "
        "observer), if any; otherwise leave it empty.",
        "- Blue headers are required, grey ones optional; hover over a header for its "
        "description. Keep the column key under each header (id, …).",
        "- Values outside the lists are allowed (with a warning). coopnet checks "
        "everything on reading and names each mistake's sheet and cell ({edges}!C12).",
        "- To read it: coopnet summary --xlsx cases.xlsx (in Python: cn.read_excel).",
    ),
}
_EXAMPLE = {
    "ja": "・各シートの2行目は記入例（JCA「全国に広がる協同組合間連携事例」2026年2月20日 "
    "の実例）です。上書きするか、行ごと削除してください。",
    "en": "- Row 2 of each sheet is an example, a real case of JCA's seminar deck "
    "(2026-02-20): write over it or delete the row.",
}
_SECTIONS = {
    "ja": ("列の説明", "連携類型（6つ）", "セクター", "役割"),
    "en": ("The columns", "The six partnership types", "Sectors", "Roles"),
}
_HEAD_FILL = PatternFill("solid", fgColor="FFBDD7EE")
_WIDTHS = (18, 22, 14, 10, 80)  # columns A to E


def _bold(size: int = 11) -> Font:
    return Font(name=FONT, sz=size, bold=True, family=3, charset=128)


def write_guide(ws, lang: str, *, example: bool, titles: dict[str, str]) -> None:
    """Fill the guide sheet ``ws`` in ``lang``."""
    ws["A1"] = _TITLE[lang]
    ws["A1"].font = _bold(14)
    row = 3
    lines = list(_HOWTO[lang])
    if example:
        lines.insert(4, _EXAMPLE[lang])
    for line in lines:
        put(ws, row, 1, line.format(**titles))
        row += 1
    columns, types, sectors, roles = _SECTIONS[lang]

    def section(title: str, header: list[str], rows: list[list[str]]) -> None:
        nonlocal row
        row += 2
        put(ws, row, 1, title)
        ws.cell(row=row, column=1).font = _bold(12)
        row += 1
        for j, text in enumerate(header, 1):
            put(ws, row, j, text)
            ws.cell(row=row, column=j).font = _bold()
            ws.cell(row=row, column=j).fill = _HEAD_FILL
        for values in rows:
            row += 1
            for j, text in enumerate(values, 1):
                put(ws, row, j, text)
                ws.cell(row=row, column=j).alignment = Alignment(vertical="top", wrap_text=j == 5)
            if len(values) == 5:  # the description wraps: make the row tall enough
                # a kanji is about 1.8 widths of "0" (Excel's unit), text_width counts 2
                lines = -(-text_width(values[4]) * 9 // ((_WIDTHS[4] - 2) * 10))
                if lines > 1:
                    ws.row_dimensions[row].height = 18.75 * lines

    section(
        columns,
        [term(k, lang) for k in ("sheet", "header", "column_key", "required", "description")],
        [
            [
                titles[s.key],
                term(c.label, lang),
                c.key,
                term("required" if c.required else "optional", lang),
                c.describe(lang),
            ]
            for s in SHEETS
            for c in s.columns
        ],
    )
    section(
        types,
        [term("type", lang), "English", term("definition", lang)],
        [[t.key, t.en, t.definition] for t in taxonomy.TYPES.values()],
    )
    section(
        sectors,
        [term("sector", lang), "日本語" if lang == "ja" else "Japanese", "English"],
        [[s.key, s.ja, s.en] for s in taxonomy.SECTORS.values()],
    )
    section(
        roles,
        [term("role", lang), "key"],
        [[term(w, lang), term(w, "en")] for w in ROLE_WORDS],
    )
    for letter, width in zip("ABCDE", _WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    fit_to_page_width(ws)
