"""Seeding: every area of Thailand, the catalogue, and the synthetic demo households."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access.schema import household, metadata
from data_access.seed import seed
from tests.conftest import SEED_SCALE
from tests.support.sql import frame, scalar


def test_areas_per_level(backend):
    counts = frame(backend, "SELECT level, COUNT(*) AS n FROM area GROUP BY level")
    assert dict(zip(counts["level"], counts["n"])) == {"province": 77, "amphoe": 928, "tambon": 7425}


def test_parent_chain_of_a_known_tambon(backend):
    rows = frame(
        backend,
        "SELECT code, level, parent_code, province_code, name_th, name_en FROM area "
        "WHERE code IN ('330105', '3301', '33') ORDER BY code",
    )
    province, amphoe, tambon = rows.to_dict("records")
    assert (tambon["code"], tambon["level"], tambon["parent_code"]) == ("330105", "tambon", "3301")
    assert (tambon["name_th"], tambon["name_en"]) == ("จาน", "Chan")
    assert (amphoe["level"], amphoe["parent_code"], amphoe["name_en"]) == ("amphoe", "33", "Mueang Si Sa Ket")
    assert (province["level"], province["name_en"]) == ("province", "Si Sa Ket")
    assert province["parent_code"] is None or pd.isna(province["parent_code"])
    assert {tambon["province_code"], amphoe["province_code"], province["province_code"]} == {"33"}


def test_every_parent_exists_one_level_up_and_is_the_code_prefix(backend):
    broken = scalar(
        backend,
        """
        SELECT COUNT(*) FROM area AS child
        LEFT JOIN area AS parent ON parent.code = child.parent_code
        WHERE (child.level = 'tambon' AND (parent.level IS NULL OR parent.level <> 'amphoe'
                                           OR substr(child.code, 1, 4) <> parent.code))
           OR (child.level = 'amphoe' AND (parent.level IS NULL OR parent.level <> 'province'
                                           OR substr(child.code, 1, 2) <> parent.code))
           OR (child.level = 'province' AND child.parent_code IS NOT NULL)
           OR child.province_code <> substr(child.code, 1, 2)
        """,
    )
    assert broken == 0


def test_catalogue_loaded_with_known_dimensions(backend):
    # 83 shipped in the catalogue file, 3 derived figures for each of the 10 asset categories
    assert scalar(backend, "SELECT COUNT(*) FROM indicator WHERE dimension <> 'assets'") == 83
    assert scalar(backend, "SELECT COUNT(*) FROM indicator WHERE dimension = 'assets'") == 30
    unknown = scalar(
        backend,
        "SELECT COUNT(*) FROM indicator i LEFT JOIN dimension d ON d.code = i.dimension WHERE d.code IS NULL",
    )
    assert unknown == 0
    # The 17 BMN deprivation indicators feed the five TPMAP dimensions and nothing else.
    deprivation_dims = frame(
        backend,
        "SELECT DISTINCT d.code FROM indicator i JOIN dimension d ON d.code = i.dimension "
        "WHERE i.is_deprivation = :yes",
        yes=True,
    )
    assert set(deprivation_dims["code"]) == {"health", "living", "education", "income", "access"}
    assert scalar(backend, "SELECT COUNT(*) FROM indicator WHERE is_deprivation = :yes", yes=True) == 17


def test_households_only_in_the_demo_provinces_and_years(backend):
    counts = frame(
        backend,
        "SELECT substr(tambon_code, 1, 2) AS province, survey_year, COUNT(*) AS n "
        "FROM household GROUP BY substr(tambon_code, 1, 2), survey_year",
    )
    assert set(counts["province"]) == {"24", "33"}
    assert set(counts["survey_year"]) == {2564, 2565, 2566}
    # Households per province per year = round(real count * scale): 275,192 and 301,760 at scale 1.
    expected = {"33": round(275_192 * SEED_SCALE), "24": round(301_760 * SEED_SCALE)}
    for row in counts.itertuples():
        assert row.n == expected[row.province], row


def test_every_demo_tambon_has_values_for_every_indicator_and_year(backend):
    # 93 tambons in Chachoengsao + 206 in Si Sa Ket, 3 survey years, 44 indicators from microdata (of 83),
    # and 3 figures of each of the 10 asset categories derived from the community asset records.
    household_values = "SELECT COUNT(*) FROM indicator_value WHERE indicator_code NOT LIKE 'asset%'"
    assert scalar(backend, household_values) == (93 + 206) * 3 * 44
    asset_values = "SELECT COUNT(*) FROM indicator_value WHERE indicator_code LIKE 'asset%'"
    assert scalar(backend, asset_values) == (93 + 206) * 3 * 10 * 3
    outside = scalar(
        backend, "SELECT COUNT(*) FROM indicator_value WHERE substr(area_code, 1, 2) NOT IN ('24', '33')"
    )
    assert outside == 0


def test_dataset_info_says_demo(backend):
    info = frame(backend, "SELECT key, value FROM dataset_info").set_index("key")["value"]
    assert info["is_demo"] == "1"
    assert "synthetic" in info["source"] and "สังเคราะห์" in info["source"]
    assert f"scale {SEED_SCALE}" in info["source"]


def test_household_keys_do_not_look_like_citizen_ids(backend):
    with backend.connect() as conn:
        keys = conn.execute(select(household.c.household_key).distinct()).scalars().all()
    assert keys
    citizen_id = re.compile(r"\d{13}")  # Thai ID: 13 digits, often written 1-2345-67890-12-3
    assert not [k for k in keys if citizen_id.fullmatch(re.sub(r"[\s-]", "", k))]
    # What they are instead: 64-bit hashes in hex.
    assert all(re.fullmatch(r"[0-9a-f]{16}", k) for k in keys)


def test_seeding_twice_adds_nothing(backend):
    def row_counts() -> dict[str, int]:
        with backend.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in metadata.sorted_tables
            }

    def info() -> dict[str, str]:
        facts = frame(backend, "SELECT key, value FROM dataset_info")
        return dict(zip(facts["key"], facts["value"]))

    before, info_before = row_counts(), info()
    stats = seed(backend, demo=True, scale=SEED_SCALE, log=lambda *_: None)
    assert row_counts() == before
    assert info() == info_before
    assert "households" not in stats and "areas" not in stats
    assert before["household"] > 0 and before["area"] == 8430


def test_the_seed_leaves_every_key_and_index_it_set_aside(backend):
    """The seed drops the secondary indexes (and on PostgreSQL the foreign keys) of the tables it
    loads and adds them back at the end: afterwards they are all there and hold, as on a new schema."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import IntegrityError

    from data_access.seed import SEEDED_TABLES

    inspector = inspect(backend)
    for table in SEEDED_TABLES:
        names = {index["name"] for index in inspector.get_indexes(table.name)}
        assert {index.name for index in table.indexes} <= names, table.name
        wanted = {(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys}
        held = {
            (column, key["referred_table"])
            for key in inspector.get_foreign_keys(table.name)
            for column in key["constrained_columns"]
        }
        assert wanted == held, table.name
    with backend.connect() as conn:
        one = conn.execute(select(household).limit(1)).mappings().one()
        twin = dict(one, id=10**9)  # the same household_key and survey_year under a new id
        with pytest.raises(IntegrityError):
            conn.execute(household.insert(), twin)
        conn.rollback()
        if backend.dialect.name == "postgresql":  # foreign keys are checked again
            orphan = dict(one, id=10**9, household_key="not-a-key", tambon_code="999999")
            with pytest.raises(IntegrityError):
                conn.execute(household.insert(), orphan)
            conn.rollback()


def test_a_sqlite_seed_writes_through_a_synced_journal_and_gives_the_wal_back(tmp_path):
    from data_access.engine import make_engine
    from data_access.seed import _seed_transaction

    engine = make_engine(f"sqlite:///{tmp_path / 'seed.sqlite'}")

    def pragmas(conn) -> tuple:
        driver = conn.connection.driver_connection
        names = ("journal_mode", "synchronous")
        return tuple(driver.execute(f"PRAGMA {name}").fetchone()[0] for name in names)

    with _seed_transaction(engine) as conn:
        assert pragmas(conn) == ("delete", 2)  # FULL
    with engine.connect() as conn:
        assert pragmas(conn) == ("wal", 1)  # NORMAL, as every connection of the app
    engine.dispose()
