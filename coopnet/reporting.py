"""The whole report in one call: maps, tables and a bilingual summary in a folder.

``coopnet report -o DIR`` runs :func:`report`; so can a notebook or a script
(``cn.report(net, "report")``). The module is not called ``report`` so that
importing it can never hide the function ``coopnet.report``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import taxonomy
from ._io.files import atomic_write_bytes, atomic_write_text
from ._io.output import check_folder
from ._io.staging import StagedFolder
from ._report.summary import summary_markdown
from .io import write_frame
from .network import Network

__all__ = ["FILES", "report"]

#: The files :func:`report` writes, with what each holds (Japanese / English).
FILES: dict[str, str] = {
    "map.png": "ネットワーク図（16:9 スライド） / network map, 16:9 slide",
    "types.png": "連携類型ごとの図（6 枚） / one small map per partnership type",
    "pairs.png": "セクター間の連携数（ヒートマップ） / partnerships between sectors, heatmap",
    "map.html": "操作できる地図（オフラインで開ける 1 ファイル） / interactive map, one offline file",
    "centrality.csv": "組織ごとの中心性 / centrality of every organisation",
    "bridges.csv": "組織ごとの橋渡し指標 / cross-sector bridging of every organisation",
    "pairs.csv": "セクターの組み合わせ（観測/期待） / sector pairs, observed vs expected",
    "types.csv": "連携類型ごとの集計 / one row per partnership type",
    "summary.md": "要約（日本語・English） / summary in Japanese and English",
}

#: How the messages name the option that replaces an existing report.
FORCE_FLAG = "force=True (--force)"

#: Above this many organisations, inter-sector betweenness in ``bridges.csv`` is
#: estimated from 500 sampled organisations (see :func:`coopnet.bridges`).
EXACT_BRIDGES_LIMIT = 20_000


def _tables(net: Network, *, seed: int) -> dict[str, pd.DataFrame]:
    """The four CSV tables, sorted so their first rows are the summary's headlines."""
    from .brokerage import bridges
    from .groups import type_summary
    from .mixing import sector_pairs
    from .structure import centrality

    cent = centrality(net).sort_values(
        ["betweenness", "partners", "partnerships"], ascending=False, kind="stable"
    )
    k = 500 if len(net.orgs) > EXACT_BRIDGES_LIMIT else None
    brid = bridges(net, k=k, seed=seed).sort_values(
        ["inter_betweenness", "sectors_reached", "brokerage"], ascending=False, kind="stable"
    )
    pairs = sector_pairs(net, by="case", seed=seed)
    types = type_summary(net)
    return {
        "centrality.csv": cent.reset_index(),
        "bridges.csv": brid.reset_index(),
        "pairs.csv": pairs.reset_index(),
        "types.csv": types.reset_index(),
    }


def _pictures(
    net: Network, *, lang: str, seed: int, title: str, folder: Path | None = None
) -> dict[str, bytes]:
    """map.png, types.png, pairs.png and map.html rendered in memory (PNGs saved through a
    temporary folder inside ``folder``)."""
    import matplotlib.pyplot as plt

    from .interactive import show
    from .plot import plot_map, plot_pairs, plot_types, save_slide

    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix=".coopnet-pictures-", dir=folder) as stage:
        for name, draw in (
            ("map.png", lambda: plot_map(net, lang=lang, seed=seed).figure),
            ("types.png", lambda: plot_types(net, lang=lang, seed=seed)),
            ("pairs.png", lambda: plot_pairs(net, lang=lang).figure),
        ):
            fig = draw()
            try:
                path = save_slide(fig, Path(stage) / name, size="16:9")
            finally:
                plt.close(fig)
            out[name] = Path(path).read_bytes()
    page = show(net, lang=lang, seed=seed, title=title, open_browser=False).html
    out["map.html"] = page.encode("utf-8")
    return out


def report(
    net: Network,
    outdir: str | os.PathLike,
    *,
    lang: str = "ja",
    force: bool = False,
    excel: bool = False,
    seed: int = 0,
    title: str | None = None,
    echo: Callable[[str], object] | None = None,
) -> pd.DataFrame:
    """Write the report on ``net`` into the folder ``outdir``.

    The folder receives the files of :data:`FILES`: ``map.png`` (16:9 slide),
    ``types.png`` (six panels), ``pairs.png`` (sector heatmap), ``map.html``
    (interactive, offline), ``centrality.csv``, ``bridges.csv``, ``pairs.csv``,
    ``types.csv`` and ``summary.md`` (Japanese, then English): the network in
    numbers, the sector pairs that occur most with their observed/expected ratio,
    the organisations that bridge most sectors, and one line per partnership type.

    Parameters
    ----------
    net : Network
    outdir : path
        Folder to write; created if missing. A folder that already holds files is
        refused unless ``force``.
    lang : {"ja", "en"}, default "ja"
        Language of the pictures and the interactive map (``summary.md`` always has
        both languages; ``lang`` decides which comes first).
    force : bool, default False
        Write into a non-empty folder, replacing the report's files (files of
        other names are left alone).
    excel : bool, default False
        Write the CSV files for Excel: UTF-8 with a BOM, and cells starting with
        ``=``, ``+``, ``-`` or ``@`` neutralised against formula injection.
    seed : int, default 0
        Seed of the layouts and of the permutations behind ``pairs.csv``.
    title : str, optional
        Title of the summary and the interactive map (default: the network's name).
    echo : callable, optional
        Called with a few lines that summarise the report (``echo=print`` shows
        them); the command line uses this.

    Returns
    -------
    pandas.DataFrame
        One row per file written, indexed by ``file``, with ``path``, ``bytes``
        and ``description``.

    Notes
    -----
    The report is built in a hidden folder beside ``outdir``
    (``.{name}.coopnet-partial-{pid}``), made before any computing (so a place that
    cannot be written fails at once), and renamed into place when every file is
    complete: ``outdir`` is either as it was or the whole new report, whatever
    happens meanwhile (an error, Ctrl-C, SIGTERM, a full disk; a killed run's
    staging folder is removed by the next run). With ``force``, an existing report
    folder is replaced as a whole; files of other names in it are kept and the
    report's files are renamed into it one by one. The CSV tables are sorted so that their first rows are the summary's
    headlines: ``centrality.csv`` by betweenness, ``bridges.csv`` by inter-sector
    betweenness, ``pairs.csv`` by count (see :func:`coopnet.sector_pairs`, counted
    by case); ``types.csv`` lists the six types in JCA's order.

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = cn.report(cn.load_sample(), f"{d}/report")
    >>> list(files.index)[:3]
    ['map.png', 'types.png', 'pairs.png']
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a coopnet.Network, not {type(net).__name__}")
    taxonomy.sector_label("JA", lang)  # lang= checked before any work
    shown = Path(outdir)
    target = check_folder(outdir, force=force, flag=FORCE_FLAG)
    title = title or net.name or "coopnet"

    # The staging folder is made first: a place that cannot be written fails now.
    with StagedFolder(target, replaceable=FILES) as stage:
        tables = _tables(net, seed=seed)
        for name, frame in tables.items():
            write_frame(frame, stage.path / name, excel=excel)
        pictures = _pictures(net, lang=lang, seed=seed, title=title, folder=stage.path)
        for name, data in pictures.items():
            atomic_write_bytes(stage.path / name, data)
        summary, lines = summary_markdown(net, tables, lang=lang, title=title, files=FILES)
        atomic_write_text(stage.path / "summary.md", summary)
        check_folder(target, force=force, flag=FORCE_FLAG)  # again: files may have appeared
        stage.commit()

    written = {name: shown / name for name in FILES}
    if echo is not None:
        for line in lines:
            echo(line)
        echo(f"{len(written)} files in {shown}: {', '.join(FILES)}")
    return pd.DataFrame(
        {
            "path": [str(written[f]) for f in FILES],
            "bytes": [written[f].stat().st_size for f in FILES],
            "description": list(FILES.values()),
        },
        index=pd.Index(list(FILES), name="file"),
    )
