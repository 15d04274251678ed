"""The deck as PowerPoint: every text an editable text box or table in a Thai font, maps and charts as
the PNG pictures the PDF also shows.

The font is set for Latin, East Asian and complex scripts (`a:latin`, `a:ea`, `a:cs`): PowerPoint
picks the complex-script font for Thai, so setting only the Latin name would leave Thai in its default.
"""

from __future__ import annotations

import io
import math
import unicodedata

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from exports.slides import Deck, Slide
from exports.style import ACCENT, BAND, BETTER, INK, MUTED, PAPER, THAI_FONT, WORSE

PX = 9525  # EMU per CSS pixel: a 1280 x 720 px slide is PowerPoint's 13.333 x 7.5 in
TONES = {"worse": WORSE, "better": BETTER, "": MUTED}
CARD_LABEL_PX = 50  # two lines of a 15 pt label
TABLE_WIDTH_PX, TABLE_FIRST_PX = 640, 250
NO_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # PowerPoint's built-in "No Style, No Grid"
LINE_PX_PER_PT = 1.333 * 1.3  # a line of Noto Sans Thai, in px per point of type
CHAR_PX_PER_PT = 1.333 * 0.56  # an average letter's advance, in px per point


def deck_pptx(deck: Deck, pictures: dict[int, bytes]) -> bytes:
    """The PPTX file; `pictures[i]` is the PNG of slide i's map or chart."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(1280 * PX), Emu(720 * PX)
    blank = presentation.slide_layouts[6]
    for index, slide in enumerate(deck.slides):
        page = presentation.slides.add_slide(blank)
        _frame(page, deck, index)
        if slide.kind == "title":
            _text(page, slide.title, 56, 200, 1168, 120, 60, ACCENT, bold=True)
            _text(page, slide.subtitle, 56, 330, 1168, 60, 32, MUTED)
            for row, number in enumerate(slide.numbers):
                _text(page, f"{number.label}: {number.value}", 56, 420 + row * 54, 1168, 50, 26, INK)
            continue
        _text(page, slide.title, 56, 30, 1060, 70, 38, ACCENT, bold=True)
        if slide.subtitle:
            _text(page, slide.subtitle, 56, 100, 1168, 44, 20, MUTED)
        if slide.numbers:
            _cards(page, slide)
        if slide.table is not None:
            _table(page, slide)
        if index in pictures:
            left, top, width, height = (
                (720, 160, 504, 480) if slide.table is not None else (56, 160, 1168, 490)
            )
            _picture(page, pictures[index], left, top, width, height)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _frame(page, deck: Deck, index: int) -> None:
    _text(page, deck.footer, 56, 676, 1000, 30, 10, MUTED)
    _text(page, f"{index + 1} / {len(deck.slides)}", 1100, 676, 124, 30, 12, MUTED, align_right=True)
    if deck.demo_mark:
        box = _text(page, deck.demo_mark, 800, 0, 424, 34, 14, ACCENT, bold=True, align_right=True)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(BAND[1:])


def _cards(page, slide: Slide) -> None:
    """Three cards a row, 160 px apart: a label of up to two lines, the value under it, the change."""
    for i, number in enumerate(slide.numbers):
        left, top = 56 + (i % 3) * 392, 160 + (i // 3) * 160
        _text(page, number.label, left, top, 372, CARD_LABEL_PX, 15, MUTED)
        _text(page, number.value, left, top + CARD_LABEL_PX, 372, 56, 30, INK, bold=True)
        if number.change:
            _text(page, number.change, left, top + CARD_LABEL_PX + 56, 372, 34, 14, TONES[number.tone])


def _table(page, slide: Slide) -> None:
    """The comparison table with its own fills (python-pptx's default style is a blue one under which
    our brown header text is hard to read), numbers right-aligned, rows as tall as their text."""
    rows, cols = len(slide.table.rows) + 1, len(slide.table.header)
    widths = [TABLE_FIRST_PX] + [int((TABLE_WIDTH_PX - TABLE_FIRST_PX) / (cols - 1))] * (cols - 1)
    shape = page.shapes.add_table(
        rows, cols, Emu(56 * PX), Emu(160 * PX), Emu(TABLE_WIDTH_PX * PX), Emu(rows * 48 * PX)
    )
    _plain_style(shape)
    table = shape.table
    for c, width in enumerate(widths):
        table.columns[c].width = Emu(width * PX)
    for r, row in enumerate([slide.table.header, *slide.table.rows]):
        sizes = [13 if c == 0 or r == 0 else 15 for c in range(cols)]
        lines = max(_lines(text, width, size) for text, width, size in zip(row, widths, sizes))
        table.rows[r].height = Emu(int(lines * sizes[0] * LINE_PX_PER_PT + 16) * PX)
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string((BAND if r == 0 else PAPER)[1:])
            cell.margin_left = cell.margin_right = Emu(7 * PX)
            cell.text = ""
            paragraph = cell.text_frame.paragraphs[0]
            cell.text_frame.word_wrap = True
            if c > 0:
                paragraph.alignment = PP_ALIGN.RIGHT
            run = paragraph.add_run()
            run.text = value
            _font(run, sizes[c], INK if r else ACCENT, bold=r == 0 or c == 1)


def _plain_style(shape) -> None:
    """No table style ("No Style, No Grid"): every fill and colour comes from us."""
    properties = shape._element.graphic.graphicData.tbl.tblPr
    properties.set("bandRow", "0")
    properties.set("firstRow", "0")
    style = properties.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(properties, qn("a:tableStyleId"))
    style.text = NO_STYLE


def _lines(text: str, width_px: int, size_pt: float) -> int:
    """Lines `text` takes in a cell `width_px` wide: marks above and below Thai letters take no width."""
    letters = sum(1 for ch in text if unicodedata.category(ch) != "Mn")
    per_line = max(1, int((width_px - 14) / (size_pt * CHAR_PX_PER_PT)))
    return max(1, math.ceil(letters / per_line))


def _picture(page, png: bytes, left: int, top: int, width: int, height: int) -> None:
    """The picture fitted into the box, keeping its proportions."""
    picture = page.shapes.add_picture(io.BytesIO(png), Emu(left * PX), Emu(top * PX))
    scale = min(width * PX / picture.width, height * PX / picture.height)
    picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)


def _text(page, text, left, top, width, height, size, color, bold=False, align_right=False):
    box = page.shapes.add_textbox(Emu(left * PX), Emu(top * PX), Emu(width * PX), Emu(height * PX))
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    if align_right:
        paragraph.alignment = PP_ALIGN.RIGHT
    run = paragraph.add_run()
    run.text = text
    _font(run, size, color, bold)
    return box


def _font(run, size: float, color: str, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor.from_string(color[1:])
    run.font.name = THAI_FONT  # a:latin
    properties = run._r.get_or_add_rPr()
    properties.set("lang", "th-TH")
    latin = properties.find(qn("a:latin"))
    previous = latin
    for tag in ("a:ea", "a:cs"):
        element = properties.find(qn(tag))
        if element is None:
            element = etree.SubElement(properties, qn(tag))
            previous.addnext(element)
        element.set("typeface", THAI_FONT)
        previous = element
