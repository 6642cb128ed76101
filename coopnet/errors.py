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


def with_ja(exc: BaseException, ja: str) -> BaseException:
    """``exc`` with its message in Japanese as ``exc.ja``, for the command line to say too.

    The command line shows ``ja / English`` in the user's terms (``--force``, not
    ``overwrite=True``); Python shows the English message as it is.

    >>> with_ja(ValueError("x is not valid"), "x は使えません").ja
    'x は使えません'
    """
    exc.ja = ja
    return exc


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
    ``advice`` names the advice that goes with it ("sector", "type" or
    "prefecture": the valid values and the way out), which :class:`DataError`
    says once under all its problems rather than on every line.

    >>> print(Problem("連携事例.xlsx", 12, "type", "unknown type", cell="連携!C12"))
    連携事例.xlsx: 連携!C12 (type): unknown type
    """

    file: str
    line: int | None
    column: str | None
    message: str
    cell: str | None = None
    advice: str | None = None

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


#: What the kinds of advice are about, in Japanese and English, in the order said.
_KINDS = {
    "sector": ("セクター", "sectors"),
    "type": ("連携類型", "partnership types"),
    "prefecture": ("都道府県", "prefectures"),
}


def _valid(kind: str) -> tuple[str, str, str]:
    """(Japanese label, English label, the valid values) of one kind of advice."""
    from . import taxonomy

    if kind == "sector":
        return "セクターは次のどれか", "Valid sectors", ", ".join(taxonomy.SECTORS)
    if kind == "type":
        return "連携類型は次のどれか", "Valid partnership types", ", ".join(taxonomy.TYPES)
    return (
        "都道府県は 長野県 のように書く（複数なら 、 で区切る。全国・広域の団体は空欄）",
        "A prefecture is written like 長野県 (several separated by 、; empty for a national body)",
        "",
    )


def advice_lines(kinds, *, bilingual: bool = False) -> list[str]:
    """The advice for ``kinds`` of problems, said once: the valid values of each, then
    the way out (``strict=False``).

    >>> for line in advice_lines(["type"]):
    ...     print(line)
    Valid partnership types: 産消提携型, 事業連携型, 地域連携型, 学習会・イベント型, 災害支援型, 人事育成型
    To accept partnership types outside this list, pass strict=False.
    """
    kinds = [k for k in _KINDS if k in set(kinds)]
    lines = []
    for kind in kinds:
        ja, en, values = _valid(kind)
        label = f"{ja} / {en}" if bilingual else en
        lines.append(f"{label}: {values}" if values else label)
    if kinds:
        names = [_KINDS[k][1] for k in kinds]
        en = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        lists = "this list" if len(kinds) == 1 else "these lists"
        text = f"To accept {en} outside {lists}, pass strict=False."
        if bilingual:
            ja = "・".join(_KINDS[k][0] for k in kinds)
            text = f"一覧にない{ja}もそのまま使うには strict=False を付けてください / {text}"
        lines.append(text)
    return lines


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
        super().__init__(self.describe())

    def describe(self, *, bilingual: bool = False) -> str:
        """The problems, then the advice they need said once (the valid values, the
        way out); with ``bilingual``, the header and advice in Japanese and English.

        Examples
        --------
        >>> err = DataError([Problem("orgs.csv", 5, "sector", "unknown sector '漁業'", advice="sector")])
        >>> print(err.describe(bilingual=True))  # doctest: +NORMALIZE_WHITESPACE
        入力データに 1 件の問題があります / 1 problem in the input data:
          orgs.csv, line 5, column 'sector': unknown sector '漁業'
        セクターは次のどれか / Valid sectors: JA, 生協, JF, 森林組合, 行政, 企業, 社会福祉協議会, 協同組合連携組織, その他協同組合, NPO・市民団体, 教育・研究
        一覧にないセクターもそのまま使うには strict=False を付けてください / To accept sectors outside this list, pass strict=False.
        """
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input data:"
        if bilingual:
            head = f"入力データに {n} 件の問題があります / {head}"
        shown = self.problems[:SHOWN]
        lines = [head, *(f"  {p}" for p in shown)]
        if n > len(shown):
            more = f"… and {n - len(shown)} more"
            lines.append(f"  {f'ほか {n - len(shown)} 件 / ' if bilingual else ''}{more}")
        kinds = [p.advice for p in self.problems if p.advice]
        return "\n".join([*lines, *advice_lines(kinds, bilingual=bilingual)])
