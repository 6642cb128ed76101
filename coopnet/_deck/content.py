"""The slides of the deck, one function each, drawn on a shared :class:`Deck`."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from .. import prefectures, taxonomy
from .._glossary import term
from .._text import wrap
from ..network import Network
from . import base
from .base import GREY, MARGIN, SLIDE_W, Line
from .words import say

#: Picture size in pixels: twice PowerPoint's 1920 × 1080 slide.
PICTURE_PX = (3840, 2160)

_ROMAJI = {p.name: p.romaji for p in prefectures.PREFECTURES}


@dataclass
class Deck:
    """What every slide function needs: the network, the words, the presentation."""

    net: Network
    lang: str
    seed: int
    prs: object = field(default_factory=base.new_presentation)
    #: Results the caller already has (the report): ``"type_summary"``,
    #: ``"bridges"`` (with its defaults), and the pictures that the slides show as
    #: they are, ``"prefectures.png"`` and ``"timeline.png"`` (at ``px``).
    known: dict = field(default_factory=dict)
    #: Pixel size of the pictures drawn here.
    px: tuple[int, int] = PICTURE_PX

    # ----------------------------------------------------------- results
    def types(self) -> pd.DataFrame:
        """:func:`coopnet.type_summary` of the network, computed once."""
        if "type_summary" not in self.known:
            from ..groups import type_summary

            self.known["type_summary"] = type_summary(self.net)
        return self.known["type_summary"]

    # ------------------------------------------------------------- words
    def t(self, key: str) -> str:
        return term(key, self.lang)

    def heads(self, *keys: str) -> list[str]:
        """Column headings: the words of ``keys``, capitalised in English."""
        words = [self.t(k) if k else "" for k in keys]
        return [w[:1].upper() + w[1:] if self.lang == "en" else w for w in words]

    def sector(self, s: str) -> str:
        """A sector as the tables name it: its key in Japanese (JA, 生協, as in
        summary.md), its label in English."""
        return s if self.lang == "ja" else taxonomy.sector_label(s, "en")

    def ptype(self, t: str) -> str:
        return taxonomy.type_label(t, self.lang)

    def org_names(self) -> pd.Series:
        orgs = self.net.orgs
        if self.lang == "ja":
            return orgs["name"]
        en = orgs["name_en"].fillna("").astype(str).str.strip()
        return en.where(en != "", orgs["name"])

    def case_title(self, key: str, row) -> str:
        en = base.clean(row.get("name_en", ""), one_line=True)
        return en if self.lang == "en" and en else key

    def prefecture(self, value) -> str:
        parts = [p for p in base.clean(value).split("、") if p]
        if not parts:
            return say(self.lang, "na")
        if self.lang == "en":
            return ", ".join(_ROMAJI.get(p, p) for p in parts)
        return "、".join(parts)

    def year(self, value) -> str:
        return say(self.lang, "na") if pd.isna(value) else str(int(value))

    def count(self, n: int, word: str) -> str:
        """``n`` and its word: "3 事例" / "3 cases" (singular for 1 in English)."""
        text = self.t(word)
        if self.lang == "en" and n == 1:
            text = text.removesuffix("s")
        return f"{n:,} {text}"


def picture(fig, px: tuple[int, int] = PICTURE_PX) -> bytes:
    """``fig`` as a PNG of ``px`` pixels, 3840 × 2160 by default (closed afterwards)."""
    import matplotlib.pyplot as plt

    from ..plot import save_slide

    try:
        with tempfile.TemporaryDirectory(prefix="coopnet-deck-") as stage:
            path = save_slide(fig, Path(stage) / "picture.png", size=px)
            return Path(path).read_bytes()
    finally:
        plt.close(fig)


def picture_slide(d: Deck, title: str, png: bytes, notes: str, name: str) -> None:
    slide = base.add_slide(d.prs, title)
    top = base.CONTENT_TOP
    height = base.SLIDE_H - top - Inches(0.15)
    width = int(height * PICTURE_PX[0] / PICTURE_PX[1])
    base.add_picture(slide, png, int((SLIDE_W - width) / 2), top, width, name=name)
    base.set_notes(slide, notes)


def lede(slide, text: str) -> None:
    base.add_text(
        slide,
        MARGIN,
        Inches(1.2),
        SLIDE_W - 2 * MARGIN,
        Inches(0.7),
        [Line(text, size=15, color=GREY)],
        name="coopnet:lede",
    )


# ------------------------------------------------------------------ slides
def title_slide(d: Deck, title: str, date_text: str, version: str) -> None:
    s = d.net.summary()
    slide = d.prs.slides.add_slide(d.prs.slide_layouts[base.LAYOUT_TITLE])
    head, sub = slide.placeholders[0], slide.placeholders[1]
    head.left, head.top, head.width, head.height = (
        Inches(0.9),
        Inches(1.7),
        SLIDE_W - Inches(1.8),
        Inches(2.2),
    )
    sub.left, sub.top, sub.width, sub.height = (
        Inches(0.9),
        Inches(4.2),
        SLIDE_W - Inches(1.8),
        Inches(1.5),
    )
    frame = head.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    text = base.clean(title, one_line=True)
    size, width = (40, 22) if len(text) <= 44 else (30, 30)
    para = frame.paragraphs[0]
    para.text = wrap(text, d.lang, width=width).replace("\n", "\v")  # \v: a line break
    for run in para.runs:
        run.font.size = base.Pt(size)
        run.font.bold = True
        run.font.color.rgb = base.ACCENT
    parts = [
        d.count(int(s["cases"]), "cases"),
        d.count(int(s["organisations"]), "organisations"),
        d.count(int(s["partnerships"]), "partnerships"),
    ]
    lines = [say(d.lang, "subtitle", parts=("・" if d.lang == "ja" else ", ").join(parts))]
    if date_text:
        lines.append(date_text)
    frame = sub.text_frame
    frame.word_wrap = True
    for i, text in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = base.clean(text, one_line=True)
        run.font.size = base.Pt(20 if i == 0 else 18)
        run.font.color.rgb = GREY
    name = base.clean(d.net.name, one_line=True)
    data = say(d.lang, "data_named", name=name) if name else say(d.lang, "data_unnamed")
    base.set_notes(slide, say(d.lang, "title_notes", version=version, data=data, seed=d.seed))


def _case_source(d: Deck) -> str:
    return say(d.lang, "source_table" if d.net.has_case_table else "source_edges")


def cross_sector(net: Network) -> int:
    """Partnerships whose two organisations are in different sectors."""
    sector = net.orgs["sector"]
    e = net.edges
    a = sector.reindex(e["source"]).to_numpy()
    b = sector.reindex(e["target"]).to_numpy()
    return int((a != b).sum())


def numbers_slide(d: Deck) -> None:
    s = d.net.summary()
    n_sub = int((d.net.cases["parent"].fillna("") != "").sum())
    slide = base.add_slide(d.prs, d.t("deck_numbers"))
    tiles = [
        ("organisations", s["organisations"], ""),
        ("partnerships", s["partnerships"], ""),
        (
            "cases",
            s["cases"],
            say(d.lang, "sub_label", sub=d.t("sub_cases"), n=n_sub) if n_sub else "",
        ),
        ("types", s["types"], ""),
        ("sectors", s["sectors"], ""),
        ("components", s["components"], ""),
    ]
    width, height = Inches(3.9), Inches(2.05)
    gap = int((SLIDE_W - 2 * MARGIN - 3 * width) / 2)
    for i, (key, value, extra) in enumerate(tiles):
        row, col = divmod(i, 3)
        label, paren, rest = d.t(key).partition("（")
        lines = [
            Line(f"{int(value):,}", size=54, bold=True, color=base.ACCENT, space_after=0),
            Line(label, size=18, color=GREY, space_after=0),
        ]
        if paren:
            extra = paren + rest
        if extra:
            lines.append(Line(extra, size=13, color=GREY, space_after=0))
        base.add_text(
            slide,
            MARGIN + col * (width + gap),
            Inches(1.35) + row * (height + Inches(0.2)),
            width,
            height,
            lines,
            name=f"coopnet:number:{key}",
            anchor=MSO_ANCHOR.MIDDLE,
            align=PP_ALIGN.CENTER,
        )
    m = int(s["partnerships"])
    cross = cross_sector(d.net)
    line = say(
        d.lang,
        "cross_line",
        cross=d.t("cross_sector"),
        n=cross,
        share=f"{cross / m:.0%}" if m else say(d.lang, "na"),
        isolated=d.t("isolated"),
        k=s["isolated"],
    )
    base.add_text(
        slide,
        MARGIN,
        Inches(6.15),
        SLIDE_W - 2 * MARGIN,
        Inches(0.6),
        [Line(line, size=16, color=GREY)],
        name="coopnet:number:cross",
        align=PP_ALIGN.CENTER,
    )
    notes = say(d.lang, "numbers_notes", pairs=s["pairs"], case_source=_case_source(d), sub=n_sub)
    base.set_notes(slide, notes)


def map_slide(d: Deck) -> None:
    from ..plot import plot_map

    png = picture(plot_map(d.net, lang=d.lang, seed=d.seed, title="").figure, d.px)
    picture_slide(
        d, term("map_title", d.lang), png, say(d.lang, "map_notes", seed=d.seed), "coopnet:map"
    )


def types_table(d: Deck) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the six-types slide (from :func:`coopnet.type_summary`)."""
    table = d.types()
    header = d.heads("", "type", "definition", "cases", "partnerships", "organisations")
    rows = []
    for t, r in table.iterrows():
        cases = str(r["cases"]) + (f" (+{r['sub_cases']})" if r["sub_cases"] else "")
        definition = taxonomy.type_definition(t, d.lang) or say(d.lang, "na")
        rows.append(["", d.ptype(t), definition, cases, str(r["partnerships"]), str(r["orgs"])])
    return header, rows


def types_slide(d: Deck) -> None:
    slide = base.add_slide(d.prs, d.t("deck_types"))
    header, rows = types_table(d)
    shape = base.add_table(
        slide,
        MARGIN,
        Inches(1.35),
        header,
        rows,
        [0.18, 2.5, 6.5, 1.1, 1.0, 1.05] if d.lang == "ja" else [0.18, 2.05, 5.75, 0.8, 1.7, 1.85],
        name="coopnet:table:types",
        size=16 if d.lang == "ja" else 14,
        align="lllrrr",
        row_height=0.72,
    )
    for i, t in enumerate(d.types().index, start=1):
        cell = shape.table.cell(i, 0)
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(taxonomy.type_color(t).lstrip("#"))
    base.set_notes(slide, say(d.lang, "types_notes"))


def _case_entries(d: Deck, mine: pd.DataFrame, width_in: float, room: int) -> list[Line]:
    """The type slide's list of cases: as many as fit in ``room`` EMU, then a count."""
    lines = [Line(say(d.lang, "type_cases", n=len(mine)), size=15, bold=True, color=base.ACCENT)]
    used = Inches(0.4) + Pt(20)  # the heading, and the closing count
    for k, (key, row) in enumerate(mine.iterrows()):
        facts = [
            d.year(row["year"]),
            d.prefecture(row["prefecture"]),
            d.count(int(row["n_members"]), "organisations"),
        ]
        facts = [f for f in facts if f != say(d.lang, "na")]
        title = base.clean(d.case_title(key, row), one_line=True)
        tail = "　" + "・".join(facts) if d.lang == "ja" else " · " + " · ".join(facts)
        # the tail is set at 0.8 of the size: as wide as 0.8 of its characters
        n_lines = base.lines_needed(title + tail[: int(len(tail) * 0.8)], width_in, 12)
        need = Pt(n_lines * 12 * base.LINE_EM + 6)
        if used + need > room:
            lines.append(Line(say(d.lang, "type_more", n=len(mine) - k), size=11, color=GREY))
            break
        lines.append(Line(title, 12, True, space_after=6, tail=tail))
        used += need
    return lines


def type_slides(d: Deck) -> None:
    from ..plot import plot_map

    summary = d.types()
    for t in d.net.types:
        sub = d.net.by_type(t)
        label = d.ptype(t)
        if label != t:  # an English label, with the Japanese name after it
            label = say(d.lang, "type_title", label=label, ja=t)
        slide = base.add_slide(d.prs, f"{d.t('type')}：{label}" if d.lang == "ja" else label)
        lede(slide, taxonomy.type_definition(t, d.lang))
        png = picture(plot_map(sub, lang=d.lang, seed=d.seed, title="").figure, d.px)
        width = Inches(8.9)
        base.add_picture(slide, png, Inches(0.3), Inches(1.95), width, name=f"coopnet:type-map:{t}")
        mine = sub.cases
        lines = _case_entries(d, mine, 3.7, Inches(5.3))
        base.add_text(
            slide,
            Inches(9.35),
            Inches(1.95),
            Inches(3.7),
            Inches(5.3),
            lines,
            name=f"coopnet:type-cases:{t}",
        )
        r = summary.loc[t]
        notes = say(
            d.lang,
            "type_notes",
            type=t,
            seed=d.seed,
            cases=r["cases"],
            sub=r["sub_cases"],
            m=r["partnerships"],
            orgs=r["orgs"],
        )
        base.set_notes(slide, notes)
