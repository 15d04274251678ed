"""Household microdata read back from the database, on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from data_access.households import household_microdata


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


@pytest.mark.parametrize("area_code", ["33", "3305", "330501"])
def test_microdata_matches_the_stored_rows(backend, area_code):
    households, deprivations = household_microdata(backend, area_code, 2566)
    where = "substr(h.tambon_code, 1, :n) = :code AND h.survey_year = 2566"
    params = {"n": len(area_code), "code": area_code}
    assert len(households) == scalar(backend, f"SELECT COUNT(*) FROM household h WHERE {where}", **params) > 0
    assert households["tambon_code"].str.startswith(area_code).all()
    assert list(deprivations.index) == list(households.index)
    assert deprivations.shape[1] == 17
    deprived = scalar(
        backend,
        f"SELECT COUNT(*) FROM household_deprivation d JOIN household h ON h.id = d.household_id "
        f"WHERE d.deprived = 1 AND {where}",
        **params,
    )
    missing = scalar(
        backend,
        f"SELECT COUNT(*) FROM household_deprivation d JOIN household h ON h.id = d.household_id "
        f"WHERE d.deprived IS NULL AND {where}",
        **params,
    )
    assert deprivations.sum().sum() == deprived
    assert deprivations.isna().sum().sum() == missing
    assert households["welfare_card"].dtype == bool


def test_bad_area_code_is_refused(backend):
    with pytest.raises(ValueError):
        household_microdata(backend, "33' OR 1=1 --", 2566)
