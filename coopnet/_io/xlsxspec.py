"""The workbook's layout: its sheets, their columns, and the words that explain them.

One description of the four tables serves the writer (headers, notes, drop-down
lists, the 説明 sheet) and the reader (which header names which column). The
columns are those of the CSV files (see :func:`coopnet.read_csv`); the words come
from :mod:`coopnet._glossary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import taxonomy
from .._glossary import term
from .cases import CASE_COLUMNS, MEMBER_COLUMNS
from .validate import EDGE_COLUMNS, ORG_COLUMNS


@dataclass(frozen=True)
class Column:
    """One column: its key (the CSV header), the glossary word of its header, and
    whether it is required; ``choices`` names its drop-down list."""

    key: str
    label: str
    required: bool
    ja: str
    en: str
    choices: str | None = None  # sector, type, prefecture, role, org, case
    text: bool = False  # an id: cells formatted as text, so Excel keeps 001 as typed

    def header(self, lang: str) -> str:
        """The header cell: the word in ``lang`` over the column key."""
        return f"{term(self.label, lang)}\n{self.key}"

    def describe(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class Sheet:
    """One table of the workbook (``key`` as in :class:`coopnet._io.validate.Tables`)."""

    key: str
    label: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...]
    ja: str
    en: str

    def title(self, lang: str) -> str:
        return term(self.label, lang)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.required)


_YEAR = Column(
    "year",
    "year",
    False,
    "始まった年。2019 のほか 2019年4月、令和元年、日付も読めます。",
    "The year it started: 2019 (2019年4月, 令和元年 and dates are read too).",
)
_EVIDENCE = Column(
    "evidence",
    "evidence",
    False,
    "そう言える根拠（資料の記述やページ）。",
    "Why we know it: the source's words or page.",
)

ORGS = Sheet(
    "orgs",
    "organisations",
    (
        Column(
            "id",
            "org_id",
            True,
            "組織を区別する短い名前（重複不可）。ほかのシートはこの ID で組織を選びます。"
            "英数字（ja-nagano）でも組織名そのままでもかまいません。",
            "A short name that tells the organisation apart (unique); the other sheets "
            "pick organisations by it. Letters (ja-nagano) or the name itself.",
            text=True,
        ),
        Column("name", "org_name", True, "組織の名称（例 JAながの）。", "Its name (JAながの)."),
        Column(
            "name_en", "name_en", False, "英語の名称（英語の図で使います）。", "Its English name."
        ),
        Column(
            "sector",
            "sector",
            True,
            "組織の種類。一覧から選びます（このシートの「セクター」の表）。",
            "The kind of organisation: pick one from the list (the sectors table here).",
            "sector",
        ),
        Column(
            "prefecture",
            "prefecture",
            False,
            "所在地の都道府県。全国組織は空欄。",
            "Its prefecture; empty for a national body.",
            "prefecture",
        ),
        Column("note", "note", False, "メモ（分析には使いません）。", "A note (not analysed)."),
    ),
    ("組織", "orgs", "organisations", "organizations", "組織一覧"),
    "1行に1組織。",
    "One row per organisation.",
)

CASES = Sheet(
    "cases",
    "cases",
    (
        Column(
            "case",
            "case_title",
            True,
            "事例の名前（重複不可）。連携・参加シートはこの名前で事例を選びます。",
            "The case's title (unique); the partnerships and members sheets pick cases by it.",
            text=True,
        ),
        Column(
            "type",
            "type",
            True,
            "6つの連携類型から選びます（このシートの「連携類型」の表）。",
            "One of the six partnership types (the types table here).",
            "type",
        ),
        _YEAR,
        Column(
            "prefecture",
            "prefecture",
            False,
            "行われた都道府県。複数は「、」で区切ります。全国の事例は空欄。",
            "Where it took place; several separated by 、; empty for a national case.",
            "prefecture",
        ),
        Column("summary", "summary", False, "一行の説明。", "A one-line summary."),
        Column("source", "source", False, "出典（資料名とページ）。", "Where it is written."),
        Column(
            "parent",
            "parent",
            False,
            "大きな事例の一部のとき、その事例名。",
            "For a sub-case, the case it belongs to.",
            "case",
            text=True,
        ),
        Column("name_en", "name_en", False, "英語の事例名。", "Its English title."),
    ),
    ("事例", "cases", "事例一覧"),
    "1行に1事例。",
    "One row per case.",
)

EDGES = Sheet(
    "edges",
    "partnerships",
    (
        Column(
            "source",
            "org_a",
            True,
            "連携する組織の一方（組織シートの ID から選びます）。",
            "One organisation of the partnership (an ID of the organisations sheet).",
            "org",
            text=True,
        ),
        Column(
            "target",
            "org_b",
            True,
            "もう一方の組織の ID。向きは問いません。",
            "The other organisation's ID; the order does not matter.",
            "org",
            text=True,
        ),
        Column(
            "type",
            "type",
            True,
            "この連携の類型（事例シートと同じ類型）。",
            "Its partnership type (the same as its case's).",
            "type",
        ),
        Column(
            "case",
            "case",
            True,
            "この連携の事例（事例シートの事例名から選びます）。",
            "Its case (a title of the cases sheet).",
            "case",
            text=True,
        ),
        _YEAR,
        _EVIDENCE,
    ),
    ("連携", "edges", "partnerships", "連携一覧"),
    "1行に2つの組織のつながり1つ。3つ以上の組織の事例は、つながりごとに1行。",
    "One row per tie between two organisations; a case of three or more has one row per tie.",
)

MEMBERS = Sheet(
    "members",
    "participation",
    (
        Column(
            "case",
            "case",
            True,
            "事例（事例シートの事例名から選びます）。",
            "The case (a title of the cases sheet).",
            "case",
            text=True,
        ),
        Column(
            "org",
            "org_id",
            True,
            "参加する組織の ID。連携シートに連携のない参加者（事務局、オブザーバー）を書きます。",
            "The participant's ID: those without a partnership row (a secretariat, an observer).",
            "org",
            text=True,
        ),
        Column(
            "role",
            "role",
            False,
            "役割。一覧から選ぶか、自由に書きます。",
            "Its role: pick from the list or write your own.",
            "role",
        ),
        _EVIDENCE,
    ),
    ("参加", "members", "participants", "参加組織"),
    "連携シートに連携のない参加組織（なければ空のまま）。",
    "Participants without a partnership row (leave it empty if there are none).",
)

#: The data sheets in workbook order (after the guide sheet).
SHEETS: tuple[Sheet, ...] = (ORGS, CASES, EDGES, MEMBERS)

#: Glossary words of the roles' drop-down list (each is read back as its role).
ROLE_WORDS = ("lead", "member_role", "observer", "supporter")

assert tuple(c.key for c in ORGS.columns) == ORG_COLUMNS
assert tuple(c.key for c in CASES.columns) == CASE_COLUMNS
assert tuple(c.key for c in EDGES.columns) == EDGE_COLUMNS
assert tuple(c.key for c in MEMBERS.columns) == MEMBER_COLUMNS


def _norm(text: str) -> str:
    text = taxonomy.normalize_text(text)
    return text.lower() if text.isascii() else text


def sheet_key(title: str) -> str | None:
    """Which table a sheet holds, from its title (Japanese or English), or None."""
    t = _norm(title)
    return next((s.key for s in SHEETS if t in {_norm(a) for a in s.aliases}), None)


def _names(sheet: Sheet) -> dict[str, str]:
    names: dict[str, str] = {}
    for c in sheet.columns:
        for word in (c.key, term(c.label, "ja"), term(c.label, "en")):
            names.setdefault(_norm(word), c.key)
    if sheet.key in ("edges", "members"):
        names.setdefault(term("case_title", "ja"), "case")
    if sheet.key == "cases":
        names.setdefault(term("case", "ja"), "case")
    return names


_NAMES = {s.key: _names(s) for s in SHEETS}
_KEY_AFTER = re.compile(r"^(.*?)\s*(?:\n|\()\s*([a-z_]+)\s*\)?$", re.DOTALL | re.IGNORECASE)


def column_key(sheet: str, header: str) -> str:
    """The column a header names on ``sheet``: its key for a known column (written
    as the key, the Japanese or English word, or a word over its key), else the
    header itself (NFKC, trimmed, lower-case when ASCII), as the CSV reader keeps it.
    """
    text = _norm(header)
    names = _NAMES[sheet]
    if text in names:
        return names[text]
    flat = " ".join(text.split())
    if flat in names:
        return names[flat]
    m = _KEY_AFTER.match(taxonomy.normalize_text(header))
    if m and m.group(2).lower() in {c.key for c in _sheet(sheet).columns}:
        return m.group(2).lower()
    return text


def _sheet(key: str) -> Sheet:
    return next(s for s in SHEETS if s.key == key)
