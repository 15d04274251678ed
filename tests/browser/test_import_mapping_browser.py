"""A new user's spreadsheet with headers the importer does not know: map the columns on the page (a
new indicator added), save the mapping, import, and find the import in the history."""

from __future__ import annotations

import shutil

from playwright.sync_api import expect

from data_access.access import auth, user_admin
from data_access.engine import make_engine
from data_access.importer.presets import list_presets
from tests.browser.conftest import guarded_page
from tests.browser.test_import_browser import PASSWORD, open_import_page
from tests.support.app_server import running_app
from tests.support.sql import frame

FOREIGN = (
    "ตำบล,อำเภอ,จำนวนครัวเรือนยากจน,จำนวนครัวเรือนทั้งหมด,ปี,หมายเหตุ\n"
    "หนองครก,เมืองศรีสะเกษ,12,340,พ.ศ. 2567,\n"
    "จาน,เมืองศรีสะเกษ,8,210,2567,สำรวจซ้ำ\n"
)


def choose(page, select, option: str) -> None:
    """Pick from a Streamlit selectbox by typing into its search, as a keyboard user does."""
    select.click()
    page.keyboard.type(option.split(" ")[0])
    page.get_by_role("option", name=option).first.click()


def test_map_save_and_import_an_unknown_spreadsheet(browser, browser_database, tmp_path):
    path = tmp_path / "mapping.sqlite"
    shutil.copy(browser_database.removeprefix("sqlite:///"), path)
    engine = make_engine(f"sqlite:///{path}")
    user_admin.create_user(engine, "admin1", PASSWORD, "admin", actor=auth.CONSOLE)
    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        open_import_page(page, base)
        upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        upload.set_input_files({"name": "ยากจน.csv", "mimeType": "text/csv", "buffer": FOREIGN.encode()})
        expect(page.get_by_text("จับคู่คอลัมน์", exact=True)).to_be_visible(timeout=30_000)
        expect(page.get_by_text("จำนวนครัวเรือนยากจน: ยังไม่ได้เลือกตัวชี้วัด")).to_be_visible()

        page.get_by_text("เพิ่มตัวชี้วัดใหม่ในบัญชี").click()
        page.get_by_label("รหัส (a-z 0-9 _)").fill("poor_household_rate")
        page.get_by_label("ชื่อภาษาไทย").fill("ร้อยละครัวเรือนยากจน")
        page.get_by_label("ชื่อภาษาอังกฤษ").fill("Poor households")
        page.get_by_label("ชื่อภาษาอังกฤษ").press("Enter")  # rate and percent are the defaults
        page.get_by_role("button", name="เพิ่มตัวชี้วัด").click()
        expect(page.get_by_text("ตัวชี้วัดใหม่ที่จะเพิ่ม: poor_household_rate")).to_be_visible(timeout=30_000)
        indicators = page.get_by_role("combobox", name="ตัวชี้วัด", exact=True)
        expect(indicators).to_have_count(2)
        for index, header in enumerate(("จำนวนครัวเรือนยากจน", "จำนวนครัวเรือนทั้งหมด")):
            choose(page, indicators.nth(index), "poor_household_rate — ร้อยละครัวเรือนยากจน")
            expect(page.get_by_text(f"{header}: ยังไม่ได้เลือกตัวชี้วัด")).to_have_count(0, timeout=30_000)
        expect(page.get_by_text("แถวแรกตามที่จะบันทึก")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("การจับคู่ยังไม่ครบ")).to_have_count(0)

        page.get_by_label("ชื่อชุดจับคู่ (ใช้ซ้ำได้ และใช้ใน --preset)").fill("ครัวเรือนยากจน อบต.")
        page.get_by_label("ชื่อชุดจับคู่ (ใช้ซ้ำได้ และใช้ใน --preset)").press("Enter")
        page.get_by_role("button", name="บันทึกชุดจับคู่").click()
        expect(page.get_by_text("บันทึกชุดจับคู่ “ครัวเรือนยากจน อบต.” แล้ว")).to_be_visible(timeout=30_000)

        commit = page.get_by_role("button", name="ยืนยันนำเข้า")
        expect(commit).to_be_enabled(timeout=30_000)
        commit.click()
        expect(page.get_by_text("นำเข้า ยากจน.csv แล้ว")).to_be_visible(timeout=30_000)
        history = page.locator('[data-testid="stDataFrame"]').last
        expect(history).to_be_visible()
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert list_presets(engine)["name"].tolist() == ["ครัวเรือนยากจน อบต."]
    log = frame(engine, "SELECT file_name, kind, rows, imported_by FROM import_log")
    assert log.to_dict("records") == [
        {"file_name": "ยากจน.csv", "kind": "indicators", "rows": 2, "imported_by": "admin1"}
    ]
