"""The default map layout against igraph's Fruchterman–Reingold and networkx's spring layout."""

from __future__ import annotations

import harness
import networkx as nx
from harness import Context, Row, best_of, child, clock, igraph_of

from coopnet.layout import layout_positions

ORDER = 40
TARGETS = [("layout", "M", "default map layout ≤ 3 × igraph Fruchterman–Reingold (issue 7)")]


def run(ctx: Context) -> None:
    for size in ctx.sizes("S", "M"):
        g_ig, _ = igraph_of(ctx.net(size))
        t = best_of(
            {
                "ours": lambda s=size: layout_positions(ctx.net(s)),
                "ig": lambda g=g_ig: g.layout_fruchterman_reingold(),
            },
            ctx.repeat(3 if size == "M" else 5),
        )
        ctx.add(
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
    ctx.add(
        Row(
            "layout-nx",
            "default map layout vs networkx spring_layout",
            "S",
            ctx.time_of("layout", "S"),
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
        ctx.add(
            Row(
                "layout-nx",
                "default map layout vs networkx spring_layout",
                "M",
                ctx.time_of("layout", "M"),
                "nx.spring_layout (one run)",
                res and res["time"],
                note="" if res else f"networkx did not finish within {ctx.args.slow_timeout:.0f} s",
            )
        )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
