"""Map first: what the first screen shows before any scrolling, on a 1440x900 laptop and a 1280x720
projector (bounding boxes in the viewport, the page at its initial scroll position)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_map_browser import MAP_FRAME, point_at

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


# When each part of the page first appears (browser clock, ms since the epoch): the main document only.
FIRSTS = """
if (window === window.top) {
  window.__firsts = {};
  const parts = {
    frame: 'iframe[title="components.shared.map_component.atlas_map"]',
    sidebar: '[data-testid="stSidebar"] [data-testid="stPageLink"]',
    options: '[data-testid="stPopover"] button',
  };
  new MutationObserver(function () {
    const now = performance.timeOrigin + performance.now();
    for (const [name, selector] of Object.entries(parts)) {
      if (!window.__firsts[name] && document.querySelector(selector)) window.__firsts[name] = now;
    }
    // Where the map's frame stood, once laid out, before the controls row above it came.
    const frame = document.querySelector(parts.frame);
    const box = frame && frame.getBoundingClientRect();
    if (box && box.height > 0 && !window.__firsts.options) {
      window.__frameAlone = [box.left, box.top, box.width];
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}
"""


def _answers_sent(page) -> list[float]:
    """When the map frame told the server it had drawn (POST /_atlas/frame/<token>), ms since the epoch."""
    frame = next(f for f in page.frames if "atlas_map" in f.url)
    return frame.evaluate(
        """() => performance.getEntriesByType("resource")
            .filter(e => e.name.includes("/_atlas/frame/"))
            .map(e => performance.timeOrigin + e.startTime)"""
    )


def test_a_new_map_frame_is_drawn_before_the_rest_of_the_page_which_then_all_arrives(page, app_url):
    """components.shared.frame_ready: the run holds the sidebar and controls until the new map frame
    answers, once per new frame; a change on the same map posts nothing and waits for nothing."""
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if "/_atlas/frame/" in r.url else None)
    page.add_init_script(FIRSTS)
    frame = open_map(page, f"{app_url}/map?province=24&level=amphoe")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("link", name="ตารางข้อมูล")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("button", name="ตัวเลือก")).to_be_visible()
    firsts = page.evaluate("window.__firsts")
    (answered,) = _answers_sent(page)
    assert firsts["frame"] < answered < firsts["sidebar"], firsts | {"answered": answered}
    assert answered < firsts["options"], "the controls row waits for the map as well"
    assert len(posts) == 1
    # The space for the title, the controls and the sidebar was kept: the map did not move or narrow
    # when they came (a person pointing at it as it appears points at the same place after).
    alone = page.evaluate("window.__frameAlone")
    box = fitted_box(page, page.locator(MAP_FRAME).first, page.viewport_size)
    settled = [box["x"], box["y"], box["width"]]
    assert alone is not None and all(abs(a - b) <= 1 for a, b in zip(alone, settled)), (alone, settled)

    # The same map, another view: the frame stays, so nothing is posted and nothing waits.
    page.mouse.move(*point_at(page, "2403"))
    page.mouse.click(*point_at(page, "2403"))
    expect(page).to_have_url(re.compile(r"amphoe=2403"), timeout=30_000)
    expect(frame.locator("#map")).not_to_have_attribute("data-drawn", "11")
    page.wait_for_timeout(500)
    assert len(posts) == 1

    # Another page and back by the sidebar: a new frame, answered once more, and the page is whole.
    sidebar.get_by_role("link", name="ตัวชี้วัด", exact=True).click()
    expect(page).to_have_url(re.compile(r"/indicators"), timeout=30_000)
    expect(page.locator(MAP_FRAME)).to_have_count(0, timeout=30_000)
    sidebar.get_by_role("link", name="แผนที่", exact=True).click()
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator('#map[data-status="ready"]')).to_be_attached(timeout=30_000)
    expect(sidebar.get_by_role("link", name="ตารางข้อมูล")).to_be_visible()
    expect(page.get_by_role("button", name="ตัวเลือก")).to_be_visible()
    for _ in range(40):
        if len(posts) == 2:
            break
        page.wait_for_timeout(100)
    assert len(posts) == 2
