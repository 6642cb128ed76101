"""Loading and writing networks: the bundled cases and users' CSV files."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pandas as pd

from ._io.clean import printable
from ._io.csvfile import read_table
from ._io.files import atomic_write_bytes, atomic_write_many, excel_safe
from ._io.output import exists_error, output_error, probe, resolve_folder
from ._io.validate import validate
from .errors import DataError
from .network import Network

__all__ = ["load_sample", "read_csv", "sample_paths", "write_csv"]


def sample_paths() -> tuple[Path, Path]:
    """Paths of the bundled ``orgs.csv`` and ``edges.csv``.

    Inside an installed wheel they live in ``coopnet/data``; in a source checkout
    (editable install) they are read from the repository's ``data/`` folder.

    Examples
    --------
    >>> orgs, edges = sample_paths()
    >>> orgs.name, edges.name
    ('orgs.csv', 'edges.csv')
    """
    packaged = Path(str(resources.files("coopnet"))) / "data"
    for folder in (packaged, Path(__file__).resolve().parent.parent / "data"):
        if (folder / "orgs.csv").is_file() and (folder / "edges.csv").is_file():
            return folder / "orgs.csv", folder / "edges.csv"
    raise FileNotFoundError("coopnet's bundled data is missing; reinstall coopnet")


def read_csv(
    orgs: str | os.PathLike,
    edges: str | os.PathLike,
    *,
    strict: bool = True,
    name: str | None = None,
) -> Network:
    """Read a network from an organisations CSV and a partnerships CSV.

    Parameters
    ----------
    orgs : path
        CSV with columns ``id``, ``name``, ``sector`` (required) and ``name_en``,
        ``prefecture``, ``note`` (optional); extra columns are kept.
    edges : path
        CSV with columns ``source``, ``target``, ``type``, ``case`` (required) and
        ``year``, ``evidence`` (optional); extra columns are kept.
    strict : bool, default True
        When False, sectors and types outside coopnet's taxonomy are accepted with a
        warning (and drawn in a neutral colour) instead of being an error.
    name : str, optional
        A name for the network (defaults to the folder of ``edges``).

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
    (``ＪＡ`` → ``JA``); sector and type aliases are resolved (農協 → JA,
    人材育成型 → 人事育成型). Control characters in a cell are an error; invisible
    characters (zero-width space, soft hyphen, U+FEFF …) are dropped; line and
    paragraph separators (U+2028, vertical tab …) inside a cell become ``\\n``
    (see "What happens to odd characters" in the README). The files are only
    read, never written.

    Examples
    --------
    >>> import coopnet as cn
    >>> orgs, edges = cn.sample_paths()
    >>> net = cn.read_csv(orgs, edges)
    >>> len(net.orgs) == len(cn.load_sample().orgs)
    True
    """
    org_table, edge_table = read_tables(orgs, edges)
    org_frame, edge_frame = validate(org_table, edge_table, strict=strict)
    if name is None:
        name = printable(Path(edges).resolve().parent.name)
    return Network(org_frame, edge_frame, name=name)


def read_tables(*paths) -> list:
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
    """The bundled network of partnership cases from JCA's 2026-02-20 seminar deck.

    Examples
    --------
    >>> import coopnet as cn
    >>> net = cn.load_sample()
    >>> net.types[0]
    '産消提携型'
    """
    orgs, edges = sample_paths()
    org_table = read_table(orgs, label="orgs.csv (bundled)")
    edge_table = read_table(edges, label="edges.csv (bundled)")
    org_frame, edge_frame = validate(org_table, edge_table, strict=True)
    return Network(org_frame, edge_frame, name="JCA 2026 seminar cases")


def write_csv(
    net: Network,
    folder: str | os.PathLike,
    *,
    excel: bool = False,
    overwrite: bool = False,
) -> tuple[Path, Path]:
    """Write ``orgs.csv`` and ``edges.csv`` into ``folder`` (created if needed).

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
    (Path, Path)
        The paths written: both or neither (each is complete in a temporary file
        before either is renamed into place).

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
    ...     back = cn.read_csv(f"{d}/orgs.csv", f"{d}/edges.csv")
    >>> back.orgs.equals(net.orgs)
    True
    """
    folder = Path(folder)
    resolve_folder(folder, param="folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(folder, exc) from None
    targets = (folder / "orgs.csv", folder / "edges.csv")
    if not overwrite:
        existing = [p for p in targets if os.path.lexists(p)]
        if existing:
            raise exists_error(existing, "overwrite=True")
    probe(folder, folder)
    frames = (net.orgs.reset_index(), net.edges)
    atomic_write_many(
        {path: frame_bytes(frame, excel=excel) for frame, path in zip(frames, targets, strict=True)}
    )
    return targets


def frame_bytes(frame: pd.DataFrame, *, excel: bool = False) -> bytes:
    """``frame`` as CSV bytes: UTF-8, LF; with ``excel``, a BOM and the formula guard."""
    if excel:
        frame = excel_safe(frame)
    text = frame.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig" if excel else "utf-8")


def write_frame(frame: pd.DataFrame, path: str | os.PathLike, *, excel: bool = False) -> Path:
    """Write ``frame`` as CSV atomically (UTF-8, LF; with ``excel`` BOM + formula guard)."""
    return atomic_write_bytes(path, frame_bytes(frame, excel=excel))
