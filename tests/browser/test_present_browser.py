"""Presentation mode in the browser, offline: full screen without the sidebar, arrow keys and buttons
step through the slides, and the deck downloads as a PPTX of the same slides."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pptx import Presentation

from data_access import area_sets
from data_access.engine import make_engine


def idle(page) -> None:
    """Wait until the app has finished its rerun: a key press or click during one can be lost, as a
    button replaced by the rerun no longer answers."""
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    page.wait_for_timeout(300)


def press(page, key: str, slide, want: str) -> None:
    """Press `key` as a presenter does, with the page focused (a click on the slide first, as the
    projector's keyboard has the window's focus); once more if the app swallowed it mid-rerun."""
    idle(page)
    slide.click()
    page.keyboard.press(key)
    try:
        expect(slide).to_have_attribute("data-slide", want, timeout=5_000)
    except AssertionError:
        idle(page)
        page.keyboard.press(key)
        expect(slide).to_have_attribute("data-slide", want)


def test_present_the_mou_set_step_through_and_download_the_deck(page, app_url, browser_database):
    engine = make_engine(browser_database)
    sets = area_sets.list_sets(engine)
    set_id = int(sets.loc[sets["name"] == area_sets.MOU_SET_NAME, "id"].iloc[0])
    engine.dispose()
    page.goto(f"{app_url}/present?set={set_id}&year=2566")
    slide = page.locator("section.atlas-slide")
    expect(slide).to_have_attribute("data-slide", "1", timeout=60_000)
    expect(slide.locator("h1")).to_have_text(area_sets.MOU_SET_NAME)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    press(page, "ArrowRight", slide, "2")
    expect(slide.locator('img[src^="data:image/svg+xml"]')).to_have_count(1)  # the set's map, offline SVG
    idle(page)
    page.get_by_role("button", name=re.compile("ถัดไป")).click()
    expect(slide).to_have_attribute("data-slide", "3")
    expect(page).to_have_url(re.compile(r"slide=3"))
    press(page, "ArrowLeft", slide, "2")
    title_size = slide.locator("h1").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title_size >= 0.035 * slide.bounding_box()["width"]  # large type at any screen width
    idle(page)
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name=re.compile("PowerPoint")).click()
    download = download_info.value
    assert download.suggested_filename == f"tambon-atlas-set-{set_id}-2566.pptx"
    deck = Presentation(io.BytesIO(open(download.path(), "rb").read()))
    assert len(deck.slides) == 19
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
