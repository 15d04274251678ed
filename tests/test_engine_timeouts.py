"""Bounded waits: a locked table or a runaway statement fails fast with OperationalError (which the app
turns into its own message) instead of holding a pooled connection for as long as the lock lasts."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from data_access.engine import make_engine, timeout_seconds


def test_timeouts_come_from_the_environment_with_defaults(monkeypatch):
    monkeypatch.delenv("ATLAS_DB_LOCK_TIMEOUT", raising=False)
    assert timeout_seconds("lock") == 10.0
    monkeypatch.setenv("ATLAS_DB_LOCK_TIMEOUT", "2.5")
    assert timeout_seconds("lock") == 2.5
    monkeypatch.setenv("ATLAS_DB_LOCK_TIMEOUT", "soon")
    assert timeout_seconds("lock") == 10.0


@pytest.mark.postgres
def test_a_runaway_statement_is_cut_off(postgres_url, monkeypatch):
    monkeypatch.setenv("ATLAS_DB_STATEMENT_TIMEOUT", "0.5")
    engine = make_engine(postgres_url)
    started = time.monotonic()
    with pytest.raises(OperationalError, match="statement timeout"):
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_sleep(5)"))
    assert time.monotonic() - started < 3
    unlimited = make_engine(postgres_url, statement_timeout=None)  # what seeding and imports may ask
    with unlimited.connect() as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "0"
    engine.dispose()
    unlimited.dispose()


@pytest.mark.postgres
def test_a_locked_table_fails_fast_and_other_tables_still_answer(postgres_url, monkeypatch):
    monkeypatch.setenv("ATLAS_DB_LOCK_TIMEOUT", "0.5")
    holder, reader = make_engine(postgres_url), make_engine(postgres_url)
    with holder.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS lock_probe (x int)"))
        conn.execute(text("CREATE TABLE IF NOT EXISTS lock_free (x int)"))
    with holder.connect() as locking:
        locking.execute(text("BEGIN"))
        locking.execute(text("LOCK TABLE lock_probe IN ACCESS EXCLUSIVE MODE"))
        started = time.monotonic()
        with pytest.raises(OperationalError, match="lock timeout"):
            with reader.connect() as conn:
                conn.execute(text("SELECT count(*) FROM lock_probe"))
        assert time.monotonic() - started < 3
        with reader.connect() as conn:  # the pool is not stuck: another table answers at once
            assert conn.execute(text("SELECT count(*) FROM lock_free")).scalar() == 0
        locking.execute(text("ROLLBACK"))
    holder.dispose()
    reader.dispose()
