"""Sign-in, lock-out, sessions and user management (`data_access.access.auth`), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from analysis.errors import AtlasError, AuthError, DataError, Forbidden, NotFound
from data_access.access import auth, user_admin
from data_access.access.audit import ACTIONS, record
from data_access.access.audit_query import list_audit
from data_access.schema import app_user, audit_log, user_scope
from tests.support.household_db import PASSWORD, signed_in

pytestmark = pytest.mark.usefixtures("fast_hashing")


def later(**delta) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(**delta)


def actions(engine, username=None) -> list[str]:
    statement = select(audit_log.c.action).order_by(audit_log.c.id)
    if username is not None:
        statement = statement.where(audit_log.c.username == username)
    with engine.connect() as conn:
        return list(conn.execute(statement).scalars())


# --- hashing and policy (no database) ---------------------------------------------------------------


def test_hashes_are_argon2id_salted_and_verify(monkeypatch):
    monkeypatch.setattr(auth, "_HASHER", PasswordHasher())  # the real parameters, not fast_hashing's
    first, second = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert first.startswith("$argon2id$") and second.startswith("$argon2id$")
    assert first != second  # a salt of its own each time
    assert auth.verify(first, PASSWORD) and auth.verify(second, PASSWORD)
    assert not auth.verify(first, PASSWORD + "x")
    assert not auth.verify("not a hash", PASSWORD)
    assert not auth.verify(first, None)  # type: ignore[arg-type]
    assert not auth.needs_rehash(first)


def test_weaker_hashes_are_upgraded_at_sign_in(empty_db):
    user_id = user_admin.create_user(empty_db, "oldhash", PASSWORD, "officer", actor=auth.CONSOLE)
    weak = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1).hash(PASSWORD)
    with empty_db.begin() as conn:
        conn.execute(app_user.update().where(app_user.c.id == user_id).values(password_hash=weak))
    auth.authenticate(empty_db, "oldhash", PASSWORD)
    with empty_db.connect() as conn:
        stored = conn.execute(select(app_user.c.password_hash).where(app_user.c.id == user_id)).scalar_one()
    assert stored != weak and auth.verify(stored, PASSWORD)


def test_thai_passwords_match_however_they_are_composed():
    composed = "รหัสผ่านภาษาไทยยาว"
    stored = auth.hash_password(composed)
    assert auth.verify(stored, composed)
    assert auth.verify(
        auth.hash_password("ｐａｓｓｗｏｒｄ１２３"), "password123"
    )  # NFKC: full-width = ASCII


@pytest.mark.parametrize("password", ["", "short", "123456789", " " * 12, None, 12345678901, "x" * 257])
def test_password_policy_refuses_weak_passwords_in_both_languages(password):
    with pytest.raises(DataError) as refused:
        auth.check_password(password, "somchai")
    assert refused.value.message_th and refused.value.message_en
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in refused.value.message_th)


def test_password_policy_minimum_is_ten_characters():
    assert auth.check_password("a" * 10) == "a" * 10
    with pytest.raises(DataError, match="at least 10"):
        auth.check_password("a" * 9)
    with pytest.raises(DataError, match="username"):
        auth.check_password("somchai-2567!", "somchai")


# --- creating users ---------------------------------------------------------------------------------


def test_create_user_stores_a_normalised_name_and_a_hash_only(empty_db):
    user_id = user_admin.create_user(
        empty_db, "  Somchai.K ", PASSWORD, "officer", "สมชาย ก.", ["24", "3301"], actor=auth.CONSOLE
    )
    with empty_db.connect() as conn:
        row = conn.execute(select(app_user).where(app_user.c.id == user_id)).mappings().one()
        scopes = conn.execute(select(user_scope.c.area_code).where(user_scope.c.user_id == user_id)).scalars()
        assert sorted(scopes) == ["24", "3301"]
    assert row["username"] == "somchai.k" and row["display_name"] == "สมชาย ก."
    assert PASSWORD not in row["password_hash"] and row["password_hash"].startswith("$argon2id$")
    assert row["active"] and row["failed_attempts"] == 0 and row["locked_until"] is None
    with pytest.raises(DataError, match="taken"):
        user_admin.create_user(empty_db, "SOMCHAI.K", PASSWORD, "officer", actor=auth.CONSOLE)
    assert actions(empty_db) == ["user_created"]


def test_two_users_with_one_password_get_different_salts(empty_db):
    for name in ("first", "second"):
        user_admin.create_user(empty_db, name, PASSWORD, "officer", actor=auth.CONSOLE)
    with empty_db.connect() as conn:
        hashes = list(conn.execute(select(app_user.c.password_hash)).scalars())
    assert len(set(hashes)) == 2


@pytest.mark.parametrize(
    "field, value",
    [
        ("username", "ab"),
        ("username", "ผู้ใช้"),
        ("username", "a b c"),
        ("username", "x" * 65),
        ("role", "superuser"),
        ("role", "Admin"),
        ("role", "admin "),
        ("scopes", ["99"]),  # no such province
        ("scopes", ["240101"]),  # a tambon is not a scope
        ("scopes", ["2%"]),
        ("scopes", [24]),
        ("display_name", '=HYPERLINK("http://x")'),
        ("display_name", "x" * 121),
    ],
)
def test_create_user_refuses_bad_input(empty_db, field, value):
    arguments = {"username": "valid.name", "role": "officer", "display_name": "", "scopes": ["24"]}
    arguments[field] = value
    with pytest.raises(DataError) as refused:
        user_admin.create_user(empty_db, password=PASSWORD, actor=auth.CONSOLE, **arguments)
    assert refused.value.message_th and refused.value.message_en
    with empty_db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(app_user)).scalar_one() == 0


# --- signing in, lock-out ---------------------------------------------------------------------------


def test_sign_in_returns_the_user_with_scopes_and_audits(empty_db):
    user_admin.create_user(
        empty_db, "officer1", PASSWORD, "officer", "Officer One", ["24"], actor=auth.CONSOLE
    )
    now = later(seconds=1)
    user = auth.authenticate(empty_db, " Officer1 ", PASSWORD, now=now)
    assert (user.username, user.display_name, user.role, user.scopes) == (
        "officer1",
        "Officer One",
        "officer",
        ("24",),
    )
    assert user.signed_in_at == now and not user.is_admin
    assert actions(empty_db, "officer1") == ["sign_in"]


def test_unknown_user_and_wrong_password_get_the_same_message(empty_db):
    user_admin.create_user(empty_db, "known", PASSWORD, "officer", actor=auth.CONSOLE)
    with pytest.raises(AuthError) as unknown:
        auth.authenticate(empty_db, "nobody", PASSWORD)
    with pytest.raises(AuthError) as wrong:
        auth.authenticate(empty_db, "known", "wrong password!")
    with pytest.raises(AuthError) as malformed:
        auth.authenticate(empty_db, "' OR 1=1 --", "' OR '1'='1")
    assert unknown.value.message_th == wrong.value.message_th == malformed.value.message_th
    assert unknown.value.message_en == wrong.value.message_en == malformed.value.message_en
    assert actions(empty_db)[-3:] == ["sign_in_failed"] * 3


def test_five_failures_lock_even_the_right_password_until_the_time_passes(empty_db):
    user_id = user_admin.create_user(empty_db, "target", PASSWORD, "officer", actor=auth.CONSOLE)
    start = later(seconds=1)
    for attempt in range(5):
        with pytest.raises(AuthError):
            auth.authenticate(empty_db, "target", f"guess number {attempt}", now=start)
    with empty_db.connect() as conn:
        locked_until = conn.execute(
            select(app_user.c.locked_until).where(app_user.c.id == user_id)
        ).scalar_one()
    assert locked_until is not None
    with pytest.raises(AuthError):
        auth.authenticate(empty_db, "target", PASSWORD, now=start + dt.timedelta(minutes=14, seconds=59))
    assert "locked_out" in actions(empty_db, "target")
    user = auth.authenticate(empty_db, "target", PASSWORD, now=start + dt.timedelta(minutes=15, seconds=1))
    assert user.username == "target"
    with empty_db.connect() as conn:
        row = conn.execute(select(app_user).where(app_user.c.id == user_id)).mappings().one()
    assert row["failed_attempts"] == 0 and row["locked_until"] is None


def test_a_success_resets_the_failure_count(empty_db):
    user_admin.create_user(empty_db, "forgetful", PASSWORD, "officer", actor=auth.CONSOLE)
    now = later(seconds=1)
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.authenticate(empty_db, "forgetful", "not the password", now=now)
    auth.authenticate(empty_db, "forgetful", PASSWORD, now=now)
    for _ in range(4):
        with pytest.raises(AuthError):
            auth.authenticate(empty_db, "forgetful", "not the password", now=now)
    assert auth.authenticate(empty_db, "forgetful", PASSWORD, now=now).username == "forgetful"


def test_lockout_limits_come_from_the_environment(empty_db, monkeypatch):
    monkeypatch.setenv("ATLAS_LOCKOUT_ATTEMPTS", "2")
    monkeypatch.setenv("ATLAS_LOCKOUT_MINUTES", "1")
    user_admin.create_user(empty_db, "strict", PASSWORD, "officer", actor=auth.CONSOLE)
    now = later(seconds=1)
    for _ in range(2):
        with pytest.raises(AuthError, match="1 minutes"):
            auth.authenticate(empty_db, "strict", "not the password", now=now)
    with pytest.raises(AuthError):
        auth.authenticate(empty_db, "strict", PASSWORD, now=now + dt.timedelta(seconds=59))
    auth.authenticate(empty_db, "strict", PASSWORD, now=now + dt.timedelta(seconds=61))


@pytest.mark.parametrize("value", ["0", "-3", "five", "inf"])
def test_bad_lockout_settings_stop_with_a_message(monkeypatch, value):
    from data_access import config

    monkeypatch.setenv("ATLAS_LOCKOUT_ATTEMPTS", value)
    with pytest.raises(AtlasError, match="ATLAS_LOCKOUT_ATTEMPTS"):
        config.lockout_attempts()


def test_a_locked_message_does_not_reveal_the_account(empty_db):
    user_admin.create_user(empty_db, "exists", PASSWORD, "officer", actor=auth.CONSOLE)
    now = later(seconds=1)
    messages = set()
    for name in ("exists", "ghost"):
        for _ in range(6):
            with pytest.raises(AuthError) as refused:
                auth.authenticate(empty_db, name, "not the password", now=now)
            messages.add(refused.value.message_en)
    assert len(messages) == 1


def test_deactivated_users_cannot_sign_in_and_their_sessions_end(empty_db):
    admin = signed_in(empty_db, "boss", "admin")
    officer = signed_in(empty_db, "worker", "officer", ["24"])
    user_admin.set_active(empty_db, admin, officer.id, False)
    assert auth.current_user(empty_db, officer.id, officer.signed_in_at) is None
    with pytest.raises(AuthError):
        auth.authenticate(empty_db, "worker", PASSWORD)
    user_admin.set_active(empty_db, admin, officer.id, True)
    assert auth.current_user(empty_db, officer.id, officer.signed_in_at) is not None


# --- sessions ---------------------------------------------------------------------------------------


def test_sessions_expire_after_the_configured_hours(empty_db, monkeypatch):
    user = signed_in(empty_db, "session", "officer", ["24"])
    start = user.signed_in_at
    assert auth.current_user(empty_db, user.id, start, now=start + dt.timedelta(hours=7, minutes=59))
    assert auth.current_user(empty_db, user.id, start, now=start + dt.timedelta(hours=8, minutes=1)) is None
    monkeypatch.setenv("ATLAS_SESSION_HOURS", "1")
    assert auth.current_user(empty_db, user.id, start, now=start + dt.timedelta(minutes=61)) is None
    short = dt.timedelta(minutes=10)
    assert (
        auth.current_user(empty_db, user.id, start, now=start + dt.timedelta(minutes=11), max_age=short)
        is None
    )


@pytest.mark.parametrize(
    "user_id, signed_in_at",
    [
        ("1", None),
        (True, "now"),
        (1.0, "now"),
        (1, "2025-01-01"),
        (1, "naive"),
        (1, "future"),
        (999, "now"),
    ],
)
def test_tampered_session_values_are_no_session(empty_db, user_id, signed_in_at):
    user = signed_in(empty_db, "tamper", "admin")
    moments = {
        "now": user.signed_in_at,
        "naive": user.signed_in_at.replace(tzinfo=None),
        "future": user.signed_in_at + dt.timedelta(days=1),
    }
    value = moments.get(signed_in_at, signed_in_at)
    assert auth.current_user(empty_db, user_id, value) is None


def test_role_and_scope_changes_apply_at_once(empty_db):
    admin = signed_in(empty_db, "chief", "admin")
    officer = signed_in(empty_db, "field", "officer", ["24"])
    assert auth.can_see_area(officer, "240101") and not auth.can_see_area(officer, "330101")
    user_admin.set_scopes(empty_db, admin, officer.id, ["33"])
    now_seen = auth.current_user(empty_db, officer.id, officer.signed_in_at)
    assert now_seen.scopes == ("33",)
    assert auth.can_see_area(now_seen, "330101") and not auth.can_see_area(now_seen, "240101")
    user_admin.set_role(empty_db, admin, officer.id, "admin")
    assert auth.current_user(empty_db, officer.id, officer.signed_in_at).role == "admin"
    user_admin.set_role(empty_db, admin, officer.id, "officer")
    assert auth.current_user(empty_db, officer.id, officer.signed_in_at).role == "officer"
    assert actions(empty_db, "chief").count("user_changed") == 2
    assert "scope_changed" in actions(empty_db, "chief")


def test_a_password_reset_ends_open_sessions_and_lifts_a_lock(empty_db):
    admin = signed_in(empty_db, "keeper", "admin")
    officer = signed_in(empty_db, "locked.one", "officer", ["24"])
    for _ in range(5):
        with pytest.raises(AuthError):
            auth.authenticate(empty_db, "locked.one", "wrong password")
    user_admin.reset_password(empty_db, admin, officer.id, "a brand new passphrase")
    assert auth.current_user(empty_db, officer.id, officer.signed_in_at) is None
    assert auth.authenticate(empty_db, "locked.one", "a brand new passphrase").username == "locked.one"
    with pytest.raises(DataError):
        user_admin.reset_password(empty_db, admin, officer.id, "short")


def test_sign_out_is_audited(empty_db):
    user = signed_in(empty_db, "leaver", "officer", ["24"])
    auth.sign_out(empty_db, user)
    auth.sign_out(empty_db, None)
    assert actions(empty_db, "leaver") == ["sign_in", "sign_out"]


def test_can_see_area_rules():
    now = dt.datetime.now(dt.UTC)
    officer = auth.User(1, "o", "O", "officer", ("24", "3301"), now)
    admin = auth.User(2, "a", "A", "admin", (), now)
    assert auth.can_see_area(officer, "24") and auth.can_see_area(officer, "240101")
    assert auth.can_see_area(officer, "3301") and auth.can_see_area(officer, "330105")
    for code in ("33", "3302", "330201", "2", "", "24%", "2_", "%", "24 ", "２４", None, 24, "243301x"):
        assert not auth.can_see_area(officer, code), code
    assert auth.can_see_area(admin, "330201") and not auth.can_see_area(admin, "%")
    assert not auth.can_see_area(None, "24")
    assert not auth.can_see_area(auth.User(3, "x", "X", "viewer", ("24",), now), "24")


# --- administrators only ----------------------------------------------------------------------------


def test_officers_and_strangers_cannot_manage_users(empty_db):
    admin = signed_in(empty_db, "root.admin", "admin")
    officer = signed_in(empty_db, "plain", "officer", ["24"])
    forged = auth.User(officer.id, "plain", "Plain", "admin", ("24",), officer.signed_in_at)
    for actor in (officer, forged, None, "admin", auth.User(admin.id, "x", "x", "admin", (), later(days=2))):
        with pytest.raises(Forbidden) as refused:
            user_admin.set_role(empty_db, actor, officer.id, "admin")
        assert refused.value.message_th and refused.value.message_en
        with pytest.raises(Forbidden):
            user_admin.create_user(empty_db, "intruder", PASSWORD, "admin", actor=actor)
        with pytest.raises(Forbidden):
            user_admin.set_scopes(empty_db, actor, officer.id, ["33"])
        with pytest.raises(Forbidden):
            user_admin.reset_password(empty_db, actor, admin.id, "taken over passphrase")
        with pytest.raises(Forbidden):
            user_admin.list_users(empty_db, actor)
        with pytest.raises(Forbidden):
            list_audit(empty_db, actor)
    assert auth.current_user(empty_db, officer.id, officer.signed_in_at).role == "officer"
    assert user_admin.find_user_id(empty_db, "intruder") is None


def test_admins_list_users_without_hashes(empty_db):
    admin = signed_in(empty_db, "lister", "admin")
    signed_in(empty_db, "listed", "officer", ["24", "3301"])
    users = user_admin.list_users(empty_db, admin)
    assert "password_hash" not in users.columns
    assert users.set_index("username").loc["listed", "scopes"] == "24,3301"
    assert users["active"].tolist() == [True, True]


def test_the_last_active_admin_stays(empty_db):
    admin = signed_in(empty_db, "only.admin", "admin")
    with pytest.raises(DataError, match="administrator"):
        user_admin.set_active(empty_db, admin, admin.id, False)
    with pytest.raises(DataError, match="administrator"):
        user_admin.set_role(empty_db, admin, admin.id, "officer")
    second = signed_in(empty_db, "second.admin", "admin")
    user_admin.set_role(empty_db, second, admin.id, "officer")
    with pytest.raises(NotFound):
        user_admin.set_active(empty_db, second, 4242, False)
    with pytest.raises(DataError):
        user_admin.set_active(empty_db, second, admin.id, "false")  # a string is not a boolean


# --- SQL injection --------------------------------------------------------------------------------

INJECTIONS = [
    "'; DROP TABLE app_user; --",
    "admin'--",
    "' OR '1'='1",
    "1; DELETE FROM audit_log",
    "%",
    "_",
    "\\",
    'Robert"); DROP TABLE household;--',
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_are_stored_literally_or_refused(empty_db, text):
    admin = signed_in(empty_db, "guard", "admin")
    # Display names and passwords are free text: stored (hashed) as given.
    user_id = user_admin.create_user(
        empty_db, "literal", text + " long enough pass", "officer", "Name " + text, ["24"], actor=admin
    )
    assert auth.authenticate(empty_db, "literal", text + " long enough pass").display_name == "Name " + text
    # As a username, a role or a scope it is refused; as a sign-in name it simply does not match.
    with pytest.raises(DataError):
        user_admin.create_user(empty_db, text, PASSWORD, "officer", actor=admin)
    with pytest.raises(DataError):
        user_admin.set_role(empty_db, admin, user_id, text)
    with pytest.raises(DataError):
        user_admin.set_scopes(empty_db, admin, user_id, [text])
    with pytest.raises(AuthError):
        auth.authenticate(empty_db, text, text)
    assert user_admin.find_user_id(empty_db, text) is None
    with empty_db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(app_user)).scalar_one() == 2
    assert len(list_audit(empty_db, admin, username=text)) >= 0  # a filter, not SQL
    assert set(list_audit(empty_db, admin)["action"]) <= set(ACTIONS)


def test_audit_record_refuses_unknown_actions_and_cleans_text(empty_db):
    with pytest.raises(DataError):
        record(empty_db, "someone", "drop_tables")
    record(empty_db, "x" * 100, "import", "24'; --", "line one\x00\x1b[31m" + "y" * 5000)
    log = list_audit(empty_db, auth.CONSOLE)
    row = log.iloc[0]
    assert row["action"] == "import" and len(row["username"]) == 64 and row["area_code"] is None
    assert "\x00" not in row["detail"] and "\x1b" not in row["detail"] and len(row["detail"]) <= 2000
    assert row["detail"].startswith('area="24\'; --"')
    assert list_audit(empty_db, auth.CONSOLE, action="sign_in").empty
