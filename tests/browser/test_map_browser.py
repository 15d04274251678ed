"""The map as a person uses it: draw, hover, click to drill, copy the link, reload."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import text

from data_access.engine import make_engine
from tests.browser.conftest import guarded_page
from tests.support.app_server import running_app

MAP_FRAME = 'iframe[title="components.shared.map_component.atlas_map"]'


def open_map(page, url: str):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator('#map[data-status="ready"]')).to_be_attached(timeout=30_000)
    return frame


def point_at(page, code: str) -> tuple[float, float]:
    """Page coordinates of a point inside area `code` on the map (its label point)."""
    frame = next(f for f in page.frames if "atlas_map" in f.url)
    inside = frame.evaluate("code => window.atlasMap.pointOf(code)", code)
    box = page.locator(MAP_FRAME).first.bounding_box()
    return box["x"] + inside["x"], box["y"] + inside["y"]


def codes_on_map(page) -> list[str]:
    frame = next(f for f in page.frames if "atlas_map" in f.url)
    return frame.evaluate("() => window.atlasMap.codes()")


def test_chachoengsao_tambon_level_draws_93_polygons_with_thai_hover(page, app_url):
    frame = open_map(page, f"{app_url}/map?province=24&level=tambon")
    expect(frame.locator("#map")).to_have_attribute("data-drawn", "93")
    polygons = frame.locator("path.leaflet-interactive")
    expect(polygons).to_have_count(93)
    page.mouse.move(*point_at(page, "240105"))
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_be_visible()
    assert re.search(r"[\u0E00-\u0E7F]", tooltip.inner_text()), "the tooltip should start with a Thai name"
    expect(tooltip).to_contain_text("ตัวตั้ง / ตัวหาร")
    expect(frame.locator(".atlas-legend")).to_contain_text("ไม่มีข้อมูล")


def test_clicking_an_amphoe_drills_in_updates_the_url_and_the_link_restores_the_view(
    page, app_url, browser_database
):
    frame = open_map(page, f"{app_url}/map?province=24&level=amphoe")
    expect(frame.locator("#map")).to_have_attribute("data-drawn", "11")
    amphoe = "2403"
    page.mouse.move(*point_at(page, amphoe))
    name = frame.locator(".leaflet-tooltip b").first.inner_text()
    page.mouse.click(*point_at(page, amphoe))
    expect(page).to_have_url(re.compile(f"amphoe={amphoe}"))
    with make_engine(browser_database).connect() as conn:
        tambons = conn.execute(
            text("SELECT COUNT(*) FROM area WHERE parent_code = :amphoe"), {"amphoe": amphoe}
        ).scalar_one()
        thai_name = conn.execute(text("SELECT name_th FROM area WHERE code = :c"), {"c": amphoe}).scalar_one()
    assert name == thai_name
    expect(frame.locator("#map")).to_have_attribute("data-drawn", str(tambons))
    # The breadcrumbs are on the map: the amphoe is the current one.
    expect(frame.locator(".atlas-crumbs button[aria-current]")).to_have_text(thai_name)

    # Copy the link into a fresh page: the same drilled view comes back.
    fresh = page.context.new_page()
    fresh_frame = open_map(fresh, page.url)
    expect(fresh_frame.locator("#map")).to_have_attribute("data-drawn", str(tambons))
    assert f"amphoe={amphoe}" in fresh.url
    expect(fresh_frame.locator(".atlas-crumbs button[aria-current]")).to_have_text(thai_name)
    # The province's breadcrumb on the map climbs back to its amphoe.
    fresh_frame.locator(".atlas-crumbs button", has_text="ฉะเชิงเทรา").click()
    expect(fresh).not_to_have_url(re.compile("amphoe="))
    expect(fresh_frame.locator("#map")).to_have_attribute("data-drawn", "11")


def test_invalid_map_parameters_fall_back_with_a_visible_notice(page, app_url):
    open_map(page, f"{app_url}/map?province=24&level=village&indicator=nope&year=1999")
    for name in ("level=village", "indicator=nope", "year=1999"):
        expect(page.locator('[data-testid="stAlert"]', has_text=name)).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_english_map_shows_english_names_first(page, app_url):
    frame = open_map(page, f"{app_url}/map?province=33&amphoe=3301&lang=en")
    page.mouse.move(*point_at(page, codes_on_map(page)[0]))
    first_line = frame.locator(".leaflet-tooltip b").first.inner_text()
    assert re.fullmatch(r"[A-Za-z .'-]+", first_line), first_line
    expect(frame.locator(".atlas-legend")).to_contain_text("No data")


def test_a_map_link_as_the_first_request_after_start_still_gets_the_frame(browser, browser_database):
    """Streamlit would run pages/map.py directly (no app.py: no frame, no language) for the first
    request after the server starts; serve.py switches that legacy mode off."""
    with running_app(browser_database) as base, guarded_page(browser) as page:
        frame = open_map(page, f"{base}/map?province=33&amphoe=3301&lang=en")
        expect(page.locator("h1").first).to_have_text("Indicator map")
        expect(page.locator(".atlas-demo-banner")).to_be_visible()
        expect(frame.locator(".atlas-legend")).to_contain_text("No data")


def test_the_map_downloads_as_a_png_with_its_legend(page, app_url):
    open_map(page, f"{app_url}/map?province=24&level=tambon")
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("button", name="ดาวน์โหลดภาพ PNG").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 800 and height > 500  # a card with title, map, legend and source, at twice CSS size
    from PIL import Image  # Pillow comes with python-pptx

    colours = Image.open(download.path()).convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the picture should not be blank"


def test_the_map_travels_as_one_html_file_that_works_offline(page, app_url, browser, tmp_path):
    """Download the map as HTML, then open the file from disk in a browser with no network at all:
    the polygons draw and hovering a tambon shows its Thai name."""
    open_map(page, f"{app_url}/map?province=24&level=tambon&indicator=target_poor_rate&year=2566")
    expect(page.locator('[data-testid="stStatusWidget"]')).to_have_count(0, timeout=30_000)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name=re.compile("HTML")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".html")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    offline = browser.new_context(offline=True)
    asked: list[str] = []
    offline.route("**/*", lambda route: (asked.append(route.request.url), route.continue_()))
    file_page = offline.new_page()
    file_page.goto(saved.as_uri())
    polygons = file_page.locator("path.leaflet-interactive")
    expect(polygons.first).to_be_visible(timeout=20_000)
    assert polygons.count() == 93  # every tambon of Chachoengsao
    box = polygons.nth(40).bounding_box()
    file_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(file_page.locator(".leaflet-tooltip")).to_be_visible()
    assert re.search("[\u0e00-\u0e7f]", file_page.locator(".leaflet-tooltip").inner_text())
    assert "ฉะเชิงเทรา · ตำบล" in file_page.locator(".atlas-panel").inner_text()
    assert [url for url in asked if not url.startswith("file:")] == []
    offline.close()
