"""Check the optional case table (``cases.csv``) and participants (``members.csv``).

Both are checked with the organisations and partnerships, problems collected into
the same :class:`~coopnet.DataError`: a case in ``edges.csv`` or ``members.csv``
that ``cases.csv`` lacks, a member that is not an organisation, a case whose type
differs from its partnerships' type, a year that is not a year, an unknown
prefecture — each with file, line, column and a suggestion.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from .. import prefectures, taxonomy
from ..errors import quote, with_ja

CASE_COLUMNS = ("case", "type", "year", "prefecture", "summary", "source", "parent", "name_en")
CASE_REQUIRED = ("case", "type")
MEMBER_COLUMNS = ("case", "org", "role", "evidence")
MEMBER_REQUIRED = ("case", "org")

#: Roles of ``members.csv`` and the words accepted for each (others are kept as written).
ROLES: dict[str, tuple[str, ...]] = {
    "lead": ("lead", "中心", "主催", "幹事", "事務局", "代表", "運営"),
    "member": ("member", "メンバー", "構成員", "構成団体", "参加", "参加団体", "会員"),
    "observer": ("observer", "オブザーバー", "オブザーバ"),
    "supporter": ("supporter", "支援", "協力", "後援"),
}
_ROLE_WORDS = {w.lower(): role for role, words in ROLES.items() for w in words}

YEAR_RANGE = (1800, 2100)
_ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
# 2019, 2019.0, 2019年, 2019年4月(1日), 2019-04(-01), 2019/4/1, 2019.4
_YEAR = re.compile(
    r"^(\d{4})(?:\.0+|年(?:\d{1,2}月(?:\d{1,2}日)?)?|[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?:[ T].*)?)?$"
)
_ERA_YEAR = re.compile(
    r"^(明治|大正|昭和|平成|令和)(元|\d{1,2})年?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:度)?$"
)


def _v():
    from . import validate  # the shared helpers (validate imports this module)

    return validate


def parse_year(text: str) -> int | None:
    """The year written in ``text`` (already NFKC-normalised), or None when it is none.

    Accepts a 4-digit year alone or at the start of a date (``2019``, ``2019年4月``,
    ``2019-04-01``, ``2019/4/1``) and the Japanese eras (``令和元年`` → 2019,
    ``平成31年`` → 2019), within 1800–2100.

    >>> [parse_year(t) for t in ["2019", "2019年4月", "2019-04-01", "令和元年", "平成31", "19"]]
    [2019, 2019, 2019, 2019, 2019, None]
    """
    m = _YEAR.match(text)
    if m:
        year = int(m.group(1))
    else:
        m = _ERA_YEAR.match(text)
        if not m:
            return None
        year = _ERAS[m.group(1)] + (1 if m.group(2) == "元" else int(m.group(2)))
    lo, hi = YEAR_RANGE
    return year if lo <= year <= hi else None


def year_message(value: str) -> str:
    lo, hi = YEAR_RANGE
    return (
        f"year {quote(value)} is not a year; write a 4-digit year such as 2019 "
        f"({lo}–{hi}) or leave it empty"
    )


def normalize_role(value: str) -> str:
    """A known role word as its English key (運営 → lead); anything else as written."""
    return _ROLE_WORDS.get(value.lower(), value)


def prefecture_column(table, frame: pd.DataFrame, column: str, *, strict: bool, out) -> pd.Series:
    """Canonical prefecture names (several joined by 、), problems for unknown ones.

    Empty stays empty (a national body or a case without a place). With
    ``strict=False`` an unknown value is kept as written, with one warning.
    """
    raw = frame[column]
    mapping: dict[str, str] = {}
    unknown: dict[str, list[str]] = {}
    for value in pd.unique(raw):
        parts = prefectures.split_prefectures(value)
        names, bad = [], []
        for part in parts:
            name = prefectures.normalize_prefecture(part)
            if name is None:
                bad.append(part)
                names.append(part)
            elif name not in names:
                names.append(name)
        mapping[value] = value if bad and not strict else "、".join(names)
        if bad:
            unknown[value] = bad
    if unknown:
        bad_rows = raw.isin(list(unknown))
        if strict:

            def message(rec):
                parts = unknown[raw[rec]]
                hints = [h for h in map(prefectures.suggest_prefecture, parts) if h]
                hint = f" (did you mean {', '.join(map(repr, hints))}?)" if hints else ""
                what = "is not a prefecture" if len(parts) == 1 else "are not prefectures"
                return f"{', '.join(map(repr, parts))} {what}{hint}"

            out.add(table, raw.index[bad_rows], column, message, advice="prefecture")
        else:
            shown = sorted({p for parts in unknown.values() for p in parts})
            values = ", ".join(map(repr, shown))
            warnings.warn(
                with_ja(
                    UserWarning(
                        f"{table.name}: accepting values that are not prefectures: {values}"
                    ),
                    f"{table.name}: 都道府県でない値をそのまま使います: {values}",
                ),
                stacklevel=6,
            )
    return raw.map(mapping).astype(raw.dtype)  # as when the column is absent (filled with "")


def _years(table, frame: pd.DataFrame, out) -> pd.Series:
    raw = frame["year"] if "year" in frame.columns else pd.Series("", index=frame.index)
    parsed = {v: (parse_year(v) if v != "" else None) for v in pd.unique(raw)}
    bad = raw.map(lambda v: v != "" and parsed[v] is None).astype(bool)
    out.add(table, raw.index[bad], "year", lambda rec: year_message(raw[rec]))
    return pd.array(
        [parsed[v] if v != "" and parsed[v] is not None else pd.NA for v in raw], dtype="Int64"
    )


def validate_cases(table, org_ids, *, strict: bool, out):
    """Check ``cases.csv``; returns the frame (index ``case``) or None when unusable."""
    if _v()._missing_columns(table, CASE_REQUIRED, out):
        return None
    frame = _v()._normalise_text_columns(table.frame, [c for c in CASE_COLUMNS if c in table.frame])
    keys = frame["case"]
    out.add(table, keys.index[keys == ""], "case", "case title is empty")
    dup = keys.duplicated(keep="first") & (keys != "")
    if dup.any():
        first = {}
        for rec, value in keys.items():
            first.setdefault(value, table.line(int(rec)))
        out.add(
            table,
            keys.index[dup],
            "case",
            lambda rec: f"duplicate case {quote(keys[rec])} (first on line {first[keys[rec]]})",
        )
    if org_ids is not None:  # both are nodes of the two-mode network
        clash = keys.isin(set(org_ids))
        out.add(
            table,
            keys.index[clash],
            "case",
            lambda rec: f"the case title {quote(keys[rec])} is also an organisation id; rename one",
        )
    frame["type"] = _v()._categorise(
        table, frame, "type", taxonomy.normalize_type, list(taxonomy.TYPES), "type", strict, out
    )
    frame["year"] = _years(table, frame, out)
    for col in CASE_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    if "prefecture" in table.frame.columns:
        frame["prefecture"] = prefecture_column(table, frame, "prefecture", strict=strict, out=out)
    known = set(keys)
    parent = frame["parent"]
    orphan = (parent != "") & ~parent.isin(known)
    out.add(
        table,
        parent.index[orphan],
        "parent",
        lambda rec: _unknown_case(parent[rec], known, "is not a case of this file"),
    )
    own = (parent != "") & (parent == keys)
    out.add(table, parent.index[own], "parent", "a case cannot be its own parent")
    nested = (parent != "") & parent.isin(set(keys[parent != ""]))
    out.add(
        table,
        parent.index[nested & ~own],
        "parent",
        lambda rec: f"the parent {quote(parent[rec])} is itself a sub-case; give the top case",
    )
    ordered = [*CASE_COLUMNS, *[c for c in frame.columns if c not in CASE_COLUMNS]]
    frame = frame[ordered]
    frame = frame[~dup]
    return frame.set_index("case")


def _unknown_case(value: str, known, what: str) -> str:
    hint = taxonomy.suggest(value, sorted(known))
    tail = f" (did you mean {quote(hint)}?)" if hint else ""
    return f"case {quote(value)} {what}{tail}"


def check_edges_against_cases(edge_table, edges: pd.DataFrame, cases: pd.DataFrame, out) -> None:
    """Every partnership's case is in the case table, with the same type."""
    known = set(cases.index)
    missing = ~edges["case"].isin(known) & (edges["case"] != "")
    out.add(
        edge_table,
        edges.index[missing],
        "case",
        lambda rec: _unknown_case(
            edges["case"][rec], known, "is not in the case table; add it to cases.csv"
        ),
    )
    case_type = edges["case"].map(cases["type"])
    differs = ~missing & case_type.notna() & (case_type != edges["type"])
    out.add(
        edge_table,
        edges.index[differs],
        "type",
        lambda rec: (
            f"partnership type {quote(edges['type'][rec])} differs from the type of its case "
            f"{quote(edges['case'][rec])} in the case table ({quote(case_type[rec])}); "
            "a case has one type — correct one of the two"
        ),
    )


def validate_members(table, org_ids, case_keys, *, out, has_table: bool):
    """Check ``members.csv`` against the organisations and the cases."""
    if _v()._missing_columns(table, MEMBER_REQUIRED, out):
        return None
    frame = _v()._normalise_text_columns(
        table.frame, [c for c in MEMBER_COLUMNS if c in table.frame]
    )
    for col in MEMBER_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    case, org = frame["case"], frame["org"]
    out.add(table, case.index[case == ""], "case", "case is empty")
    out.add(table, org.index[org == ""], "org", "organisation id is empty")
    if case_keys is not None:
        known = set(case_keys)
        what = (
            "is not in the case table; add it to cases.csv"
            if has_table
            else "has no partnership; give a cases.csv that names it with its type"
        )
        bad = ~case.isin(known) & (case != "")
        out.add(table, case.index[bad], "case", lambda rec: _unknown_case(case[rec], known, what))
    if org_ids is not None:
        ids = list(org_ids)
        bad = ~org.isin(set(ids)) & (org != "")

        def message(rec):
            hint = taxonomy.suggest(org[rec], ids)
            tail = f" (did you mean {quote(hint)}?)" if hint else ""
            return f"{quote(org[rec])} is not an id in the organisations file{tail}"

        out.add(table, org.index[bad], "org", message)
    pair = case + "\x1f" + org
    dup = pair.duplicated(keep="first") & (case != "") & (org != "")
    out.add(
        table,
        pair.index[dup],
        "org",
        lambda rec: f"{quote(org[rec])} is listed twice for the case {quote(case[rec])}",
    )
    frame["role"] = frame["role"].map(normalize_role)
    ordered = [*MEMBER_COLUMNS, *[c for c in frame.columns if c not in MEMBER_COLUMNS]]
    return frame.loc[~dup, ordered].reset_index(drop=True)
