"""Community-asset points at scale: 50,000 points in one province (Chachoengsao).

Targets (issue #16): first draw of the map with points under 1.5 s, a category toggle under 0.5 s,
bytes per toggle reported; the spatial join of 50,000 points under 2 s.

How: a small demo database (seeded into a temporary folder) with 50,000 extra synthetic points spread
over Chachoengsao's tambons, five categories of 10,000; the spatial join timed on the same 50,000
points (`geo.points.tambon_of_points`, the source polygons loaded and indexed beforehand and timed
apart); the app started with `serve.py` and driven in headless system Chromium: the browser's clock
from a click on a category toggle to the map reporting the new point count, the bytes received
(websocket frames and HTTP bodies) from the click until the map is ready. The categories are not in
the map link, so the first draw with points is the navigation to the map plus the first toggle.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.map_harness import CHROMIUM, CHROMIUM_ARGS, running_script, watch_traffic
from data_access.assets import refresh_values, shipped_categories
from data_access.bulk import bulk_insert
from data_access.engine import make_engine
from data_access.schema import community_asset
from data_access.seed import seed
from geo.boundaries import read_features, strip_prefix
from sample_data.asset_generator import points_inside

POINTS, PROVINCE = 50_000, "24"
CATEGORIES = ("water_sources", "tourist_sites", "local_food", "farmers", "local_plants")
FRAME = 'iframe[title="components.shared.map_component.atlas_map"]'


def fifty_thousand_points(seed_value: int = 16) -> pd.DataFrame:
    """50,000 synthetic items in Chachoengsao, inside their tambons, five categories of 10,000."""
    from shapely.geometry import shape

    rng = np.random.default_rng(seed_value)
    tambons = [f for f in read_features("tambon") if f["properties"]["adm3_pcode"][2:4] == PROVINCE]
    per = np.full(len(tambons), POINTS // len(tambons))
    per[: POINTS - per.sum()] += 1
    frames = []
    for feature, n in zip(tambons, per):
        lon, lat = points_inside(shape(feature["geometry"]), int(n), rng)
        code = strip_prefix(feature["properties"]["adm3_pcode"])
        frames.append(pd.DataFrame({"tambon_code": code, "lat": lat, "lon": lon}))
    items = pd.concat(frames, ignore_index=True)
    items["category_code"] = np.resize(np.array(CATEGORIES), len(items))
    items["name"] = "bench " + items.index.astype(str)
    items["village_no"] = 1
    items["survey_year"] = 2566
    items["source"] = "bench (synthetic)"
    items["is_synthetic"] = True
    return items


def time_join(items: pd.DataFrame) -> dict[str, float]:
    from geo.points import tambon_of_points, tambon_polygons

    started = time.perf_counter()
    tambon_polygons.cache_clear()
    tambon_polygons()
    loaded = time.perf_counter() - started
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        placed = tambon_of_points(items["lat"].to_numpy(), items["lon"].to_numpy())
        runs.append(time.perf_counter() - started)
    agree = float((placed.to_numpy() == items["tambon_code"].to_numpy()).mean())
    return {"load_s": loaded, "join_s": statistics.median(runs), "agree": agree}


def toggle(page, frame, name: str, expect_points: int, traffic) -> tuple[float, int]:
    """(ms from the click to the map showing `expect_points`, bytes received meanwhile)."""
    before = traffic.snapshot()
    started = page.evaluate("() => performance.now()")
    page.get_by_role("button", name=name, exact=True).click()
    frame.locator(f'#map[data-points="{expect_points}"]').wait_for(state="attached", timeout=60_000)
    ended = page.evaluate("() => performance.now()")
    page.wait_for_timeout(800)  # let the rest of the rerun arrive before counting bytes
    after = traffic.snapshot()
    return ended - started, sum(after) - sum(before)


def main() -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-assets-"))
    url = f"sqlite:///{folder / 'atlas.sqlite'}"
    engine = make_engine(url)
    seed(engine, demo=True, scale=0.02, log=lambda *_: None)
    items = fifty_thousand_points()
    with engine.begin() as conn:
        conn.execute(community_asset.delete().where(community_asset.c.tambon_code.startswith(PROVINCE)))
        bulk_insert(conn, community_asset, items)
        refresh_values(conn, [PROVINCE])
    engine.dispose()
    join = time_join(items)
    print(
        f"spatial join of {len(items):,} points: {join['join_s']:.2f} s (median of 3; polygons loaded "
        f"and indexed once in {join['load_s']:.2f} s); {join['agree']:.1%} placed in their own tambon"
    )
    names = shipped_categories().set_index("code")["name_th"]
    with running_script(["serve.py"], url) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        traffic = watch_traffic(page)
        started = time.perf_counter()
        page.goto(f"{app.base}/map?province={PROVINCE}&level=tambon")
        frame = page.frame_locator(FRAME).first
        frame.locator('#map[data-status="ready"]').wait_for(state="attached", timeout=120_000)
        navigation = time.perf_counter() - started
        on = []
        shown = 0
        for code in CATEGORIES[:4]:  # warm: each category's file written once by the server
            shown += 10_000
            on.append(toggle(page, frame, names[code], shown, traffic))
        for code in CATEGORIES[:4]:
            shown -= 10_000
            toggle(page, frame, names[code], shown, traffic)
        timed = []
        shown = 0
        for code in CATEGORIES[:4]:  # the browser already holds the files: a toggle is a rerun
            shown += 10_000
            timed.append(toggle(page, frame, names[code], shown, traffic))
        server_cpu = app.cpu_seconds()
        browser.close()
    first_ms = [ms for ms, _ in on]
    warm_ms = [ms for ms, _ in timed]
    print(
        f"toggle on, first time (file fetched): median {statistics.median(first_ms):.0f} ms, "
        f"max {max(first_ms):.0f} ms, bytes per toggle median {statistics.median(b for _, b in on):,.0f}"
    )
    print(
        f"toggle on again (file cached): median {statistics.median(warm_ms):.0f} ms, "
        f"max {max(warm_ms):.0f} ms, bytes per toggle median {statistics.median(b for _, b in timed):,.0f}"
    )
    print(f"server CPU: {server_cpu:.1f} s in all")
    print(
        f"navigation to the map ready (no points yet): {navigation:.2f} s; first draw with points = "
        f"that plus the first toggle ({navigation + first_ms[0] / 1000:.2f} s)"
    )


if __name__ == "__main__":
    main()
