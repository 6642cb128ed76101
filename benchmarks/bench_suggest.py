"""How long ``read_csv`` takes to report mistyped ids among 50,000 organisations.

Issue 17, point 8: "did you mean" compared every typo with every id (difflib), so
20 typos took 52 s and 200 took 483 s. It now suggests only for the problems a
``DataError`` shows (the first 50), from an index of character pairs built once.

Run ``python benchmarks/bench_suggest.py`` (about a minute and a half). It prints
how often the index suggests what comparing with every id would, then, for 0,
20, 200 and 2,000 typos, the time from ``read_csv`` to its ``DataError`` (best of
three), how many of the shown suggestions are the id that was mistyped (the
synthetic ids are dense, ``ja-13-00421``: a typo is often as close to another id),
and the old way's cost (``taxonomy.suggest`` against every id, for every problem,
as before the index) measured on 20 typos and multiplied by the number of typos.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import coopnet as cn  # noqa: E402
from coopnet import taxonomy  # noqa: E402
from coopnet._io.suggest import SuggestIndex  # noqa: E402

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


def main() -> None:
    rng = random.Random(SEED)
    start = time.perf_counter()
    net = cn.synthetic(N_ORGS, seed=SEED)
    ids = list(net.orgs.index)
    taken = set(ids)
    print(
        f"coopnet {cn.__version__}: synthetic network of {len(ids):,} organisations and "
        f"{len(net.edges):,} partnerships ({time.perf_counter() - start:.1f} s to make)"
    )
    with tempfile.TemporaryDirectory(prefix="coopnet-bench-suggest-") as folder:
        folder = Path(folder)
        orgs, edges = cn.write_csv(net, folder / "base")
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
        print(
            f"index of {len(ids):,} ids built in {build:.2f} s; a suggestion: "
            f"{per_index * 1e3:.2f} ms with the index, {per_scan:.2f} s against every id; "
            f"the index suggests what the scan of every id does for {same} of {len(few)} typos"
        )
        print()
        print("| typos | read_csv → DataError | shown suggestions right | old way (estimated) |")
        print("|--:|--:|--:|--:|")
        for n in TYPOS:
            rows = rng.sample(range(len(base)), n)
            wanted = base.loc[rows, "target"].tolist()
            frame = base.copy()
            frame.loc[rows, "target"] = [typo(w, rng, taken) for w in wanted]
            path = folder / f"edges-{n}.csv"
            frame.to_csv(path, index=False)
            seconds, result = best_of(3, lambda path=path: load(orgs, path))
            if n == 0:
                assert isinstance(result, cn.Network)
                print(f"| 0 | {seconds:.2f} s (loads) | – | – |")
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
            print(f"| {n:,} | {seconds:.2f} s | {right} of {len(shown)} | {old:.0f} s |")


if __name__ == "__main__":
    main()
