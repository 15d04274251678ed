"""Databases a test may write to: a template seeded once per session, copied for every test (SQLite:
a file copy; PostgreSQL: `CREATE DATABASE ... TEMPLATE` on the session's throwaway server), so the
session's shared seeded databases stay exactly as the seed left them."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from data_access.engine import make_engine
from data_access.seed import seed

SEED_SCALE = 0.02  # as tests/conftest.py: both provinces, three survey years, a few seconds to seed


def sqlite_template(folder: Path, demo: bool) -> Path:
    """A seeded SQLite file with its write-ahead log folded in, ready to be copied."""
    path = folder / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    seed(engine, demo=demo, scale=SEED_SCALE, log=lambda *_: None)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def postgres_template(postgres_url: str, name: str, demo: bool) -> str:
    """Seed database `name` on the server of `postgres_url` to serve as a template; returns the URL."""
    url = make_url(postgres_url)
    admin(url, f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    seed(engine, demo=demo, scale=SEED_SCALE, log=lambda *_: None)
    engine.dispose()
    return postgres_url


@contextmanager
def copy_of(backend: str, template, tmp_path: Path, template_name: str) -> Iterator[Engine]:
    """An engine on a fresh copy of `template` (a SQLite file path, or the URL of a server holding the
    PostgreSQL template database `template_name`), removed afterwards."""
    if backend == "sqlite":
        path = tmp_path / f"{template_name}.sqlite"
        shutil.copy(template, path)
        engine = make_engine(f"sqlite:///{path}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    url = make_url(template)
    name = f"{template_name}_{uuid.uuid4().hex[:10]}"
    admin(url, f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def admin(url, statement: str) -> None:
    """One statement on the server's `postgres` database, outside a transaction (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(statement)
