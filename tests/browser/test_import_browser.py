"""Import as an officer does it: download a template, upload a file with a problem, read the report,
fix it, import, see it in the history. On a server and database of its own (it writes)."""

from __future__ import annotations

import shutil

from playwright.sync_api import expect

from data_access.access import auth, user_admin
from data_access.engine import make_engine
from tests.browser.conftest import guarded_page, sign_in_through_the_form
from tests.support.app_server import running_app

PASSWORD = "correct horse battery staple"


def open_import_page(page, base: str) -> None:
    """Sign in as admin1 and follow the sidebar link to the import page."""
    page.goto(f"{base}/signin")
    sign_in_through_the_form(page, "admin1", PASSWORD)
    expect(page.get_by_text("เข้าสู่ระบบแล้ว")).to_be_visible(timeout=30_000)
    page.locator('[data-testid="stSidebar"]').get_by_role("link", name="นำเข้าข้อมูล").click()


def test_upload_fix_and_import(browser, browser_database, tmp_path):
    path = tmp_path / "import.sqlite"
    shutil.copy(browser_database.removeprefix("sqlite:///"), path)
    bad = "area_code,year,indicator,numerator,denominator\n330101,2566,target_poor_rate,50,10\n"
    good = "area_code,year,indicator,numerator,denominator\n330101,2566,target_poor_rate,5,10\n"
    user_admin.create_user(make_engine(f"sqlite:///{path}"), "admin1", PASSWORD, "admin", actor=auth.CONSOLE)
    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        open_import_page(page, base)
        page.get_by_text("แม่แบบไฟล์พร้อมตัวอย่าง").click()
        with page.expect_download() as template:
            page.get_by_role("button", name="CSV").first.click()
        assert template.value.suggested_filename == "tambon-atlas-template-indicators-long.csv"
        upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
        upload.set_input_files({"name": "bad.csv", "mimeType": "text/csv", "buffer": bad.encode()})
        expect(page.get_by_text("พบปัญหา 1 รายการใน 1 แถว")).to_be_visible(timeout=30_000)
        expect(page.get_by_role("button", name="ยืนยันนำเข้า")).to_be_disabled()
        upload.set_input_files({"name": "good.csv", "mimeType": "text/csv", "buffer": good.encode()})
        commit = page.get_by_role("button", name="ยืนยันนำเข้า")
        expect(commit).to_be_enabled(timeout=30_000)
        commit.click()
        expect(page.get_by_text("นำเข้า good.csv แล้ว")).to_be_visible(timeout=30_000)
        history = page.locator('[data-testid="stDataFrame"]').last
        expect(history).to_be_visible()
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
