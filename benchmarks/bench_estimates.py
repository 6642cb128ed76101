"""The error of estimated betweenness and closeness (``k`` sampled sources) on M.

For each ``k``, five seeds: Spearman's rank correlation with the exact values
over the organisations whose exact betweenness is not 0, the overlap of the top
20, the largest absolute error, and the time (best of the five). The table is a
section of RESULTS.md; ``coopnet.structure.DEFAULT_K`` is chosen from it.
"""

from __future__ import annotations

import time

import harness
import numpy as np
from harness import Context, Row, clock
from scipy.stats import spearmanr

import coopnet as cn
from coopnet.structure import DEFAULT_K

ORDER = 35
KS = (50, 100, 200, 500, 1000, 2000)
SEEDS = range(5)
TARGETS = [
    (
        "estimate-top20",
        "M",
        f"top-20 betweenness overlap with exact ≥ 18 of 20 at the default k = {DEFAULT_K:,} (issue 15)",
    ),
]


def _top(values, n: int = 20) -> set:
    return set(values.nlargest(n).index)


def run(ctx: Context) -> None:
    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    net = ctx.net(size)
    t_exact, exact = clock(cn.centrality, net, exact=True)
    b, c = exact["betweenness"], exact["closeness"]
    nonzero = b > 0
    lines = [
        f"`cn.centrality(net, k=k, seed=s)` against the exact values on {size} "
        f"({len(net.orgs):,} organisations; exact: {t_exact:.2f} s), seeds 0–4. "
        "ρ: Spearman's rank correlation over the organisations whose exact betweenness "
        f"is not 0 ({int(nonzero.sum()):,}), mean over seeds; top 20: organisations of "
        "the exact top 20 found in the estimated top 20 (mean, and the worst seed); "
        "largest error: the largest absolute difference over organisations and seeds "
        "(betweenness is normalised to [0, 1]; the largest exact value is "
        f"{b.max():.3f}); time: the best of the five.",
        "",
        "| k | betweenness ρ | top 20 (mean / worst) | largest error | closeness ρ "
        "| closeness top 20 (mean / worst) | largest error | time |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for k in KS:
        rho, top, err, c_rho, c_top, c_err, times = [], [], [], [], [], [], []
        for seed in SEEDS:
            start = time.perf_counter()
            est = cn.centrality(ctx.net(size), k=k, seed=seed)
            times.append(time.perf_counter() - start)
            eb, ec = est["betweenness"], est["closeness"]
            rho.append(spearmanr(b[nonzero], eb[nonzero])[0])
            top.append(len(_top(b) & _top(eb)))
            err.append(float((eb - b).abs().max()))
            reach = c > 0
            c_rho.append(spearmanr(c[reach], ec[reach])[0])
            c_top.append(len(_top(c) & _top(ec)))
            c_err.append(float((ec - c).abs().max()))
        mark = " (default)" if k == DEFAULT_K else ""
        lines.append(
            f"| {k:,}{mark} | {np.mean(rho):.3f} | {np.mean(top):.1f} / {min(top)} "
            f"| {max(err):.4f} | {np.mean(c_rho):.4f} | {np.mean(c_top):.1f} / {min(c_top)} "
            f"| {max(c_err):.4f} | {min(times):.2f} s |"
        )
        if k == DEFAULT_K:
            ctx.add(
                Row(
                    "estimate-top20",
                    f"estimated betweenness (k = {k:,}): exact top 20 found, worst of 5 seeds",
                    size,
                    float(min(top)),
                    target="≥ 18 of 20",
                    unit="of 20",
                    status="pass" if min(top) >= 18 else "miss",
                    note=f"mean {np.mean(top):.1f} of 20; Spearman ρ {np.mean(rho):.3f}; "
                    f"{min(times):.2f} s against {t_exact:.2f} s exact",
                    headline=f"{min(top)} of 20 (worst of 5 seeds; mean {np.mean(top):.1f})",
                )
            )
    ctx.section("Estimated centralities: error against exact", "\n".join(lines))


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
