"""Tables and explorer as a researcher uses them: select a row to drill, export, find areas on a map."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from tests.browser.test_map_browser import MAP_FRAME

ROW_HEIGHT = 35  # Streamlit's data grid: header and rows are 35 px tall


def rows_grid(page):
    grid = page.locator('[data-testid="stDataFrame"]').nth(1)  # the first grid is the reference row
    expect(grid).to_be_visible(timeout=60_000)
    return grid


def test_selecting_a_table_row_drills_into_that_amphoe(page, app_url):
    page.goto(f"{app_url}/table?province=24&year=2566")
    grid = rows_grid(page)
    expect(page.get_by_text("11 จาก 11 แถว")).to_be_visible()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The first row is amphoe 2401 (rows sorted by code); its selection box is in the first column.
    page.mouse.click(box["x"] + 14, box["y"] + ROW_HEIGHT + ROW_HEIGHT / 2)
    expect(page).to_have_url(re.compile(r"amphoe=2401"), timeout=30_000)
    expect(page).to_have_url(re.compile(r"level=tambon"))
    expect(page.get_by_role("button", name="› เมืองฉะเชิงเทรา")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ จาก \d+ แถว"))).not_to_have_text("11 จาก 11 แถว")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_csv_export_downloads_what_the_table_shows(page, app_url):
    page.goto(
        f"{app_url}/table?province=33&year=2566&indicators=target_poor_rate&sort=target_poor_rate&desc=1"
    )
    rows_grid(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="ดาวน์โหลด CSV").click()
    download = download_info.value
    assert download.suggested_filename == "tambon-atlas-33-amphoe-2566.csv"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    *rows, blank, protection = rows  # the file ends with how its small counts were protected
    assert blank == [] and len(protection) == 1 and protection[0]
    assert rows[0] == ["รหัส", "อำเภอ", "ร้อยละคนจนเป้าหมาย (ร้อยละ) 2566"]
    assert rows[1][:2] == ["33", "ศรีสะเกษ"]
    values = [float(r[2]) for r in rows[2:] if r[2]]
    assert values == sorted(values, reverse=True) and len(rows) == 2 + 22


def test_find_by_conditions_highlights_the_matches_on_the_map(page, app_url):
    page.goto(f"{app_url}/explorer?tool=find&province=33&year=2566&where=target_poor_rate%3E5")
    metric = page.locator('[data-testid="stMetricValue"]')
    expect(metric).to_have_text(re.compile(r"^\d+ จาก \d+$"), timeout=60_000)
    matched = int(metric.inner_text().split()[0])
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator('#map[data-status="ready"]')).to_be_attached(timeout=30_000)
    expect(frame.locator(".atlas-legend")).to_contain_text("ตรงทุกเงื่อนไข")
    expect(frame.locator('path.leaflet-interactive[fill="#b3541e"]')).to_have_count(matched)
