"""``plot_map`` + PNG save: every organisation on M against networkx's drawing, and the
summary map (groups) on L."""

from __future__ import annotations

import harness
import networkx as nx
import numpy as np
from harness import Context, Row, clock, igraph_of

import coopnet as cn

ORDER = 50
TARGETS = [("plot", "M", "`plot_map` + PNG save in seconds, not minutes (issue 7)")]


def run(ctx: Context) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    png = ctx.work / "map.png"

    def ours(size, level):
        plt.close("all")
        cn.save_slide(cn.plot_map(ctx.net(size), level=level).figure, png)
        plt.close("all")

    size = "M" if "M" in ctx.args.sizes else ctx.args.sizes[0]
    t_ours = min(clock(ours, size, "organisations")[0] for _ in range(ctx.repeat(2)))
    note = f"every organisation (level='organisations'); PNG {png.stat().st_size / 1e6:.1f} MB"
    # The peer: networkx's own drawing of the same graph; positions from igraph here
    # (networkx's spring_layout time on M is in the layout rows and added below).
    g = ctx.net(size).to_graph()
    g_ig, ids = igraph_of(ctx.net(size))
    pos = dict(zip(ids, np.array(g_ig.layout_fruchterman_reingold().coords), strict=True))

    def peer():
        plt.close("all")
        fig, ax = plt.subplots(figsize=(19.2, 10.8))
        nx.draw_networkx(g, pos=pos, ax=ax, node_size=10, with_labels=False, width=0.3)
        fig.savefig(ctx.work / "peer.png", dpi=100)
        plt.close("all")

    t_draw, _ = clock(peer)
    spring = ctx.extra.get("nx_spring_M") if size == "M" else None
    ctx.add(
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
    for size in ctx.sizes("M", "L"):
        t = min(clock(ours, size, "auto")[0] for _ in range(ctx.repeat(2)))
        ctx.add(
            Row(
                "plot-groups",
                "`cn.plot_map` + PNG save, summary map (the default above 1,500 organisations)",
                size,
                t,
                note=f"groups: {len(cn.group_network(ctx.net(size))):,} (sector × prefecture); "
                f"PNG {png.stat().st_size / 1e6:.1f} MB",
            )
        )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
