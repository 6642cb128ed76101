"""``import coopnet`` against ``import pandas, networkx``, in fresh interpreters."""

from __future__ import annotations

import statistics
import subprocess
import sys

import harness
from harness import ENV, Context, Row

ORDER = 10
TARGETS = [("import", "—", "`import coopnet` ≤ 1.2 × `import pandas, networkx` (issue 7)")]


def run(ctx: Context) -> None:
    """Medians of interleaved runs; bytecode cached as in an installed package."""
    code = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"
    heavy = (
        "import sys, coopnet; print(', '.join(m for m in "
        "('matplotlib', 'pyvis', 'scipy', 'igraph', 'tqdm') if m in sys.modules))"
    )
    # The cache goes to a temporary prefix (filled by a first, untimed round), both sides alike.
    env = {**ENV, "PYTHONPYCACHEPREFIX": str(ctx.work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ours, peer = [], []
    for i in range(ctx.repeat(15) + 1):
        for out, mods in ((ours, "coopnet"), (peer, "pandas, networkx")):
            done = subprocess.run(
                [sys.executable, "-c", code.format(mods)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            )
            if i:
                out.append(float(done.stdout))
    loaded = subprocess.run(
        [sys.executable, "-c", heavy], capture_output=True, text=True, env=ENV, check=True
    ).stdout.strip()
    ctx.add(
        Row(
            "import",
            "`import coopnet` (median of fresh interpreters)",
            "—",
            statistics.median(ours),
            "import pandas, networkx",
            statistics.median(peer),
            "≤ 1.2×",
            1.2,
            note=f"matplotlib, pyvis, scipy, igraph, tqdm loaded by it: {loaded or 'none'}",
        )
    )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
