"""Check and normalise the two input tables; collect every problem before raising."""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import NamedTuple

import numpy as np
import pandas as pd

from .. import taxonomy
from ..errors import SHOWN, DataError, Problem, quote, shorten, with_ja
from .cases import (
    check_edges_against_cases,
    parse_year,
    prefecture_column,
    validate_cases,
    validate_members,
    year_message,
)
from .csvfile import Table
from .suggest import SuggestIndex

ORG_COLUMNS = ("id", "name", "name_en", "sector", "prefecture", "note")
ORG_REQUIRED = ("id", "name", "sector")
EDGE_COLUMNS = ("source", "target", "type", "case", "year", "evidence")
EDGE_REQUIRED = ("source", "target", "type", "case")


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._hints: dict[int, tuple[Problem, Callable[[], str]]] = {}

    def add(
        self, table: Table, records, column: str | None, message, *, hint=None, advice=None
    ) -> None:
        """Add one problem per record in ``records`` (labels of ``table.frame``).

        ``message`` is a text or a function of the record. ``hint``, a function of
        the record, gives the message with a "did you mean" suggestion: it is only
        called for the problems a DataError shows (finding a suggestion takes time).
        ``advice`` is the :attr:`~coopnet.errors.Problem.advice` of each.
        """
        for rec in records:
            msg = message(rec) if callable(message) else message
            problem = Problem(table.name, table.line(int(rec)), column, msg, advice=advice)
            self.problems.append(problem)
            if hint is not None:
                self._hints[id(problem)] = (problem, partial(hint, rec))

    def raise_if_any(self) -> None:
        if self.problems:
            files = list(dict.fromkeys(p.file for p in self.problems))
            self.problems.sort(key=lambda p: (files.index(p.file), p.line or 0))
            for i, problem in enumerate(self.problems[:SHOWN]):
                pending = self._hints.get(id(problem))
                if pending is not None:
                    self.problems[i] = replace(problem, message=pending[1]())
            raise DataError(self.problems)


def _did_you_mean(hint: str | None) -> str:
    return f" (did you mean {quote(hint)}?)" if hint else ""


def _normalise_text_columns(frame: pd.DataFrame, columns) -> pd.DataFrame:
    frame = frame.copy()
    for col in columns:
        if col in frame.columns:
            frame[col] = _map_uniques(frame[col], taxonomy.normalize_text).astype(frame[col].dtype)
    return frame


def _map_uniques(values: pd.Series, func) -> pd.Series:
    """``values.map(func)`` computed once per distinct value (ids and cases repeat a lot)."""
    codes, uniques = pd.factorize(values)
    uniques = np.asarray(uniques, dtype=object)
    if func is taxonomy.normalize_text:
        mapped = _normalize_many(uniques)
    else:
        mapped = np.array([func(u) for u in uniques], dtype=object)
    return pd.Series(mapped[codes] if len(codes) else [], index=values.index, dtype=object)


_SEP = "\x1f"  # ASCII unit separator: NFKC leaves it alone and it composes with nothing


def _normalize_many(values: np.ndarray) -> np.ndarray:
    """``taxonomy.normalize_text`` of each of ``values`` with one NFKC call for all.

    NFKC works within runs that start at a character of combining class 0; the
    separator is one, so normalising the joined text and splitting it again gives
    each value's own normal form. Values that contain the separator, or are not
    strings, take the one-by-one path.
    """
    if len(values) > 1:
        try:
            joined = _SEP.join(values)
        except TypeError:
            joined = None
        if joined is not None and joined.count(_SEP) == len(values) - 1:
            parts = unicodedata.normalize("NFKC", joined).split(_SEP)
            if len(parts) == len(values):
                return np.array([p.strip() for p in parts], dtype=object)
    return np.array([taxonomy.normalize_text(v) for v in values], dtype=object)


def _missing_columns(table: Table, required, out: _Collector) -> bool:
    missing = [c for c in required if c not in table.frame.columns]
    for c in missing:
        out.problems.append(
            Problem(
                table.name,
                table.header_line,
                c,
                "required column is missing (the header has: "
                f"{', '.join(shorten(h) for h in table.header)})",
            )
        )
    return bool(missing)


def _some(values: list, shown: int = 10) -> str:
    """The first ``shown`` of ``values`` quoted, and how many more there are."""
    text = ", ".join(quote(v) for v in values[:shown])
    return text + (f" and {len(values) - shown:,} more" if len(values) > shown else "")


def _categorise(
    table: Table,
    frame: pd.DataFrame,
    column: str,
    normalise,
    known,
    what: str,
    strict: bool,
    out: _Collector,
) -> pd.Series:
    raw = frame[column]
    uniques = pd.unique(raw)
    mapping = {u: normalise(u) for u in uniques}
    empty = raw == ""
    out.add(table, raw.index[empty], column, f"{what} is empty")
    unknown = [u for u, m in mapping.items() if m is None and u != ""]
    if unknown:
        bad = raw.isin(unknown)
        if strict:

            def message(rec, tail="", _raw=raw):
                return f"unknown {what} {quote(_raw[rec])}{tail}"

            def hint(rec, _raw=raw, _message=message):
                return _message(rec, _did_you_mean(taxonomy.suggest(_raw[rec], known)))

            out.add(table, raw.index[bad], column, message, hint=hint, advice=what)
        else:
            label = {"sector": "セクター", "type": "連携類型"}[what]
            warnings.warn(
                with_ja(
                    UserWarning(
                        f"{table.name}: accepting {what}s outside coopnet's taxonomy: "
                        f"{_some(unknown)}; they keep their own names and styles"
                    ),
                    f"{table.name}: 一覧にない{label}をそのまま使います: {_some(unknown)}",
                ),
                stacklevel=5,
            )
            for u in unknown:
                mapping[u] = u
    codes, distinct = pd.factorize(raw)
    mapped = np.array(
        [mapping.get(v) or v for v in np.asarray(distinct, dtype=object)], dtype=object
    )
    return pd.Series(mapped[codes], index=raw.index, dtype=object).astype(raw.dtype)


def validate_orgs(table: Table, *, strict: bool, out: _Collector) -> pd.DataFrame | None:
    if _missing_columns(table, ORG_REQUIRED, out):
        return None
    frame = _normalise_text_columns(table.frame, [c for c in ORG_COLUMNS if c in table.frame])
    if frame.empty:
        out.problems.append(Problem(table.name, None, None, "has a header but no organisations"))
        return None
    ids = frame["id"]
    out.add(table, ids.index[ids == ""], "id", "organisation id is empty")
    dup = ids.duplicated(keep=False) & (ids != "")
    if dup.any():
        first_line = {}
        for rec, value in ids[dup].items():
            first_line.setdefault(value, table.line(int(rec)))
        out.add(
            table,
            ids.index[dup & ids.duplicated(keep="first")],
            "id",
            lambda rec: (
                f"duplicate organisation id {quote(ids[rec])} "
                f"(first on line {first_line[ids[rec]]})"
            ),
        )
    out.add(table, frame.index[frame["name"] == ""], "name", "organisation name is empty")
    frame["sector"] = _categorise(
        table,
        frame,
        "sector",
        taxonomy.normalize_sector,
        list(taxonomy.SECTORS),
        "sector",
        strict,
        out,
    )
    if "prefecture" in frame.columns:
        frame["prefecture"] = prefecture_column(table, frame, "prefecture", strict=strict, out=out)
    for col in ORG_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    ordered = [*ORG_COLUMNS, *[c for c in frame.columns if c not in ORG_COLUMNS]]
    return frame[ordered]


def _parse_years(table: Table, frame: pd.DataFrame, out: _Collector) -> pd.Series:
    raw = frame["year"] if "year" in frame.columns else pd.Series("", index=frame.index)

    def parse(text: str) -> float:
        if text == "":
            return np.nan
        year = parse_year(text)
        return float(year) if year is not None else -1.0

    values = _map_uniques(raw, parse).astype(float)
    bad = values < 0
    out.add(table, raw.index[bad], "year", lambda rec: year_message(raw[rec]))
    return values.mask(bad).astype("Int64")


def validate_edges(
    table: Table, org_ids: pd.Index | None, *, strict: bool, out: _Collector
) -> pd.DataFrame | None:
    if _missing_columns(table, EDGE_REQUIRED, out):
        return None
    frame = _normalise_text_columns(
        table.frame, [c for c in EDGE_COLUMNS if c in table.frame and c != "year"]
    )
    if "year" in frame.columns:
        frame["year"] = _map_uniques(frame["year"], taxonomy.normalize_text)
    index = None  # of organisation ids, for "did you mean", built when needed
    for col in ("source", "target"):
        values = frame[col]
        out.add(table, values.index[values == ""], col, f"{col} organisation id is empty")
        if org_ids is not None:
            unknown = ~values.isin(org_ids) & (values != "")
            if unknown.any():
                if index is None:
                    index = SuggestIndex(org_ids)

                def message(rec, tail="", _values=values):
                    return f"{quote(_values[rec])} is not an id in the organisations file{tail}"

                def hint(rec, _values=values, _index=index, _message=message):
                    return _message(rec, _did_you_mean(_index.suggest(_values[rec])))

                out.add(table, values.index[unknown], col, message, hint=hint)
    loops = (frame["source"] == frame["target"]) & (frame["source"] != "")
    out.add(
        table,
        frame.index[loops],
        "target",
        lambda rec: (
            f"self-loop: an organisation ({quote(frame['source'][rec])}) cannot partner with itself"
        ),
    )
    frame["type"] = _categorise(
        table, frame, "type", taxonomy.normalize_type, list(taxonomy.TYPES), "type", strict, out
    )
    out.add(table, frame.index[frame["case"] == ""], "case", "case is empty")
    frame["year"] = _parse_years(table, frame, out)
    if "evidence" not in frame.columns:
        frame["evidence"] = ""
    ordered = [*EDGE_COLUMNS, *[c for c in frame.columns if c not in EDGE_COLUMNS]]
    return frame[ordered]


class Tables(NamedTuple):
    """The validated tables: ``orgs`` (index id), ``edges``, and the optional
    ``cases`` (index case) and ``members`` (None when not given)."""

    orgs: pd.DataFrame
    edges: pd.DataFrame
    cases: pd.DataFrame | None = None
    members: pd.DataFrame | None = None


def validate(
    orgs: Table,
    edges: Table,
    cases: Table | None = None,
    members: Table | None = None,
    *,
    strict: bool = True,
) -> Tables:
    """Validate the tables together; raise one DataError listing every problem."""
    out = _Collector()
    org_frame = validate_orgs(orgs, strict=strict, out=out)
    org_ids = pd.Index(org_frame["id"]) if org_frame is not None else None
    edge_frame = validate_edges(edges, org_ids, strict=strict, out=out)
    case_frame = member_frame = None
    if cases is not None:
        case_frame = validate_cases(cases, org_ids, strict=strict, out=out)
        if case_frame is not None and edge_frame is not None:
            check_edges_against_cases(edges, edge_frame, case_frame, out)
    if members is not None:
        if case_frame is not None:
            case_keys = case_frame.index
        elif cases is None and edge_frame is not None:
            case_keys = pd.Index(pd.unique(edge_frame["case"]))
        else:
            case_keys = None
        member_frame = validate_members(
            members, org_ids, case_keys, out=out, has_table=cases is not None
        )
    out.raise_if_any()
    assert org_frame is not None and edge_frame is not None
    return Tables(
        org_frame.set_index("id"), edge_frame.reset_index(drop=True), case_frame, member_frame
    )
