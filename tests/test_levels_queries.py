"""Municipal units and villages in the query layer: units count in the amphoe and province roll-up
and are known as units; villages come in the roll-up's shape and add up to their tambon exactly."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.municipal import municipal_units, units_with_values
from data_access.rollup import VALUE_COLUMNS, indicator_values
from data_access.villages import tambons_with_villages, village_names, village_values
from tests.support.levels_db import COPIED, COVERED, COVERING_UNIT, TAMBON, UNIT, VILLAGES, YEAR

CODES = ["households_surveyed", "target_poor_people", "target_poor_rate", "income_per_person"]


def test_municipal_units_count_in_the_amphoe_and_province_totals(levels_writable_db, sqlite_engine):
    engine = levels_writable_db
    units = municipal_units(engine, "33")
    assert units["area_code"].tolist() == [UNIT, COVERING_UNIT]
    assert units.set_index("area_code")["covers_tambon"].to_dict() == {UNIT: None, COVERING_UNIT: COVERED}
    assert municipal_units(engine, "24").empty
    for level, parent, code in (("amphoe", "33", "3301"), ("province", None, "33")):
        before = indicator_values(sqlite_engine, level, "target_poor_people", YEAR, parent).set_index(
            "area_code"
        )
        after = indicator_values(engine, level, "target_poor_people", YEAR, parent).set_index("area_code")
        copied = indicator_values(sqlite_engine, "tambon", "target_poor_people", YEAR, "3301")
        added = copied.set_index("area_code").loc[COPIED, "numerator"]
        assert after.loc[code, "numerator"] == before.loc[code, "numerator"] + 2 * added
        assert after.loc[code, "tambons_with_data"] == before.loc[code, "tambons_with_data"] + 2
    tambons = indicator_values(engine, "tambon", "target_poor_people", YEAR, "3301")
    assert {UNIT, COVERING_UNIT} <= set(tambons["area_code"])  # no row dropped
    assert units_with_values(engine, "target_poor_people", YEAR, "3301") == 2
    assert units_with_values(engine, "target_poor_people", YEAR, "") == 2
    assert units_with_values(engine, "target_poor_people", YEAR, "3302") == 0
    assert units_with_values(engine, "target_poor_people", 2400, "33") == 0


def test_village_values_have_the_roll_up_columns_and_sum_to_the_tambon(levels_writable_db):
    engine = levels_writable_db
    villages = village_values(engine, TAMBON, CODES, YEAR)
    assert list(villages.columns) == VALUE_COLUMNS
    assert villages["area_code"].unique().tolist() == [c for c, _, _ in VILLAGES]
    assert (villages["parent_code"] == TAMBON).all()
    names = villages.drop_duplicates("area_code")["name_th"].tolist()
    assert names == ["บ้านหนึ่ง", "หมู่ที่ 2", "หมู่ที่ 3 (2)"]
    tambon = indicator_values(engine, "tambon", CODES, YEAR, TAMBON[:4]).query("area_code == @TAMBON")
    tambon = tambon.set_index("indicator_code")
    sums = villages.groupby("indicator_code")[["numerator", "denominator"]].sum(min_count=1)
    for code in CODES:
        assert sums.loc[code, "numerator"] == pytest.approx(tambon.loc[code, "numerator"], rel=1e-12)
        if pd.notna(tambon.loc[code, "denominator"]):
            assert sums.loc[code, "denominator"] == pytest.approx(tambon.loc[code, "denominator"], rel=1e-12)
    rate = villages[villages["indicator_code"] == "target_poor_rate"]
    assert rate["value"].tolist() == pytest.approx((100 * rate["numerator"] / rate["denominator"]).tolist())
    assert tambons_with_villages(engine, "33") == [TAMBON] and tambons_with_villages(engine, "24") == []
    assert village_values(engine, "330102", CODES, YEAR).empty


def test_village_values_hide_small_counts_by_the_rule_every_area_uses(levels_writable_db):
    villages = village_values(levels_writable_db, TAMBON, ["target_poor_people"], YEAR)
    public = village_values(levels_writable_db, TAMBON, ["target_poor_people"], YEAR, min_households=5)
    assert not villages["suppressed"].any()
    small = ((villages["numerator"] > 0) & (villages["numerator"] < 5)).to_numpy()
    assert small.any() and public.loc[small, "suppressed"].all()
    assert public.loc[small, "numerator"].isna().all()
    zero = (villages["numerator"] == 0).to_numpy()  # a zero discloses nothing: shown
    assert not public.loc[zero, "suppressed"].any()


def test_village_names_fall_back_to_the_village_number():
    villages = pd.DataFrame({"area_code": ["33010104", "3301010500"], "moo": [4, 5], "name_th": [" ", None]})
    assert village_names(villages) == {"name_th": ["หมู่ที่ 4", "หมู่ที่ 5"], "name_en": ["Village 4", "Village 5"]}
