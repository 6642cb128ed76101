"""``cn.centrality`` (exact, every column) against igraph's betweenness alone and networkx."""

from __future__ import annotations

import json

import harness
import networkx as nx
import numpy as np
import pandas as pd
from harness import Context, Row, best_of, child, clock, igraph_of

import coopnet as cn

ORDER = 30
TARGETS = [
    (
        "centrality",
        "M",
        "exact `cn.centrality`, all columns, ≤ 1.5 × igraph betweenness alone (issue 15; issue 7: 2×)",
    ),
    ("centrality-nx", "M", "… with values equal to networkx's exact ones (≤ 1e-9) (issue 7)"),
]


def _max_diff(frame: pd.DataFrame | None, ref: dict) -> float | None:
    if frame is None:
        return None
    ours = frame["betweenness"].reindex(list(ref)).to_numpy(dtype=float)
    return float(np.nanmax(np.abs(ours - np.array(list(ref.values())))))


def _equal_row(size: str, ours: float | None, peer_name: str, peer, diff, note="") -> Row:
    shown = "n/a" if diff is None else f"{diff:.2e}"
    return Row(
        "centrality-nx",
        "`cn.centrality` vs networkx exact betweenness",
        size,
        ours,
        peer_name,
        peer,
        status="" if diff is None or size != "M" else ("pass" if diff <= 1e-9 else "miss"),
        note=note or f"largest abs. difference of betweenness from networkx: {shown}",
        headline=f"largest difference {shown}",
    )


def run(ctx: Context) -> None:
    values = {}
    for size in ctx.sizes("S", "M"):
        g_ig, _ = igraph_of(ctx.net(size))
        reps = ctx.repeat(3 if size == "M" else 7)
        t = best_of(
            {
                "cn": lambda s=size: cn.centrality(ctx.net(s)),
                "ig": lambda g=g_ig: g.betweenness(directed=False),
            },
            reps,
        )
        values[size] = cn.centrality(ctx.net(size))
        ctx.add(
            Row(
                "centrality",
                "exact `cn.centrality` (all columns, graph built inside)",
                size,
                t["cn"],
                "igraph betweenness alone",
                t["ig"],
                "≤ 1.5×" if size == "M" else "",
                1.5 if size == "M" else None,
            )
        )
    for size in ctx.sizes("L"):
        t, frame = clock(cn.centrality, ctx.net(size))
        k = frame.attrs["estimated"].get("betweenness")
        ctx.add(
            Row(
                "centrality-estimated",
                "`cn.centrality` with its default above 20,000 organisations (estimated)",
                size,
                t,
                note=f"betweenness and closeness from {k:,} sampled sources; exact igraph "
                "betweenness alone took 433 s here (RESULTS of 2026-11-29)",
            )
        )
    # networkx exact betweenness: in process on S, once in a child with a timeout on M.
    net = ctx.net("S")
    t_nx, ref = clock(nx.betweenness_centrality, net.to_graph())
    ctx.add(
        _equal_row(
            "S",
            ctx.time_of("centrality", "S"),
            "nx.betweenness_centrality",
            t_nx,
            _max_diff(values.get("S"), ref),
        )
    )
    if "M" not in ctx.args.sizes:
        return
    if ctx.args.no_slow_peers:
        ctx.add(
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
    ours_m = ctx.time_of("centrality", "M")
    if res is None:
        ctx.add(
            _equal_row(
                "M",
                ours_m,
                "nx.betweenness_centrality",
                None,
                None,
                note=f"networkx did not finish within {ctx.args.slow_timeout:.0f} s",
            )
        )
        return
    ref = json.load(open(out_file))
    ctx.add(
        _equal_row(
            "M",
            ours_m,
            "nx.betweenness_centrality (one run)",
            res["time"],
            _max_diff(values.get("M"), ref),
        )
    )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
