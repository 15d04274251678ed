"""Community assets on the map as a person uses them: turn categories on, see clusters, open a cluster
and a point's popup; the tambon panel lists its strengths and problems."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from analysis.assets import strengths
from data_access.assets import tambon_counts
from data_access.engine import make_engine
from tests.browser.test_map_browser import MAP_FRAME


def a_tambon_with_strengths(database_url: str) -> str:
    """A Chachoengsao tambon with strengths (the demo is synthetic, so found rather than named)."""
    found = strengths(tambon_counts(make_engine(database_url), "24", 2566))
    return str(found["area_code"].iloc[-1])


def test_water_sources_and_tourist_sites_cluster_open_and_the_panel_lists_strengths_and_problems(
    page, app_url, browser_database
):
    tambon = a_tambon_with_strengths(browser_database)
    page.goto(f"{app_url}/map?province=24&level=tambon&tambon={tambon}")
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator('#map[data-status="ready"]')).to_be_attached(timeout=180_000)  # a cold server
    # The toggles are on the map, folded under their heading while none is on; two pressed one right
    # after the other both land.
    head = frame.locator(".atlas-points-head")
    expect(head).to_have_attribute("aria-expanded", "false")
    head.click()
    for name in ("แหล่งน้ำ", "แหล่งท่องเที่ยว"):
        frame.get_by_role("checkbox", name=name, exact=True).click()
    # Both on: the link names them (so it shows the same points), and the map has clustered them.
    expect(page).to_have_url(re.compile(r"points=tourist_sites(,|%2C)water_sources"), timeout=60_000)
    atlas = next(f for f in page.frames if "atlas_map" in f.url)
    atlas.wait_for_function(
        "() => Number(document.getElementById('map').dataset.points) > 20", timeout=60_000
    )
    for name in ("แหล่งน้ำ", "แหล่งท่องเที่ยว"):
        expect(frame.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    expect(frame.locator(".marker-cluster").first).to_be_visible(timeout=20_000)
    strengths_box = page.locator(".st-key-profile_strengths")
    expect(strengths_box).to_contain_text("LQ")
    expect(page.locator(".st-key-profile_problems")).to_contain_text("ปัญหา")
    # A cluster in view opens (the map zooms to it), then a single point is clicked where a person would.
    page.locator(MAP_FRAME).first.scroll_into_view_if_needed()
    box = page.locator(MAP_FRAME).first.bounding_box()

    def clear_of_the_legend(marks: list[dict]) -> list[dict]:  # the legend covers the lower right
        return [m for m in marks if m["x"] < box["width"] - 300 or m["y"] < box["height"] - 300]

    clusters_js, points_js = "window.atlasMap.visibleClusters()", "window.atlasMap.visiblePoints()"
    visible = []
    for _ in range(6):  # a click on a cluster zooms to its bounds; a big one may need a second click
        shown_clusters = atlas.evaluate(f"() => {clusters_js}")
        in_view = clear_of_the_legend(shown_clusters)
        assert in_view, "clusters should be in view until single points are"
        page.mouse.click(box["x"] + in_view[0]["x"], box["y"] + in_view[0]["y"])
        atlas.wait_for_function(  # the map zoomed in: other clusters, or single points, in view
            f"(n) => {points_js}.length > 0 || {clusters_js}.length !== n", arg=len(shown_clusters)
        )
        page.wait_for_timeout(400)  # the end of the plugin's zoom animation
        visible = clear_of_the_legend(atlas.evaluate(f"() => {points_js}"))
        if visible:
            break
    assert visible, "opening clusters should reveal single points"
    page.mouse.click(box["x"] + visible[0]["x"], box["y"] + visible[0]["y"])
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("หมวด")
    expect(popup).to_contain_text("ตำบล")
    expect(popup).to_contain_text("หมู่ที่")
    assert any(word in popup.inner_text() for word in ("แหล่งน้ำ", "แหล่งท่องเที่ยว"))
    assert page.locator(MAP_FRAME).count() == 1


def test_map_toggles_never_lose_a_quick_press_and_the_link_follows(page, app_url, browser_database):
    from tests.support.sql import scalar

    located = (
        "SELECT COUNT(*) FROM community_asset "
        "WHERE category_code = :c AND tambon_code LIKE '24%' AND lat IS NOT NULL"
    )
    tourist_sites = scalar(make_engine(browser_database), located, c="tourist_sites")
    page.goto(f"{app_url}/map?province=24&level=tambon&points=water_sources")
    frame = page.frame_locator(MAP_FRAME).first
    water = frame.get_by_role("checkbox", name="แหล่งน้ำ", exact=True)
    tourist = frame.get_by_role("checkbox", name="แหล่งท่องเที่ยว", exact=True)
    expect(water).to_be_checked(timeout=180_000)  # the link's choice is on the map's own toggles
    expect(tourist).not_to_be_checked()
    atlas = next(f for f in page.frames if "atlas_map" in f.url)
    atlas.wait_for_function("() => Number(document.getElementById('map').dataset.points) > 0")
    # Four presses as fast as Playwright clicks, while the runs they start overtake one another.
    for box in (water, tourist, water, water):
        box.click()
    expect(page).to_have_url(re.compile(r"points=tourist_sites(&|$)"), timeout=60_000)
    atlas.wait_for_function(
        "(n) => document.getElementById('map').dataset.points === String(n)", arg=tourist_sites
    )
    page.wait_for_timeout(1500)  # the last runs' renders arrive: none may undo a press
    expect(water).not_to_be_checked()
    expect(tourist).to_be_checked()
    assert atlas.evaluate("document.getElementById('map').dataset.points") == str(tourist_sites)
    page.reload()  # the link brings the same choice back
    expect(tourist).to_be_checked(timeout=60_000)
    expect(water).not_to_be_checked()
