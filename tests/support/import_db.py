"""Fixtures for the import tests: an empty database (areas and catalogue only) per test and backend.

Imports write, and the session's seeded databases must stay as the seed left them, so every test that
may write gets its own: on SQLite a copy of a template file, on PostgreSQL `CREATE DATABASE ...
TEMPLATE` on the session's throwaway server. Registered for every test in tests/conftest.py.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

from data_access.engine import make_engine
from data_access.seed import seed

CORPUS = Path(__file__).resolve().parents[1] / "data" / "import"
WATCHED_TABLES = (
    "indicator", "dimension", "indicator_value", "household", "household_deprivation", "referral",
    "import_log", "dataset_info",
)  # fmt: skip
TEMPLATE_DATABASE = "atlas_import_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("import_template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    seed(engine, demo=False, log=lambda *_: None)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> str:
    url = make_url(postgres_url)
    _admin(url, f"CREATE DATABASE \"{TEMPLATE_DATABASE}\" TEMPLATE template0 ENCODING 'UTF8'")
    engine = make_engine(url.set(database=TEMPLATE_DATABASE).render_as_string(hide_password=False))
    seed(engine, demo=False, log=lambda *_: None)
    engine.dispose()
    return postgres_url


def _admin(url, statement: str) -> None:
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


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def empty_db(request, tmp_path) -> Engine:
    """A database with every area and the shipped catalogue, no households or values; one per test."""
    if request.param == "sqlite":
        path = tmp_path / "import.sqlite"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        engine = make_engine(f"sqlite:///{path}")
        yield engine
        engine.dispose()
        return
    url = make_url(request.getfixturevalue("postgres_template"))
    name = f"atlas_import_{uuid.uuid4().hex[:10]}"
    _admin(url, f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DATABASE}"')
    engine = make_engine(url.set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def snapshot(engine: Engine) -> dict[str, str]:
    """A digest of every watched table's full contents, to prove a failed import changed nothing."""
    digests = {}
    with engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        for table in WATCHED_TABLES + ("import_log_counts",):
            if table not in present:
                digests[table] = "absent"
                continue
            frame = pd.read_sql(text(f"SELECT * FROM {table}"), conn)  # names from the list above
            frame = frame.sort_values(list(frame.columns), ignore_index=True) if not frame.empty else frame
            digests[table] = f"{len(frame)}:" + hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()
    return digests


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()
