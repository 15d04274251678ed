"""Users and their scopes, for administrators: create, list, (de)activate, change role or scopes,
reset a password. Every function takes the acting user and refuses anyone but an administrator (or
the command line); sign-in and sessions live in `data_access.access.auth`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.exc import IntegrityError

from analysis.errors import DataError, NotFound
from data_access.access.audit import record
from data_access.access.auth import (
    Console,
    User,
    as_id,
    check_display_name,
    check_password,
    check_role,
    check_scopes,
    check_username,
    hash_password,
    normalise_username,
    require_admin,
)
from data_access.access.sessions import end_all_of
from data_access.schema import app_user, user_scope


def create_user(
    engine: Engine,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    scopes: Iterable[str] = (),
    *,
    actor: User | Console,
) -> int:
    """A new active user; returns its id. `DataError` for a bad or taken username, a weak password,
    an unknown role or scope; `Forbidden` unless `actor` is an admin (or the command line)."""
    require_admin(engine, actor)
    name = check_username(username)
    role = check_role(role)
    shown = check_display_name(display_name) or name
    check_password(password, name)
    hashed = hash_password(password)
    now = dt.datetime.now(dt.UTC)
    try:
        with engine.begin() as conn:
            codes = check_scopes(conn, scopes)
            if conn.execute(select(app_user.c.id).where(app_user.c.username == name)).first():
                raise _taken(name)
            new_id = conn.execute(
                app_user.insert().values(
                    username=name, display_name=shown, role=role, password_hash=hashed, failed_attempts=0,
                    locked_until=None, active=True, created_at=now, password_changed_at=now,
                )
            ).inserted_primary_key[0]  # fmt: skip
            _write_scopes(conn, new_id, codes)
            record(
                conn, actor.username, "user_created", detail=f"{name} role={role} scopes={','.join(codes)}"
            )
    except IntegrityError as clash:  # the same name created at the same moment elsewhere
        raise _taken(name) from clash
    return int(new_id)


def list_users(engine: Engine, actor: User | Console) -> pd.DataFrame:
    """Every user (never the hash): id, username, display_name, role, active, scopes (comma-separated),
    failed_attempts, locked_until, created_at, password_changed_at."""
    require_admin(engine, actor)
    columns = [c for c in app_user.columns if c.name != "password_hash"]
    with engine.connect() as conn:
        users = pd.DataFrame(
            [dict(r) for r in conn.execute(select(*columns).order_by(app_user.c.username)).mappings()],
            columns=[c.name for c in columns],
        )
        scopes = conn.execute(select(user_scope).order_by(user_scope.c.area_code)).all()
    by_user: dict[int, list[str]] = {}
    for user_id, code in scopes:
        by_user.setdefault(user_id, []).append(code)
    users.insert(5, "scopes", [",".join(by_user.get(i, [])) for i in users["id"]])
    users["active"] = users["active"].astype(bool)
    for column in ("locked_until", "created_at", "password_changed_at"):
        users[column] = pd.to_datetime(users[column], utc=True)  # SQLite keeps UTC without its zone
    return users


def find_user_id(engine: Engine, username: str) -> int | None:
    """The id of `username` (any case), or None."""
    name = normalise_username(username)
    with engine.connect() as conn:
        return conn.execute(select(app_user.c.id).where(app_user.c.username == name)).scalar()


def set_active(engine: Engine, actor: User | Console, user_id: int, active: bool) -> None:
    """Activate or deactivate a user (a deactivated user's sessions end at once)."""
    require_admin(engine, actor)
    if not isinstance(active, bool):
        raise DataError("ค่าสถานะการใช้งานต้องเป็นจริงหรือเท็จ", "active must be true or false")
    with engine.begin() as conn:
        user_id, name = _existing(conn, user_id)
        if not active:
            _keep_an_admin(conn, user_id)
        conn.execute(update(app_user).where(app_user.c.id == user_id).values(active=active))
        if not active:
            end_all_of(conn, user_id)  # so reactivating later does not revive them
        record(conn, actor.username, "user_changed", detail=f"{name} active={active}")


def set_role(engine: Engine, actor: User | Console, user_id: int, role: str) -> None:
    """Change a user's role; takes effect on the user's next page view."""
    require_admin(engine, actor)
    role = check_role(role)
    with engine.begin() as conn:
        user_id, name = _existing(conn, user_id)
        if role != "admin":
            _keep_an_admin(conn, user_id)
        conn.execute(update(app_user).where(app_user.c.id == user_id).values(role=role))
        record(conn, actor.username, "user_changed", detail=f"{name} role={role}")


def set_scopes(engine: Engine, actor: User | Console, user_id: int, scopes: Iterable[str]) -> None:
    """Replace a user's scopes (province or amphoe codes)."""
    require_admin(engine, actor)
    with engine.begin() as conn:
        user_id, name = _existing(conn, user_id)
        codes = check_scopes(conn, scopes)
        conn.execute(user_scope.delete().where(user_scope.c.user_id == user_id))
        _write_scopes(conn, user_id, codes)
        record(conn, actor.username, "scope_changed", detail=f"{name} scopes={','.join(codes)}")


def reset_password(engine: Engine, actor: User | Console, user_id: int, new_password: str) -> None:
    """Set a new password and lift any lock; the user's open sessions end."""
    require_admin(engine, actor)
    with engine.begin() as conn:
        user_id, name = _existing(conn, user_id)
        check_password(new_password, name)
        conn.execute(
            update(app_user)
            .where(app_user.c.id == user_id)
            .values(
                password_hash=hash_password(new_password),
                password_changed_at=dt.datetime.now(dt.UTC),
                failed_attempts=0,
                locked_until=None,
            )
        )
        end_all_of(conn, user_id)
        record(conn, actor.username, "user_changed", detail=f"{name} password reset")


def _write_scopes(conn: Connection, user_id: int, codes: list[str]) -> None:
    if codes:
        conn.execute(user_scope.insert(), [{"user_id": user_id, "area_code": c} for c in codes])


def _existing(conn: Connection, user_id: object) -> tuple[int, str]:
    number = as_id(user_id)
    if number is None:
        raise DataError("รหัสผู้ใช้ไม่ถูกต้อง", "Not a user id")
    name = conn.execute(select(app_user.c.username).where(app_user.c.id == number)).scalar()
    if name is None:
        raise NotFound(f"ไม่พบผู้ใช้หมายเลข {number}", f"No user with id {number}")
    return number, name


def _keep_an_admin(conn: Connection, user_id: int) -> None:
    """Refuse to demote or deactivate the last active administrator (nobody could manage users)."""
    target = conn.execute(select(app_user.c.role, app_user.c.active).where(app_user.c.id == user_id)).one()
    if target.role != "admin" or not target.active:
        return
    others = conn.execute(
        select(func.count())
        .select_from(app_user)
        .where(app_user.c.role == "admin", app_user.c.active.is_(True), app_user.c.id != user_id)
    ).scalar_one()
    if others == 0:
        raise DataError("ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน", "At least one active administrator must remain")


def _taken(name: str) -> DataError:
    return DataError(f"มีชื่อผู้ใช้ {name} อยู่แล้ว", f"The username {name} is taken")
