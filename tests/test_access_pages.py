"""AppTest of access control through the app itself: menus per role, sign-in and lock-out through the
form, tampered session values, an officer's scope on the household page, and who sees small counts."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.viewer import SIGNED_IN_KEY
from tests.support.apptest import app_test
from tests.support.household_db import PASSWORD, session_of, signed_in
from tests.support.sql import frame

pytestmark = [
    pytest.mark.apptest,
    pytest.mark.usefixtures("fast_hashing"),
    pytest.mark.parametrize("seeded_writable_db", ["sqlite"], indirect=True),
]
STAFF_PAGES = ("households.py", "import_data.py", "users.py", "sets.py")
STAFF_MENU = {"ครัวเรือน (เจ้าหน้าที่)", "นำเข้าข้อมูล", "ผู้ใช้และบันทึกการใช้งาน", "ชุดพื้นที่"}


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def menu(at: AppTest) -> set[str]:
    """The page labels in this session's sidebar menu."""
    return {link.proto.label for link in at.get("page_link")}


def refused(at: AppTest, script: str) -> bool:
    """Opening `script` directly shows the refusal and nothing of the page."""
    at.switch_page(f"pages/{script}").run()
    refusal = any("สำหรับเจ้าหน้าที่" in e.value for e in at.error)
    return refusal and not at.dataframe and not at.file_uploader


def as_session(at: AppTest, engine, user) -> AppTest:
    at.session_state[SIGNED_IN_KEY] = session_of(engine, user)
    return at


def sign_in_with_form(at: AppTest, username: str, password: str) -> AppTest:
    at.switch_page("pages/signin.py").run()
    at.text_input(key="signin_username").set_value(username)
    at.text_input(key="signin_password").set_value(password)
    return at.button[0].click().run()


def test_a_public_viewer_has_no_staff_pages(seeded_writable_db, monkeypatch):
    at = app_test(monkeypatch, url_of(seeded_writable_db))
    at.run()
    assert {"เข้าสู่ระบบ", "แผนที่"} <= menu(at) and not menu(at) & STAFF_MENU
    assert all(refused(at, script) for script in STAFF_PAGES)


def test_sign_in_through_the_form_opens_the_officer_pages_and_sign_out_closes_them(
    seeded_writable_db, monkeypatch
):
    signed_in(seeded_writable_db, "officer24", "officer", ["24"])
    at = app_test(monkeypatch, url_of(seeded_writable_db))
    at.run()
    sign_in_with_form(at, "officer24", PASSWORD)
    assert not at.exception and SIGNED_IN_KEY in at.session_state
    session_id = at.session_state[SIGNED_IN_KEY]  # the session's id (the cookie token's hash) only
    stored = frame(seeded_writable_db, "SELECT id, revoked_at FROM user_session")
    assert stored.to_dict("records") == [{"id": session_id, "revoked_at": None}]
    handover = [h.proto.body for h in at.get("html") if "/auth/session?ticket=" in h.proto.body]
    assert len(handover) == 1 and session_id not in handover[0]  # the browser is sent for its cookie
    assert "ครัวเรือน (เจ้าหน้าที่)" in menu(at) and "ผู้ใช้และบันทึกการใช้งาน" not in menu(at)
    assert refused(at, "users.py") and refused(at, "import_data.py")
    at.switch_page("pages/households.py").run()
    assert not at.exception
    areas = at.selectbox(key="hh_area").options
    assert areas and all(a.endswith("(24)") or "(24" in a for a in areas), areas
    log = frame(seeded_writable_db, "SELECT action, username FROM audit_log ORDER BY id")
    assert {"sign_in", "household_list"} <= set(log["action"])
    at.button(key="sign_out").click().run()
    assert SIGNED_IN_KEY not in at.session_state
    assert frame(seeded_writable_db, "SELECT revoked_at FROM user_session")["revoked_at"].notna().all()
    assert "ครัวเรือน (เจ้าหน้าที่)" not in menu(at) and refused(at, "households.py")


def test_wrong_passwords_lock_the_account_with_one_message(seeded_writable_db, monkeypatch):
    signed_in(seeded_writable_db, "officer33", "officer", ["33"])
    at = app_test(monkeypatch, url_of(seeded_writable_db))
    at.run()
    messages = set()
    for _ in range(5):
        sign_in_with_form(at, "officer33", "wrong password!")
        messages |= {e.value for e in at.error}
    sign_in_with_form(at, "officer33", PASSWORD)  # right, but locked now
    messages |= {e.value for e in at.error}
    sign_in_with_form(at, "nobody-here", PASSWORD)
    messages |= {e.value for e in at.error}
    assert len(messages) == 1, messages  # locked, wrong and unknown read the same
    assert SIGNED_IN_KEY not in at.session_state
    assert "locked_out" in set(frame(seeded_writable_db, "SELECT action FROM audit_log")["action"])


@pytest.mark.parametrize(
    "session",
    [
        {"user_id": "1 OR 1=1", "signed_in_at": "now"},
        {"user_id": 1, "signed_in_at": dt.datetime(2030, 1, 1)},  # naive time
        {"user_id": 1, "signed_in_at": dt.datetime.now(dt.UTC) + dt.timedelta(days=1)},  # the future
        {"user_id": 1, "signed_in_at": dt.datetime.now(dt.UTC) - dt.timedelta(days=2)},  # expired
        "admin",
    ],
)
def test_tampered_or_expired_session_values_give_no_privileges(seeded_writable_db, monkeypatch, session):
    signed_in(seeded_writable_db, "admin1", "admin")
    at = app_test(monkeypatch, url_of(seeded_writable_db))
    at.session_state[SIGNED_IN_KEY] = session
    at.run()
    assert not at.exception
    assert not menu(at) & STAFF_MENU and all(refused(at, script) for script in STAFF_PAGES)
    assert SIGNED_IN_KEY not in at.session_state


def test_query_parameters_cannot_open_a_staff_page_or_change_the_user(seeded_writable_db, monkeypatch):
    at = app_test(monkeypatch, url_of(seeded_writable_db))
    for name, value in {
        "role": "admin",
        "user": "admin1",
        "_signed_in": "1",
        "province": "33' OR '1'='1",
    }.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    assert not menu(at) & STAFF_MENU and all(refused(at, script) for script in STAFF_PAGES)


def test_an_officer_sees_numbers_a_public_viewer_sees_as_less_than_five(seeded_writable_db, monkeypatch):
    monkeypatch.setenv("ATLAS_MIN_HOUSEHOLDS", "5")
    officer = signed_in(seeded_writable_db, "officer33b", "officer", ["33"])

    def cells(at: AppTest):
        at.switch_page("pages/table.py")
        for name, value in {
            "province": "33",
            "amphoe": "3301",
            "indicators": "target_poor_households",
        }.items():
            at.query_params[name] = value
        at.run()
        (table,) = [d.value for d in at.dataframe if d.key and d.key.startswith("tbl_rows_")]
        return table["target_poor_households"].astype(str).tolist()

    public = app_test(monkeypatch, url_of(seeded_writable_db))
    public.run()
    staff = as_session(app_test(monkeypatch, url_of(seeded_writable_db)), seeded_writable_db, officer)
    staff.run()
    assert "<5" in cells(public)
    assert "<5" not in cells(staff)


def test_an_administrator_adds_an_officer_and_reads_the_audit_log(seeded_writable_db, monkeypatch):
    admin = signed_in(seeded_writable_db, "admin1", "admin")
    at = as_session(app_test(monkeypatch, url_of(seeded_writable_db)), seeded_writable_db, admin)
    at.run()
    at.switch_page("pages/users.py").run()
    assert not at.exception, at.exception
    at.text_input(key="users_new_username").set_value("newofficer")
    at.text_input(key="users_new_display").set_value("เจ้าหน้าที่ใหม่")
    at.selectbox(key="users_new_role").set_value("officer")
    at.multiselect(key="users_new_scopes").set_value(["33"])
    at.text_input(key="users_new_password").set_value("a long enough password")
    next(b for b in at.button if "เพิ่มผู้ใช้" in b.label).click().run()
    assert not at.exception, at.exception
    assert any("เพิ่มผู้ใช้ newofficer แล้ว" in s.value for s in at.success)
    users = frame(seeded_writable_db, "SELECT username, role FROM app_user ORDER BY id")
    assert {"username": "newofficer", "role": "officer"} in users.to_dict("records")
    (log,) = [d.value for d in at.dataframe if "action" in d.value.columns]
    assert "user_created" in set(log["action"])
