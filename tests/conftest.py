"""Shared fixtures: one seeded database per backend per session.

- `sqlite_engine`: a seeded SQLite file in a session temporary directory.
- `postgres_url`: an empty database on a throwaway PostgreSQL server (see `tests.support.postgres`);
  skipped when no server binaries are installed, a failure instead when `REQUIRE_POSTGRES=1`.
- `postgres_engine`: that database, seeded like the SQLite one.
- `backend`: parametrised over `sqlite` and `postgresql`; the PostgreSQL case carries the `postgres`
  marker, so `-m "not postgres"` runs the suite without starting a server.

Seeded databases are shared by the whole session: tests must not change what the seed wrote (tests that
write use their own tables or roll back).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from data_access.engine import make_engine
from data_access.seed import seed
from tests.support.postgres import PostgresUnavailable, throwaway_postgres

# The seeded test databases are tiny (2 % of the demo: a few dozen households per tambon), so most
# small-count suppression would hide the numbers the tests compare with SQL. Suppression is switched
# off here and tested on purpose in test_disclosure*.py, which set their own threshold.
os.environ.setdefault("ATLAS_MIN_HOUSEHOLDS", "1")

pytest_plugins = [
    "tests.support.import_db",  # writable per-test databases for imports
    "tests.support.household_db",  # writable seeded copies and users for access-control tests
    "tests.support.levels_db",  # seeded copies with municipal units and villages
]

SEED_SCALE = 0.02
BACKENDS = ("sqlite", "postgresql")


def seed_quietly(engine: Engine) -> Engine:
    seed(engine, demo=True, scale=SEED_SCALE, log=lambda *_: None)
    return engine


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("sqlite") / "atlas_test.sqlite"
    engine = seed_quietly(make_engine(f"sqlite:///{path}"))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresUnavailable as missing:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(str(missing), pytrace=False)
        pytest.skip(str(missing))


@pytest.fixture(scope="session")
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = seed_quietly(make_engine(postgres_url))
    yield engine
    engine.dispose()


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ],
)
def backend(request) -> Engine:
    """A seeded engine, once per backend."""
    return request.getfixturevalue("sqlite_engine" if request.param == "sqlite" else "postgres_engine")
