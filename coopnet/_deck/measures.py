"""The slides of measures: which sectors work together, and who bridges them."""

from __future__ import annotations

import pandas as pd
from pptx.util import Inches

from .._report.summary import _num, _p
from ..network import Network
from . import base
from .base import MARGIN
from .content import Deck, lede, picture, picture_slide
from .words import say

#: Random draws behind the p-values of the sector pairs.
N_DRAWS = 1000
#: The pairs listed: seen in at least MIN_CASES cases, above chance with p <= ALPHA
#: (passed to :func:`coopnet.pairs_above_chance` and said in the slide's words).
MIN_CASES, ALPHA = 2, 0.05
#: Rows of the pairs and bridges tables (at most: as many as fit).
TOP = 10


def pairs_rows(d: Deck, top) -> list[list[str]]:
    return [
        [
            str(rank),
            f"{d.sector(r['sector_a'])} – {d.sector(r['sector_b'])}",
            str(r["count"]),
            _num(r["expected"], 1),
            _num(r["ratio"]),
            _p(r["p_value"]),
        ]
        for rank, r in top.iterrows()
    ]


def pairs_slides(d: Deck) -> None:
    from ..charts import plot_pairs
    from ..mixing import pairs_above_chance

    table = pairs_above_chance(d.net, min_count=MIN_CASES, alpha=ALPHA, n_perm=N_DRAWS, seed=d.seed)
    top = table.head(TOP)
    slide = base.add_slide(d.prs, d.t("deck_pairs"))
    lede(
        slide,
        say(d.lang, "pairs_lede" if len(top) else "pairs_empty", k=MIN_CASES, alpha=ALPHA),
    )
    if len(top):
        header = d.heads("rank", "sector_pair", "n_cases", "expected", "ratio", "p_value")
        base.add_table(
            slide,
            MARGIN,
            Inches(2.0),
            header,
            pairs_rows(d, top),
            [0.8, 5.75, 1.4, 1.5, 1.6, 1.28],
            name="coopnet:table:pairs",
            size=16 if len(top) <= 5 else 14,  # a short answer in larger type
            align="rlrrrr",
        )
    base.set_notes(
        slide,
        say(
            d.lang,
            "pairs_notes",
            n=len(table),
            top=len(top),
            k=MIN_CASES,
            alpha=ALPHA,
            draws=f"{N_DRAWS:,}",
            seed=d.seed,
        ),
    )
    # every pair, counted as in the table above (cases together, against chance)
    ax = plot_pairs(d.net, lang=d.lang, n_perm=N_DRAWS, seed=d.seed, title="")
    notes = say(d.lang, "counts_notes", draws=f"{N_DRAWS:,}", seed=d.seed)
    picture_slide(d, d.t("deck_pairs_chart"), picture(ax.figure, d.px), notes, "coopnet:pairs")


def reached(net: Network, orgs=None) -> dict[str, list[str]]:
    """Each organisation's partners' sectors other than its own, in taxonomy order
    (of ``orgs`` only, when given)."""
    sector = net.orgs["sector"]
    e = net.edges
    if orgs is not None:
        e = e[e["source"].isin(orgs) | e["target"].isin(orgs)]
    ends = pd.concat(
        [
            pd.DataFrame({"org": e["source"], "other": sector.reindex(e["target"]).to_numpy()}),
            pd.DataFrame({"org": e["target"], "other": sector.reindex(e["source"]).to_numpy()}),
        ]
    )
    order = {s: i for i, s in enumerate(net.sectors)}
    out: dict[str, list[str]] = {}
    if orgs is not None:
        ends = ends[ends["org"].isin(orgs)]
    for org, group in ends.groupby("org", sort=False):
        own = sector[org]
        out[org] = sorted({s for s in group["other"] if s != own}, key=order.__getitem__)
    return out


def bridges_rows(d: Deck, top) -> list[list[str]]:
    names = d.org_names()
    sectors = reached(d.net, top.index)
    sep = "、" if d.lang == "ja" else ", "
    return [
        [
            str(rank),
            base.clean(names[org], one_line=True),
            d.sector(r["sector"]),
            sep.join(d.sector(s) for s in sectors.get(org, [])),
            str(r["sectors_reached"]),
            _num(r["inter_betweenness"], 4),
        ]
        for rank, (org, r) in enumerate(top.iterrows(), start=1)
    ]


def top_bridges(net: Network, seed: int, table=None) -> tuple[pd.DataFrame, int]:
    """The organisations with a partner in another sector, best bridges first; and
    how many there are. ``attrs["estimated"]`` as :func:`coopnet.bridges` gives it
    (with its defaults, so the report's bridges.csv and the deck agree and share
    the path searches); ``table``: that table, when the caller has it."""
    from ..brokerage import bridges

    if table is None:
        table = bridges(net, seed=seed)
    table = table[table["sectors_reached"] > 0].sort_values(
        ["inter_betweenness", "sectors_reached", "brokerage"], ascending=False, kind="stable"
    )
    return table, len(table)


#: Column widths (inches) and font size of the bridges table.
BRIDGE_WIDTHS = {
    "ja": [0.65, 2.95, 1.85, 4.85, 0.95, 1.1],
    "en": [0.65, 2.75, 1.8, 4.75, 0.95, 1.45],
}
BRIDGE_SIZE = 12


def bridges_slide(d: Deck) -> None:
    table, n = top_bridges(d.net, d.seed, d.known.get("bridges"))
    slide = base.add_slide(d.prs, d.t("deck_bridges"))
    lede(slide, say(d.lang, "bridges_lede" if n else "bridges_empty"))
    shown = 0
    if n:
        header = d.heads(
            "rank",
            "organisation",
            "sector",
            "sectors_reached",
            "n_sectors_reached",
            "inter_betweenness",
        )
        rows = bridges_rows(d, table.head(TOP))
        top = Inches(2.0)
        room = base.SLIDE_H - top - Inches(0.2)
        shown = base.rows_that_fit(header, rows, BRIDGE_WIDTHS[d.lang], BRIDGE_SIZE, room)
        base.add_table(
            slide,
            MARGIN,
            top,
            header,
            rows[:shown],
            BRIDGE_WIDTHS[d.lang],
            name="coopnet:table:bridges",
            size=BRIDGE_SIZE,
            align="rlllrr",
        )
    k = table.attrs.get("estimated", {}).get("inter_betweenness")
    estimate = say(d.lang, "estimate", k=f"{k:,}") if k else ""
    base.set_notes(slide, say(d.lang, "bridges_notes", estimate=estimate, n=n, k=shown))
