"""A TPMAP export as downloaded, in the browser: sign in as admin, upload the Si Sa Ket 2561 tambon pair
on the import page, commit, and see the 2561 map drawn. On a server and database of its own (it writes)."""

from __future__ import annotations

import shutil

from playwright.sync_api import expect

from data_access.access import auth, user_admin
from data_access.engine import make_engine
from tests.browser.conftest import guarded_page
from tests.browser.test_map_browser import open_map
from tests.support.app_server import running_app
from tests.support.real_data import real_file

PASSWORD = "correct horse battery staple"
PAIR = ("61_33_tambol_common.csv", "61_33_tambol_11111.csv")


def test_upload_a_tpmap_pair_and_see_the_2561_map(browser, browser_database, tmp_path):
    files = [{"name": n, "mimeType": "text/csv", "buffer": real_file(n).read_bytes()} for n in PAIR]
    path = tmp_path / "tpmap.sqlite"
    shutil.copy(browser_database.removeprefix("sqlite:///"), path)
    user_admin.create_user(make_engine(f"sqlite:///{path}"), "admin1", PASSWORD, "admin", actor=auth.CONSOLE)
    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        page.goto(f"{base}/signin")
        page.get_by_label("ชื่อผู้ใช้").fill("admin1")
        page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        expect(page.get_by_text("เข้าสู่ระบบแล้ว")).to_be_visible(timeout=30_000)
        page.locator('[data-testid="stSidebar"]').get_by_role("link", name="นำเข้าข้อมูล").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
        expect(page.get_by_text("ปีสำรวจที่ใช้: 2561")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("หน่วยเทศบาลที่จะสร้าง (2)")).to_be_visible()
        commit = page.get_by_role("button", name="ยืนยันนำเข้า")
        expect(commit).to_be_enabled(timeout=30_000)
        commit.click()
        expect(page.get_by_text("นำเข้า 61_33_tambol_common.csv + 61_33_tambol_11111.csv แล้ว")).to_be_visible(
            timeout=60_000
        )
        frame = open_map(page, f"{base}/map?province=33&level=tambon&year=2561&indicator=target_poor_rate")
        expect(frame.locator("#map")).to_have_attribute("data-drawn", "206", timeout=30_000)
        expect(frame.locator(".atlas-legend")).to_contain_text("ไม่มีข้อมูล")
        expect(frame.locator(".atlas-legend")).to_contain_text("2561")  # the legend title: indicator · year
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
