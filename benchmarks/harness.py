"""The benchmark harness: rows, timing, fresh interpreters, and RESULTS.md.

Each benchmark is a module ``benchmarks/bench_<name>.py`` that defines::

    ORDER = 30                      # where it runs in the full run (lower first)
    TARGETS = [(key, size, text)]   # its rows in the targets table (may be [])

    def run(ctx: Context) -> None:  # the entry point: measure, then ctx.add(Row(...))
        ...

    if __name__ == "__main__":      # runnable alone: prints its rows, writes nothing
        raise SystemExit(harness.main(only=[__file__]))

``run.py`` discovers every ``bench_*.py`` that defines ``run`` and runs them in
``ORDER``. A benchmark may also add a Markdown section (``ctx.section(title,
text)``), printed in RESULTS.md after the tables. See README.md.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import coopnet as cn  # noqa: E402

SIZES = {"S": 300, "M": 5_000, "L": 50_000}
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
    limit: float | None = None  # the ratio (or, with absolute=True, the value) to stay under
    absolute: bool = False  # limit applies to `ours` itself, not to ours / peer
    unit: str = "s"
    note: str = ""
    status: str = ""  # pass / miss / n/a / recorded / skipped / error
    headline: str = ""  # what the targets table shows as measured (default: from the numbers)
    bench: str = ""  # the benchmark (bench_<name>.py) that measured it

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

    @classmethod
    def from_dict(cls, data: dict) -> Row:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class Context:
    """What every benchmark gets: options, a scratch folder, networks, and the results."""

    args: argparse.Namespace
    work: Path
    rows: list[Row] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    files: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    nets: dict[str, cn.Network] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # shared between benchmarks of one run

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def section(self, title: str, text: str) -> None:
        """A Markdown section for RESULTS.md (after the tables)."""
        self.sections[title] = text.strip()

    def repeat(self, normal: int) -> int:
        return max(1, normal // 3) if self.args.quick else normal

    def sizes(self, *wanted: str) -> list[str]:
        """The sizes of ``wanted`` that this run measures."""
        return [s for s in wanted if s in self.args.sizes]

    def net(self, size: str) -> cn.Network:
        """A fresh Network over the cached frames (so no cached graph is reused)."""
        if size not in self.nets:
            self.nets[size] = cn.synthetic(SIZES[size], seed=0)
        base = self.nets[size]
        return cn.Network(base.orgs, base.edges, name=base.name)

    def csv(self, size: str) -> tuple[Path, Path]:
        """orgs.csv and edges.csv of the synthetic network of ``size``."""
        if size not in self.files:
            folder = cn.write_csv(self.net(size), self.work / size, overwrite=True)
            self.files[size] = (folder / "orgs.csv", folder / "edges.csv")
        return self.files[size]

    def time_of(self, key: str, size: str) -> float | None:
        """coopnet's time in an earlier row of this run."""
        return next((r.ours for r in self.rows if r.key == key and r.size == size), None)


# ---------------------------------------------------------------------- timing
def clock(func, *args, **kwargs) -> tuple[float, object]:
    """Seconds ``func`` takes (after a garbage collection) and its result."""
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


# ----------------------------------------------------------------------- peers
def collapsed_edges(net: cn.Network) -> tuple[list, np.ndarray]:
    """Node ids and the (n_pairs, 2) array of distinct unordered pairs, as integer codes."""
    ids = list(net.orgs.index)
    code = pd.Series(np.arange(len(ids)), index=net.orgs.index)
    s = code[net.edges["source"]].to_numpy()
    t = code[net.edges["target"]].to_numpy()
    pairs = np.unique(np.sort(np.column_stack([s, t]), axis=1), axis=0)
    return ids, pairs


def igraph_of(net: cn.Network):
    """The collapsed graph as an igraph Graph, and the ids of its vertices."""
    import igraph as ig

    ids, pairs = collapsed_edges(net)
    return ig.Graph(n=len(ids), edges=pairs.tolist(), directed=False), ids


# ------------------------------------------------------------------- discovery
def discover(names: list[str] | None = None) -> dict:
    """``{name: module}`` of every ``bench_*.py`` that defines ``run``, in ``ORDER``.

    ``names`` (benchmark names or paths of their files) keeps only those.
    """
    modules = {}
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if names is not None and name not in names and str(path) not in names:
            continue
        module = sys.modules.get(f"bench_{name}")
        if module is None:
            spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        if callable(getattr(module, "run", None)):
            modules[name] = module
    return dict(sorted(modules.items(), key=lambda kv: (getattr(kv[1], "ORDER", 100), kv[0])))


# --------------------------------------------------------------------- output
def machine() -> dict[str, str]:
    cpu = mem = "unknown"
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
        "tqdm",
        "playwright",
    ):
        try:
            libs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    try:
        browser = subprocess.run(
            ["/usr/bin/chromium", "--version"], capture_output=True, text=True
        ).stdout
    except OSError:
        browser = "not found"
    return {
        "CPU": f"{cpu}, {os.cpu_count()} logical cores",
        "Memory": mem,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "Libraries": ", ".join(libs),
        "Browser": browser.strip(),
    }


def fmt_time(v: float | None, unit: str = "s") -> str:
    if v is None:
        return "—"
    if unit != "s":
        return f"{v:,.4g} {unit}"
    return f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s"


def measured(r: Row) -> str:
    """What the targets table shows for ``r``."""
    if r.headline:
        return r.headline
    if r.ours is None:
        return r.note or "—"
    if r.ratio is not None and r.limit is not None and not r.absolute:
        return f"{r.ratio:.2f}× ({fmt_time(r.ours)} vs {fmt_time(r.peer)})"
    text = fmt_time(r.ours, r.unit)
    if r.peer is not None:
        text += f" ({r.peer_name}: {fmt_time(r.peer)})"
    elif r.note:
        text += f"; {r.note.split(';')[0]}"
    return text


def target_lines(rows: list[Row], targets: list[tuple]) -> list[str]:
    out = []
    for key, size, text in targets:
        r = next((r for r in rows if r.key == key and r.size == size), None)
        if r is None:
            out.append(f"| {text} | {size} | not measured in this run | — |")
            continue
        out.append(f"| {text} | {size} | {measured(r).replace('|', '/')} | **{r.status}** |")
    return out


def write_results(
    rows: list[Row],
    out: Path,
    elapsed: float,
    *,
    targets: list[tuple],
    sections: dict[str, str] | None = None,
    info=None,
    git=None,
    when=None,
    merged: list[dict] | None = None,
) -> None:
    """RESULTS.md (targets, all rows, sections, machine, NOTES.md) and results.json."""
    rows = [r.judge() for r in rows]
    sections = sections or {}
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
        "of interleaved repeats unless stated."
        + "".join(
            f" Re-measured on {m['when']} (commit {m['commit']}): {', '.join(m['benches'])}."
            for m in merged or []
        ),
        "",
        "## Machine",
        "",
        *(f"- **{k}**: {v}" for k, v in info.items()),
        "",
        "## Targets",
        "",
        "| Target | Size | Measured | Result |",
        "|---|---|---|---|",
        *target_lines(rows, targets),
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
    for title, text in sections.items():
        lines += ["", f"## {title}", "", text]
    notes_path = HERE / "NOTES.md"
    if notes_path.exists():
        lines += ["", notes_path.read_text(encoding="utf-8").strip()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = {
        "machine": info,
        "commit": git,
        "generated": when,
        "elapsed": elapsed,
        "rows": [{**asdict(r), "ratio": r.ratio} for r in rows],
        "sections": sections,
        "merged": merged or [],
    }
    out.with_name("results.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )


# ------------------------------------------------------------------------ main
def parser(names: list[str]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description="coopnet side by side with the code a user would otherwise write."
    )
    p.add_argument("--only", default=None, help=f"comma-separated: {', '.join(names)}")
    p.add_argument("--sizes", default="S,M,L", help="comma-separated sizes (S, M, L)")
    p.add_argument("--quick", action="store_true", help="fewer repeats")
    p.add_argument("--no-slow-peers", action="store_true", help="skip networkx on M")
    p.add_argument("--slow-timeout", type=float, default=150.0, help="networkx-on-M limit (s)")
    p.add_argument("--report-l-timeout", type=float, default=480.0)
    p.add_argument("--draw-timeout", type=float, default=60.0)
    p.add_argument("--out", default=None, help="RESULTS.md to write (default: the full run's)")
    p.add_argument(
        "--merge",
        action="store_true",
        help="measure the --only benchmarks again and replace their rows in results.json "
        "(RESULTS.md says which were re-measured, and when)",
    )
    p.add_argument(
        "--rewrite",
        action="store_true",
        help="only re-render RESULTS.md from results.json (e.g. after editing NOTES.md)",
    )
    return p


def main(argv: list[str] | None = None, *, only: list[str] | None = None) -> int:
    """Run benchmarks and write RESULTS.md; ``only`` (a benchmark file run alone)
    runs that one and prints its rows without writing anything unless ``--out``."""
    names = [Path(x).stem.removeprefix("bench_") for x in only] if only else None
    benches = discover(names)
    args = parser(list(discover())).parse_args(argv)
    default_out = HERE / "RESULTS.md"
    if args.rewrite:
        out = Path(args.out or default_out)
        data = json.loads(out.with_name("results.json").read_text(encoding="utf-8"))
        write_results(
            [Row.from_dict(r) for r in data["rows"]],
            out,
            data.get("elapsed", 0.0),
            targets=all_targets(discover()),
            sections=data.get("sections", {}),
            info=data["machine"],
            git=data["commit"],
            when=data.get("generated"),
            merged=data.get("merged", []),
        )
        print(f"rewrote {out}")
        return 0
    if args.only:
        wanted = [b.strip() for b in args.only.split(",") if b.strip()]
        unknown = [b for b in wanted if b not in benches]
        if unknown:
            raise SystemExit(f"--only: unknown {unknown}; choose from {', '.join(benches)}")
        benches = {k: v for k, v in benches.items() if k in wanted}
    args.sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    out = Path(args.out) if args.out else (None if only else default_out)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coopnet-bench-") as tmp:
        ctx = Context(args, Path(tmp))
        for name, module in benches.items():
            t0 = time.perf_counter()
            print(f"== {name}", flush=True)
            before = len(ctx.rows)
            try:
                module.run(ctx)
            except Exception as exc:  # keep going; the table says what failed
                traceback.print_exc()
                ctx.add(
                    Row(name, name, "—", status="error", note=f"{type(exc).__name__}: {exc}"[:300])
                )
            for r in ctx.rows[before:]:
                r.bench = name
                r.judge()
                ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "-"
                print(
                    f"   {r.size:2s} {r.what[:60]:60s} ours={fmt_time(r.ours, r.unit)} "
                    f"peer={fmt_time(r.peer)} ratio={ratio} {r.status} {r.note[:80]}",
                    flush=True,
                )
            print(f"   ({time.perf_counter() - t0:.0f} s)", flush=True)
        for title, text in ctx.sections.items():
            print(f"\n## {title}\n\n{text}\n")
        if args.merge:
            _merge(ctx, Path(args.out or default_out), list(benches))
        elif out is not None:
            write_results(
                ctx.rows,
                out,
                time.perf_counter() - start,
                targets=all_targets(discover()),
                sections=ctx.sections,
            )
            print(f"wrote {out}")
    return 0


def _merge(ctx: Context, out: Path, names: list[str]) -> None:
    """Replace the rows and sections of ``names`` in results.json and re-render."""
    data = json.loads(out.with_name("results.json").read_text(encoding="utf-8"))
    keys = {r.key for r in ctx.rows}
    kept = [
        Row.from_dict(r)
        for r in data["rows"]
        if r.get("bench") not in names and not (not r.get("bench") and r["key"] in keys)
    ]
    order = list(discover())
    rows = sorted(
        kept + ctx.rows,
        key=lambda r: order.index(r.bench) if r.bench in order else len(order),
    )
    when = time.strftime("%Y-%m-%d %H:%M")
    git = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    write_results(
        rows,
        out,
        data.get("elapsed", 0.0),
        targets=all_targets(discover()),
        sections={**data.get("sections", {}), **ctx.sections},
        info=data["machine"],
        git=data["commit"],
        when=data.get("generated"),
        merged=[*data.get("merged", []), {"when": when, "commit": git, "benches": names}],
    )
    print(f"merged {', '.join(names)} into {out}")


def all_targets(benches: dict) -> list[tuple]:
    return [t for module in benches.values() for t in getattr(module, "TARGETS", [])]
