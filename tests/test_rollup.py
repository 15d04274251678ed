"""Roll-up: an area's value is scale * sum(numerator) / sum(denominator) over its tambons, never a mean.

Expected numbers come from raw SQL written here over `indicator_value` and `area.parent_code` (the
module groups by code prefix), so a broken roll-up query cannot agree with itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text

from data_access.rollup import VALUE_COLUMNS, indicator_values
from tests.support.sql import frame

YEAR = 2565
RATIO_INDICATORS = ["target_poor_rate", "income_per_person", "bmn60_22", "mpi_m0", "capital_social"]
COUNT_INDICATORS = ["target_poor_people", "households_surveyed", "referred_households"]


def amphoe_parts_by_raw_sql(engine, indicator_code: str, year: int) -> pd.DataFrame:
    """Sums of tambon numerators and denominators per amphoe, joined through area.parent_code."""
    return frame(
        engine,
        """
        SELECT tambon.parent_code AS area_code, SUM(v.numerator) AS numerator,
               SUM(v.denominator) AS denominator, COUNT(*) AS tambons
        FROM indicator_value AS v
        JOIN area AS tambon ON tambon.code = v.area_code AND tambon.level = 'tambon'
        WHERE v.indicator_code = :code AND v.year = :year
        GROUP BY tambon.parent_code
        """,
        code=indicator_code,
        year=year,
    ).set_index("area_code")


def indicator_scale(engine, indicator_code: str) -> float:
    return float(
        frame(engine, "SELECT scale FROM indicator WHERE code = :code", code=indicator_code)["scale"][0]
    )


@pytest.mark.parametrize("indicator_code", RATIO_INDICATORS)
def test_amphoe_value_is_ratio_of_summed_tambon_parts(backend, indicator_code):
    expected = amphoe_parts_by_raw_sql(backend, indicator_code, YEAR)
    scale = indicator_scale(backend, indicator_code)
    values = pd.concat(
        [indicator_values(backend, "amphoe", indicator_code, YEAR, parent_code=p) for p in ("24", "33")]
    ).set_index("area_code")

    assert set(values.index) == set(expected.index)  # 11 + 22 amphoes, each with data
    assert len(values) == 33
    expected_value = scale * expected["numerator"] / expected["denominator"]
    np.testing.assert_allclose(values["value"], expected_value.loc[values.index], rtol=1e-12)
    np.testing.assert_allclose(values["numerator"], expected["numerator"].loc[values.index], rtol=1e-12)
    np.testing.assert_allclose(values["denominator"], expected["denominator"].loc[values.index], rtol=1e-12)
    assert (values["tambons_with_data"] == expected["tambons"].loc[values.index]).all()


def test_amphoe_value_is_not_the_mean_of_tambon_rates(backend):
    amphoes = indicator_values(backend, "amphoe", "target_poor_rate", YEAR, parent_code="33").set_index(
        "area_code"
    )
    tambons = indicator_values(backend, "tambon", "target_poor_rate", YEAR, parent_code="33")
    mean_of_rates = tambons.groupby(tambons["area_code"].str[:4])["value"].mean()
    gap = (amphoes["value"] - mean_of_rates.loc[amphoes.index]).abs()
    # Averaging would weight a 100-person tambon like a 1,000-person one; sums do not.
    assert (gap > 1e-6).sum() >= 1
    assert gap.max() > 0.05  # percentage points, far beyond float noise


@pytest.mark.parametrize("indicator_code", COUNT_INDICATORS)
def test_province_count_is_the_sum_of_tambon_counts(backend, indicator_code):
    expected = frame(
        backend,
        """
        SELECT tambon.province_code AS area_code, SUM(v.numerator) AS total
        FROM indicator_value AS v JOIN area AS tambon ON tambon.code = v.area_code
        WHERE v.indicator_code = :code AND v.year = :year
        GROUP BY tambon.province_code
        """,
        code=indicator_code,
        year=YEAR,
    ).set_index("area_code")["total"]
    values = indicator_values(backend, "province", indicator_code, YEAR).set_index("area_code")
    assert values.loc[["24", "33"], "value"].tolist() == pytest.approx(expected.loc[["24", "33"]].tolist())
    assert (values.loc[["24", "33"], "value"] > 0).all()


def test_province_household_count_matches_the_household_table(backend):
    # A second, fully independent source: the microdata itself rather than the materialised parts.
    households = frame(
        backend,
        "SELECT substr(tambon_code, 1, 2) AS area_code, COUNT(*) AS n FROM household "
        "WHERE survey_year = :year GROUP BY substr(tambon_code, 1, 2)",
        year=YEAR,
    ).set_index("area_code")["n"]
    values = indicator_values(backend, "province", "households_surveyed", YEAR).set_index("area_code")[
        "value"
    ]
    assert values["24"] == households["24"]
    assert values["33"] == households["33"]


def test_areas_without_data_are_returned_empty(backend):
    provinces = indicator_values(backend, "province", ["target_poor_rate", "target_poor_people"], YEAR)
    assert len(provinces) == 77 * 2
    without = provinces[~provinces["area_code"].isin(["24", "33"])]
    assert (without["tambons_with_data"] == 0).all()
    assert without["value"].isna().all()
    assert without["numerator"].isna().all()
    with_data = provinces[provinces["area_code"].isin(["24", "33"])]
    assert (with_data["tambons_with_data"] > 0).all() and with_data["value"].notna().all()


def test_stored_rows_without_numbers_are_not_data(backend):
    # Two Bangkok tambons with a row but no numbers (e.g. an import with blank cells).
    rows = [{"area": code, "code": "target_poor_rate", "year": YEAR} for code in ("100101", "100102")]
    insert = text(
        "INSERT INTO indicator_value (area_code, indicator_code, year, numerator, denominator, value) "
        "VALUES (:area, :code, :year, NULL, NULL, NULL)"
    )
    delete = text("DELETE FROM indicator_value WHERE area_code IN ('100101', '100102')")
    try:
        with backend.begin() as conn:
            conn.execute(insert, rows)
        bangkok = indicator_values(backend, "province", "target_poor_rate", YEAR).set_index("area_code")
        assert bangkok.loc["10", "tambons_with_data"] == 0
        assert np.isnan(bangkok.loc["10", "value"])
    finally:
        with backend.begin() as conn:
            conn.execute(delete)


def test_a_year_without_a_survey_is_empty_not_zero(backend):
    values = indicator_values(backend, "amphoe", "target_poor_rate", [2563, YEAR], parent_code="33")
    assert len(values) == 22 * 2
    missing_year = values[values["year"] == 2563]
    assert (missing_year["tambons_with_data"] == 0).all() and missing_year["value"].isna().all()
    assert values.loc[values["year"] == YEAR, "value"].notna().all()


@pytest.mark.parametrize(
    ("level", "parent_code", "rows", "parent_length"),
    [
        ("tambon", "24", 93, 4),  # Chachoengsao: 93 tambons
        ("amphoe", "33", 22, 2),  # Si Sa Ket: 22 amphoes
        ("amphoe", "24", 11, 2),
        ("tambon", "3301", 18, 4),  # Mueang Si Sa Ket
        ("province", None, 77, None),
        ("amphoe", None, 928, 2),
        ("amphoe", "3301", 0, None),  # children only: an area is not its own child
    ],
)
def test_level_and_parent_filtering(backend, level, parent_code, rows, parent_length):
    values = indicator_values(backend, level, "target_poor_rate", YEAR, parent_code=parent_code)
    assert list(values.columns) == VALUE_COLUMNS
    assert len(values) == rows
    assert values["area_code"].is_unique
    assert (values["area_code"].str.len() == {"province": 2, "amphoe": 4, "tambon": 6}[level]).all()
    if parent_code:
        assert values["area_code"].str.startswith(parent_code).all()
    if parent_length:
        assert (values["parent_code"].str.len() == parent_length).all()
        assert (values["parent_code"] == values["area_code"].str[:parent_length]).all()


def test_rows_multiply_by_indicators_and_years(backend):
    values = indicator_values(backend, "amphoe", ["target_poor_rate", "mpi_h"], [2564, 2565, 2566], "33")
    assert len(values) == 22 * 2 * 3
    assert not values.duplicated(["area_code", "indicator_code", "year"]).any()
    assert values["year"].dtype.kind == "i"


def test_no_indicators_or_years_gives_an_empty_frame(backend):
    assert indicator_values(backend, "amphoe", [], YEAR).empty
    assert list(indicator_values(backend, "amphoe", "target_poor_rate", []).columns) == VALUE_COLUMNS


@pytest.mark.parametrize("level", ["district", "Tambon", "", None])
def test_invalid_level_raises(backend, level):
    with pytest.raises(ValueError, match="province.*amphoe.*tambon"):
        indicator_values(backend, level, "target_poor_rate", YEAR)


@pytest.mark.postgres
def test_sqlite_and_postgresql_give_the_same_numbers(sqlite_engine, postgres_engine):
    indicators = frame(sqlite_engine, "SELECT code FROM indicator ORDER BY code")["code"].tolist()
    keys = ["area_code", "indicator_code", "year"]
    for level, parent in (("province", None), ("amphoe", "33"), ("amphoe", "24"), ("tambon", "3305")):
        lite = indicator_values(sqlite_engine, level, indicators, [2564, 2565, 2566], parent).sort_values(
            keys
        )
        pg = indicator_values(postgres_engine, level, indicators, [2564, 2565, 2566], parent).sort_values(
            keys
        )
        assert len(lite) == len(pg) > 0
        lite, pg = lite.reset_index(drop=True), pg.reset_index(drop=True)
        pd.testing.assert_frame_equal(lite[keys + ["name_th", "name_en"]], pg[keys + ["name_th", "name_en"]])
        for column in ("numerator", "denominator", "value"):
            np.testing.assert_allclose(lite[column], pg[column], rtol=1e-9, equal_nan=True, err_msg=column)
        assert (lite["tambons_with_data"].to_numpy() == pg["tambons_with_data"].to_numpy()).all()


def test_data_with_only_some_indicators_still_has_an_overview(tmp_path):
    """Imported data may lack the overview's indicators: a missing one is empty, never a KeyError."""
    from data_access.bulk import bulk_insert
    from data_access.engine import make_engine
    from data_access.queries import OVERVIEW_INDICATORS, province_overview
    from data_access.schema import indicator_value
    from data_access.seed import seed

    engine = make_engine(f"sqlite:///{tmp_path / 'partial.sqlite'}")
    seed(engine, demo=False, log=lambda *_: None)
    rows = pd.DataFrame(
        {
            "area_code": ["240101"],
            "indicator_code": ["households_surveyed"],
            "year": [2566],
            "numerator": [120.0],
            "denominator": [None],
            "value": [120.0],
        }
    )
    with engine.begin() as conn:
        bulk_insert(conn, indicator_value, rows)
    overview = province_overview(engine)
    assert set(OVERVIEW_INDICATORS) <= set(overview.columns)
    assert overview.loc[0, "households_surveyed"] == 120 and pd.isna(overview.loc[0, "people_surveyed"])
    engine.dispose()


def test_survey_years_and_provinces_with_data_equal_a_scan_of_every_value(backend):
    """The loose index scans behind the pickers give what reading every stored value gives."""
    from data_access import queries

    with backend.connect() as conn:
        years = conn.execute(text("SELECT DISTINCT year FROM indicator_value ORDER BY year")).scalars().all()
        provinces = (
            conn.execute(text("SELECT DISTINCT substr(area_code, 1, 2) AS p FROM indicator_value ORDER BY p"))
            .scalars()
            .all()
        )
    assert queries.survey_years(backend) == years == [2564, 2565, 2566]
    assert queries.provinces_with_data(backend) == provinces == ["24", "33"]
