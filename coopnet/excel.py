"""Excel in, Excel out: the workbook staff fill in, and a network as a workbook.

:func:`write_template` writes a workbook to fill in without a manual (a guide
sheet; one sheet per table with a Japanese header over the column key, a note on
every header, drop-down lists for sectors, types, prefectures, roles and for the
organisations and cases of the other sheets). :func:`read_excel` reads it, or any
workbook typed by hand, with the checks of :func:`coopnet.read_csv`; every
problem names its sheet and cell. :func:`write_excel` writes a network in the
same layout, to be corrected in Excel and read again.

The sheets (Japanese or English titles; the guide sheet is not read):

======  ===============  ==================================  ========
sheet   also             holds                               CSV
======  ===============  ==================================  ========
組織    organisations    one row per organisation            orgs.csv
事例    cases            one row per case (optional)         cases.csv
連携    partnerships     one row per tie (two organisations) edges.csv
参加    members          participants without a tie (opt.)   members.csv
======  ===============  ==================================  ========
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from . import taxonomy
from ._checks import check_flag, check_lang, check_network
from ._glossary import term
from ._io.files import atomic_write_bytes
from ._io.output import check_file
from ._io.validate import validate
from .errors import DataError
from .network import Network

__all__ = ["read_excel", "write_excel", "write_template"]


def read_excel(path: str | os.PathLike, *, strict: bool = True, name: str | None = None) -> Network:
    """Read a network from an Excel workbook (.xlsx).

    Parameters
    ----------
    path : path
        A workbook with the sheets 組織 (organisations) and 連携 (partnerships), and
        optionally 事例 (cases) and 参加 (members), as :func:`write_template` makes;
        English titles (``orgs``, ``edges``, ``cases``, ``members``) are read too.
        Each sheet's columns are those of :func:`coopnet.read_csv`'s files; a header
        may be the column key (``type``), its Japanese word (連携類型) or both.
        A case or members sheet that is missing or has no rows is not given.
    strict : bool, default True
        When False, sectors, types and prefectures outside coopnet's lists are
        accepted with a warning, as in :func:`coopnet.read_csv`.
    name : str, optional
        A name for the network (defaults to the file's name without ``.xlsx``).

    Returns
    -------
    Network

    Raises
    ------
    DataError
        Listing every problem, each with the file, sheet and cell
        (``連携事例.xlsx: 連携!C12 (type): unknown type …``), or one problem for a
        file that is not a workbook (an .xls, a CSV, a password-protected file),
        lacks a sheet, or holds a formula with no saved value.

    Notes
    -----
    A workbook typed by hand is read as a person sees it: title rows above the
    header are skipped (the header is found among the first ten rows); a cell
    merged down a column gives its value to every row it spans; empty rows and
    columns are ignored; numbers come back as typed (an id ``1`` is ``"1"``, a
    year ``2019.0`` is 2019); a date in the year column gives its year; full-width
    characters are normalised as in CSV files. A formula's value is the one Excel
    saved with it: coopnet never calculates. The file is only read.

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> net = cn.load_sample()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = cn.write_excel(net, f"{d}/連携事例.xlsx")
    ...     back = cn.read_excel(path)
    >>> back.edges.equals(net.edges), len(back.cases)
    (True, 27)
    """
    from ._io.workbook import locate, read_sheets

    check_flag(strict, "strict")
    label = os.fspath(path)
    sheets = read_sheets(path, label)
    tables = [sheets[k].table if sheets[k] is not None else None for k in _KEYS]
    try:
        result = validate(*tables, strict=strict)
    except DataError as exc:
        raise locate(exc, sheets, label) from None
    return Network(*result, name=Path(path).stem if name is None else name)


_KEYS = ("orgs", "edges", "cases", "members")


def write_excel(
    net: Network, path: str | os.PathLike, *, overwrite: bool = False, lang: str = "ja"
) -> Path:
    """Write ``net`` as a workbook in the layout of :func:`write_template`.

    The organisations, cases (when the network has a case table; otherwise the
    case sheet is left empty, and cases stay those named by the partnerships),
    partnerships and listed participants, each on its sheet with the drop-down
    lists, so that a user can correct them in Excel and read the file again with
    :func:`read_excel`: the network read back has the same ``orgs``, ``edges``,
    ``cases`` and ``members``.

    Parameters
    ----------
    net : Network
    path : path
        The workbook to write (its name ends in ``.xlsx``).
    overwrite : bool, default False
        Replace an existing file (never done silently).
    lang : {"ja", "en"}, default "ja"
        The language of sheet titles, headers, notes and the guide sheet.

    Returns
    -------
    Path
        The path written (atomically: a failed write leaves no half file).

    Notes
    -----
    Every text cell is stored as text, so a cell that starts with ``=``, ``+``,
    ``-`` or ``@`` is never run as a formula and reads back exactly as it was.

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = cn.write_excel(cn.load_sample(), f"{d}/連携事例.xlsx")
    ...     print(path.name)
    連携事例.xlsx
    """
    check_network(net)
    check_lang(lang)
    check_flag(overwrite, "overwrite")
    target = _target(path, overwrite)
    from ._io import xlsxwrite

    cases = net._case_input
    tables = {
        "orgs": net.orgs.reset_index(),
        "edges": net.edges,
        "cases": cases.reset_index() if cases is not None else None,
        "members": _roles(net._member_input, lang),
    }
    extra = {
        "sector": [s for s in net.sectors if s not in taxonomy.SECTORS],
        "type": [t for t in net.types if t not in taxonomy.TYPES],
    }
    book = xlsxwrite.build(tables, lang=lang, extra=extra)
    return atomic_write_bytes(target, xlsxwrite.to_bytes(book))


def write_template(path: str | os.PathLike, *, overwrite: bool = False, lang: str = "ja") -> Path:
    """Write the workbook to fill in: ``coopnet template -o 連携事例.xlsx``.

    A guide sheet (説明: how to fill it in, every column, the six partnership types
    with the deck's one-line definitions, the sectors, the roles) and the sheets
    組織, 事例, 連携 and 参加. Each has a frozen two-line header (the Japanese word
    over the column key; blue when required) with a note explaining the column,
    and drop-down lists: sector, type, prefecture (the 47) and role, and on 連携 and
    参加 the organisation IDs of 組織 and the case titles of 事例. Row 2 of each
    sheet is a real example (a case of the bundled data) to write over or delete;
    the template as it is reads as a valid two-organisation network.

    Parameters
    ----------
    path : path
        The workbook to write (its name ends in ``.xlsx``).
    overwrite : bool, default False
        Replace an existing file (never done silently).
    lang : {"ja", "en"}, default "ja"
        The language of sheet titles, headers, notes and the guide sheet.

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = cn.write_template(f"{d}/連携事例.xlsx")
    ...     net = cn.read_excel(path)
    >>> len(net.orgs), len(net.edges), list(net.cases.index)
    (2, 1, ['子どもの居場所づくり ほたん食堂(茨城県)'])
    """
    check_lang(lang)
    check_flag(overwrite, "overwrite")
    target = _target(path, overwrite)
    from ._io import xlsxwrite

    book = xlsxwrite.build(_example(lang), lang=lang, example=True)
    return atomic_write_bytes(target, xlsxwrite.to_bytes(book))


#: The template's example: one case of the bundled data (ほたん食堂), its lead and one tie.
_EXAMPLE_ORGS = ("generic-coop-ibaraki-kodomo", "generic-ja-ibaraki-kodomo")


def _example(lang: str) -> dict[str, pd.DataFrame]:
    from .io import load_sample

    net = load_sample()
    orgs = net.orgs.loc[list(_EXAMPLE_ORGS)].reset_index()
    orgs["note"] = ""  # the curation notes are for the bundled data's readers
    edges = net.edges
    edges = edges[edges["source"].isin(_EXAMPLE_ORGS) & edges["target"].isin(_EXAMPLE_ORGS)]
    case = edges["case"].iloc[0]
    members = net._member_input
    members = members[members["case"] == case]
    return {
        "orgs": orgs,
        "edges": edges.head(1),
        "cases": net._case_input.loc[[case]].reset_index(),
        "members": _roles(members.head(1), lang),
    }


def _roles(members: pd.DataFrame | None, lang: str) -> pd.DataFrame | None:
    """Known roles as the drop-down list shows them (read back as the same role)."""
    if members is None or "role" not in members.columns:
        return members
    from ._io.xlsxspec import ROLE_WORDS

    words = {term(w, "en"): term(w, lang) for w in ROLE_WORDS}
    members = members.copy()
    members["role"] = members["role"].map(lambda r: words.get(r, r)).astype(object)
    return members


def _target(path, overwrite: bool) -> Path:
    """``path`` checked before any work: an .xlsx file that can be written."""
    return check_file(path, force=overwrite, suffixes=(".xlsx",))
