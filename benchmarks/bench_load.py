"""``cn.read_csv`` (load + validate) against bare ``pandas.read_csv`` + networkx."""

from __future__ import annotations

import harness
import networkx as nx
import pandas as pd
from harness import Context, Row, best_of

import coopnet as cn

ORDER = 20
TARGETS = [
    ("load", "L", "load + validate ≤ 1.5 × pandas.read_csv ×2 + nx.from_pandas_edgelist (issue 7)")
]


def run(ctx: Context) -> None:
    for size in ctx.args.sizes:
        o, e = ctx.csv(size)

        def bare(o=o, e=e):
            pd.read_csv(o)
            return nx.from_pandas_edgelist(pd.read_csv(e), "source", "target")

        def bare_full(o=o, e=e):
            orgs = pd.read_csv(o)
            g = nx.from_pandas_edgelist(
                pd.read_csv(e), "source", "target", edge_attr=True, create_using=nx.MultiGraph
            )
            nx.set_node_attributes(g, orgs.set_index("id").to_dict("index"))
            return g

        t = best_of(
            {
                "ours": lambda o=o, e=e: cn.read_csv(o, e),
                "bare": bare,
                "ours_graph": lambda o=o, e=e: cn.read_csv(o, e).graph,
                "bare_full": bare_full,
            },
            ctx.repeat({"S": 15, "M": 7, "L": 5}[size]),
        )
        net = ctx.net(size)
        ctx.add(
            Row(
                "load",
                f"load + validate: `cn.read_csv` ({len(net.orgs):,} orgs, "
                f"{len(net.edges):,} partnerships)",
                size,
                t["ours"],
                "pd.read_csv ×2 + nx.from_pandas_edgelist",
                t["bare"],
                "≤ 1.5×" if size == "L" else "",
                1.5 if size == "L" else None,
            )
        )
        ctx.add(
            Row(
                "load-graph",
                "… and the MultiGraph with every attribute: `cn.read_csv(...).graph`",
                size,
                t["ours_graph"],
                "same + edge_attr=True, MultiGraph, node attributes",
                t["bare_full"],
                note="like for like: the same graph content on both sides",
            )
        )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
