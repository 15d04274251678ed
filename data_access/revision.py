"""A counter of stored-number changes made in the app, so every server process notices them.

`data_changed()` clears the caches of the process that saved; another process (a second server, a
second worker) would keep its cached figures until their TTL ran out. Each field-work save bumps
this counter in its own transaction, and the cached query wrappers pass it as part of their cache
key, so the next action in any process reads the new numbers.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select, update

from data_access.schema import dataset_info

KEY = "data_revision"


def ensure_revision(conn: Connection) -> None:
    """The counter's row, so that saves only ever update it (two first saves cannot collide)."""
    if conn.execute(select(dataset_info.c.key).where(dataset_info.c.key == KEY)).first() is None:
        conn.execute(dataset_info.insert().values(key=KEY, value="0"))


def bump(conn: Connection) -> None:
    """Count one change, inside the caller's transaction (a rolled-back save counts nothing)."""
    ensure_revision(conn)
    value = conn.execute(select(dataset_info.c.value).where(dataset_info.c.key == KEY)).scalar_one()
    number = int(value) + 1 if value.isdigit() else 1
    conn.execute(update(dataset_info).where(dataset_info.c.key == KEY).values(value=str(number)))


def current(engine: Engine) -> str:
    """The counter now ("0" before the first change)."""
    with engine.connect() as conn:
        value = conn.execute(
            select(dataset_info.c.value).where(dataset_info.c.key == KEY)
        ).scalar_one_or_none()
    return value or "0"
