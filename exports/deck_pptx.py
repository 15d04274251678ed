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

from exports.slides import Deck, Slide, Table
from exports.style import ACCENT, BAND, BETTER, INK, MUTED, PAPER, THAI_FONT, WORSE

PX = 9525  # EMU per CSS pixel: a 1280 x 720 px slide is PowerPoint's 13.333 x 7.5 in
TONES = {"worse": WORSE, "better": BETTER, "": MUTED}
CARD_LABEL_PX = 50  # two lines of a 15 pt label
TABLE_WIDTH_PX, TABLE_FIRST_PX = 640, 250
PROFILE_FIRST_PX, CAPTION_PX = 360, 30  # a profile's first column: a category or BMN indicator name
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
        _text(page, slide.title, 56, 30, 1060, 70, _fitted(slide.title, 1060, 38, 18), ACCENT, bold=True)
        if slide.subtitle:
            _text(page, slide.subtitle, 56, 100, 1168, 44, _fitted(slide.subtitle, 1168, 20, 12), MUTED)
        if slide.numbers:
            _cards(page, slide)
        if slide.table is not None:
            _table(page, slide.table, 56, 160, TABLE_WIDTH_PX, TABLE_FIRST_PX)
        if slide.tables:
            _stacked_tables(page, slide.tables)
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


def _stacked_tables(page, tables: tuple[Table, ...], top: int = 150, bottom: int = 664) -> None:
    """Tables one under the other, each under its caption, in the largest type (names 13/12/11 pt,
    numbers two points larger) at which all of them end above the footer."""
    for small in (13, 12, 11):
        height = sum(CAPTION_PX + sum(_row_heights(t, 1168, PROFILE_FIRST_PX, small)) + 12 for t in tables)
        if top + height <= bottom:
            break
    for part in tables:
        _text(page, part.caption, 56, top, 1168, CAPTION_PX, small + 1, ACCENT, bold=True)
        top = _table(page, part, 56, top + CAPTION_PX, 1168, PROFILE_FIRST_PX, small) + 12


def _widths(width: int, first: int, cols: int) -> list[int]:
    return [first] + [int((width - first) / (cols - 1))] * (cols - 1)


def _sizes(row: int, cols: int, small: int) -> list[int]:
    """Names and the header in the small type, numbers two points larger."""
    return [small if c == 0 or row == 0 else small + 2 for c in range(cols)]


def _row_heights(model: Table, width: int, first: int, small: int) -> list[int]:
    """Each row as tall as its tallest cell's lines."""
    cols = len(model.header)
    widths = _widths(width, first, cols)
    return [
        int(max(_lines(x, w, size) * size for x, w, size in zip(row, widths, _sizes(r, cols, small)))
            * LINE_PX_PER_PT + 16)
        for r, row in enumerate([model.header, *model.rows])
    ]  # fmt: skip


def _table(page, model: Table, left: int, top: int, width: int, first: int, small: int = 13) -> int:
    """A comparison table with its own fills (python-pptx's default style is a blue one under which
    our brown header text is hard to read), numbers right-aligned, rows as tall as their text;
    returns where its bottom is (px)."""
    rows, cols = len(model.rows) + 1, len(model.header)
    widths = _widths(width, first, cols)
    shape = page.shapes.add_table(
        rows, cols, Emu(left * PX), Emu(top * PX), Emu(width * PX), Emu(rows * 48 * PX)
    )
    _plain_style(shape)
    table = shape.table
    for c, column_width in enumerate(widths):
        table.columns[c].width = Emu(column_width * PX)
    heights = _row_heights(model, width, first, small)
    for r, row in enumerate([model.header, *model.rows]):
        sizes = _sizes(r, cols, small)
        table.rows[r].height = Emu(heights[r] * PX)
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
    return top + sum(heights)


def _fitted(text: str, width_px: int, size_pt: float, smallest: float) -> float:
    """The type size at which `text` keeps to one line of its box, down to `smallest`, where two
    lines fit the box (a long tambon name in a title would otherwise wrap into the line below)."""
    while size_pt > smallest and _lines(text, width_px, size_pt) > 1:
        size_pt -= 2
    return max(size_pt, smallest)


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
    """Lines `text` takes in a cell `width_px` wide: marks above and below Thai letters take no width;
    a margin for words that do not break where the average says (and wider Latin letters)."""
    letters = sum(1 for ch in text if unicodedata.category(ch) != "Mn")
    per_line = max(1, int((width_px - 14) * 0.85 / (size_pt * CHAR_PX_PER_PT)))
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
