"""The where-and-when slides: cases per prefecture and the growth over the years."""

from __future__ import annotations

from . import content
from .content import Deck
from .words import say


def where_when_slides(d: Deck) -> None:
    """A slide of :func:`coopnet.plot_prefectures` and one of :func:`coopnet.plot_timeline`.

    Each is left out when the data say nothing about it (no prefecture, no year).
    """
    from ..plot_geography import plot_prefectures
    from ..plot_temporal import plot_timeline

    cases = d.net.cases
    if cases["prefecture"].astype(str).str.strip().ne("").any():
        png = d.known.get("prefectures.png") or content.picture(
            plot_prefectures(d.net, lang=d.lang).figure, d.px
        )
        content.picture_slide(
            d,
            say(d.lang, "prefectures_title"),
            png,
            say(d.lang, "prefectures_notes"),
            "coopnet:prefectures",
        )
    if cases["year"].notna().any():
        png = d.known.get("timeline.png") or content.picture(
            plot_timeline(d.net, lang=d.lang).figure, d.px
        )
        content.picture_slide(
            d,
            say(d.lang, "timeline_title"),
            png,
            say(d.lang, "timeline_notes", undated=int(cases["year"].isna().sum())),
            "coopnet:timeline",
        )
