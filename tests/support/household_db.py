"""Fixtures for access-control tests: a writable copy of a small seeded demo per test and backend, and
quick ways to make signed-in users.

Household access writes audit rows, users and referrals, and the session's seeded databases must stay
as the seed left them, so each test gets its own copy of a template seeded once per session (SQLite:
a file copy; PostgreSQL: `CREATE DATABASE ... TEMPLATE`). Registered in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

from data_access.access import auth, sessions, user_admin
from tests.support import writable_db

SEEDED_TEMPLATE = "atlas_household_template"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory) -> Path:
    return writable_db.sqlite_template(tmp_path_factory.mktemp("household_template"), demo=True)


@pytest.fixture(scope="session")
def seeded_postgres_template(postgres_url: str) -> str:
    return writable_db.postgres_template(postgres_url, SEEDED_TEMPLATE, demo=True)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def seeded_writable_db(request, tmp_path) -> Iterator[Engine]:
    """The small demo (Chachoengsao 24 and Si Sa Ket 33, 2564-2566) in a database of this test's own."""
    fixture = "seeded_sqlite_template" if request.param == "sqlite" else "seeded_postgres_template"
    with writable_db.copy_of(
        request.param, request.getfixturevalue(fixture), tmp_path, SEEDED_TEMPLATE
    ) as engine:
        yield engine


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


def session_of(engine: Engine, user: auth.User) -> str:
    """A stored session for `user`: the value the app keeps under `SIGNED_IN_KEY` (what a page
    test puts there to act as that user)."""
    return sessions.start(engine, user).session_id
