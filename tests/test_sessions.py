"""Sessions that outlast a page (`data_access.access.sessions`), on SQLite and PostgreSQL: hand-over, lookup,
expiry, sign-out everywhere, deactivation and password reset."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from data_access.access import sessions, user_admin
from data_access.schema import audit_log, session_handover, user_session
from tests.support.household_db import signed_in

pytestmark = pytest.mark.usefixtures("fast_hashing")


def opened(engine, user, now=None) -> tuple[str, str]:
    """(session id, cookie token) of a new session for `user`, handed over as the browser would."""
    started = sessions.start(engine, user, now=now)
    handed = sessions.hand_over(engine, started.ticket, now=now)
    assert handed is not None
    return started.session_id, handed.token


def stored_text(engine) -> str:
    with engine.connect() as conn:
        rows = [*conn.execute(select(user_session)), *conn.execute(select(session_handover))]
    return " ".join(str(value) for row in rows for value in row)


def test_a_handed_over_token_finds_its_user_and_only_its_hash_is_stored(empty_db):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    started = sessions.start(empty_db, officer)
    assert started.ticket not in stored_text(empty_db)
    handed = sessions.hand_over(empty_db, started.ticket)
    assert handed is not None and 8 * 3600 - 60 < handed.max_age <= 8 * 3600
    assert sessions.session_key(handed.token) == hashlib.sha256(handed.token.encode()).hexdigest()
    assert sessions.session_key(handed.token) == started.session_id
    assert handed.token not in stored_text(empty_db) and started.ticket not in stored_text(empty_db)
    user = sessions.session_user(empty_db, started.session_id)
    assert (user.username, user.role, user.scopes) == ("somsri", "officer", ("24",))
    assert user.signed_in_at == officer.signed_in_at


def test_a_ticket_opens_once_within_its_minute_and_never_after(empty_db):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    started = sessions.start(empty_db, officer)
    assert sessions.hand_over(empty_db, started.ticket) is not None
    assert sessions.hand_over(empty_db, started.ticket) is None  # used
    late = sessions.start(empty_db, officer)
    moment = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=sessions.HANDOVER_SECONDS + 1)
    assert sessions.hand_over(empty_db, late.ticket, now=moment) is None  # expired
    assert sessions.hand_over(empty_db, late.ticket) is None  # and gone, not waiting for a retry
    for forged in (None, "", "x" * 43, started.session_id, 42, late.ticket + "A"):
        assert sessions.hand_over(empty_db, forged) is None


def test_a_session_ends_after_the_configured_hours(empty_db, monkeypatch):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    session_id, _ = opened(empty_db, officer)
    start = officer.signed_in_at
    assert sessions.session_user(empty_db, session_id, now=start + dt.timedelta(hours=7, minutes=59))
    assert sessions.session_user(empty_db, session_id, now=start + dt.timedelta(hours=8, minutes=1)) is None
    monkeypatch.setenv("ATLAS_SESSION_HOURS", "1")  # shortening the setting ends longer sessions too
    assert sessions.session_user(empty_db, session_id, now=start + dt.timedelta(minutes=61)) is None
    assert sessions.session_user(empty_db, session_id, now=start + dt.timedelta(minutes=59))


def test_sign_out_ends_the_session_everywhere_and_is_recorded_once(empty_db):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    session_id, token = opened(empty_db, officer)
    other_device, _ = opened(empty_db, officer)
    assert sessions.end(empty_db, session_id) is True
    assert sessions.session_user(empty_db, session_id) is None
    assert sessions.session_user(empty_db, sessions.session_key(token)) is None  # every tab of this cookie
    assert sessions.end(empty_db, session_id) is False  # the cookie route's second sign-out: nothing
    assert sessions.session_user(empty_db, other_device) is not None  # another device signs out itself
    mine = select(audit_log.c.action).where(audit_log.c.username == "somsri")
    with empty_db.connect() as conn:
        logged = list(conn.execute(mine).scalars())
    assert logged.count("sign_out") == 1


def test_a_session_revoked_before_its_hand_over_gives_no_cookie(empty_db):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    started = sessions.start(empty_db, officer)
    sessions.end(empty_db, started.session_id)
    assert sessions.hand_over(empty_db, started.ticket) is None


def test_deactivation_and_password_reset_end_every_session_for_good(empty_db):
    admin = signed_in(empty_db, "boss", "admin")
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    first, _ = opened(empty_db, officer)
    second, _ = opened(empty_db, officer)
    admin_session, _ = opened(empty_db, admin)
    user_admin.set_active(empty_db, admin, officer.id, False)
    assert sessions.session_user(empty_db, first) is None and sessions.session_user(empty_db, second) is None
    user_admin.set_active(empty_db, admin, officer.id, True)
    assert sessions.session_user(empty_db, first) is None  # reactivation revives no old session
    assert sessions.session_user(empty_db, admin_session) is not None  # nobody else's ended
    again = signed_in(empty_db, "worker", "officer", ["24"])
    kept, _ = opened(empty_db, again)
    user_admin.reset_password(empty_db, admin, again.id, "a brand new passphrase")
    assert sessions.session_user(empty_db, kept) is None
    with empty_db.connect() as conn:
        open_rows = conn.execute(
            select(user_session.c.id).where(
                user_session.c.user_id.in_((officer.id, again.id)), user_session.c.revoked_at.is_(None)
            )
        ).all()
    assert open_rows == []


def test_a_new_role_or_scope_shows_on_the_next_lookup(empty_db):
    admin = signed_in(empty_db, "boss", "admin")
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    session_id, _ = opened(empty_db, officer)
    user_admin.set_scopes(empty_db, admin, officer.id, ["33"])
    assert sessions.session_user(empty_db, session_id).scopes == ("33",)
    user_admin.set_role(empty_db, admin, officer.id, "admin")
    assert sessions.session_user(empty_db, session_id).is_admin


@pytest.mark.parametrize("value", [None, 1, "admin", "0" * 64, "A" * 64, {"user_id": 1}, "' OR 1=1 --"])
def test_values_that_are_not_a_live_session_id_find_nobody(empty_db, value):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    _, token = opened(empty_db, officer)
    assert sessions.session_user(empty_db, value) is None
    assert sessions.session_user(empty_db, token) is None  # the token itself is not an id
    assert sessions.end(empty_db, value) is False


def test_cookie_values_that_are_not_our_tokens_have_no_session_key():
    for value in (None, "", "short", "a" * 44, "a" * 42 + "=", 7, "é" * 43):
        assert sessions.session_key(value) is None


def test_last_seen_is_written_at_most_every_few_minutes(empty_db):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    start = dt.datetime.now(dt.UTC)
    session_id, _ = opened(empty_db, officer, now=start)

    def last_seen():
        with empty_db.connect() as conn:
            seen = conn.execute(select(user_session.c.last_seen_at).where(user_session.c.id == session_id))
            return sessions._utc(seen.scalar_one())

    sessions.session_user(empty_db, session_id, now=start + dt.timedelta(minutes=1))
    assert last_seen() == start
    sessions.session_user(empty_db, session_id, now=start + dt.timedelta(minutes=6))
    assert last_seen() == start + dt.timedelta(minutes=6)


def test_sessions_over_for_a_month_are_deleted_at_a_later_sign_in(empty_db):
    officer = signed_in(empty_db, "somsri", "officer", ["24"])
    old, _ = opened(empty_db, officer)
    recent, _ = opened(empty_db, officer)
    with empty_db.begin() as conn:
        conn.execute(
            user_session.update()
            .where(user_session.c.id == old)
            .values(expires_at=dt.datetime.now(dt.UTC) - sessions.KEEP_ENDED - dt.timedelta(hours=1))
        )
    opened(empty_db, officer)
    with empty_db.connect() as conn:
        kept = set(conn.execute(select(user_session.c.id)).scalars())
    assert old not in kept and recent in kept and len(kept) == 2
