"""Sign-in for officers and administrators, and user management for administrators.

Works offline: only the database is consulted. Passwords are kept as argon2id hashes (salt and cost
inside each hash; `verify` upgrades old parameters on the next sign-in). Five failures in a row lock
an account for fifteen minutes (`config.lockout_attempts` / `lockout_minutes`), during which even the
right password is refused. Every refusal says the same thing and costs one hash verification, so the
answer does not tell whether a username exists.

A session is two small values a page keeps: the user's id and the time of sign-in. `current_user`
re-reads the user on every call, so deactivation, a new role, new scopes or a password reset take
effect at once, and a sign-in older than `config.session_hours` is over.
"""

from __future__ import annotations

import datetime as dt
import functools
import numbers
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, or_, select, update

from analysis.errors import AuthError, DataError, Forbidden
from data_access import config
from data_access.access.audit import clean, record
from data_access.schema import USER_ROLES, app_user, area, user_scope

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256  # argon2 takes any length; a bound keeps a request from costing megabytes
MAX_DISPLAY_NAME = 120
MAX_SCOPES = 200
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}")
_SCOPE = re.compile(r"\d{2}|\d{4}")
_AREA = re.compile(r"\d{2}|\d{4}|\d{6}")
_FORMULA_LIKE = re.compile(r"\s*[=+@\t\r-]")  # a spreadsheet would run these as formulas
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_HASHER = PasswordHasher()  # argon2id with argon2-cffi's RFC 9106 low-memory parameters


@dataclass(frozen=True)
class User:
    """A signed-in user as the database says now; `signed_in_at` is when this session began (UTC)."""

    id: int
    username: str
    display_name: str
    role: str
    scopes: tuple[str, ...]
    signed_in_at: dt.datetime

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


SignedIn = User


class Console:
    """The command line (`python -m data_access.access.users`): trusted, since it already holds the database's
    credentials. Pass `CONSOLE` as the actor there; a page always passes the signed-in `User`."""

    username = "(command line)"  # no real username can have parentheses, so it cannot be mistaken


CONSOLE = Console()


# --- passwords ----------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """An argon2id hash of `password` (NFKC-normalised, so Thai typed on any keyboard matches)."""
    return _HASHER.hash(_normalise_password(password))


def verify(stored_hash: str, password: str) -> bool:
    """Whether `password` matches `stored_hash`; False for a malformed hash or a non-text password."""
    if not isinstance(password, str) or not isinstance(stored_hash, str):
        return False
    try:
        return _HASHER.verify(stored_hash, _normalise_password(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def check_password(password: object, username: str = "") -> str:
    """The password itself, or `DataError` saying what the policy asks for."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise DataError(
            f"รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD_LENGTH} ตัวอักษร",
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise DataError(
            f"รหัสผ่านยาวเกิน {MAX_PASSWORD_LENGTH} ตัวอักษร",
            f"The password must be at most {MAX_PASSWORD_LENGTH} characters long",
        )
    if not password.strip() or (len(username) >= 4 and username.lower() in password.lower()):
        raise DataError(
            "รหัสผ่านต้องไม่เป็นช่องว่างทั้งหมด และต้องไม่มีชื่อผู้ใช้อยู่ในรหัสผ่าน",
            "The password must not be only spaces and must not contain the username",
        )
    return password


def _normalise_password(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("tambon-atlas: no such user")


# --- sign-in and sessions -------------------------------------------------------------------------


def authenticate(engine: Engine, username: str, password: str, now: dt.datetime | None = None) -> User:
    """The user, signed in at `now`; `AuthError` with one message for every kind of refusal."""
    now = _utc(now)
    name = normalise_username(username)
    row = None
    if _USERNAME.fullmatch(name):
        with engine.connect() as conn:
            row = conn.execute(select(app_user).where(app_user.c.username == name)).mappings().first()
    if row is None or not row["active"]:
        verify(_dummy_hash(), password if isinstance(password, str) else "")  # same cost as a real user
        record(engine, name, "sign_in_failed", detail="unknown or inactive user")
        raise _refused()
    matches = verify(row["password_hash"], password)  # even when locked, so a lock costs the same time
    locked_until = _aware(row["locked_until"])
    if locked_until is not None and locked_until > now:
        record(engine, name, "sign_in_failed", detail="account locked")
        raise _refused()
    if not matches:
        _count_failure(engine, row["id"], name, now)
        raise _refused()
    changes: dict = {"failed_attempts": 0, "locked_until": None}
    if needs_rehash(row["password_hash"]):
        changes["password_hash"] = hash_password(password)
    with engine.begin() as conn:
        # Conditional on not being locked in the meantime by a parallel failure.
        done = conn.execute(
            update(app_user)
            .where(
                app_user.c.id == row["id"],
                app_user.c.active.is_(True),
                or_(app_user.c.locked_until.is_(None), app_user.c.locked_until <= now),
            )
            .values(**changes)
        )
        if done.rowcount == 1:
            record(conn, name, "sign_in")
            return load_user(conn, row["id"], now)
    raise _refused()


def _count_failure(engine: Engine, user_id: int, name: str, now: dt.datetime) -> None:
    with engine.begin() as conn:
        # One UPDATE adds atomically (a row lock on PostgreSQL), so parallel guesses all count.
        conn.execute(
            update(app_user)
            .where(app_user.c.id == user_id)
            .values(failed_attempts=app_user.c.failed_attempts + 1)
        )
        failures = conn.execute(
            select(app_user.c.failed_attempts).where(app_user.c.id == user_id)
        ).scalar_one()
        record(conn, name, "sign_in_failed", detail=f"wrong password ({failures} in a row)")
        if failures >= config.lockout_attempts():
            until = now + dt.timedelta(minutes=config.lockout_minutes())
            conn.execute(
                update(app_user).where(app_user.c.id == user_id).values(failed_attempts=0, locked_until=until)
            )
            record(conn, name, "locked_out", detail=f"locked until {until.isoformat(timespec='seconds')}")


def _refused() -> AuthError:
    minutes = f"{config.lockout_minutes():g}"
    return AuthError(
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกระงับชั่วคราว "
        f"{minutes} นาทีหลังใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่หรือติดต่อผู้ดูแลระบบ",
        f"Wrong username or password, or the account is locked for {minutes} minutes after repeated "
        "failures. Try again, or ask an administrator.",
    )


def current_user(
    engine: Engine,
    user_id: object,
    signed_in_at: object,
    now: dt.datetime | None = None,
    max_age: dt.timedelta | None = None,
) -> User | None:
    """The user of a session as the database says now, or None: unknown or deactivated user, password
    changed since sign-in, sign-in older than `max_age` (default `config.session_hours()`), or values
    that are not an id and an aware time (e.g. tampered session state)."""
    user_id = as_id(user_id)
    if user_id is None or not isinstance(signed_in_at, dt.datetime) or signed_in_at.tzinfo is None:
        return None
    now = _utc(now)
    started = signed_in_at.astimezone(dt.UTC)
    age = now - started
    limit = max_age if max_age is not None else dt.timedelta(hours=config.session_hours())
    if age > limit or age < -dt.timedelta(minutes=5):  # a sign-in from the future is forged
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(app_user.c.active, app_user.c.password_changed_at).where(app_user.c.id == user_id)
        ).first()
        if row is None or not row.active or _aware(row.password_changed_at) > started:
            return None
        return load_user(conn, user_id, started)


def sign_out(engine: Engine, user: User | None) -> None:
    """Record the sign-out; the page then forgets the session values."""
    if isinstance(user, User):
        record(engine, user.username, "sign_out")


def can_see_area(user: User | None, area_code: object) -> bool:
    """Whether `user` may see household data of `area_code` (2, 4 or 6 digits): an admin everywhere,
    an officer at or under one of their scopes, an anonymous viewer nowhere."""
    if not isinstance(user, User) or not isinstance(area_code, str) or not _AREA.fullmatch(area_code):
        return False
    if user.role == "admin":
        return True
    return user.role == "officer" and any(area_code.startswith(scope) for scope in user.scopes)


def require_admin(engine: Engine, actor: object) -> None:
    """Nothing for the command line or a user who is an active admin now; `Forbidden` otherwise."""
    if isinstance(actor, Console):
        return
    fresh = current_user(engine, actor.id, actor.signed_in_at) if isinstance(actor, User) else None
    if fresh is None or fresh.role != "admin":
        raise Forbidden("เฉพาะผู้ดูแลระบบเท่านั้นที่ทำรายการนี้ได้", "Only an administrator can do this")


def load_user(conn: Connection, user_id: int, signed_in_at: dt.datetime) -> User:
    """The user as stored now, with role and scopes (the caller has checked that the session holds)."""
    row = conn.execute(select(app_user).where(app_user.c.id == user_id)).mappings().one()
    scopes = conn.execute(
        select(user_scope.c.area_code).where(user_scope.c.user_id == user_id).order_by(user_scope.c.area_code)
    ).scalars()
    return User(row["id"], row["username"], row["display_name"], row["role"], tuple(scopes), signed_in_at)


# --- validation -----------------------------------------------------------------------------------


def normalise_username(username: object) -> str:
    """Lower-case, NFKC, trimmed; '' for anything that is not text."""
    return unicodedata.normalize("NFKC", username).strip().lower() if isinstance(username, str) else ""


def check_username(username: object) -> str:
    name = normalise_username(username)
    if not _USERNAME.fullmatch(name):
        raise DataError(
            "ชื่อผู้ใช้ต้องยาว 3-64 ตัวอักษร ใช้ได้เฉพาะ a-z 0-9 จุด ขีดกลาง ขีดล่าง และ @ และขึ้นต้นด้วยตัวอักษรหรือตัวเลข",
            "A username has 3-64 characters: a-z, 0-9, dot, hyphen, underscore or @, starting with a "
            "letter or digit",
        )
    return name


def check_role(role: object) -> str:
    if not isinstance(role, str) or role not in USER_ROLES:
        raise DataError(
            "บทบาทต้องเป็น officer (เจ้าหน้าที่) หรือ admin (ผู้ดูแลระบบ)",
            f"The role must be one of {', '.join(USER_ROLES)}",
        )
    return role


def check_display_name(display_name: object) -> str:
    return check_text(display_name, "ชื่อที่แสดง", "display name", required=False, max_length=MAX_DISPLAY_NAME)


def check_text(value: object, field_th: str, field_en: str, *, required: bool, max_length: int) -> str:
    """Free text from a form, trimmed, or `DataError`: missing when required, too long, control
    characters, or a leading = + - @ that a spreadsheet opening an export would run as a formula."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DataError(f"{field_th} ต้องเป็นข้อความ", f"The {field_en} must be text")
    text = value.strip()
    if required and not text:
        raise DataError(f"กรุณาระบุ{field_th}", f"The {field_en} is required")
    if len(text) > max_length:
        raise DataError(
            f"{field_th}ยาวเกิน {max_length} ตัวอักษร", f"The {field_en} must be at most {max_length} characters"
        )
    if _CONTROL.search(text) or _FORMULA_LIKE.match(text):
        raise DataError(
            f"{field_th}มีอักขระควบคุม หรือขึ้นต้นด้วย = + - @ ซึ่งไม่รับ",
            f"The {field_en} contains control characters or starts with = + - or @ (a spreadsheet formula), "
            "which is not accepted",
        )
    return text


def check_scopes(conn: Connection, scopes: Iterable[str]) -> list[str]:
    """Distinct, sorted province or amphoe codes that exist; `DataError` naming the first bad one."""
    if isinstance(scopes, str):
        scopes = [part for part in re.split(r"[,\s]+", scopes) if part]
    scopes = list(scopes)
    if any(not isinstance(s, str) for s in scopes):
        raise DataError("รหัสพื้นที่รับผิดชอบต้องเป็นข้อความ", "Scope codes must be text")
    codes = sorted({s.strip() for s in scopes})
    if len(codes) > MAX_SCOPES:
        raise DataError(f"พื้นที่รับผิดชอบได้ไม่เกิน {MAX_SCOPES} พื้นที่", f"At most {MAX_SCOPES} scopes")
    known = set()
    valid = [c for c in codes if _SCOPE.fullmatch(c)]
    if valid:
        known = set(
            conn.execute(
                select(area.c.code).where(area.c.code.in_(valid), area.c.level.in_(("province", "amphoe")))
            ).scalars()
        )
    for code in codes:
        if code not in known:
            raise DataError(
                f"พื้นที่รับผิดชอบ {clean(code, 20)!r} ไม่ใช่รหัสจังหวัด (2 หลัก) หรืออำเภอ (4 หลัก) ที่มีอยู่",
                f"Scope {clean(code, 20)!r} is not an existing province (2-digit) or amphoe (4-digit) code",
            )
    return codes


def as_id(value: object) -> int | None:
    """A database id from a page (int or numpy integer), or None for anything else (bool, text...)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        return None
    return int(value)


def _utc(moment: dt.datetime | None) -> dt.datetime:
    if moment is None:
        return dt.datetime.now(dt.UTC)
    return _aware(moment).astimezone(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns stored UTC times without their zone; every time here is UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
