"""Fixtures for access-control tests: a writable copy of a small seeded demo per test and backend, and
quick ways to make signed-in users.

Household access writes audit rows, users and referrals, and the session's seeded databases must stay
as the seed left them, so each test gets its own copy of a template seeded once per session (SQLite:
a file copy; PostgreSQL: `CREATE DATABASE ... TEMPLATE`). Registered in tests/conftest.py.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from data_access import auth, user_admin
from data_access.engine import make_engine
from data_access.seed import seed
from tests.support.import_db import _admin

SEEDED_TEMPLATE = "atlas_household_template"
PASSWORD = "correct horse battery staple"
SCALE = 0.02  # as tests/conftest.py: both provinces, three survey years, a few seconds to seed


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("household_template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    seed(engine, demo=True, scale=SCALE, log=lambda *_: None)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def seeded_postgres_template(postgres_url: str) -> str:
    url = make_url(postgres_url)
    _admin(url, f"CREATE DATABASE \"{SEEDED_TEMPLATE}\" TEMPLATE template0 ENCODING 'UTF8'")
    engine = make_engine(url.set(database=SEEDED_TEMPLATE).render_as_string(hide_password=False))
    seed(engine, demo=True, scale=SCALE, log=lambda *_: None)  # also moves the referral id counter
    engine.dispose()
    return postgres_url


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def seeded_writable_db(request, tmp_path) -> Engine:
    """The small demo (Chachoengsao 24 and Si Sa Ket 33, 2564-2566) in a database of this test's own."""
    if request.param == "sqlite":
        path = tmp_path / "households.sqlite"
        shutil.copy(request.getfixturevalue("seeded_sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    url = make_url(request.getfixturevalue("seeded_postgres_template"))
    name = f"atlas_households_{uuid.uuid4().hex[:10]}"
    _admin(url, f'CREATE DATABASE "{name}" TEMPLATE "{SEEDED_TEMPLATE}"')
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fast_hashing(monkeypatch) -> None:
    """Cheap argon2id parameters, for tests about something other than hashing (two shared cores)."""
    monkeypatch.setattr(auth, "_HASHER", PasswordHasher(time_cost=1, memory_cost=256, parallelism=1))
    auth._dummy_hash.cache_clear()
    yield
    auth._dummy_hash.cache_clear()


def signed_in(engine: Engine, username: str, role: str = "officer", scopes=(), now=None) -> auth.User:
    """Create a user through the command-line actor and sign them in."""
    user_admin.create_user(engine, username, PASSWORD, role, username.title(), scopes, actor=auth.CONSOLE)
    return auth.authenticate(engine, username, PASSWORD, now=now)
