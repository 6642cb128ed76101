"""A 16:9 python-pptx presentation with Japanese fonts, and its bytes, the same every time.

python-pptx names only the Latin font of a run (``a:latin``), so on a Japanese
PowerPoint the kana and kanji fall back to whatever the theme or the machine picks
(python-pptx issue #768). :func:`set_fonts` gives every run of every slide and note
the same family for Latin, East Asian and complex scripts (``a:latin``, ``a:ea``,
``a:cs``), and the theme's heading and body fonts name it too, so text a presenter
types later matches. :func:`package_bytes` fixes what python-pptx would stamp with
the time: the core properties and the zip entries' dates.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import pandas as pd
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

#: Meiryo (メイリオ) ships with every Japanese Windows since Vista and with Office
#: for Mac; it has Latin glyphs of its own, so one family serves every script.
FONT = "Meiryo"
SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in: PowerPoint's 16:9
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.3)
INK = RGBColor(0x22, 0x22, 0x22)
GREY = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5  # in python-pptx's default template
#: Line spacing of tables and lists, in lines. Meiryo's own line is tall (about
#: 1.5 em), so Japanese decks in it commonly tighten it a little.
SPACING = 0.9
#: The height of one such line in em, as PowerPoint sets Meiryo: what the tables'
#: and lists' page breaks are computed from (other fonts take less room).
LINE_EM = 1.5 * SPACING

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def clean(value, *, one_line: bool = False) -> str:
    """``value`` as text that can live in the XML: missing values empty, control
    characters dropped (python-pptx would show them as ``_x0007_``), and with
    ``one_line`` every line break a space."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if one_line:
        text = " ".join(text.split())
    return _CONTROL.sub("", text)


# ------------------------------------------------------------- presentation
def new_presentation() -> Presentation:
    """An empty 16:9 presentation whose master, layouts and theme fit it."""
    prs = Presentation()
    factor = SLIDE_W / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    # The default template is 4:3: widen its placeholders so that the layouts a
    # presenter adds later fill the 16:9 slide too.
    for element in [prs.slide_master.element, *(lay.element for lay in prs.slide_layouts)]:
        for xfrm in element.iter(qn("a:xfrm")):
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            if off is not None:
                off.set("x", str(round(int(off.get("x")) * factor)))
            if ext is not None:
                ext.set("cx", str(round(int(ext.get("cx")) * factor)))
    _theme_fonts(prs)
    return prs


def _theme_fonts(prs) -> None:
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for kind in ("a:majorFont", "a:minorFont"):
        for font in root.iter(qn(kind)):
            for script in ("a:latin", "a:ea", "a:cs"):
                node = font.find(qn(script))
                if node is not None:
                    node.set("typeface", FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_fonts(prs, lang: str) -> None:
    """Name :data:`FONT` for Latin, East Asian and complex script on every run (and
    paragraph end) of every slide and its notes, with the run's language."""
    parts = []
    for slide in prs.slides:
        parts.append(slide.element)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.element)
    for element in parts:
        for r in element.iter(qn("a:r")):
            text = "".join(r.itertext())
            _fonts_of(
                r.get_or_add_rPr(), "ja-JP" if lang == "ja" or _JAPANESE.search(text) else "en-US"
            )
        for end in element.iter(qn("a:endParaRPr")):
            _fonts_of(end, "ja-JP" if lang == "ja" else "en-US")


def _fonts_of(rPr, tag: str) -> None:
    for name in ("a:ea", "a:cs"):
        for old in rPr.findall(qn(name)):
            rPr.remove(old)
    latin = rPr.get_or_add_latin()
    latin.set("typeface", FONT)
    previous = latin
    for name in ("a:ea", "a:cs"):
        node = etree.SubElement(rPr, qn(name))
        node.set("typeface", FONT)
        previous.addnext(node)  # schema order: latin, ea, cs, then sym and links
        previous = node
    rPr.set("lang", tag)
    rPr.set("altLang", "en-US" if tag == "ja-JP" else "ja-JP")


# -------------------------------------------------------------------- text
@dataclass(frozen=True)
class Line:
    """One paragraph of a text box; ``tail`` follows ``text`` in smaller grey type."""

    text: str
    size: float = 18
    bold: bool = False
    color: RGBColor = INK
    space_after: float = 4
    tail: str = ""


def add_slide(prs, title: str, *, size: float = 28):
    """A new "Title Only" slide with ``title`` set left-aligned at the top."""
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top = MARGIN, Inches(0.3)
    shape.width, shape.height = SLIDE_W - 2 * MARGIN, Inches(0.85)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    run = para.add_run()
    run.text = clean(title, one_line=True)
    run.font.size = Pt(size if len(run.text) <= 40 else size * 0.8)
    run.font.bold = True
    run.font.color.rgb = ACCENT
    return slide


def add_text(
    slide, left, top, width, height, lines, *, name: str, anchor=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT
):
    """A text box of ``lines`` (:class:`Line` or str), wrapped within its width."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for i, line in enumerate(lines):
        line = line if isinstance(line, Line) else Line(line)
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.space_after = Pt(line.space_after)
        para.line_spacing = SPACING
        run = para.add_run()
        run.text = clean(line.text)
        run.font.size = Pt(line.size)
        run.font.bold = line.bold
        run.font.color.rgb = line.color
        if line.tail:
            run = para.add_run()
            run.text = clean(line.tail)
            run.font.size = Pt(line.size * 0.8)
            run.font.color.rgb = GREY
    return box


def set_notes(slide, text: str) -> None:
    """Speaker notes: ``text``, one paragraph per line."""
    frame = slide.notes_slide.notes_text_frame
    for i, line in enumerate(clean(text).split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line.strip()
        run.font.size = Pt(12)


# ------------------------------------------------------------------- tables
_CELL_MARGIN = 0.08  # inches, left and right of a table cell's text


def _width(text: str) -> int:
    """Half-width units: full-width and wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def lines_needed(text: str, width_in: float, size: float) -> int:
    """Lines ``text`` takes in a box ``width_in`` inches wide at ``size`` points: a
    half-width character taken as 0.56 em, with some slack for word breaks."""
    room = max((width_in - 2 * _CELL_MARGIN) * 72 / (size * 0.56), 1.0)
    return sum(max(1, math.ceil(_width(part) * 1.05 / room)) for part in text.split("\n"))


def row_height_of(cells, widths, size: float) -> int:
    """Height (EMU) of a table row holding ``cells`` in columns ``widths`` inches wide."""
    lines = max(lines_needed(clean(c), w, size) for c, w in zip(cells, widths, strict=True))
    return int(Pt(lines * size * LINE_EM + 2) + Inches(0.08))


def rows_that_fit(header, rows, widths, size: float, room: int) -> int:
    """How many of ``rows`` (at least one) fit below ``header`` within ``room`` EMU."""
    used = row_height_of(header, widths, size)
    for k, row in enumerate(rows):
        used += row_height_of(row, widths, size)
        if used > room:
            return max(k, 1)
    return len(rows)


def add_table(
    slide,
    left,
    top,
    header,
    rows,
    widths,
    *,
    name: str,
    size: float = 14,
    align: str = "",
    row_height: float | None = None,
):
    """A native (editable) table: a header row, then ``rows`` of text.

    ``widths`` are the column widths in inches; ``align`` one letter per column
    (``l``, ``r``, ``c``; default left). Rows are as tall as their wrapped text
    is estimated to need (PowerPoint grows a row that needs more); ``row_height``
    (inches) makes the body rows at least that tall.
    """
    n_rows, n_cols = len(rows) + 1, len(header)
    least = Inches(row_height) if row_height is not None else 0
    heights = [
        row_height_of(values, widths, size)
        if i == 0
        else max(row_height_of(values, widths, size), least)
        for i, values in enumerate([header, *rows])
    ]
    shape = slide.shapes.add_table(
        n_rows, n_cols, left, top, Inches(sum(widths)), Emu(sum(heights))
    )
    shape.name = name
    table = shape.table
    table.first_row, table.horz_banding = True, True
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i in range(n_rows):
        table.rows[i].height = Emu(heights[i])
    aligns = {"l": PP_ALIGN.LEFT, "r": PP_ALIGN.RIGHT, "c": PP_ALIGN.CENTER}
    for i, values in enumerate([header, *rows]):
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(0.08)
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame = cell.text_frame
            frame.word_wrap = True
            para = frame.paragraphs[0]
            para.line_spacing = SPACING
            para.alignment = aligns[align[j]] if j < len(align) else PP_ALIGN.LEFT
            text = clean(value)
            if text:
                run = para.add_run()
                run.text = text
                run.font.size = Pt(size)
                run.font.bold = i == 0
    return shape


def add_picture(slide, png: bytes, left, top, width, *, name: str):
    """A PNG at ``width``, its height from its own aspect ratio."""
    pic = slide.shapes.add_picture(io.BytesIO(png), left, top, width=width)
    pic.name = name
    return pic


# ------------------------------------------------------------------ package
def package_bytes(prs, *, title: str, lang: str, date: dt.date | None) -> bytes:
    """The .pptx file's bytes: the same presentation gives the same bytes.

    The core properties carry no clock time: ``created`` and ``modified`` are the
    given ``date`` (at midnight UTC), or absent without one; ``revision`` is 1 and
    nothing was printed. Every zip entry is dated 1980-01-01, the zip format's epoch.
    """
    props = prs.core_properties
    props.title = clean(title, one_line=True)
    props.author = props.last_modified_by = "coopnet"
    props.revision = 1
    props.language = "ja-JP" if lang == "ja" else "en-US"
    props.subject = props.keywords = props.comments = props.category = ""
    element = props._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for node in element.findall(qn(tag)):
            element.remove(node)
    if date is not None:
        stamp = dt.datetime(date.year, date.month, date.day)
        props.created = props.modified = stamp
    raw = io.BytesIO()
    prs.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
