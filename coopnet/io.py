"""Loading and writing networks: the bundled cases and users' CSV files."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ._casetable import DERIVED as _DERIVED
from ._checks import check_network
from ._io.clean import printable
from ._io.csvfile import read_table
from ._io.files import atomic_write_many, table_bytes
from ._io.output import exists_error, output_error, probe, resolve_folder
from ._io.validate import validate
from .errors import DataError, Problem
from .network import Network

__all__ = [
    "FILES",
    "load_sample",
    "read_csv",
    "read_folder",
    "sample_folder",
    "sample_paths",
    "write_csv",
]

#: The file names of a network's tables, in a folder (the last two are optional).
FILES = ("orgs.csv", "edges.csv", "cases.csv", "members.csv")


def sample_folder() -> Path:
    """The folder of the bundled dataset: ``orgs.csv``, ``edges.csv``, ``cases.csv``,
    ``members.csv`` and nothing else of coopnet's.

    Inside an installed wheel it is ``coopnet/data``; in a source checkout
    (editable install) the repository's ``data/`` folder.

    Examples
    --------
    >>> sorted(p.name for p in sample_folder().glob("*.csv"))
    ['cases.csv', 'edges.csv', 'members.csv', 'orgs.csv']
    """
    packaged = Path(str(resources.files("coopnet"))) / "data"
    for folder in (packaged, Path(__file__).resolve().parent.parent / "data"):
        if all((folder / name).is_file() for name in FILES):
            return folder
    raise FileNotFoundError("coopnet's bundled data is missing; reinstall coopnet")


def sample_paths() -> tuple[Path, Path]:
    """Paths of the bundled ``orgs.csv`` and ``edges.csv`` (see :func:`sample_folder`
    for the case table beside them).

    Examples
    --------
    >>> orgs, edges = sample_paths()
    >>> orgs.name, edges.name
    ('orgs.csv', 'edges.csv')
    """
    folder = sample_folder()
    return folder / "orgs.csv", folder / "edges.csv"


def read_csv(
    orgs: str | os.PathLike,
    edges: str | os.PathLike,
    *,
    cases: str | os.PathLike | None = None,
    members: str | os.PathLike | None = None,
    strict: bool = True,
    name: str = "",
) -> Network:
    """Read a network from CSV files: organisations, partnerships and, optionally,
    the case table and the cases' other participants.

    Parameters
    ----------
    orgs : path
        ``orgs.csv``: columns ``id``, ``name``, ``sector`` (required) and
        ``name_en``, ``prefecture``, ``note`` (optional); extra columns are kept.
    edges : path
        ``edges.csv``: columns ``source``, ``target``, ``type``, ``case`` (required)
        and ``year``, ``evidence`` (optional); extra columns are kept.
    cases : path, optional
        ``cases.csv``, one row per case: ``case`` (the title ``edges.csv`` uses) and
        ``type`` (required); ``year``, ``prefecture`` (several separated by 、),
        ``summary``, ``source``, ``parent`` (the case a sub-case belongs to) and
        ``name_en`` (optional); extra columns are kept. Every case of ``edges.csv``
        must be in it, with the same type. Without it, the cases are those named in
        ``edges.csv`` (see :attr:`Network.cases`).
    members : path, optional
        ``members.csv``: ``case`` and ``org`` (required), ``role`` (lead, member,
        observer, supporter or your own word) and ``evidence``: participants of a
        case beyond the two ends of its partnerships (a council that ran a round
        table with no recorded partnership, an observer).
    strict : bool, default True
        When False, sectors, types and prefectures outside coopnet's lists are
        accepted with a warning (and drawn in their own colours) instead of being
        an error.
    name : str, optional
        A name for the network: the title of its report, pictures and slides
        (default: none, and they say 「協同組合間連携ネットワーク」; a folder such as
        "Downloads" makes a poor title).

    Returns
    -------
    Network

    Raises
    ------
    DataError
        Listing every problem found, each with file, line and column.

    Notes
    -----
    Files may be UTF-8 (with or without BOM), UTF-16 or UTF-32 (with a BOM) or
    cp932 (Shift_JIS), with LF or CRLF line ends, comma- or tab-separated; blank
    lines before the header are skipped. Text is NFKC-normalised and trimmed
    (``ＪＡ`` → ``JA``); sector, type and prefecture aliases are resolved
    (農協 → JA, 人材育成型 → 人事育成型, 長野 → 長野県); a year may be written as a
    date or in a Japanese era (``2019年4月``, ``令和元年``). Control characters in
    a cell are an error; invisible characters (zero-width space, soft hyphen,
    U+FEFF …) are dropped; line and paragraph separators (U+2028, vertical tab …)
    inside a cell become ``\\n`` (see "What happens to odd characters" in the
    README). The files are only
    read, never written.

    Examples
    --------
    >>> import coopnet as cn
    >>> orgs, edges = cn.sample_paths()
    >>> net = cn.read_csv(orgs, edges)            # the two-file form
    >>> len(net.cases)
    25
    >>> folder = cn.sample_folder()
    >>> net = cn.read_csv(orgs, edges, cases=folder / "cases.csv",
    ...                   members=folder / "members.csv")
    >>> len(net.cases)
    27
    """
    given = [orgs, edges, *(p for p in (cases, members) if p is not None)]
    tables = iter(_read_tables(*given))
    tables = validate(
        next(tables),
        next(tables),
        next(tables) if cases is not None else None,
        next(tables) if members is not None else None,
        strict=strict,
    )
    return Network(*tables, name=printable(name or ""))


def read_folder(folder: str | os.PathLike, *, strict: bool = True, name: str = "") -> Network:
    """Read the network in ``folder``: ``orgs.csv`` and ``edges.csv``, with
    ``cases.csv`` and ``members.csv`` when they are there (see :func:`read_csv`).

    The folder's own name is not taken as the network's ``name`` (a folder such
    as "Downloads" makes a poor report title): give ``name`` for that.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.read_folder(cn.sample_folder())
    >>> len(net.cases), len(net.orgs)
    (27, 107)
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), None, None, "is not a folder")])
    paths = {f: folder / f for f in FILES}
    optional = {f: (p if p.is_file() else None) for f, p in paths.items()}
    return read_csv(
        paths["orgs.csv"],
        paths["edges.csv"],
        cases=optional["cases.csv"],
        members=optional["members.csv"],
        strict=strict,
        name=name,
    )


def _read_tables(*paths) -> list:
    """Each of ``paths`` read as a table; what is wrong with any of them in one DataError."""
    tables, problems = [], []
    for path in paths:
        try:
            tables.append(read_table(path))
        except DataError as exc:
            problems += exc.problems
    if problems:
        raise DataError(problems)
    return tables


def load_sample() -> Network:
    """The bundled cases of JCA's 2026-02-20 seminar deck: 27 cases (the deck's 25
    and two sub-cases), 107 organisations, 102 partnerships.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> net.types[0]
    '産消提携型'
    >>> net.cases.loc["協同組合就活サミット(協同組合ネット北海道)", "members"]
    ['coop-net-hokkaido']
    """
    folder = sample_folder()
    tables = validate(*(read_table(folder / f, label=f"{f} (bundled)") for f in FILES), strict=True)
    return Network(*tables, name=SAMPLE_TITLE)


#: The bundled dataset's title (the report's default title for it).
SAMPLE_TITLE = "全国に広がる協同組合間連携事例（JCA 2026年2月20日）"


def write_csv(
    net: Network,
    folder: str | os.PathLike,
    *,
    excel: bool = False,
    overwrite: bool = False,
) -> Path:
    """Write the network's tables as CSV files into ``folder`` (created if needed).

    ``orgs.csv`` and ``edges.csv`` always; ``cases.csv`` when the network has a
    case table and ``members.csv`` when it lists participants beyond the ties
    (:func:`read_folder` reads them back).

    Parameters
    ----------
    net : Network
    folder : path
    excel : bool, default False
        Write UTF-8 with a BOM (so Japanese Excel opens it correctly) and
        neutralise cells starting with ``=``, ``+``, ``-`` or ``@`` against
        formula injection. Such files are for people; read back, those cells
        keep their leading apostrophe.
    overwrite : bool, default False
        Replace existing files of those names (never done silently).

    Returns
    -------
    Path
        The folder. The files are complete in temporary files before any is
        renamed into place: all of them are written or none.

    Raises
    ------
    FileExistsError
        When a file exists and ``overwrite`` is False.
    OSError
        When the folder cannot be written (one line naming the path and the cause).

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> net = cn.load_sample()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = cn.write_csv(net, d)
    ...     back = cn.read_folder(d)
    >>> back.orgs.equals(net.orgs) and back.cases.equals(net.cases)
    True
    """
    from ._io.cases import CASE_COLUMNS, MEMBER_COLUMNS

    check_network(net)
    folder = Path(folder)
    frames = {"orgs.csv": net.orgs.reset_index(), "edges.csv": net.edges}
    if net.has_case_table:
        cases = net.cases.drop(columns=list(_DERIVED)).reset_index()
        cases["year"] = cases["year"].astype("Int64")
        frames["cases.csv"] = cases[[*CASE_COLUMNS, *cases.columns.difference(CASE_COLUMNS)]]
    listed = net._member_input
    if listed is not None and len(listed):
        frames["members.csv"] = listed[
            [*MEMBER_COLUMNS, *listed.columns.difference(MEMBER_COLUMNS)]
        ]
    resolve_folder(folder, param="folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(folder, exc) from None
    targets = {name: folder / name for name in frames}
    if not overwrite:
        existing = [p for p in targets.values() if os.path.lexists(p)]
        if existing:
            raise exists_error(existing, "overwrite=True")
    probe(folder, folder)
    atomic_write_many(
        {targets[name]: table_bytes(frame, excel=excel) for name, frame in frames.items()}
    )
    return folder
