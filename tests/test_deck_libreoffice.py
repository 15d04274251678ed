"""The deck the way a presenter opens it: the PPTX converted by LibreOffice Impress (headless), its pages
read back with their text positions. No text may run into another or off the slide, the tables carry
their own colours (not python-pptx's default blue style) and numbers sit right-aligned."""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from components.text import t
from data_access import area_sets
from data_access.scope import scope_figures, set_scope
from data_access.tambon_profiles import scope_profiles
from exports.deck_files import pptx_and_pdf
from exports.deck_pptx import NO_STYLE
from exports.slides import build_deck, profile_slide
from geo.assets import load_geometry
from tests.support.long_profile import CODE, long_name_profile

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def pptx(sqlite_engine) -> bytes:
    if SOFFICE is None or not shutil.which("pdftotext"):
        message = "LibreOffice Impress (apt-get install libreoffice-impress) and poppler-utils are needed"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    sets = area_sets.list_sets(sqlite_engine)
    set_id = int(sets.loc[sets["name"] == area_sets.MOU_SET_NAME, "id"].iloc[0])
    figures = scope_figures(sqlite_engine, set_scope(sqlite_engine, set_id), 2566)
    deck = build_deck(
        figures,
        load_geometry("tambon", "33"),
        lambda k, **v: t(k, "th", **v),
        "th",
        t("demo_mark", "th"),
        scope_profiles(sqlite_engine, figures),
    )
    # The tambon profile with the longest names, in both languages, and a public viewer's "<5".
    profiles, made_up = long_name_profile(hidden_per_1000=True)
    longest = [
        profile_slide(profiles, CODE, made_up, functools.partial(t, lang=lang), lang) for lang in ("th", "en")
    ]
    return pptx_and_pdf(replace(deck, slides=(*deck.slides, *longest)))[0]


@pytest.fixture(scope="module")
def impress_pages(pptx, tmp_path_factory) -> list[dict]:
    """Every page LibreOffice made of the PPTX: its size and the boxes of its text lines."""
    folder = tmp_path_factory.mktemp("impress")
    (folder / "deck.pptx").write_bytes(pptx)
    profile = folder / "profile"  # a profile of its own: no clash with a LibreOffice already running
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(folder / "deck.pptx")],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    subprocess.run(
        ["pdftotext", "-bbox-layout", str(folder / "deck.pdf"), str(folder / "deck.html")], check=True
    )
    pages = []
    for page in ET.parse(folder / "deck.html").getroot().iter(f"{XHTML}page"):
        lines = [
            (
                *(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
                " ".join(word.text or "" for word in line.iter(f"{XHTML}word")),
            )
            for line in page.iter(f"{XHTML}line")
        ]
        pages.append({"width": float(page.get("width")), "height": float(page.get("height")), "lines": lines})
    return pages


def overlapping(lines: list[tuple]) -> list[tuple[str, str]]:
    """Pairs of text lines drawn over each other (more than a quarter of the smaller line's height).

    pdftotext cuts one Thai line into pieces at some tone marks; pieces on the same line (the same top
    and bottom) are one line of text, not a clash."""
    found = []
    for i, (ax0, ay0, ax1, ay1, a) in enumerate(lines):
        for bx0, by0, bx1, by1, b in lines[i + 1 :]:
            if abs(ay0 - by0) < 1.5 and abs(ay1 - by1) < 1.5:
                continue
            width = min(ax1, bx1) - max(ax0, bx0)
            height = min(ay1, by1) - max(ay0, by0)
            if width > 2 and height > 0.25 * min(ay1 - ay0, by1 - by0):
                found.append((a, b))
    return found


def test_libreoffice_opens_every_slide(impress_pages, pptx):
    assert len(impress_pages) == len(Presentation(io.BytesIO(pptx)).slides)


def test_the_tambon_profiles_are_slides_with_their_strengths_and_problems(impress_pages):
    """A profile slide after each MOU tambon's own, and the long-named one whole: its names, a
    category's figures, the hidden per-1,000 figure and the longest BMN indicator all on the page."""
    # pdftotext cuts Thai words at some marks: compare without spaces
    texts = ["".join(line[4] for line in page["lines"]).replace(" ", "") for page in impress_pages]
    profiles = [i for i, text in enumerate(texts) if "จุดเด่นและปัญหา" in text]
    assert len(profiles) == 15 + 1 and profiles[:2] == [5, 7]  # slides 6 and 8: after each unit slide
    longest, english = texts[-2], texts[-1]
    for word in ("เฉลิมพระเกียรติสมเด็จพระศรีนครินทร์", "ผลิตภัณฑ์", "1,234", "23,456", "<5", "ฝึกอบรมอาชีพ"):
        assert word in longest, word
    assert "strengthsandproblems" in english and "vocationaltraining" in english


def test_no_text_runs_into_other_text_or_off_the_slide(impress_pages):
    problems = {}
    for number, page in enumerate(impress_pages, start=1):
        clashes = overlapping(page["lines"])
        outside = [
            text
            for x0, y0, x1, y1, text in page["lines"]
            if x0 < 0 or y0 < 0 or x1 > page["width"] + 1 or y1 > page["height"] + 1
        ]
        if clashes or outside:
            problems[number] = {"overlap": clashes, "off the slide": outside}
    assert problems == {}


def test_tables_have_their_own_style_and_numbers_right_aligned(pptx):
    tables = [
        shape.table
        for slide in Presentation(io.BytesIO(pptx)).slides
        for shape in slide.shapes
        if shape.has_table
    ]
    assert tables
    for table in tables:
        assert table._tbl.tblPr.find(qn("a:tableStyleId")).text == NO_STYLE
        for row in list(table.rows)[1:]:
            cells = list(row.cells)
            assert cells[0].text_frame.paragraphs[0].alignment in (None, PP_ALIGN.LEFT)
            assert {c.text_frame.paragraphs[0].alignment for c in cells[1:]} == {PP_ALIGN.RIGHT}
