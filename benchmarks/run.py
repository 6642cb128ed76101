#!/usr/bin/env python
"""coopnet side by side with the code a user would otherwise write, and with igraph.

Run from the repository root (about 10-15 minutes on a 2-core machine)::

    python benchmarks/run.py

It writes ``benchmarks/RESULTS.md`` (the table, with the machine) and
``benchmarks/results.json``. Options: ``--only load,centrality`` runs some
benchmarks; ``--no-slow-peers`` skips the minute-long networkx runs on M;
``--quick`` uses fewer repeats. Functions that do not exist yet are marked n/a.
See benchmarks/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import coopnet as cn  # noqa: E402

SIZES = {"S": 300, "M": 5_000, "L": 50_000}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


# --------------------------------------------------------------------- results
@dataclass
class Row:
    """One line of the results table."""

    key: str  # benchmark id
    what: str  # what is measured
    size: str
    ours: float | None = None  # seconds (or the unit in `unit`)
    peer_name: str = ""
    peer: float | None = None
    target: str = ""  # e.g. "≤ 1.5×"
    limit: float | None = None  # the ratio (or, with absolute=True, seconds) to stay under
    absolute: bool = False  # limit applies to `ours` itself, not to ours / peer
    unit: str = "s"
    note: str = ""
    status: str = ""  # pass / miss / n/a / recorded / skipped / error

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.peer:
            return None
        return self.ours / self.peer

    def judge(self) -> Row:
        if self.status:
            return self
        if self.ours is None:
            self.status = "n/a"
        elif self.limit is None:
            self.status = "recorded"
        else:
            value = self.ours if self.absolute else self.ratio
            self.status = "—" if value is None else ("pass" if value <= self.limit else "miss")
        return self


@dataclass
class Context:
    args: argparse.Namespace
    work: Path
    rows: list[Row] = field(default_factory=list)
    files: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    nets: dict[str, cn.Network] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def repeat(self, normal: int) -> int:
        return max(1, normal // 3) if self.args.quick else normal

    def net(self, size: str) -> cn.Network:
        """A fresh Network over the cached frames (so no cached graph is reused)."""
        if size not in self.nets:
            self.nets[size] = cn.synthetic(SIZES[size], seed=0)
        base = self.nets[size]
        return cn.Network(base.orgs, base.edges, name=base.name)

    def csv(self, size: str) -> tuple[Path, Path]:
        if size not in self.files:
            folder = self.work / size
            cn.write_csv(self.net(size), folder, overwrite=True)
            self.files[size] = (folder / "orgs.csv", folder / "edges.csv")
        return self.files[size]


def api(name: str):
    """coopnet's public function ``name``, or None while it does not exist yet."""
    try:
        return getattr(cn, name)
    except (AttributeError, ImportError):
        return None


def clock(func, *args, **kwargs) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    out = func(*args, **kwargs)
    return time.perf_counter() - start, out


def best_of(funcs: dict, repeat: int) -> dict[str, float]:
    """Minimum time of each function over ``repeat`` interleaved rounds.

    The minimum is the least disturbed run (other processes share the 2 cores);
    interleaving exposes both sides to the same background load.
    """
    times: dict[str, list[float]] = {k: [] for k in funcs}
    for _ in range(repeat):
        for k, f in funcs.items():
            times[k].append(clock(f)[0])
    return {k: min(v) for k, v in times.items()}


def child(code: str, timeout: float) -> dict | None:
    """Run ``code`` in a fresh Python; it prints one JSON object last. None on timeout."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=ENV,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        raise RuntimeError(f"child failed ({out.returncode}): {out.stderr.strip()[-800:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def collapsed_edges(net: cn.Network) -> tuple[list, np.ndarray]:
    """Node ids and the (n_pairs, 2) array of distinct unordered pairs, as integer codes."""
    ids = list(net.orgs.index)
    code = pd.Series(np.arange(len(ids)), index=net.orgs.index)
    s = code[net.edges["source"]].to_numpy()
    t = code[net.edges["target"]].to_numpy()
    pairs = np.unique(np.sort(np.column_stack([s, t]), axis=1), axis=0)
    return ids, pairs


def igraph_of(net: cn.Network):
    import igraph as ig

    ids, pairs = collapsed_edges(net)
    return ig.Graph(n=len(ids), edges=pairs.tolist(), directed=False), ids


# ----------------------------------------------------------------- benchmarks
def bench_import(ctx: Context) -> None:
    """Import time in fresh interpreters, medians of interleaved runs."""
    code = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"
    heavy = (
        "import sys, coopnet; "
        "print(', '.join(m for m in ('matplotlib', 'pyvis', 'scipy', 'igraph') if m in sys.modules))"
    )
    # As in an installed package, modules import from cached bytecode: the cache
    # goes to a temporary prefix (filled by a first, untimed round), both sides alike.
    env = {**ENV, "PYTHONPYCACHEPREFIX": str(ctx.work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ours, peer = [], []
    for i in range(ctx.repeat(15) + 1):
        for out, mods in ((ours, "coopnet"), (peer, "pandas, networkx")):
            run = subprocess.run(
                [sys.executable, "-c", code.format(mods)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            if i:
                out.append(float(run.stdout))
    loaded = subprocess.run(
        [sys.executable, "-c", heavy], capture_output=True, text=True, env=ENV, check=True
    ).stdout.strip()
    ctx.rows.append(
        Row(
            "import",
            "`import coopnet` (median of fresh interpreters)",
            "—",
            statistics.median(ours),
            "import pandas, networkx",
            statistics.median(peer),
            "≤ 1.2×",
            1.2,
            note=f"matplotlib, pyvis, scipy, igraph loaded by it: {loaded or 'none'}",
        )
    )


def bench_load(ctx: Context) -> None:
    """read_csv (load + validate) against bare pandas.read_csv + nx.from_pandas_edgelist."""
    for size in ctx.args.sizes:
        o, e = ctx.csv(size)

        def bare(o=o, e=e):
            pd.read_csv(o)
            return nx.from_pandas_edgelist(pd.read_csv(e), "source", "target")

        def bare_full(o=o, e=e):
            orgs = pd.read_csv(o)
            g = nx.from_pandas_edgelist(
                pd.read_csv(e), "source", "target", edge_attr=True, create_using=nx.MultiGraph
            )
            nx.set_node_attributes(g, orgs.set_index("id").to_dict("index"))
            return g

        t = best_of(
            {
                "ours": lambda o=o, e=e: cn.read_csv(o, e),
                "bare": bare,
                "ours_graph": lambda o=o, e=e: cn.read_csv(o, e).graph,
                "bare_full": bare_full,
            },
            ctx.repeat({"S": 15, "M": 7, "L": 5}[size]),
        )
        net = ctx.net(size)
        ctx.rows.append(
            Row(
                "load",
                f"load + validate: `cn.read_csv` ({len(net.orgs):,} orgs, {len(net.edges):,} partnerships)",
                size,
                t["ours"],
                "pd.read_csv ×2 + nx.from_pandas_edgelist",
                t["bare"],
                "≤ 1.5×" if size == "L" else "",
                1.5 if size == "L" else None,
            )
        )
        ctx.rows.append(
            Row(
                "load-graph",
                "… and the MultiGraph with every attribute: `cn.read_csv(...).graph`",
                size,
                t["ours_graph"],
                "same + edge_attr=True, MultiGraph, node attributes",
                t["bare_full"],
                note="like for like: the same graph content on both sides",
            )
        )


def _centrality_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("id") if "id" in frame.columns else frame


def bench_centrality(ctx: Context) -> None:
    """cn.centrality (all columns) against igraph's betweenness alone and networkx's."""
    centrality = api("centrality")
    for size in [s for s in ("S", "M") if s in ctx.args.sizes]:
        g_ig, _ = igraph_of(ctx.net(size))
        reps = ctx.repeat(3 if size == "M" else 7)
        peer = best_of({"ig": lambda g=g_ig: g.betweenness(directed=False)}, reps)["ig"]
        ours = None
        note = ""
        if centrality is not None:
            ours = best_of({"cn": lambda s=size: centrality(ctx.net(s))}, reps)["cn"]
            ours_values = _centrality_frame(centrality(ctx.net(size)))
            ctx.extra[f"centrality_{size}"] = ours_values
        ctx.rows.append(
            Row(
                "centrality",
                "`cn.centrality` (all columns, graph built inside)",
                size,
                ours,
                "igraph betweenness alone",
                peer,
                "≤ 2×" if size == "M" else "",
                2.0 if size == "M" else None,
                note=note,
            )
        )
    # networkx exact betweenness: in process on S, once in a child with a timeout on M.
    net = ctx.net("S")
    t_nx, ref = clock(nx.betweenness_centrality, net.to_graph())
    diff = _max_diff(ctx.extra.get("centrality_S"), ref)
    row_s = Row(
        "centrality-nx",
        "`cn.centrality` vs networkx exact betweenness",
        "S",
        _row_time(ctx, "centrality", "S"),
        "nx.betweenness_centrality",
        t_nx,
        note=f"largest abs. difference of betweenness from networkx: {diff}",
    )
    ctx.rows.append(row_s)
    if "M" not in ctx.args.sizes:
        return
    if ctx.args.no_slow_peers:
        ctx.rows.append(
            Row(
                "centrality-nx",
                "networkx exact betweenness",
                "M",
                status="skipped",
                note="--no-slow-peers",
            )
        )
        return
    o, e = ctx.csv("M")
    out_file = ctx.work / "nx_betweenness_M.json"
    res = child(
        f"""
        import json, time, networkx as nx, coopnet as cn
        g = cn.read_csv({str(o)!r}, {str(e)!r}).to_graph()
        t = time.perf_counter(); b = nx.betweenness_centrality(g); t = time.perf_counter() - t
        json.dump(b, open({str(out_file)!r}, "w"))
        print(json.dumps({{"time": t}}))
        """,
        timeout=ctx.args.slow_timeout,
    )
    ours_m = _row_time(ctx, "centrality", "M")
    if res is None:
        ctx.rows.append(
            Row(
                "centrality-nx",
                "`cn.centrality` vs networkx exact betweenness",
                "M",
                ours_m,
                "nx.betweenness_centrality",
                None,
                status="recorded" if ours_m else "n/a",
                note=f"networkx did not finish within {ctx.args.slow_timeout:.0f} s",
            )
        )
        return
    diff = _max_diff(ctx.extra.get("centrality_M"), json.load(open(out_file)))
    ctx.rows.append(
        Row(
            "centrality-nx",
            "`cn.centrality` vs networkx exact betweenness",
            "M",
            ours_m,
            "nx.betweenness_centrality (one run)",
            res["time"],
            note=f"largest abs. difference of betweenness from networkx: {diff}",
        )
    )


def _row_time(ctx: Context, key: str, size: str) -> float | None:
    for r in ctx.rows:
        if r.key == key and r.size == size:
            return r.ours
    return None


def _max_diff(frame: pd.DataFrame | None, ref: dict) -> str:
    if frame is None or "betweenness" not in getattr(frame, "columns", []):
        return "n/a"
    ours = frame["betweenness"].reindex(list(ref)).to_numpy(dtype=float)
    return f"{np.nanmax(np.abs(ours - np.array(list(ref.values())))):.2e}"


def bench_layout(ctx: Context) -> None:
    """The default map layout against igraph's Fruchterman–Reingold (and networkx spring)."""
    from coopnet.layout import layout_positions

    for size in [s for s in ("S", "M") if s in ctx.args.sizes]:
        g_ig, _ = igraph_of(ctx.net(size))
        t = best_of(
            {
                "ours": lambda s=size: layout_positions(ctx.net(s)),
                "ig": lambda g=g_ig: g.layout_fruchterman_reingold(),
            },
            ctx.repeat(3 if size == "M" else 5),
        )
        ctx.rows.append(
            Row(
                "layout",
                "default map layout: `layout_positions(net)`",
                size,
                t["ours"],
                "igraph layout_fruchterman_reingold",
                t["ig"],
                "≤ 3×" if size == "M" else "",
                3.0 if size == "M" else None,
            )
        )
    t_nx, _ = clock(nx.spring_layout, ctx.net("S").to_graph(), seed=0)
    ctx.rows.append(
        Row(
            "layout-nx",
            "default map layout vs networkx spring_layout",
            "S",
            _row_time(ctx, "layout", "S"),
            "nx.spring_layout",
            t_nx,
        )
    )
    if "M" in ctx.args.sizes and not ctx.args.no_slow_peers:
        o, e = ctx.csv("M")
        res = child(
            f"""
            import json, time, networkx as nx, coopnet as cn
            g = cn.read_csv({str(o)!r}, {str(e)!r}).to_graph()
            t = time.perf_counter(); nx.spring_layout(g, seed=0); t = time.perf_counter() - t
            print(json.dumps({{"time": t}}))
            """,
            timeout=ctx.args.slow_timeout,
        )
        ctx.extra["nx_spring_M"] = res and res["time"]
        ctx.rows.append(
            Row(
                "layout-nx",
                "default map layout vs networkx spring_layout",
                "M",
                _row_time(ctx, "layout", "M"),
                "nx.spring_layout (one run)",
                res and res["time"],
                note="" if res else f"networkx did not finish within {ctx.args.slow_timeout:.0f} s",
            )
        )


def bench_plot(ctx: Context) -> None:
    """plot_map + PNG save on M, against nx.draw with a spring layout + savefig."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plot_map = api("plot_map")
    save_slide = api("save_slide")
    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    png = ctx.work / "map.png"

    def ours():
        plt.close("all")
        out = plot_map(ctx.net(size))
        fig = _figure_of(out) or plt.gcf()
        if save_slide is not None:
            save_slide(fig, png)
        else:
            fig.savefig(png, dpi=100)
        plt.close("all")

    t_ours = None
    note = ""
    if plot_map is not None:
        t_ours, _ = clock(ours)
        if t_ours < 20:
            t_ours = min(t_ours, clock(ours)[0])
        note = f"PNG {png.stat().st_size / 1e6:.1f} MB" + (
            " via save_slide" if save_slide else " via savefig(dpi=100)"
        )
    # The peer: networkx's own drawing of the same graph; positions from igraph here
    # (networkx's spring_layout time on M is in the layout rows and added below).
    g = ctx.net(size).to_graph()
    g_ig, ids = igraph_of(ctx.net(size))
    xy = np.array(g_ig.layout_fruchterman_reingold().coords)
    pos = dict(zip(ids, xy, strict=True))

    def peer():
        plt.close("all")
        fig, ax = plt.subplots(figsize=(19.2, 10.8))
        nx.draw_networkx(g, pos=pos, ax=ax, node_size=10, with_labels=False, width=0.3)
        fig.savefig(ctx.work / "peer.png", dpi=100)
        plt.close("all")

    t_draw, _ = clock(peer)
    spring = ctx.extra.get("nx_spring_M") if size == "M" else None
    ctx.rows.append(
        Row(
            "plot",
            "`cn.plot_map` + PNG save",
            size,
            t_ours,
            "nx.draw_networkx + savefig" + (" + nx.spring_layout" if spring else ""),
            t_draw + (spring or 0),
            "≤ 30 s (seconds, not minutes)",
            30.0,
            absolute=True,
            note=note,
        )
    )


def _figure_of(out):
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure

    items = out if isinstance(out, tuple | list) else [out]
    for item in items:
        if isinstance(item, Figure):
            return item
        if isinstance(item, Artist) and item.figure is not None:
            return item.figure
    return None


def _perm_kwarg(func) -> str | None:
    params = inspect.signature(func).parameters
    return next((p for p in ("n_perm", "n_permutations", "permutations") if p in params), None)


def bench_sector_pairs(ctx: Context) -> None:
    """sector_pairs with 1,000 permutations on L, against a plain pandas permutation loop."""
    sector_pairs = api("sector_pairs")
    size = "L" if "L" in ctx.args.sizes else ctx.args.sizes[-1]
    net = ctx.net(size)
    # The loop a user would write: shuffle sectors, count unordered sector pairs.
    codes = pd.Categorical(net.orgs["sector"])
    idx = pd.Series(np.arange(len(net.orgs)), index=net.orgs.index)
    s_idx = idx[net.edges["source"]].to_numpy()
    t_idx = idx[net.edges["target"]].to_numpy()
    rng = np.random.default_rng(0)

    def one_permutation():
        lab = pd.Series(rng.permutation(np.asarray(codes)))
        a, b = lab.iloc[s_idx].to_numpy(), lab.iloc[t_idx].to_numpy()
        pair = pd.Series([" – ".join(sorted(p)) for p in zip(a, b, strict=True)])
        return pair.value_counts()

    n_peer = 5 if ctx.args.quick else 10
    t_peer = clock(lambda: [one_permutation() for _ in range(n_peer)])[0] * 1000 / n_peer
    ours = None
    note = f"peer: {n_peer} permutations timed, ×{1000 // n_peer} (by partnership)"
    if sector_pairs is not None:
        kw = _perm_kwarg(sector_pairs)
        if kw is None:
            note += "; sector_pairs has no permutation-count parameter"
        else:
            net = ctx.net(size)
            ours = clock(sector_pairs, net, **{kw: 1000})[0]
            params = inspect.signature(sector_pairs).parameters
            if "by" in params:
                t_part = clock(sector_pairs, ctx.net(size), by="partnership", **{kw: 1000})[0]
                note += f"; by='partnership': {t_part:.2f} s"
    ctx.rows.append(
        Row(
            "sector_pairs",
            "`cn.sector_pairs`, 1,000 permutations (default by)",
            size,
            ours,
            "pandas loop over permutations (extrapolated)",
            t_peer,
            "≤ 5 s (a few seconds)",
            5.0,
            absolute=True,
            note=note,
        )
    )


def bench_bridges(ctx: Context) -> None:
    """cn.bridges on M; igraph's plain betweenness shown for scale."""
    bridges = api("bridges")
    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    g_ig, _ = igraph_of(ctx.net(size))
    t_ig = clock(g_ig.betweenness, directed=False)[0]
    ours = clock(bridges, ctx.net(size))[0] if bridges is not None else None
    ctx.rows.append(
        Row(
            "bridges",
            "`cn.bridges` (roles, inter-sector betweenness, cut points)",
            size,
            ours,
            "igraph betweenness (for scale)",
            t_ig,
            "≤ 5 s (a few seconds)",
            5.0,
            absolute=True,
            note="no peer computes the same table; inter-sector betweenness costs at least a full betweenness",
        )
    )


def bench_excel(ctx: Context) -> None:
    """write_excel / read_excel against pandas' own Excel writer and reader (openpyxl)."""
    write_excel, read_excel = api("write_excel"), api("read_excel")
    for size in [s for s in ctx.args.sizes if s != "L"]:  # L: minutes in openpyxl alone
        net = ctx.net(size)
        folder = ctx.work / f"excel-{size}"
        folder.mkdir(exist_ok=True)
        ours_path, peer_path = folder / "ours.xlsx", folder / "pandas.xlsx"

        def pandas_write(net=net, path=peer_path):
            with pd.ExcelWriter(path, engine="openpyxl") as book:
                net.orgs.to_excel(book, sheet_name="orgs")
                net.edges.to_excel(book, sheet_name="edges", index=False)

        def ours_write(net=net, path=ours_path):
            return write_excel(net, path, overwrite=True)

        funcs = {"peer": pandas_write}
        if write_excel is not None:
            funcs["ours"] = ours_write
        repeat = ctx.repeat({"S": 5, "M": 2}[size])
        t = best_of(funcs, repeat)
        what = f"({len(net.orgs):,} orgs, {len(net.edges):,} partnerships)"
        ctx.rows.append(
            Row(
                "excel-write",
                f"`cn.write_excel` {what}: four sheets, lists, notes, guide",
                size,
                t.get("ours"),
                "pandas to_excel: orgs and edges sheets (openpyxl)",
                t["peer"],
            )
        )
        funcs = {"peer": lambda p=peer_path: pd.read_excel(p, sheet_name=None, dtype=str)}
        if read_excel is not None:
            funcs["ours"] = lambda p=ours_path: read_excel(p)
        t = best_of(funcs, repeat)
        ctx.rows.append(
            Row(
                "excel-read",
                f"`cn.read_excel` {what}: read + validate",
                size,
                t.get("ours"),
                "pd.read_excel(sheet_name=None, dtype=str), no checks",
                t["peer"],
                note="both spend most of the time in openpyxl parsing the XML",
            )
        )


def _report_available() -> bool:
    from coopnet.cli import build_parser

    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return "report" in action.choices
    return False


def bench_report(ctx: Context) -> None:
    """`coopnet report` end to end on M (time) and on L (peak memory)."""
    if not _report_available():
        for size, what in (("M", "time"), ("L", "peak memory")):
            ctx.rows.append(
                Row(
                    "report",
                    f"`coopnet report` end to end ({what})",
                    size,
                    status="n/a",
                    note="not yet available (no `report` command)",
                )
            )
        return
    for size, timeout in (("M", 600.0), ("L", ctx.args.report_l_timeout)):
        if size not in ctx.args.sizes:
            continue
        o, e = ctx.csv(size)
        out_dir = ctx.work / f"report_{size}"
        shutil.rmtree(out_dir, ignore_errors=True)
        stats = ctx.work / f"report_{size}.json"
        code = f"""
            import json, resource
            from coopnet.cli import main
            rc = main(["report", "--orgs", {str(o)!r}, "--edges", {str(e)!r}, "-o", {str(out_dir)!r}])
            json.dump({{"rc": rc, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}},
                      open({str(stats)!r}, "w"))
        """
        finished, wall, peak_kb, err = run_watched(code, timeout)
        what = "`coopnet report` end to end (wall, fresh interpreter)"
        if not finished:
            ctx.rows.append(
                Row(
                    "report",
                    what,
                    size,
                    status="skipped",
                    note=f"stopped after {timeout:.0f} s (the run's budget); peak memory by then "
                    f"{peak_kb / 1024:.0f} MB",
                )
            )
            continue
        if not stats.exists():
            ctx.rows.append(Row("report", what, size, status="error", note=err[-300:]))
            continue
        s = json.load(open(stats))
        files = sorted(p.name for p in out_dir.iterdir()) if out_dir.exists() else []
        ctx.rows.append(
            Row(
                "report",
                what,
                size,
                wall,
                status="recorded" if s["rc"] == 0 else "error",
                note=f"exit {s['rc']}, peak memory {s['maxrss_kb'] / 1024:.0f} MB; "
                f"{len(files)} files: {', '.join(files)}",
            )
        )


def run_watched(code: str, timeout: float) -> tuple[bool, float, int, str]:
    """Run ``code`` in a fresh Python, polling its peak memory (VmHWM, kB).

    Returns (finished, wall seconds, peak kB seen, stderr tail); the child is
    killed after ``timeout`` seconds.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=ENV,
            cwd=ROOT,
        )
        peak = 0
        finished = True
        while True:
            try:
                proc.wait(timeout=0.25)
                break
            except subprocess.TimeoutExpired:
                peak = max(peak, _vmhwm_kb(proc.pid))
                if time.perf_counter() - start > timeout:
                    proc.kill()
                    proc.wait()
                    finished = False
                    break
        wall = time.perf_counter() - start
        err.seek(0)
        return finished, wall, peak, err.read().decode("utf-8", "replace")


def _vmhwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


DRAW_PROBE = """
(() => {
  const probe = {created: null, drawn: null, stabilizing: false};
  window.__bench = probe;
  let net;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return net; },
    set(value) {
      net = value;
      if (!value || !value.on || probe.created !== null) return;
      probe.created = performance.now();
      value.on('startStabilizing', () => { probe.stabilizing = true; });
      value.on('stabilizationIterationsDone', () => { probe.stabilizing = false; });
      value.on('afterDrawing', () => {
        if (probe.drawn === null && !probe.stabilizing) probe.drawn = performance.now();
      });
    },
  });
})();
"""


def draw_time(path: Path, timeout_s: float) -> float | None:
    """Milliseconds from navigation start until vis-network first draws ``path``.

    A fresh headless Chromium per load (a page still busy stabilising cannot slow
    the next one); every http(s) request is blocked, so the page must work offline.
    None when nothing was drawn within ``timeout_s``.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("http*://**", lambda route: route.abort())
            page.add_init_script(DRAW_PROBE)
            page.goto(path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
            # Polled from here: wait_for_function evaluates strings in the page,
            # which a Content-Security-Policy without 'unsafe-eval' forbids.
            deadline = time.perf_counter() + timeout_s
            while time.perf_counter() < deadline:
                drawn = page.evaluate("window.__bench ? window.__bench.drawn : null")
                if drawn is not None:
                    return drawn
                time.sleep(0.05)
            return None
        finally:
            browser.close()


def bench_html(ctx: Context) -> None:
    """to_html on M: file size and time until drawn in headless Chromium; pyvis as the peer."""
    to_html = api("to_html")
    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    ours_path = ctx.work / "map.html"
    peer_path = ctx.work / "pyvis.html"
    t_ours = None
    if to_html is not None:
        t_ours = clock(to_html, ctx.net(size), ours_path)[0]
    from pyvis.network import Network as PyvisNetwork

    g = ctx.net(size).to_graph()
    for _, _, d in g.edges(data=True):  # pyvis cannot serialise lists in edge attributes
        for key in ("types", "cases", "partnerships"):
            d[key] = ", ".join(map(str, d[key]))

    def peer():
        pv = PyvisNetwork(cdn_resources="in_line")
        pv.from_nx(g)
        pv.write_html(str(peer_path))

    t_peer = clock(peer)[0]
    timeout = ctx.args.draw_timeout
    drawn: dict[Path, float | None] = {}
    if ours_path.exists():
        tries = [draw_time(ours_path, timeout) for _ in range(ctx.repeat(3))]
        done = [t for t in tries if t is not None]
        drawn[ours_path] = min(done) if done else None
    drawn[peer_path] = draw_time(peer_path, timeout)  # once: it may take the whole timeout

    def ms(p):
        v = drawn.get(p)
        return None if v is None else v / 1000

    size_mb = lambda p: f"{p.stat().st_size / 1e6:.1f} MB"  # noqa: E731
    ctx.rows.append(
        Row(
            "html",
            "`cn.to_html` writing the file",
            size,
            t_ours,
            "pyvis from_nx + write_html (in_line)",
            t_peer,
            note=(f"file {size_mb(ours_path)}" if ours_path.exists() else "")
            + f"; pyvis file {size_mb(peer_path)}",
        )
    )
    peer_draw = ms(peer_path)
    ctx.rows.append(
        Row(
            "html-draw",
            "time until drawn in headless Chromium (navigation start → first drawing)",
            size,
            ms(ours_path) if ours_path.exists() else None,
            "pyvis page (physics on, stabilising)",
            peer_draw,
            note=(
                ""
                if peer_draw is not None
                else f"pyvis page not drawn within {timeout:.0f} s (shown as —)"
            ),
            status="" if to_html is None or ms(ours_path) is not None else "error",
        )
    )


BENCHES = {
    "import": bench_import,
    "load": bench_load,
    "centrality": bench_centrality,
    "layout": bench_layout,
    "plot": bench_plot,
    "sector_pairs": bench_sector_pairs,
    "bridges": bench_bridges,
    "report": bench_report,
    "html": bench_html,
    "excel": bench_excel,
}


# --------------------------------------------------------------------- output
def machine() -> dict[str, str]:
    cpu = "unknown"
    mem = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    libs = []
    for name in (
        "coopnet",
        "numpy",
        "pandas",
        "networkx",
        "scipy",
        "matplotlib",
        "pyvis",
        "igraph",
        "rustworkx",
        "playwright",
    ):
        try:
            libs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    except OSError:
        chromium = "not found"
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical cores",
        "Memory": mem,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Libraries": ", ".join(libs),
        "Browser": chromium.strip(),
    }


def fmt_time(v: float | None, unit: str = "s") -> str:
    if v is None:
        return "—"
    if unit != "s":
        return f"{v:g} {unit}"
    return f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s"


# (benchmark key, size, the target as the issue states it)
TARGETS = (
    ("import", "—", "`import coopnet` ≤ 1.2 × `import pandas, networkx`"),
    ("load", "L", "load + validate ≤ 1.5 × pandas.read_csv ×2 + nx.from_pandas_edgelist"),
    ("centrality", "M", "`cn.centrality`, all columns, ≤ 2 × igraph betweenness alone"),
    ("centrality-nx", "M", "… with values equal to networkx's exact ones (≤ 1e-9)"),
    ("layout", "M", "default map layout ≤ 3 × igraph Fruchterman–Reingold"),
    ("plot", "M", "`plot_map` + PNG save in seconds, not minutes"),
    ("sector_pairs", "L", "`cn.sector_pairs`, 1,000 permutations, in a few seconds"),
    ("bridges", "M", "`cn.bridges` in a few seconds"),
    ("report", "M", "`coopnet report` end to end"),
    ("report", "L", "`coopnet report` peak memory"),
    ("html", "M", "`to_html`: file size"),
    ("html-draw", "M", "`to_html`: time until drawn in headless Chromium"),
)


def target_lines(rows: list[Row]) -> list[str]:
    out = []
    for key, size, text in TARGETS:
        r = next((r for r in rows if r.key == key and r.size == size), None)
        if r is None:
            out.append(f"| {text} | {size} | not measured in this run | — |")
            continue
        if key == "centrality-nx":
            measured = r.note.rsplit(": ", 1)[-1]
            ok = measured not in ("n/a", "") and float(measured) <= 1e-9
            status = "pass" if ok else ("miss" if measured != "n/a" else "n/a")
            measured = f"largest difference {measured}"
        elif r.ratio is not None and r.limit is not None and not r.absolute:
            measured, status = (
                f"{r.ratio:.2f}× ({fmt_time(r.ours)} vs {fmt_time(r.peer)})",
                r.status,
            )
        elif key == "report":
            if r.ours is None:
                measured = r.note
            else:
                measured = f"{fmt_time(r.ours)}; {r.note.split(';')[0]}"
            status = r.status
        elif key == "html":
            measured = f"{fmt_time(r.ours)} to write; {r.note}"
            status = r.status
        else:
            measured = fmt_time(r.ours)
            if r.peer is not None:
                measured += f" ({r.peer_name}: {fmt_time(r.peer)})"
            status = r.status
        out.append(f"| {text} | {size} | {measured.replace('|', '/')} | **{status}** |")
    return out


def write_results(
    rows: list[Row], out: Path, elapsed: float, *, info=None, git=None, when=None
) -> None:
    """RESULTS.md (targets, all rows, machine, NOTES.md) and results.json next to it."""
    rows = [r.judge() for r in rows]
    info = info or machine()
    git = (
        git
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
    )
    when = when or time.strftime("%Y-%m-%d %H:%M")
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `python benchmarks/run.py` on {when} "
        f"(commit {git}, whole run {elapsed / 60:.1f} min). How each row is measured: "
        "[README.md](README.md). Ratio = coopnet / peer (lower is better); times are the best "
        "of interleaved repeats unless stated.",
        "",
        "## Machine",
        "",
        *(f"- **{k}**: {v}" for k, v in info.items()),
        "",
        "## Issue 7's targets",
        "",
        "| Target | Size | Measured | Result |",
        "|---|---|---|---|",
        *target_lines(rows),
        "",
        "## All measurements",
        "",
        "| Benchmark | Size | coopnet | Peer | Peer time | Ratio | Target | Result | Notes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        cells = [
            r.what,
            r.size,
            fmt_time(r.ours, r.unit),
            r.peer_name or "—",
            fmt_time(r.peer),
            ratio,
            r.target or "—",
            f"**{r.status}**",
            r.note,
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    notes_path = Path(__file__).with_name("NOTES.md")
    if notes_path.exists():
        lines += ["", notes_path.read_text(encoding="utf-8").strip()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {
        "machine": info,
        "commit": git,
        "generated": when,
        "elapsed": elapsed,
        "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
    }
    out.with_name("results.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated benchmarks")
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated sizes (S, M, L)")
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--no-slow-peers", action="store_true", help="skip networkx on M")
    parser.add_argument("--slow-timeout", type=float, default=150.0, help="networkx-on-M limit (s)")
    parser.add_argument("--report-l-timeout", type=float, default=480.0)
    parser.add_argument("--draw-timeout", type=float, default=60.0)
    parser.add_argument("--out", default=str(Path(__file__).with_name("RESULTS.md")))
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="only re-render RESULTS.md from results.json (e.g. after editing NOTES.md)",
    )
    args = parser.parse_args(argv)
    if args.rewrite:
        data = json.loads(Path(args.out).with_name("results.json").read_text(encoding="utf-8"))
        rows = [Row(**{k: v for k, v in r.items() if k != "ratio"}) for r in data["rows"]]
        write_results(
            rows,
            Path(args.out),
            data.get("elapsed", 0.0),
            info=data["machine"],
            git=data["commit"],
            when=data.get("generated"),
        )
        print(f"rewrote {args.out}")
        return 0
    args.sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    only = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = [b for b in only if b not in BENCHES]
    if unknown:
        parser.error(f"--only: unknown {unknown}; choose from {', '.join(BENCHES)}")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coopnet-bench-") as tmp:
        ctx = Context(args, Path(tmp))
        for name in only:
            t0 = time.perf_counter()
            print(f"== {name}", flush=True)
            before = len(ctx.rows)
            try:
                BENCHES[name](ctx)
            except Exception as exc:  # keep going; the table says what failed
                traceback.print_exc()
                ctx.rows.append(
                    Row(name, name, "—", status="error", note=f"{type(exc).__name__}: {exc}"[:300])
                )
            for r in ctx.rows[before:]:
                r.judge()
                ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
                print(
                    f"   {r.size:2s} {r.what[:60]:60s} ours={fmt_time(r.ours)} "
                    f"peer={fmt_time(r.peer)} ratio={ratio} {r.status} {r.note[:80]}",
                    flush=True,
                )
            print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
        write_results(ctx.rows, Path(args.out), time.perf_counter() - start)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
