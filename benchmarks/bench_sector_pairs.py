"""``cn.sector_pairs`` with 1,000 permutations on L against a plain pandas permutation loop."""

from __future__ import annotations

import harness
import numpy as np
import pandas as pd
from harness import Context, Row, clock

import coopnet as cn

ORDER = 60
TARGETS = [
    ("sector_pairs", "L", "`cn.sector_pairs`, 1,000 permutations, in a few seconds (issue 7)")
]


def run(ctx: Context) -> None:
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
    ours = clock(cn.sector_pairs, ctx.net(size), n_perm=1000)[0]
    t_part = clock(cn.sector_pairs, ctx.net(size), by="partnership", n_perm=1000)[0]
    ctx.add(
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
            note=f"peer: {n_peer} permutations timed, ×{1000 // n_peer} (by partnership); "
            f"by='partnership': {t_part:.2f} s",
        )
    )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
