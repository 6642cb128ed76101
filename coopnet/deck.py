"""A PowerPoint deck of the network, ready to present and to edit: :func:`slides`.

The module is not called ``slides`` so that importing it can never hide the
function ``coopnet.slides``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ._checks import check_count, check_flag, check_lang, check_network
from ._io.files import atomic_write_bytes
from ._io.output import check_file
from .network import Network

__all__ = ["slides"]


def _check_date(date) -> dt.date | str | None:
    if date is None or isinstance(date, dt.date | str):
        return date.date() if isinstance(date, dt.datetime) else date
    raise ValueError(f"date={date!r} is not valid; give a datetime.date, a text or None")


def _date_text(date, lang: str) -> str:
    if date is None:
        return ""
    if isinstance(date, str):
        return date
    if lang == "ja":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {date:%B} {date.year}"


def _check_path(path, overwrite: bool) -> Path:
    """``path`` checked before any work: a .pptx file that can be written."""
    return check_file(path, force=overwrite, suffixes=(".pptx",))


def deck_bytes(
    net: Network,
    *,
    title: str | None = None,
    lang: str = "ja",
    seed: int = 0,
    date: dt.date | str | None = None,
    known: dict | None = None,
    picture_px: tuple[int, int] | None = None,
) -> bytes:
    """The .pptx file of :func:`slides` as bytes, written nowhere (the report
    folder stages it in memory with its other files).

    ``known``: results the caller already has, used as they are (see
    :class:`coopnet._deck.content.Deck`; the report passes its bridges and
    types tables, prefectures.png and timeline.png); ``picture_px``: the pixel size of the pictures drawn
    here (3840 × 2160 by default)."""
    from . import __version__
    from ._deck import base
    from ._deck.cases import case_slides
    from ._deck.content import Deck, map_slide, numbers_slide, title_slide, type_slides, types_slide
    from ._deck.measures import bridges_slide, pairs_slides
    from ._deck.places import where_when_slides

    check_network(net)
    check_lang(lang)
    seed = check_count(seed, "seed")
    date = _check_date(date)
    if title is not None and not isinstance(title, str):
        raise ValueError(f"title={title!r} is not valid; give a text or None")
    title = base.clean(title or net.name, one_line=True) or base.clean(
        _default_title(lang), one_line=True
    )
    d = Deck(net, lang, seed, known=dict(known or {}))
    if picture_px is not None:
        d.px = picture_px
    title_slide(d, title, _date_text(date, lang), __version__)
    numbers_slide(d)
    map_slide(d)
    where_when_slides(d)
    types_slide(d)
    pairs_slides(d)
    bridges_slide(d)
    type_slides(d)
    case_slides(d)
    base.set_fonts(d.prs, lang)
    stamp = date if isinstance(date, dt.date) else None
    return base.package_bytes(d.prs, title=title, lang=lang, date=stamp)


def _default_title(lang: str) -> str:
    from ._glossary import term

    return term("map_title", lang)


def slides(
    net: Network,
    path: str | os.PathLike,
    *,
    title: str | None = None,
    lang: str = "ja",
    date: dt.date | str | None = None,
    overwrite: bool = False,
    seed: int = 0,
) -> Path:
    """Write a 16:9 PowerPoint deck of ``net``, ready to present and to edit.

    The slides: a title; the network in numbers (organisations, partnerships,
    cases, types, sectors, connected components); the map (:func:`coopnet.plot_map`);
    the six partnership types with the deck's one-line definitions
    (:func:`coopnet.type_summary`); which sectors work together, against chance
    (:func:`coopnet.pairs_above_chance`, a table) and the partnerships between
    sectors (:func:`coopnet.plot_pairs`); the organisations that bridge sectors
    (:func:`coopnet.bridges`, a table); one slide per partnership type, its map and
    its cases; and the case list (tables of about ten cases a slide).

    Tables and text are PowerPoint's own, so they can be edited; the pictures are
    PNG at twice the slide's resolution (3840 × 2160). Every text run names Meiryo
    (メイリオ) for Latin and East Asian script, so Japanese shows in the same font
    on any PowerPoint. Each slide's speaker notes say where its numbers come from.
    The same input gives the same bytes.

    Parameters
    ----------
    net : Network
    path : str or path-like
        The .pptx file to write.
    title : str, optional
        Title of the first slide (default: the network's name).
    lang : {"ja", "en"}, default "ja"
        Language of the slides, notes and pictures; English uses the
        organisations' and cases' ``name_en`` where given.
    date : datetime.date or str, optional
        Shown under the title and stored as the file's date; none by default
        (a date is never invented).
    overwrite : bool, default False
        Replace ``path`` if it exists.
    seed : int, default 0
        Seed of the map layouts and of the 1,000 random draws behind the sector
        pairs' p-values.

    Returns
    -------
    pathlib.Path
        The file written (atomically: never half a file).

    Examples
    --------
    >>> import tempfile, coopnet as cn
    >>> from pptx import Presentation
    >>> net = cn.load_sample().by_type("人事育成型")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = cn.slides(net, f"{d}/seminar.pptx")
    ...     deck = Presentation(out)
    >>> [slide.shapes.title.text for slide in deck.slides][1:3]
    ['数字で見るネットワーク', '協同組合間連携マップ']
    """
    check_network(net)
    overwrite = check_flag(overwrite, "overwrite")
    path = _check_path(path, overwrite)
    data = deck_bytes(net, title=title, lang=lang, seed=seed, date=date)
    _check_path(path, overwrite)  # again: something may have appeared meanwhile
    return atomic_write_bytes(path, data)
