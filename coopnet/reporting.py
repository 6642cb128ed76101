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

from . import _progress
from ._checks import check_lang, check_network
from ._glossary import term
from ._io.files import atomic_write_bytes, atomic_write_text, write_table
from ._io.output import check_folder
from ._io.staging import StagedFolder
from ._report.summary import summary_markdown
from .network import Network

__all__ = ["FILES", "report"]

#: The files :func:`report` writes, with what each holds (Japanese / English).
FILES: dict[str, str] = {
    "map.png": "ネットワーク図（16:9 スライド） / network map, 16:9 slide",
    "types.png": "連携類型ごとの図 / one small map per partnership type",
    "pairs.png": "一緒に取り組むセクターの組み合わせ（事例数、観測/期待） / "
    "sectors working together: cases and observed/expected",
    "prefectures.png": "都道府県別の事例数（日本のタイル地図） / cases per prefecture, tile map",
    "timeline.png": "事例・連携・組織の累計の推移 / running totals over the years",
    "map.html": "操作できる地図（オフラインで開ける 1 ファイル） / interactive map, one offline file",
    "slides.pptx": "スライド（PowerPoint 16:9、編集できる表） / PowerPoint deck, 16:9, editable tables",
    "centrality.csv": "組織ごとの中心性 / centrality of every organisation",
    "bridges.csv": "組織ごとの橋渡し指標 / cross-sector bridging of every organisation",
    "pairs.csv": "セクターの組み合わせ：一緒に参加した事例数と期待値・観測/期待 / sector pairs: cases together, expected and observed/expected",
    "types.csv": "連携類型ごとの集計 / one row per partnership type",
    "cases.csv": "事例一覧（参加組織つき） / the cases with their participants",
    "summary.md": "要約（日本語・English） / summary in Japanese and English",
}

#: How the messages name the option that replaces an existing report.
FORCE_FLAG = "force=True"

#: The report's steps, as its progress bar names them.
STEPS = (
    *("centrality", "bridges", "sector pairs", "types", "cases"),
    *("map.png", "types.png", "pairs.png", "prefectures.png", "timeline.png"),
    *("map.html", "slides.pptx", "summary.md", "writing files"),
)

#: Pixel size of the report's pictures, and of those the slides draw beside them.
PICTURE_PX = (1920, 1080)


def _for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """A report table as people read it: lists joined with 、, p-values to 3
    decimals, other fractions to 4."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if values.dtype == object and values.map(lambda v: isinstance(v, list)).any():
            out[col] = values.map(lambda v: "、".join(map(str, v)) if isinstance(v, list) else v)
        elif pd.api.types.is_float_dtype(values):
            out[col] = values.round(3 if col == "p_value" else 4)
    return out


def _tables(net: Network, *, seed: int, bar) -> tuple[dict, pd.DataFrame, dict[str, int], dict]:
    """The CSV tables, sorted so their first rows are the summary's headlines, the
    co-participation pairs above chance (the summary's 「よく組む」 answer), which
    columns are estimates (see :func:`coopnet.centrality`), and the results the
    slides reuse."""
    from .brokerage import bridges
    from .groups import type_summary
    from .mixing import above_chance, sector_matrix, sector_pairs
    from .structure import centrality, search_paths

    bar.step("centrality")
    search_paths(net, seed=seed)  # betweenness of both tables from the same searches
    cent = centrality(net, seed=seed)
    estimated = dict(cent.attrs["estimated"])
    cent = cent.sort_values(
        ["betweenness", "partners", "partnerships"], ascending=False, kind="stable"
    )
    bar.step("bridges")
    brid = bridges(net, seed=seed)
    estimated.update(brid.attrs["estimated"])
    brid = brid.sort_values(
        ["inter_betweenness", "sectors_reached", "brokerage"], ascending=False, kind="stable"
    )
    bar.step("sector pairs")
    pairs = sector_pairs(net, by="co-participation", seed=seed)
    together = above_chance(pairs)
    matrix = sector_matrix(net)
    pairs_csv = pairs.rename(
        columns={
            "count": "cases_together",
            "expected": "expected_cases",
            "ratio": "observed_expected",
        }
    ).assign(
        partnerships=[
            int(matrix.loc[a, b]) for a, b in zip(pairs["sector_a"], pairs["sector_b"], strict=True)
        ]
    )
    bar.step("types")
    types = type_summary(net)
    bar.step("cases")
    cases = net.cases.reset_index()
    names = dict(zip(net.orgs.index, net.orgs["name"], strict=True))
    cases["members"] = [[names[i] for i in m] for m in cases["members"]]
    tables = {
        "centrality.csv": cent.reset_index(),
        "bridges.csv": brid.reset_index(),
        "pairs.csv": pairs_csv.reset_index(),
        "types.csv": types.reset_index(),
        "cases.csv": cases,
    }
    known = {"type_summary": types, "bridges": brid}
    return tables, together, estimated, known


def _pictures(
    net: Network,
    *,
    lang: str,
    seed: int,
    title: str,
    bar=None,
    known: dict | None = None,
    folder: Path | None = None,
) -> dict[str, bytes]:
    """map.png, types.png, pairs.png, prefectures.png, timeline.png, map.html and
    slides.pptx rendered in memory (PNGs saved through a temporary folder inside
    ``folder``); ``known``: the tables the slides reuse (see :func:`_tables`)."""
    import matplotlib.pyplot as plt

    from .charts import plot_pairs
    from .interactive import show
    from .plot import plot_map, plot_types, save_slide
    from .plot_geography import plot_prefectures
    from .plot_temporal import plot_timeline

    bar = bar if bar is not None else _progress.silent()
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix=".coopnet-pictures-", dir=folder) as stage:
        for name, draw in (
            ("map.png", lambda: plot_map(net, lang=lang, seed=seed, title=title).figure),
            ("types.png", lambda: plot_types(net, lang=lang, seed=seed)[0].figure),
            ("pairs.png", lambda: plot_pairs(net, lang=lang, seed=seed).figure),
            ("prefectures.png", lambda: plot_prefectures(net, lang=lang).figure),
            ("timeline.png", lambda: plot_timeline(net, lang=lang).figure),
        ):
            bar.step(name)
            fig = draw()
            try:
                path = save_slide(fig, Path(stage) / name, size=PICTURE_PX)
            finally:
                plt.close(fig)
            out[name] = Path(path).read_bytes()
    bar.step("map.html")
    page = show(net, lang=lang, seed=seed, title=title, open_browser=False).html
    out["map.html"] = page.encode("utf-8")
    from .deck import deck_bytes

    bar.step("slides.pptx")
    # the pictures the slides show as they are (the map and pairs have no title there)
    reuse = {**(known or {}), **{k: out[k] for k in ("prefectures.png", "timeline.png")}}
    out["slides.pptx"] = deck_bytes(
        net, title=title, lang=lang, seed=seed, known=reuse, picture_px=PICTURE_PX
    )
    return out


def estimate_note(estimated: dict[str, int], lang: str = "en") -> str:
    """One sentence saying which measures are estimates, or "" when all are exact."""
    if not estimated:
        return ""
    k = max(estimated.values())
    if lang == "ja":
        return (
            f"組織が多いため、媒介中心性・近接中心性・セクター間媒介は無作為に選んだ {k:,} 組織を"
            "起点とする推定値です（centrality.csv・bridges.csv。誤差は coopnet の "
            "benchmarks/RESULTS.md）。"
        )
    words = {
        "betweenness": "betweenness",
        "closeness": "closeness",
        "inter_betweenness": "inter-sector betweenness",
    }
    names = [words.get(c, c) for c in estimated]
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return (
        f"{listed[0].upper()}{listed[1:]} are estimated from {k:,} randomly chosen "
        "organisations (a large network; see coopnet.centrality for the method and "
        "benchmarks/RESULTS.md for the error)."
    )


def _notes(estimated: dict[str, int]) -> dict[str, str]:
    """summary.md's note on estimates, in each language ({} when all is exact)."""
    return {lang: estimate_note(estimated, lang) for lang in ("ja", "en")} if estimated else {}


def report(
    net: Network,
    outdir: str | os.PathLike,
    *,
    lang: str = "ja",
    force: bool = False,
    excel: bool = True,
    seed: int = 0,
    title: str | None = None,
    echo: Callable[[str], object] | None = None,
) -> pd.DataFrame:
    """Write the report on ``net`` into the folder ``outdir``.

    The folder receives the files of :data:`FILES`: ``map.png`` (16:9 slide),
    ``types.png`` (one panel per type), ``pairs.png`` (sectors working together), ``prefectures.png``
    (cases per prefecture), ``timeline.png`` (growth over the years), ``map.html``
    (interactive, offline), ``slides.pptx`` (the deck of :func:`coopnet.slides`),
    ``centrality.csv``, ``bridges.csv``, ``pairs.csv``, ``types.csv``, ``cases.csv``
    and ``summary.md`` (Japanese, then English): the network in numbers, the
    sectors that work together more often than chance
    (:func:`coopnet.pairs_above_chance`), the organisations that bridge most
    sectors, one line per partnership type, the prefectures with most cases, the
    growth since the first case and the list of cases.

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
        Write into a non-empty folder, replacing files of the same names (other
        files are left alone).
    excel : bool, default True
        Write the CSV files for Excel on Japanese Windows: UTF-8 with a BOM (so
        the Japanese is not garbled), and cells starting with ``=``, ``+``, ``-``
        or ``@`` neutralised against formula injection. False writes plain UTF-8.
    seed : int, default 0
        Seed of the layouts and of the permutations behind ``pairs.csv``.
    title : str, optional
        Title of the summary and the pictures (default: the network's name, or
        「協同組合間連携ネットワーク・レポート」 when it has none).
    echo : callable, optional
        Called with a few lines that summarise the report (``echo=print`` shows
        them); the command line uses this.

    Returns
    -------
    pandas.DataFrame
        One row per file written, indexed by ``file``, with ``path``, ``bytes``
        and ``description``; ``attrs["estimated"]`` lists the columns of
        ``centrality.csv`` and ``bridges.csv`` that are estimates, as
        :func:`coopnet.centrality` does.

    Notes
    -----
    The report is built in a hidden folder beside ``outdir``
    (``.{name}.coopnet-partial-{pid}``), made before any computing (so a place that
    cannot be written fails at once), and renamed into place when every file is
    complete: ``outdir`` is either as it was or the whole new report, whatever
    happens meanwhile (an error, Ctrl-C, SIGTERM, a full disk; a killed run's
    staging folder is removed by the next run). With ``force``, an existing report
    folder is replaced as a whole; files of other names in it are kept and the
    report's files are renamed into it one by one. ``slides.pptx`` shows the
    report's own tables, prefectures.png and timeline.png rather than computing
    and drawing them again, and its other pictures are drawn at the report's
    1920 × 1080 (:func:`coopnet.slides` alone draws them at 3840 × 2160). Above 20,000 organisations, betweenness,
    closeness and inter-sector betweenness are estimated from sampled
    organisations (see :func:`coopnet.centrality`), and ``summary.md`` and
    ``echo`` say so; a progress bar shows in a terminal or a notebook when the
    work takes more than a second. The CSV tables are sorted so that their first rows are the summary's
    headlines: ``centrality.csv`` by betweenness, ``bridges.csv`` by inter-sector
    betweenness, ``pairs.csv`` by the number of cases both sectors take part in
    (:func:`coopnet.sector_pairs` with ``by="co-participation"``; its columns say
    what each count is: ``cases_together``, ``expected_cases``,
    ``observed_expected``, ``p_value`` and ``partnerships`` between the two
    sectors); ``types.csv`` lists the six types in JCA's order. Numbers are
    rounded for reading (p-values to 3 decimals, other fractions to 4).

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = cn.report(cn.load_sample(), f"{d}/report")
    >>> list(files.index)[:3]
    ['map.png', 'types.png', 'pairs.png']
    """
    check_network(net)
    check_lang(lang)  # before any work
    shown = Path(outdir)
    target = check_folder(outdir, force=force, flag=FORCE_FLAG)
    title = title or net.name or term("report_title", lang)

    # The staging folder is made first: a place that cannot be written fails now.
    with (
        StagedFolder(target, replaceable=FILES) as stage,
        _progress.steps(len(STEPS), "report") as bar,
    ):
        tables, together, estimated, known = _tables(net, seed=seed, bar=bar)
        pictures = _pictures(
            net, lang=lang, seed=seed, title=title, bar=bar, known=known, folder=stage.path
        )
        bar.step("summary.md")
        summary, lines = summary_markdown(
            net, tables, together, lang=lang, title=title, files=FILES, notes=_notes(estimated)
        )
        bar.step("writing files")
        for name, frame in tables.items():
            write_table(_for_people(frame), stage.path / name, excel=excel)
        for name, data in pictures.items():
            atomic_write_bytes(stage.path / name, data)
        atomic_write_text(stage.path / "summary.md", summary)
        check_folder(target, force=force, flag=FORCE_FLAG)  # again: files may have appeared
        stage.commit()

    written = {name: shown / name for name in FILES}
    if echo is not None:
        for line in lines:
            echo(line)
        if estimated:
            echo(estimate_note(estimated))
        echo(f"{len(written)} files in {shown}: {', '.join(FILES)}")
    out = pd.DataFrame(
        {
            "path": [str(written[f]) for f in FILES],
            "bytes": [written[f].stat().st_size for f in FILES],
            "description": list(FILES.values()),
        },
        index=pd.Index(list(FILES), name="file"),
    )
    out.attrs["estimated"] = estimated
    return out
