"""The MOU deck: one slide model, read back from the PPTX and the PDF it produces (slide count, Thai
text, embedded pictures, the Thai font on every run), a PDF page rendered by pdftoppm that is not
blank, and the colour contrast of every text on the slides."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
from PIL import Image, ImageStat
from pptx import Presentation
from pptx.oxml.ns import qn

from components.text import t
from data_access import area_sets
from data_access.scope import scope_figures, set_scope
from data_access.tambon_profiles import scope_profiles
from exports.chromium import CHROMIUM
from exports.deck_files import figure_png, pptx_and_pdf
from exports.slides import build_deck
from exports.style import MIN_CONTRAST, TEXT_PAIRS, THAI_FONT, contrast_ratio
from geo.assets import load_geometry

pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM) or not shutil.which("pdftoppm"),
    reason="needs /usr/bin/chromium and poppler-utils (pdftoppm, pdftotext)",
)
EXPECTED_SLIDES = (
    4 + 2 * 15
)  # title, map, headline figures, dimensions; per MOU tambon its own and its profile


@pytest.fixture(scope="module")
def mou_deck(sqlite_engine):
    sets = area_sets.list_sets(sqlite_engine)
    set_id = int(sets.loc[sets["name"] == area_sets.MOU_SET_NAME, "id"].iloc[0])
    figures = scope_figures(sqlite_engine, set_scope(sqlite_engine, set_id), 2566)
    geometry = load_geometry("tambon", "33")
    profiles = scope_profiles(sqlite_engine, figures)
    return build_deck(figures, geometry, lambda k, **v: t(k, "th", **v), "th", t("demo_mark", "th"), profiles)


@pytest.fixture(scope="module")
def files(mou_deck):
    return pptx_and_pdf(mou_deck)


def test_deck_has_the_slides_the_issue_lists(mou_deck):
    kinds = [s.kind for s in mou_deck.slides]
    assert kinds[:4] == ["title", "map", "headline", "dimensions"] and kinds[4:] == ["unit", "profile"] * 15
    assert {s.title for s in mou_deck.slides[4::2]} == {f"ตำบล{n}" for n in area_sets.MOU_TAMBON_NAMES}
    for unit, profile in zip(mou_deck.slides[4::2], mou_deck.slides[5::2]):
        assert profile.title == f"{unit.title}: จุดเด่นและปัญหา" and len(profile.tables) == 2
    assert len(mou_deck.slides[1].map.areas) >= 15
    assert mou_deck.demo_mark.startswith("ข้อมูลสาธิต")


def test_pptx_holds_editable_thai_text_in_a_thai_font_and_pictures(files, mou_deck):
    pptx, _ = files
    presentation = Presentation(io.BytesIO(pptx))
    assert len(presentation.slides) == EXPECTED_SLIDES
    texts = [
        shape.text_frame.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert mou_deck.title in texts and "ตำบลหนองไผ่" in texts and any("ข้อมูลสาธิต" in x for x in texts)
    pictures = [s for slide in presentation.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 2 + 15  # map, dimension chart, a locator map per tambon
    assert all(p.image.content_type == "image/png" and len(p.image.blob) > 5000 for p in pictures)
    runs = [r for slide in presentation.slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs for r in p.runs]  # fmt: skip
    for run in runs:
        properties = run._r.find(qn("a:rPr"))
        assert {properties.find(qn(tag)).get("typeface") for tag in ("a:latin", "a:ea", "a:cs")} == {
            THAI_FONT
        }
    tables = [s for slide in presentation.slides for s in slide.shapes if s.has_table]
    assert len(tables) == 15 * 3 and tables[0].table.cell(1, 0).text == "ร้อยละคนจนเป้าหมาย"
    assert tables[1].table.cell(0, 0).text == "หมวดข้อมูลชุมชน"  # a profile's strengths, then its problems


def test_pdf_has_a_page_per_slide_with_shaped_thai_text_and_pictures(files, tmp_path):
    _, pdf = files
    path = tmp_path / "deck.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(rf"^Pages:\s+{EXPECTED_SLIDES}$", info, re.MULTILINE)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Extracted text keeps the vowels and tone marks in order only when they were shaped as Thai.
    for word in ("หนองไผ่", "น้ำคำ", "หญ้าปล้อง", "ตัวเลขสำคัญ", "คนจนเป้าหมายรายมิติ", "ข้อมูลสาธิต", "จุดเด่นและปัญหา"):
        assert word in text
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) - 2 >= 17
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "2", "-l", "2", str(path), str(tmp_path / "p")], check=True
    )
    (page,) = tmp_path.glob("p*.png")
    image = Image.open(page).convert("RGB")
    assert image.size[0] > image.size[1]
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50 and max(ImageStat.Stat(image).stddev) > 20  # a map, not an empty page


def test_png_of_a_map_has_title_legend_source_and_demo_mark(mou_deck):
    png = figure_png(mou_deck, 1)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] > 1000
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20


@pytest.mark.parametrize("name", sorted(TEXT_PAIRS))
def test_slide_text_contrast_is_readable_on_a_projector(name):
    foreground, background = TEXT_PAIRS[name]
    assert contrast_ratio(foreground, background) >= MIN_CONTRAST
