"""Staying signed in, in a real browser: an officer's sign-in survives a reload and a new tab on a deep
link, the cookie is out of page scripts' reach, and sign-out in one tab or deactivation by an
administrator ends it in every tab on the next action. Server and database of its own."""

from __future__ import annotations

import re
import shutil

from playwright.sync_api import expect

from data_access.access import auth, sessions, user_admin
from data_access.engine import make_engine
from tests.browser.conftest import guarded_page, sign_in_through_the_form
from tests.support.app_server import running_app
from tests.support.sql import frame

PASSWORD = "correct horse battery staple"
OFFICER_BOX = "สมศรี · เจ้าหน้าที่"
HOUSEHOLDS_LINK = "ครัวเรือน (เจ้าหน้าที่)"
HOUSEHOLDS_HEADING = "ครัวเรือนในพื้นที่รับผิดชอบ"
SESSION_ENDED = "การเข้าสู่ระบบสิ้นสุดแล้ว"


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def signed_in_as_officer(page) -> None:
    expect(sidebar(page).get_by_text(OFFICER_BOX)).to_be_visible(timeout=30_000)
    expect(sidebar(page).get_by_role("link", name=HOUSEHOLDS_LINK)).to_be_visible()


def signed_out_on_next_action(page) -> None:
    """Do something (open the map from the menu) and find the sign-in gone."""
    sidebar(page).get_by_role("link", name="แผนที่").click()
    expect(page.get_by_text(SESSION_ENDED)).to_be_visible(timeout=30_000)
    expect(sidebar(page).get_by_text(OFFICER_BOX)).to_have_count(0)
    expect(sidebar(page).get_by_role("link", name=HOUSEHOLDS_LINK)).to_have_count(0)


def session_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == sessions.COOKIE), None)


def test_a_sign_in_outlasts_reloads_and_tabs_and_ends_everywhere(browser, browser_database, tmp_path):
    path = tmp_path / "session.sqlite"
    shutil.copy(browser_database.removeprefix("sqlite:///"), path)
    engine = make_engine(f"sqlite:///{path}")
    user_admin.create_user(engine, "somsri", PASSWORD, "officer", "สมศรี", ["2401"], actor=auth.CONSOLE)
    user_admin.create_user(engine, "boss", PASSWORD, "admin", "หัวหน้า", actor=auth.CONSOLE)
    with running_app(f"sqlite:///{path}") as base, guarded_page(browser) as page:
        page.goto(f"{base}/signin")
        sign_in_through_the_form(page, "somsri", PASSWORD)
        signed_in_as_officer(page)
        assert re.fullmatch(rf"{base}/signin\?lang=th", page.url)  # no ticket left in the address
        cookie = session_cookie(page)
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
        assert sessions.COOKIE not in page.evaluate("document.cookie")  # out of any page script's reach
        assert cookie["value"] not in page.content()

        page.reload()  # F5 on a weak connection
        signed_in_as_officer(page)

        tab = page.context.new_page()  # a bookmarked deep link, opened in a new tab
        tab.goto(f"{base}/households")
        expect(tab.get_by_role("heading", name=HOUSEHOLDS_HEADING)).to_be_visible(timeout=30_000)
        signed_in_as_officer(tab)

        with page.expect_navigation(timeout=30_000):  # through /auth/sign-out, which clears the cookie
            sidebar(page).get_by_role("button", name="ออกจากระบบ").click()
        expect(page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible(timeout=30_000)
        assert session_cookie(page) is None
        signed_out_on_next_action(tab)  # the other tab ends on its next action
        tab.goto(f"{base}/households")
        expect(tab.get_by_text("หน้านี้สำหรับเจ้าหน้าที่ที่ได้รับสิทธิ์เท่านั้น")).to_be_visible(timeout=30_000)
        tab.close()

        page.goto(f"{base}/signin")
        sign_in_through_the_form(page, "somsri", PASSWORD)
        signed_in_as_officer(page)
        admin = auth.authenticate(engine, "boss", PASSWORD)  # what the users page does for the admin
        user_admin.set_active(engine, admin, user_admin.find_user_id(engine, "somsri"), False)
        signed_out_on_next_action(page)
        page.reload()  # the cookie is still there, but its session is over
        expect(sidebar(page).get_by_role("link", name="เข้าสู่ระบบ")).to_be_visible(timeout=30_000)
        expect(sidebar(page).get_by_text(OFFICER_BOX)).to_have_count(0)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    log = frame(engine, "SELECT action FROM audit_log WHERE username = 'somsri' ORDER BY id")
    assert [a for a in log["action"] if a.startswith("sign_")] == ["sign_in", "sign_out", "sign_in"]
    revoked = frame(engine, "SELECT revoked_at FROM user_session")["revoked_at"]
    assert len(revoked) == 2 and revoked.notna().all()
