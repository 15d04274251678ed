"""bulk_insert: what goes in comes back out, on SQLite (executemany) and PostgreSQL (COPY), or it raises."""

from __future__ import annotations

import datetime as dt
import sqlite3

import numpy as np
import pandas as pd
import psycopg
import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    select,
)

from analysis.errors import DataError
from data_access.bulk import bulk_insert
from data_access.schema import household
from tests.support.sql import scalar

THAI = ["ตำบลจาน อำเภอเมืองศรีสะเกษ", "ผู้ใหญ่บ้าน หมู่ที่ ๓ “น้ำคำ”", "กรุงเทพมหานคร\tบรรทัด\nใหม่ \\ ทับ"]
DRIVER_INTEGRITY_ERRORS = (sqlite3.IntegrityError, psycopg.errors.IntegrityError)


@pytest.fixture
def probe(backend):
    """A scratch table on the seeded database, dropped afterwards so the seed stays as it was."""
    metadata = MetaData()
    table = Table(
        "bulk_probe",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("code", String(6), nullable=False),
        Column("name_th", Text, nullable=True),
        Column("amount", Float, nullable=True),
        Column("score", SmallInteger, nullable=True),
        Column("flag", Boolean, nullable=True),
        Column("day", Date, nullable=True),
        Column("stamp", DateTime(timezone=True), nullable=True),
    )
    metadata.drop_all(backend)
    metadata.create_all(backend)
    yield table
    metadata.drop_all(backend)


def read_back(engine, table: Table) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(select(table).order_by(table.c.id))]


def test_round_trip_of_thai_text_nulls_booleans_and_dates(backend, probe):
    frame = pd.DataFrame(
        {
            "id": np.array([1, 2, 3], dtype=np.int64),
            "code": ["330105", "240101", "000000"],
            "name_th": [THAI[0], None, THAI[2]],
            "amount": [1.5, np.nan, -0.25],
            # pandas keeps an integer column with a gap as float64; it must still load as integers.
            "score": [4.0, np.nan, 1.0],
            "flag": [True, False, None],
            "day": [dt.date(2024, 2, 29), None, dt.date(2566 - 543, 1, 15)],
            "stamp": pd.to_datetime(["2024-01-15 08:30:00", None, "2023-12-31 23:59:59"]),
        }
    )
    with backend.begin() as conn:
        assert bulk_insert(conn, probe, frame) == 3

    rows = read_back(backend, probe)
    assert [r["name_th"] for r in rows] == [THAI[0], None, THAI[2]]
    assert [r["code"] for r in rows] == ["330105", "240101", "000000"]
    assert [r["amount"] for r in rows] == [1.5, None, -0.25]
    assert [r["score"] for r in rows] == [4, None, 1]
    assert all(type(r["score"]) is int for r in rows if r["score"] is not None)
    assert [r["flag"] for r in rows] == [True, False, None]
    assert [r["day"] for r in rows] == [dt.date(2024, 2, 29), None, dt.date(2023, 1, 15)]
    stamps = [r["stamp"] and r["stamp"].replace(tzinfo=None) for r in rows]
    assert stamps == [dt.datetime(2024, 1, 15, 8, 30), None, dt.datetime(2023, 12, 31, 23, 59, 59)]


def test_numpy_scalars_and_pandas_missing_markers(backend, probe):
    frame = pd.DataFrame(
        {
            "id": pd.array([10, 11], dtype="Int64"),
            "code": ["33", "24"],
            "amount": np.array([np.float32(2.5), np.nan]),
            "score": pd.array([3, pd.NA], dtype="Int64"),
            "flag": np.array([True, False]),
            "day": pd.to_datetime(["2024-03-01", None]),  # datetime64 into a DATE column
        }
    )
    with backend.begin() as conn:
        bulk_insert(conn, probe, frame)
    rows = read_back(backend, probe)
    assert [(r["id"], r["amount"], r["score"], r["flag"], r["day"], r["name_th"]) for r in rows] == [
        (10, 2.5, 3, True, dt.date(2024, 3, 1), None),
        (11, None, None, False, None, None),
    ]


def test_row_count_matches_what_is_stored(backend, probe):
    frame = pd.DataFrame(
        {"id": range(1, 2001), "code": [f"{i:06d}" for i in range(2000)], "name_th": THAI[1]}
    )
    with backend.begin() as conn:
        assert bulk_insert(conn, probe, frame) == 2000
    assert scalar(backend, "SELECT COUNT(*) FROM bulk_probe") == 2000
    assert scalar(backend, "SELECT COUNT(DISTINCT name_th) FROM bulk_probe") == 1


def test_a_frame_larger_than_a_batch_loads_every_row_as_it_was(backend, probe, monkeypatch):
    monkeypatch.setattr("data_access.bulk.BATCH_ROWS", 4)
    stamps = pd.to_datetime([f"2024-01-{d:02d} 08:30" for d in range(1, 11)]).tz_localize("UTC")
    frame = pd.DataFrame(
        {"id": range(1, 11), "code": [f"{i:06d}" for i in range(10)], "stamp": stamps},
        index=range(100, 110),  # a slice of a larger frame, as a seed writes it
    )
    with backend.begin() as conn:
        assert bulk_insert(conn, probe, frame.iloc[1:]) == 9
    rows = read_back(backend, probe)
    assert [r["id"] for r in rows] == list(range(2, 11))
    assert [r["stamp"].replace(tzinfo=None) for r in rows] == [s.replace(tzinfo=None) for s in stamps[1:]]


def test_empty_frame_inserts_nothing(backend, probe):
    with backend.begin() as conn:
        assert bulk_insert(conn, probe, pd.DataFrame(columns=["id", "code"])) == 0
    assert read_back(backend, probe) == []


def test_unknown_column_is_rejected_not_dropped(backend, probe):
    frame = pd.DataFrame({"id": [1], "code": ["33"], "name_tha": ["ศรีสะเกษ"]})  # misspelt name_th
    with pytest.raises(DataError) as raised, backend.begin() as conn:
        bulk_insert(conn, probe, frame)
    assert "name_tha" in raised.value.message_en and "bulk_probe" in raised.value.message_en
    assert "name_tha" in raised.value.message_th
    assert read_back(backend, probe) == []


def test_fractional_value_for_an_integer_column_is_rejected(backend, probe):
    frame = pd.DataFrame({"id": [1, 2], "code": ["33", "24"], "score": [2.0, 2.5]})
    with pytest.raises(DataError, match="score.*2.5"), backend.begin() as conn:
        bulk_insert(conn, probe, frame)
    assert read_back(backend, probe) == []


def test_constraint_violation_raises_and_leaves_nothing(backend, probe):
    frame = pd.DataFrame({"id": [1, 2, 3], "code": ["33", None, "24"]})  # code is NOT NULL
    with pytest.raises(DRIVER_INTEGRITY_ERRORS), backend.begin() as conn:
        bulk_insert(conn, probe, frame)
    assert read_back(backend, probe) == []

    duplicate_key = pd.DataFrame({"id": [1, 1], "code": ["33", "24"]})
    with pytest.raises(DRIVER_INTEGRITY_ERRORS), backend.begin() as conn:
        bulk_insert(conn, probe, duplicate_key)
    assert read_back(backend, probe) == []


def test_households_with_missing_capital_scores_load(backend):
    """Imported microdata often lacks a capital score; the nullable SMALLINT columns must take it."""
    frame = pd.DataFrame(
        {
            "id": [900_001, 900_002],
            "household_key": ["probe-a", "probe-b"],
            "survey_year": [2567, 2567],
            "tambon_code": ["330105", "240101"],
            "village_no": [3, 12],
            "members": [4, 1],
            "income_per_person": [41_250.0, np.nan],
            "capital_human": [2.0, np.nan],
            "capital_social": [np.nan, 4.0],
            "welfare_card": [True, False],
        }
    )
    with backend.connect() as conn:
        transaction = conn.begin()
        try:
            assert bulk_insert(conn, household, frame) == 2
            rows = conn.execute(
                select(
                    household.c.household_key,
                    household.c.capital_human,
                    household.c.capital_social,
                    household.c.income_per_person,
                    household.c.welfare_card,
                )
                .where(household.c.survey_year == 2567)
                .order_by(household.c.id)
            ).all()
        finally:
            transaction.rollback()
    assert [tuple(r) for r in rows] == [
        ("probe-a", 2, None, 41_250.0, True),
        ("probe-b", None, 4, None, False),
    ]
    assert scalar(backend, "SELECT COUNT(*) FROM household WHERE survey_year = 2567") == 0
