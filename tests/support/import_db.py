"""Fixtures for the import tests: an empty database (areas and catalogue only) per test and backend.

Imports write, and the session's seeded databases must stay as the seed left them, so every test that
may write gets its own: on SQLite a copy of a template file, on PostgreSQL `CREATE DATABASE ...
TEMPLATE` on the session's throwaway server. Registered for every test in tests/conftest.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, inspect, text

from tests.support import writable_db

CORPUS = Path(__file__).resolve().parents[1] / "data" / "import"
WATCHED_TABLES = (
    "indicator", "dimension", "indicator_value", "household", "household_deprivation", "referral",
    "import_log", "dataset_info", "area", "municipal_area", "village", "village_value", "community_asset",
)  # fmt: skip
TEMPLATE_DATABASE = "atlas_import_template"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    return writable_db.sqlite_template(tmp_path_factory.mktemp("import_template"), demo=False)


@pytest.fixture(scope="session")
def postgres_template(postgres_url: str) -> str:
    return writable_db.postgres_template(postgres_url, TEMPLATE_DATABASE, demo=False)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def empty_db(request, tmp_path) -> Iterator[Engine]:
    """A database with every area and the shipped catalogue, no households or values; one per test."""
    fixture = "sqlite_template" if request.param == "sqlite" else "postgres_template"
    with writable_db.copy_of(
        request.param, request.getfixturevalue(fixture), tmp_path, TEMPLATE_DATABASE
    ) as engine:
        yield engine


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


def households_file(
    path: Path, count: int, tambons=("330101", "330102", "330103", "240101"), year: int = 2566
) -> Path:
    """A clean household survey file of `count` synthetic households (keys k0000000 ...) spread over
    `tambons`, every deprivation indicator of the shipped catalogue a column; written line by line."""
    from data_access.catalogue import read_indicators

    catalogue = read_indicators()
    codes = sorted(catalogue.loc[catalogue["is_deprivation"], "code"])
    header = ["household_key", "area_code", "year", "village_no", "members", "welfare_card"]
    header += ["capital_human", "capital_physical", "capital_economic", "capital_natural", "capital_social"]
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(header + codes) + "\n")
        for n in range(count):
            capitals = ",".join(str(1 + (n + i) % 4) for i in range(5))
            flags = ",".join("1" if (n * 7 + i) % 11 == 0 else "0" for i in range(len(codes)))
            tambon = tambons[n % len(tambons)]
            out.write(f"k{n:07d},{tambon},{year},{1 + n % 9},{1 + n % 6},{n % 2},{capitals},{flags}\n")
    return path
