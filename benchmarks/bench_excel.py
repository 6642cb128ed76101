"""``cn.write_excel`` / ``cn.read_excel`` against pandas' own Excel writer and reader (openpyxl)."""

from __future__ import annotations

import harness
import pandas as pd
from harness import Context, Row, best_of

import coopnet as cn

ORDER = 95
TARGETS: list[tuple] = []


def run(ctx: Context) -> None:
    for size in ctx.sizes("S", "M"):  # L: minutes in openpyxl alone, on both sides
        net = ctx.net(size)
        folder = ctx.work / f"excel-{size}"
        folder.mkdir(exist_ok=True)
        ours_path, peer_path = folder / "ours.xlsx", folder / "pandas.xlsx"

        def pandas_write(net=net, path=peer_path):
            with pd.ExcelWriter(path, engine="openpyxl") as book:
                net.orgs.to_excel(book, sheet_name="orgs")
                net.edges.to_excel(book, sheet_name="edges", index=False)

        repeat = ctx.repeat({"S": 5, "M": 2}[size])
        t = best_of(
            {
                "peer": pandas_write,
                "ours": lambda net=net, p=ours_path: cn.write_excel(net, p, overwrite=True),
            },
            repeat,
        )
        what = f"({len(net.orgs):,} orgs, {len(net.edges):,} partnerships)"
        ctx.add(
            Row(
                "excel-write",
                f"`cn.write_excel` {what}: four sheets, lists, notes, guide",
                size,
                t["ours"],
                "pandas to_excel: orgs and edges sheets (openpyxl)",
                t["peer"],
            )
        )
        t = best_of(
            {
                "peer": lambda p=peer_path: pd.read_excel(p, sheet_name=None, dtype=str),
                "ours": lambda p=ours_path: cn.read_excel(p),
            },
            repeat,
        )
        ctx.add(
            Row(
                "excel-read",
                f"`cn.read_excel` {what}: read + validate",
                size,
                t["ours"],
                "pd.read_excel(sheet_name=None, dtype=str), no checks",
                t["peer"],
                note="both spend most of the time in openpyxl parsing the XML",
            )
        )


if __name__ == "__main__":
    raise SystemExit(harness.main(only=[__file__]))
