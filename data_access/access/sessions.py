"""Sign-ins that outlast a page: a session row checked against the database on every run.

The Streamlit session dies with a reload, a new tab or a deep link, so a signed-in browser also holds
a random token in an HttpOnly, SameSite=Strict cookie (`COOKIE`, set by `atlas_server`). The database
keeps only the token's SHA-256 as the session id, so a copy of the table cannot be replayed as a cookie.
`session_user` re-reads the user on every run: sign-out (`end`), deactivation or a password reset
(`end_all_of`), the end of `config.session_hours()`, a new role or new scopes take effect everywhere
on the next action.

A websocket cannot set a cookie, so a sign-in hands over: `start` stores the session and a one-time
ticket (kept as its hash, valid `HANDOVER_SECONDS`) under which the token is sealed; the browser takes
the ticket to the cookie route, where `hand_over` deletes the ticket, unseals the token and returns it
for the Set-Cookie header. A ticket seen later (browser history, a proxy log) opens nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select, update

from data_access import config
from data_access.access.auth import User, load_user, sign_out
from data_access.schema import app_user, session_handover, user_session

COOKIE = "atlas_session"
OPEN_ROUTE = "/auth/session"  # HTTP routes of `atlas_server`: ticket in, cookie set
CLOSE_ROUTE = "/auth/sign-out"  # session revoked, cookie cleared
HANDOVER_SECONDS = 60
LAST_SEEN_EVERY = dt.timedelta(minutes=5)  # a run writes `last_seen_at` at most this often
KEEP_ENDED = dt.timedelta(days=30)  # sessions over for longer are deleted at the next sign-in
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # 32 random bytes, base64url without padding
_SESSION_ID = re.compile(r"[0-9a-f]{64}")
_SEAL_LABEL = b"tambon-atlas session hand-over\x00"


@dataclass(frozen=True)
class Started:
    """A new session: its id (for this Streamlit session) and the ticket the browser takes along."""

    session_id: str
    ticket: str


@dataclass(frozen=True)
class HandedOver:
    """The cookie's value and how many seconds it may live (until the session expires)."""

    token: str
    max_age: int


def session_key(token: object) -> str | None:
    """The session id of a cookie value, or None for anything that is not a token of ours."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    return _sha256(token)


def start(engine: Engine, user: User, now: dt.datetime | None = None) -> Started:
    """Store a session for `user` (just authenticated; it ends `config.session_hours()` after their
    sign-in) and a hand-over ticket for it."""
    now = _utc(now)
    raw = secrets.token_bytes(32)
    token = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    ticket = secrets.token_urlsafe(32)
    session_id = _sha256(token)
    began = _utc(user.signed_in_at)
    with engine.begin() as conn:
        conn.execute(session_handover.delete().where(session_handover.c.expires_at < now))
        conn.execute(user_session.delete().where(user_session.c.expires_at < now - KEEP_ENDED))
        conn.execute(
            user_session.insert().values(
                id=session_id, user_id=user.id, created_at=began, expires_at=began + _lifetime(),
                revoked_at=None, last_seen_at=now,
            )
        )  # fmt: skip
        conn.execute(
            session_handover.insert().values(
                id=_sha256(ticket),
                session_id=session_id,
                sealed_token=_xor(raw, _seal_key(ticket)).hex(),
                expires_at=now + dt.timedelta(seconds=HANDOVER_SECONDS),
            )
        )
    return Started(session_id, ticket)


def hand_over(engine: Engine, ticket: object, now: dt.datetime | None = None) -> HandedOver | None:
    """The token for the ticket's session, once: None for an unknown, used or expired ticket, or a
    session that is no longer valid."""
    if not isinstance(ticket, str) or not _TOKEN.fullmatch(ticket):
        return None
    now = _utc(now)
    ticket_id = _sha256(ticket)
    with engine.begin() as conn:
        row = conn.execute(select(session_handover).where(session_handover.c.id == ticket_id)).first()
        if row is None:
            return None
        # Whoever deletes the row owns the ticket: a second use, even a simultaneous one, finds nothing.
        taken = conn.execute(session_handover.delete().where(session_handover.c.id == ticket_id)).rowcount
    if taken != 1 or _utc(row.expires_at) <= now:
        return None
    token = base64.urlsafe_b64encode(_xor(bytes.fromhex(row.sealed_token), _seal_key(ticket)))
    token = token.rstrip(b"=").decode()
    if _sha256(token) != row.session_id or session_user(engine, row.session_id, now) is None:
        return None
    with engine.connect() as conn:
        expires = conn.execute(
            select(user_session.c.expires_at).where(user_session.c.id == row.session_id)
        ).scalar_one()
    return HandedOver(token, max(1, int((_utc(expires) - now).total_seconds())))


def session_user(engine: Engine, session_id: object, now: dt.datetime | None = None) -> User | None:
    """The user of a session as the database says now, or None: unknown, revoked or expired session,
    deactivated user, password changed since the sign-in, or a value that is not a session id."""
    if not isinstance(session_id, str) or not _SESSION_ID.fullmatch(session_id):
        return None
    now = _utc(now)
    with engine.connect() as conn:
        row = conn.execute(
            select(user_session, app_user.c.active, app_user.c.password_changed_at)
            .join(app_user, app_user.c.id == user_session.c.user_id)
            .where(user_session.c.id == session_id)
        ).first()
        if row is None or row.revoked_at is not None or not row.active:
            return None
        began = _utc(row.created_at)
        # The stored end, and the end the setting gives now (shortening ATLAS_SESSION_HOURS takes effect).
        if now >= _utc(row.expires_at) or now >= began + _lifetime():
            return None
        if _utc(row.password_changed_at) > began:
            return None
        user = load_user(conn, row.user_id, began)
    if row.last_seen_at is None or now - _utc(row.last_seen_at) >= LAST_SEEN_EVERY:
        with engine.begin() as conn:
            conn.execute(update(user_session).where(user_session.c.id == session_id).values(last_seen_at=now))
    return user


def end(engine: Engine, session_id: object, now: dt.datetime | None = None) -> bool:
    """Sign out: revoke the session (every tab and device using it is signed out on its next action)
    and record it; False when there was no live session to end."""
    if not isinstance(session_id, str) or not _SESSION_ID.fullmatch(session_id):
        return False
    user = session_user(engine, session_id, now)
    with engine.begin() as conn:
        done = conn.execute(
            update(user_session)
            .where(user_session.c.id == session_id, user_session.c.revoked_at.is_(None))
            .values(revoked_at=_utc(now))
        ).rowcount
    if done and user is not None:
        sign_out(engine, user)
    return bool(done and user is not None)


def end_all_of(conn: Connection, user_id: int, now: dt.datetime | None = None) -> int:
    """Revoke every open session of a user (deactivation, password reset), inside the caller's
    transaction; the number revoked."""
    return conn.execute(
        update(user_session)
        .where(user_session.c.user_id == user_id, user_session.c.revoked_at.is_(None))
        .values(revoked_at=_utc(now))
    ).rowcount


def _lifetime() -> dt.timedelta:
    return dt.timedelta(hours=config.session_hours())


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _seal_key(ticket: str) -> bytes:
    """32 bytes only the ticket gives (a different hash from the ticket's id, which is stored)."""
    return hashlib.sha256(_SEAL_LABEL + ticket.encode()).digest()


def _xor(data: bytes, key: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, key, strict=True))


def _utc(moment: dt.datetime | None) -> dt.datetime:
    """Now, or `moment` in UTC (SQLite returns stored UTC times without their zone)."""
    if moment is None:
        return dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
