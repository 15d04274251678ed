"""Engine creation for the embedded SQLite default and for PostgreSQL.

Every engine waits a bounded time: to connect, for a pooled connection, for a lock and for a
statement. A stopped server or a table locked by a long import then reads as the app's own message
on the page that needs it (the query raises `OperationalError`), while other pages keep serving,
instead of every connection of the pool hanging as long as the lock lasts. Limits in seconds, from the
environment: `ATLAS_DB_CONNECT_TIMEOUT` (5), `ATLAS_DB_LOCK_TIMEOUT` (10), `ATLAS_DB_STATEMENT_TIMEOUT`
(60; imports and seeding pass `statement_timeout=None` for no limit).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

DEFAULT_TIMEOUTS = {"connect": 5.0, "lock": 10.0, "statement": 60.0}
_UNSET = object()


def timeout_seconds(kind: str) -> float:
    """`ATLAS_DB_<KIND>_TIMEOUT` seconds, or the default; 0 or a negative number means no limit."""
    raw = os.environ.get(f"ATLAS_DB_{kind.upper()}_TIMEOUT")
    try:
        return float(raw) if raw not in (None, "") else DEFAULT_TIMEOUTS[kind]
    except ValueError:
        return DEFAULT_TIMEOUTS[kind]


def make_engine(url: str, statement_timeout=_UNSET) -> Engine:
    """An engine for `url`; SQLite gets its folder created and pragmas suited to a read-mostly app.

    `statement_timeout` (seconds, None for no limit) overrides the environment's for long batch work."""
    parsed = make_url(url)
    lock = timeout_seconds("lock")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # SQLite's only wait is for a writer's lock (its busy timeout); a statement is never cut off.
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": lock if lock > 0 else 3600}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    statement = timeout_seconds("statement") if statement_timeout is _UNSET else statement_timeout
    options = [f"-c lock_timeout={_ms(lock)}", f"-c statement_timeout={_ms(statement)}"]
    connect = {"options": " ".join(options)}
    if parsed.get_backend_name() == "postgresql" and timeout_seconds("connect") > 0:
        connect["connect_timeout"] = max(1, int(timeout_seconds("connect")))
    return create_engine(
        url, pool_pre_ping=True, pool_timeout=max(timeout_seconds("connect"), 1), connect_args=connect
    )


def _ms(seconds: float | None) -> int:
    """PostgreSQL's timeout settings take milliseconds; 0 switches the limit off."""
    return 0 if not seconds or seconds <= 0 else int(seconds * 1000)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the app read while an import writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
