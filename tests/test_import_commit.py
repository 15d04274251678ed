"""Commit: round trips, idempotency, households recomputing tambon values, referrals, catalogue, log,
templates; on SQLite and PostgreSQL."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from data_access import importer
from data_access.households import household_microdata
from data_access.rollup import indicator_values
from tests.support.import_db import snapshot
from tests.support.sql import frame

YEARS = [2564, 2565, 2566]


@pytest.fixture
def seeded(request, empty_db):
    """The session's seeded database of the same backend as `empty_db` (read only here)."""
    return request.getfixturevalue(
        "sqlite_engine" if empty_db.dialect.name == "sqlite" else "postgres_engine"
    )


def codes(engine) -> list[str]:
    return frame(engine, "SELECT code FROM indicator ORDER BY code")["code"].tolist()


def tambon_values(engine, parent: str, years=YEARS) -> pd.DataFrame:
    values = indicator_values(engine, "tambon", codes(engine), years, parent_code=parent)
    return values[values["tambons_with_data"] > 0].reset_index(drop=True)


def test_exported_values_import_back_identical_and_twice_changes_nothing(seeded, empty_db):
    exported = tambon_values(seeded, "33")
    data = exported.to_csv(index=False).encode("utf-8")
    checked = importer.preview(empty_db, data, "export.csv")
    assert checked.ok and checked.layout == "long"
    assert checked.counts == {"new": len(exported), "updated": 0, "unchanged": 0}
    result = importer.commit(empty_db, checked, user="tester")
    pd.testing.assert_frame_equal(tambon_values(empty_db, "33"), exported)

    before = snapshot(empty_db)
    again = importer.preview(empty_db, data, "export.csv")
    assert again.counts == {"new": 0, "updated": 0, "unchanged": len(exported)}
    assert again.previous_imports["id"].tolist() == [result.import_id]
    second = importer.commit(empty_db, again, user="tester")
    assert (second.new, second.updated) == (0, 0)
    after = snapshot(empty_db)
    assert {t: after[t] for t in after if not t.startswith("import_log")} == {
        t: before[t] for t in before if not t.startswith("import_log")
    }


def test_wide_layout_and_changed_values_are_updates(empty_db):
    wide = (
        "รหัสตำบล,ปี,households_surveyed,target_poor_rate_numerator,target_poor_rate_denominator,target_poor_rate\n"
        "330105,2566,500,37,1520,2.43%\n330106,2566,,,,\n"
    ).encode()
    checked = importer.preview(empty_db, wide, "wide.csv")
    assert checked.ok and checked.layout == "wide" and checked.rows_blank == 1
    importer.commit(empty_db, checked)
    changed = wide.replace(b"500,37", b"501,37")
    update = importer.preview(empty_db, changed, "wide.csv")
    assert update.counts == {"new": 0, "updated": 1, "unchanged": 1}
    importer.commit(empty_db, update)
    stored = frame(
        empty_db, "SELECT indicator_code, numerator, denominator, value FROM indicator_value ORDER BY 1"
    )
    assert stored.iloc[0, [0, 1, 3]].tolist() == ["households_surveyed", 501.0, 501.0]
    assert pd.isna(stored.iloc[0, 2])
    assert stored.iloc[1, 1:].tolist() == [37.0, 1520.0, pytest.approx(100 * 37 / 1520)]


def test_year_option_fills_a_file_without_year(empty_db):
    data = b"area_code,indicator,numerator,denominator\n330105,bmn60_01,1,10\n"
    checked = importer.preview(empty_db, data, "no_year.csv", year=2566)
    assert checked.ok and checked.changes["year"].tolist() == [2566]


def household_export(engine, amphoe: str, year: int) -> pd.DataFrame:
    households, deprivations = household_microdata(engine, amphoe, year)
    exported = pd.concat([households.drop(columns="id"), deprivations], axis=1)
    exported["welfare_card"] = exported["welfare_card"].astype(int)
    return exported


def referral_export(engine, amphoe: str, year: int) -> pd.DataFrame:
    return frame(
        engine,
        "SELECT h.household_key, h.survey_year, r.agency, r.kind, r.status, r.referred_on, r.resolved_on, "
        "r.note "
        "FROM referral r JOIN household h ON h.id = r.household_id "
        "WHERE h.survey_year = :year AND h.tambon_code LIKE :prefix ORDER BY r.id",
        year=year,
        prefix=f"{amphoe}%",
    )


def assert_same_values(left: pd.DataFrame, right: pd.DataFrame) -> None:
    merged = left.merge(right, on=["area_code", "indicator_code", "year"], suffixes=("_a", "_b"))
    assert len(merged) == len(left) == len(right)
    for part in ("numerator", "denominator", "value"):
        a, b = merged[f"{part}_a"].astype(float), merged[f"{part}_b"].astype(float)
        assert np.allclose(a, b, equal_nan=True, rtol=1e-9), merged[~np.isclose(a, b, equal_nan=True)]


def test_households_and_referrals_recompute_the_tambon_values_the_seed_computed(seeded, empty_db):
    households = household_export(seeded, "3301", 2566).to_csv(index=False).encode()
    checked = importer.preview(empty_db, households, "households.csv")
    assert checked.kind == "households" and checked.ok
    result = importer.commit(empty_db, checked)
    assert result.recomputed_values > 0
    referrals = referral_export(seeded, "3301", 2566).to_csv(index=False).encode()
    referral_check = importer.preview(empty_db, referrals, "referrals.csv")
    assert referral_check.kind == "referrals" and referral_check.ok
    importer.commit(empty_db, referral_check)
    # Verification states are recorded in the app (field work), not imported: that one indicator differs;
    # the empty database has no community assets.
    imported, seeded_values = (
        v[
            (v["indicator_code"] != "verification_coverage") & ~v["indicator_code"].str.startswith("asset_")
        ].reset_index(drop=True)
        for v in (tambon_values(empty_db, "3301", [2566]), tambon_values(seeded, "3301", [2566]))
    )
    assert_same_values(imported, seeded_values)

    before = snapshot(empty_db)
    for data, name in ((households, "households.csv"), (referrals, "referrals.csv")):
        again = importer.preview(empty_db, data, name)
        assert again.counts["new"] == again.counts["updated"] == 0
        assert importer.commit(empty_db, again).recomputed_values == 0
    after = snapshot(empty_db)
    assert {t: after[t] for t in after if not t.startswith("import_log")} == {
        t: before[t] for t in before if not t.startswith("import_log")
    }


def test_a_corrected_household_is_an_update_and_moves_its_tambon_values(seeded, empty_db):
    exported = household_export(seeded, "3301", 2566)
    importer.commit(empty_db, importer.preview(empty_db, exported.to_csv(index=False).encode(), "a.csv"))
    tambon = exported.loc[0, "tambon_code"]
    people_before = _people(empty_db, tambon)
    exported.loc[0, "members"] += 3
    checked = importer.preview(empty_db, exported.to_csv(index=False).encode(), "b.csv")
    assert checked.counts == {"new": 0, "updated": 1, "unchanged": len(exported) - 1}
    importer.commit(empty_db, checked)
    assert _people(empty_db, tambon) == people_before + 3


def _people(engine, tambon: str) -> float:
    return float(
        frame(
            engine,
            "SELECT numerator FROM indicator_value "
            "WHERE area_code = :a AND indicator_code = 'people_surveyed' "
            "AND year = 2566",
            a=tambon,
        ).iloc[0, 0]
    )


def test_catalogue_additions_reuse_the_catalogue_rules(empty_db):
    template = importer.template_csv(empty_db, "catalogue")
    checked = importer.preview(empty_db, template, "catalogue.csv")
    assert checked.kind == "catalogue" and checked.ok and checked.counts["new"] == 1
    importer.commit(empty_db, checked)
    assert frame(empty_db, "SELECT name_en FROM indicator WHERE code = 'example_rate'")[
        "name_en"
    ].tolist() == ["Example rate"]
    changed = template.decode("utf-8-sig").replace("ratio,100", "sum,1").replace(",overview,", ",wealth,")
    refused = importer.preview(empty_db, changed.encode(), "catalogue.csv")
    problems = set(zip(refused.errors["column"], refused.errors["problem_en"]))
    assert ("dimension", "'wealth' is not one of ['access', 'assets', 'bmn_education', 'bmn_environment', "
            "'bmn_health', 'bmn_income', 'bmn_values', 'capital', 'education', 'health', 'income', "
            "'living', 'mpi', 'overview', 'referral', 'status', 'target_poor']") in problems  # fmt: skip


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_templates_import_cleanly(empty_db, form):
    make = importer.template_csv if form == "csv" else importer.template_xlsx
    for kind, layout in [
        ("households", "long"),
        ("referrals", "long"),
        ("indicators", "long"),
        ("indicators", "wide"),
    ]:
        checked = importer.preview(empty_db, make(empty_db, kind, layout), f"template.{form}")
        assert checked.ok, (kind, checked.errors.to_dict("records"))
        assert checked.kind == kind
        importer.commit(empty_db, checked)


def test_every_commit_is_logged_with_sanitised_name_checksum_counts_and_user(empty_db):
    data = "area_code,year,indicator,numerator,denominator\n330105,2566,bmn60_01,1,10\nx,2566,bmn60_01,1,1\n"
    checked = importer.preview(empty_db, data.encode(), "C:\\Users\\me\\..\\secret/../ข้อมูล ต.จาน.csv")
    assert checked.file_name == "ข้อมูล ต.จาน.csv"
    importer.commit(empty_db, checked, valid_rows_only=True, user="สมชาย")
    log = importer.list_imports(empty_db)
    row = log.iloc[0]
    assert (row["file_name"], row["kind"], row["imported_by"], row["rows"]) == (
        "ข้อมูล ต.จาน.csv", "indicators", "สมชาย", 1
    )  # fmt: skip
    assert row["checksum"] == checked.checksum and len(row["checksum"]) == 64
    assert (row["new_rows"], row["rejected_rows"], row["file_rows"]) == (1, 1, 2)
    assert pd.notna(row["imported_at"])
    with empty_db.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM import_log")).scalar_one() == 1


def test_empty_database_has_areas_and_catalogue_but_no_data(empty_db):
    with empty_db.connect() as conn:
        counts = {
            t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
            for t in ("area", "indicator", "household", "indicator_value")
        }
    # the shipped catalogue file and 3 indicators per community-asset category (categories are data)
    assert counts == {"area": 8430, "indicator": 83 + 30, "household": 0, "indicator_value": 0}
