"""Presentation mode in the browser, offline: full screen without the sidebar, the deck stepped in the
browser (fast key presses all land, under 50 ms a step), the link following the slide, and the deck
downloading as a PPTX of the same slides."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pptx import Presentation

from data_access import area_sets
from data_access.engine import make_engine

SLIDES = 4 + 2 * 15  # title, map, figures, dimensions; each MOU tambon's slide and its profile


def idle(page) -> None:
    """Wait until the app has finished its rerun."""
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    page.wait_for_timeout(300)


def test_present_the_mou_set_step_fast_and_download_the_deck(page, app_url, browser_database):
    engine = make_engine(browser_database)
    sets = area_sets.list_sets(engine)
    set_id = int(sets.loc[sets["name"] == area_sets.MOU_SET_NAME, "id"].iloc[0])
    engine.dispose()
    page.goto(f"{app_url}/present?set={set_id}&year=2566")
    frame = page.frame_locator('iframe[src*="atlas_present"]')
    deck = frame.locator("#deck")
    expect(deck).to_have_attribute("data-status", "ready", timeout=60_000)
    slide = frame.locator("section.atlas-slide.current")
    expect(slide).to_have_attribute("data-slide", "1")
    expect(slide.locator("h1")).to_have_text(area_sets.MOU_SET_NAME)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    idle(page)

    # A presenter's burst of presses, on the page around the slide and without waiting: every one lands.
    page.mouse.click(5, 5)
    for key in ("ArrowRight", "ArrowRight", "PageDown", " ", "ArrowRight", "ArrowRight", "ArrowLeft"):
        page.keyboard.press(key)
    expect(slide).to_have_attribute("data-slide", "6", timeout=2_000)
    expect(page).to_have_url(re.compile(r"slide=6"), timeout=15_000)  # the link follows, once
    page.keyboard.press("Home")
    expect(slide).to_have_attribute("data-slide", "1")
    page.keyboard.press("End")
    expect(slide).to_have_attribute("data-slide", str(SLIDES))
    frame.locator("#prev").click()
    expect(slide).to_have_attribute("data-slide", str(SLIDES - 1))

    # Stepping is a class change in the browser: timed over many steps.
    per_step_ms = frame.locator("#deck").evaluate(
        """() => { const p = window.atlasPresent, t0 = performance.now();
                   for (let i = 0; i < 40; i++) p.step(i % 2 ? -1 : 1);
                   return (performance.now() - t0) / 40; }"""
    )
    assert per_step_ms < 50
    # Slide 6: the first tambon's profile, after its own slide: strengths with their counts, problems.
    frame.locator("#deck").evaluate("() => window.atlasPresent.show(6)")
    expect(slide).to_have_class(re.compile("s-profile"))
    expect(slide.locator("h1")).to_have_text(re.compile(r"^ตำบล.+: จุดเด่นและปัญหา$"))
    strengths, problems = slide.locator("table").all()
    expect(strengths.locator("th").first).to_have_text("หมวดข้อมูลชุมชน")
    expect(strengths.locator("th").last).to_have_text("LQ")
    first = strengths.locator("tbody tr").first.locator("td").all_inner_texts()
    assert first[0] and (first[1:] == ["", "", "", "", ""] or re.fullmatch(r"\d+\.\d\d", first[-1]))
    expect(problems.locator("th").nth(2)).to_have_text("จังหวัด")
    expect(slide.locator(".s-demo")).to_contain_text("ข้อมูลสาธิต")
    frame.locator("#deck").evaluate("() => window.atlasPresent.show(2)")
    expect(slide.locator('img[src^="data:image/svg+xml"]')).to_have_count(1)  # the set's map, offline SVG
    title_size = slide.locator("h1").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title_size >= 0.035 * slide.bounding_box()["width"]  # large type at any screen width

    # A reload opens the slide of the link.
    expect(page).to_have_url(re.compile(r"slide=2"), timeout=15_000)
    page.reload()
    expect(
        page.frame_locator('iframe[src*="atlas_present"]').locator("section.atlas-slide.current")
    ).to_have_attribute("data-slide", "2", timeout=60_000)
    idle(page)
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name=re.compile("PowerPoint")).click()
    download = download_info.value
    assert download.suggested_filename == f"tambon-atlas-set-{set_id}-2566.pptx"
    deck = Presentation(io.BytesIO(open(download.path(), "rb").read()))
    assert len(deck.slides) == SLIDES
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
