"""How long ``read_csv`` takes to report mistyped ids among 50,000 organisations (issue 17).

Issue 17, point 8: "did you mean" compared every typo with every id (difflib), so
20 typos took 52 s and 200 took 483 s. It now suggests only for the problems a
``DataError`` shows (the first 50), from an index of character pairs built once.

On ``cn.synthetic(50_000)`` with the ``target`` of 0, 20, 200 and 2,000 random
partnerships mistyped: the time from ``read_csv`` to its ``DataError`` (best of
three), how many of the shown suggestions are the id that was mistyped (the
synthetic ids are dense, ``ja-13-00421``: a typo is often as close to another
id), and the old way's cost (``taxonomy.suggest`` against every id, for every
problem, as before the index) measured on 20 typos and multiplied by the number
of typos. Runs with size L only (about a minute and a half):
``python benchmarks/bench_suggest.py --sizes L``.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import harness
import pandas as pd
from harness import Context, Row

import coopnet as cn
from coopnet import taxonomy
from coopnet._io.suggest import SuggestIndex

ORDER = 25
TARGETS = [
    (
        "suggest",
        "L",
        "`read_csv` → `DataError` with suggestions, 200 mistyped ids among 50,000 "
        "organisations, ≤ 10 s (issue 17)",
    )
]
N_ORGS = 50_000
TYPOS = (0, 20, 200, 2_000)
SEED = 17


def typo(word: str, rng: random.Random, taken: set[str]) -> str:
    """One edit of ``word`` (a character dropped, doubled, replaced or swapped), not in ``taken``."""
    while True:
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(4)
        if kind == 0:
            out = word[:i] + word[i + 1 :]
        elif kind == 1:
            out = word[:i] + word[i] + word[i:]
        elif kind == 2:
            out = word[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") + word[i + 1 :]
        else:
            out = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
        if out not in taken:
            return out


def best_of(n: int, func) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


def load(orgs: Path, edges: Path):
    try:
        return cn.read_csv(orgs, edges)
    except cn.DataError as exc:
        return exc


def run(ctx: Context) -> None:
    if "L" not in ctx.args.sizes:
        return
    rng = random.Random(SEED)
    net = cn.synthetic(N_ORGS, seed=SEED)
    ids = list(net.orgs.index)
    taken = set(ids)
    folder = ctx.work / "suggest"
    base_folder = cn.write_csv(net, folder / "base")
    orgs, edges = base_folder / "orgs.csv", base_folder / "edges.csv"
    base = pd.read_csv(edges, dtype=str, keep_default_na=False)

    start = time.perf_counter()
    index = SuggestIndex(ids)
    index.suggest("x")
    build = time.perf_counter() - start
    probes = [typo(w, rng, taken) for w in rng.sample(ids, 200)]
    start = time.perf_counter()
    for p in probes:
        index.suggest(p)
    per_index = (time.perf_counter() - start) / len(probes)
    few = probes[:20]
    start = time.perf_counter()
    scanned = [taxonomy.suggest(p, ids) for p in few]
    per_scan = (time.perf_counter() - start) / len(few)
    same = sum(index.suggest(p) == s for p, s in zip(few, scanned, strict=True))

    lines = []
    for n in TYPOS:
        rows = rng.sample(range(len(base)), n)
        wanted = base.loc[rows, "target"].tolist()
        frame = base.copy()
        frame.loc[rows, "target"] = [typo(w, rng, taken) for w in wanted]
        path = folder / f"edges-{n}.csv"
        frame.to_csv(path, index=False)
        seconds, result = best_of(ctx.repeat(3), lambda path=path: load(orgs, path))
        if n == 0:
            assert isinstance(result, cn.Network)
            lines.append(f"| 0 | {seconds:.2f} s (loads) | – | – |")
            baseline = seconds
            continue
        assert isinstance(result, cn.DataError) and len(result.problems) == n
        in_line_order = [w for _, w in sorted(zip(rows, wanted, strict=True))]
        shown = [p for p in result.problems if "did you mean" in p.message]
        right = sum(
            f"did you mean {w!r}?" in p.message
            for p, w in zip(result.problems, in_line_order, strict=True)
        )
        old = baseline + n * per_scan
        lines.append(f"| {n:,} | {seconds:.2f} s | {right} of {len(shown)} | {old:,.0f} s |")
        ctx.add(
            Row(
                "suggest" if n == 200 else f"suggest-{n}",
                f"`read_csv` → `DataError` with suggestions, {n:,} mistyped ids",
                "L",
                seconds,
                "difflib scan of every id per typo, as before (estimated)",
                old,
                "≤ 10 s" if n == 200 else "",
                10.0 if n == 200 else None,
                absolute=True,
                note=f"the mistyped id suggested for {right} of the {len(shown)} shown",
            )
        )
    ctx.section(
        'Issue 17: "did you mean" at 50,000 organisations',
        f"""
`cn.synthetic({N_ORGS:,}, seed={SEED})` ({len(net.edges):,} partnerships) with the `target` of
*n* random partnerships mistyped (one character dropped, doubled, replaced or swapped).
Suggestions are computed only for the 50 problems a `DataError` shows, from an index of
character pairs built once ({build:.2f} s for {len(ids):,} ids; {per_index * 1e3:.1f} ms a
suggestion, against {per_scan:.2f} s comparing with every id). "Old way" is the load plus one
`difflib` scan of every id per typo, as before — the issue measured 52 s for 20 typos and
483 s for 200. The index suggests what scanning every id suggests for {same} of {len(few)}
typos; the others are ties (synthetic ids such as `ja-13-00421` are dense, so a typo is
often exactly as close to another id, and neither way can know which was meant).
`tests/test_suggest.py` checks 200 typos among 50,000 ids and that the suggestion is the
mistyped id for ids that are not dense.

| typos | `read_csv` → `DataError` | shown suggestions = the mistyped id | old way (estimated) |
|--:|--:|--:|--:|
"""
        + "\n".join(lines),
    )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
