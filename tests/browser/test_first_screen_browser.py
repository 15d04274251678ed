"""Map first: what the first screen shows before any scrolling, on a 1440x900 laptop and a 1280x720
projector (bounding boxes in the viewport, the page at its initial scroll position)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_map_browser import MAP_FRAME

LAPTOP, PROJECTOR = {"width": 1440, "height": 900}, {"width": 1280, "height": 720}


def visible_area(box: dict, size: dict) -> float:
    """Pixels of `box` inside the viewport."""
    width = min(box["x"] + box["width"], size["width"]) - max(box["x"], 0)
    height = min(box["y"] + box["height"], size["height"]) - max(box["y"], 0)
    return max(width, 0) * max(height, 0)


def fitted_box(page, locator, size: dict) -> dict:
    """The box once the element has stopped growing or moving (the map fits itself to the screen
    after what is above it has rendered)."""
    previous = None
    for _ in range(40):
        box = locator.bounding_box()
        if box == previous and box["y"] + box["height"] <= size["height"]:
            return box
        previous = box
        page.wait_for_timeout(150)
    return box


def open_map(page, url: str):
    """The map page once its map is drawn (a first visit to a fresh server may take a while)."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator('#map[data-status="ready"]')).to_be_attached(timeout=90_000)
    return frame


def test_the_map_fills_the_first_screen_with_its_legend_and_breadcrumbs_on_it(page, app_url):
    page.set_viewport_size(LAPTOP)
    frame = open_map(page, f"{app_url}/map?province=24&level=tambon")
    box = fitted_box(page, page.locator(MAP_FRAME).first, LAPTOP)
    share = visible_area(box, LAPTOP) / (LAPTOP["width"] * LAPTOP["height"])
    assert share >= 0.60, f"the map is {share:.0%} of the first screen at 1440x900"
    # Breadcrumbs and "up one level" live on the map; the options are one click away.
    expect(frame.locator(".atlas-crumbs button[aria-current]")).to_have_text("ฉะเชิงเทรา")
    expect(frame.get_by_role("button", name="↑ ขึ้นหนึ่งระดับ")).to_be_enabled()
    page.get_by_role("button", name="ตัวเลือก").click()
    expect(page.get_by_text("เปรียบเทียบ", exact=True).first).to_be_visible()
    page.keyboard.press("Escape")

    page.set_viewport_size(PROJECTOR)
    box = fitted_box(page, page.locator(MAP_FRAME).first, PROJECTOR)
    assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= PROJECTOR["width"], box
    legend = frame.locator(".atlas-legend").bounding_box()
    assert visible_area(legend, PROJECTOR) == legend["width"] * legend["height"], legend
    assert legend["y"] + legend["height"] <= box["y"] + box["height"]
    share = visible_area(box, PROJECTOR) / (PROJECTOR["width"] * PROJECTOR["height"])
    assert share >= 0.45, f"the map is {share:.0%} of the projector's screen"


def test_overview_and_poverty_show_their_headline_figures_and_map_above_the_fold(page, app_url):
    page.set_viewport_size(LAPTOP)
    map_frame = page.locator(MAP_FRAME).first
    open_map(page, f"{app_url}/overview?province=33&year=2566")
    cards = page.locator('[data-testid="stMetric"]')
    expect(cards.first).to_be_visible(timeout=60_000)
    box = fitted_box(page, map_frame, LAPTOP)
    assert box["y"] + box["height"] <= LAPTOP["height"], f"the overview map ends below the fold: {box}"
    for index in range(cards.count()):
        card = cards.nth(index).bounding_box()
        assert card["y"] + card["height"] <= LAPTOP["height"], f"headline card {index} below the fold"

    page.goto(f"{app_url}/poverty?province=33&year=2566")
    expect(page.get_by_role("heading", name=re.compile("ศรีสะเกษ · 2566"))).to_be_visible(timeout=60_000)
    cards = page.locator('[data-testid="stMetric"]')
    expect(cards.first).to_be_visible(timeout=60_000)
    for index in range(6):  # people surveyed, target poor, their rate, H, A, M0
        card = cards.nth(index).bounding_box()
        assert card["y"] + card["height"] <= LAPTOP["height"], f"poverty headline {index} below the fold"
