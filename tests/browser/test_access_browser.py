"""An officer's day in a real browser: sign in, open the household list of their area, open one
household and record a referral; the public menu never offers it. Server and database of its own."""

from __future__ import annotations

import shutil

from playwright.sync_api import expect

from data_access.access import auth, user_admin
from data_access.engine import make_engine
from tests.browser.conftest import guarded_page, sign_in_through_the_form
from tests.support.app_server import running_app
from tests.support.sql import frame

PASSWORD = "correct horse battery staple"
ROW_HEIGHT = 35


def test_officer_signs_in_lists_households_and_records_a_referral(browser, browser_database, tmp_path):
    path = tmp_path / "access.sqlite"
    shutil.copy(browser_database.removeprefix("sqlite:///"), path)
    engine = make_engine(f"sqlite:///{path}")
    user_admin.create_user(engine, "somsri", PASSWORD, "officer", "สมศรี", ["2401"], actor=auth.CONSOLE)
    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        page.goto(base)
        sidebar = page.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_role("link", name="เข้าสู่ระบบ")).to_be_visible(timeout=30_000)
        expect(sidebar.get_by_role("link", name="ครัวเรือน (เจ้าหน้าที่)")).to_have_count(0)
        page.goto(f"{base}/households")  # a bookmarked officer link: refused, with a way to sign in
        expect(page.get_by_text("หน้านี้สำหรับเจ้าหน้าที่ที่ได้รับสิทธิ์เท่านั้น")).to_be_visible(timeout=30_000)
        expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)

        sidebar.get_by_role("link", name="เข้าสู่ระบบ").click()
        sign_in_through_the_form(page, "somsri", PASSWORD)
        expect(sidebar.get_by_text("สมศรี · เจ้าหน้าที่")).to_be_visible(timeout=30_000)
        sidebar.get_by_role("link", name="ครัวเรือน (เจ้าหน้าที่)").click()
        expect(page.get_by_role("heading", name="ครัวเรือนในพื้นที่รับผิดชอบ")).to_be_visible(timeout=30_000)
        grid = page.locator('[data-testid="stDataFrame"]').first
        expect(grid).to_be_visible(timeout=30_000)  # a thousand rows take a while on a busy machine
        page.wait_for_timeout(500)
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 14, box["y"] + ROW_HEIGHT + ROW_HEIGHT / 2)
        expect(page.get_by_text("บันทึกการส่งต่อ")).to_be_visible(timeout=30_000)
        kind = page.get_by_label("ประเภทความช่วยเหลือ")
        kind.fill("ซ่อมแซมบ้าน")  # to the first agency of the list
        kind.press("Enter")  # submits the referral form
        expect(page.get_by_text("บันทึกการส่งต่อแล้ว")).to_be_visible(timeout=30_000)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    first_agency = frame(engine, "SELECT name FROM agency ORDER BY name")["name"].iloc[0]
    saved = frame(
        engine,
        "SELECT r.agency, r.kind, r.status, e.status AS event FROM referral r "
        "JOIN referral_event e ON e.referral_id = r.id WHERE r.kind = 'ซ่อมแซมบ้าน'",
    )
    assert saved.to_dict("records") == [
        {"agency": first_agency, "kind": "ซ่อมแซมบ้าน", "status": "referred", "event": "referred"}
    ]
    actions = set(frame(engine, "SELECT action FROM audit_log WHERE username = 'somsri'")["action"])
    assert {"sign_in", "household_list", "household_detail", "referral_saved"} <= actions
