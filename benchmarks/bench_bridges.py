"""``cn.bridges`` on M (exact) and L (estimated by default); igraph's betweenness for scale."""

from __future__ import annotations

import harness
from harness import Context, Row, clock, igraph_of

import coopnet as cn

ORDER = 70
TARGETS = [("bridges", "M", "`cn.bridges` in a few seconds (issue 7)")]


def run(ctx: Context) -> None:
    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    g_ig, _ = igraph_of(ctx.net(size))
    t_ig = clock(g_ig.betweenness, directed=False)[0]
    ctx.add(
        Row(
            "bridges",
            "`cn.bridges` (roles, inter-sector betweenness, cut points)",
            size,
            clock(cn.bridges, ctx.net(size))[0],
            "igraph betweenness (for scale)",
            t_ig,
            "≤ 5 s (a few seconds)",
            5.0,
            absolute=True,
            note="no peer computes the same table; exact inter-sector betweenness costs at "
            "least a full betweenness",
        )
    )
    for size in ctx.sizes("L"):
        t, frame = clock(cn.bridges, ctx.net(size))
        k = frame.attrs["estimated"].get("inter_betweenness")
        ctx.add(
            Row(
                "bridges-estimated",
                "`cn.bridges` with its default above 20,000 organisations (estimated)",
                size,
                t,
                note=f"inter-sector betweenness from {k:,} sampled sources",
            )
        )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
