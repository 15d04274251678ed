"""The data version: one number in the database, raised by every change of stored figures in the
transaction that makes it, read by every server process on every run (one primary-key lookup), so a
process whose caches are older than the database drops them on its next run."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, select, update

from data_access.schema import data_version


def bump(conn: Connection) -> None:
    """Raise the version inside the caller's transaction (visible to others when it commits)."""
    now = dt.datetime.now(dt.UTC)
    raised = conn.execute(
        update(data_version)
        .where(data_version.c.id == 1)
        .values(version=data_version.c.version + 1, changed_at=now)
    ).rowcount
    if not raised:
        conn.execute(data_version.insert().values(id=1, version=1, changed_at=now))


def current(engine: Engine) -> int:
    """The version now (0 before the first change)."""
    with engine.connect() as conn:
        return int(conn.execute(select(data_version.c.version).where(data_version.c.id == 1)).scalar() or 0)
