"""Wide tables: pivot, change between years, the parent reference, marks, search and sort."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.tables import (
    change_values,
    indicator_columns,
    pivot_values,
    reference_values,
    search_names,
    sort_rows,
    worse_than,
)
from data_access.queries import catalogue
from data_access.rollup import indicator_values

LONG = pd.DataFrame(
    {
        "area_code": ["2401", "2401", "2402", "2402", "2401", "2402"],
        "name_th": ["เมืองฉะเชิงเทรา", "เมืองฉะเชิงเทรา", "บางคล้า", "บางคล้า", "เมืองฉะเชิงเทรา", "บางคล้า"],
        "name_en": ["Mueang Chachoengsao", "Mueang Chachoengsao", "Bang Khla", "Bang Khla"] * 1
        + ["Mueang Chachoengsao", "Bang Khla"],
        "parent_code": ["24"] * 6,
        "indicator_code": ["rate", "rate", "rate", "rate", "count", "count"],
        "year": [2565, 2566, 2565, 2566, 2566, 2566],
        "numerator": [10.0, 12.0, 1.0, np.nan, 100.0, 50.0],
        "denominator": [100.0, 100.0, 50.0, np.nan, np.nan, np.nan],
        "value": [10.0, 12.0, 2.0, np.nan, 100.0, 50.0],
    }
)
META = pd.DataFrame({"code": ["rate", "count"], "aggregation": ["ratio", "sum"], "scale": [100.0, 1.0]})


def test_pivot_gives_one_row_per_area_with_parts():
    wide = pivot_values(LONG, ["rate", "count"], 2566)
    assert wide["area_code"].tolist() == ["2401", "2402"]
    assert wide.loc[0, "rate"] == 12.0 and wide.loc[0, "rate:num"] == 12.0 and wide.loc[0, "rate:den"] == 100
    assert np.isnan(wide.loc[1, "rate"])
    assert indicator_columns(wide) == ["rate", "count"]


def test_change_needs_both_years():
    wide = change_values(LONG, ["rate"], 2565, 2566)
    assert wide.loc[0, "rate"] == pytest.approx(2.0)
    assert wide.loc[0, "rate:from"] == 10.0 and wide.loc[0, "rate:to"] == 12.0
    assert np.isnan(wide.loc[1, "rate"])  # 2402 has no 2566 value: no change, not -2


def test_reference_is_sum_of_parts_not_mean_of_rates():
    ref = reference_values(LONG[LONG["year"] == 2565], META).set_index("indicator_code")
    assert ref.loc["rate", "value"] == pytest.approx(100 * 11 / 150)  # 7.33, not (10 + 2) / 2 = 6
    counts = reference_values(LONG[LONG["indicator_code"] == "count"], META).set_index("indicator_code")
    assert counts.loc["count", "value"] == 150


def test_reference_equals_the_parent_rolled_up_by_the_query(sqlite_engine):
    codes = ["target_poor_rate", "income_per_person", "households_surveyed", "mpi_m0"]
    long = indicator_values(sqlite_engine, "tambon", codes, [2566], "3301")
    ref = reference_values(long, catalogue(sqlite_engine)).set_index("indicator_code")["value"]
    parent = indicator_values(sqlite_engine, "amphoe", codes, [2566], "33").set_index(
        ["area_code", "indicator_code"]
    )["value"]
    for code in codes:
        assert ref[code] == pytest.approx(parent[("3301", code)], rel=1e-12)


def test_worse_than_follows_polarity_and_skips_missing():
    wide = pd.DataFrame({"bad": [1.0, 3.0, np.nan], "good": [1.0, 3.0, 2.0]})
    marks = worse_than(wide, {"bad": 2.0, "good": 2.0}, {"bad": "higher_worse", "good": "higher_better"})
    assert marks["bad"].tolist() == [False, True, False]
    assert marks["good"].tolist() == [True, False, False]
    no_reference = worse_than(wide, {"bad": np.nan}, {"bad": "higher_worse"})
    assert not no_reference["bad"].any()


def test_search_matches_thai_english_and_code_ignoring_spaces_and_case():
    wide = pivot_values(LONG, ["rate"], 2566)
    assert search_names(wide, "บาง คล้า")["area_code"].tolist() == ["2402"]
    assert search_names(wide, "MUEANG")["area_code"].tolist() == ["2401"]
    assert search_names(wide, "2402")["area_code"].tolist() == ["2402"]
    assert len(search_names(wide, "")) == 2
    assert search_names(wide, "(.*)").empty  # not a regular expression


def test_sort_puts_missing_values_last_both_ways():
    wide = pivot_values(LONG, ["rate"], 2566)
    assert sort_rows(wide, "rate", descending=True)["area_code"].tolist() == ["2401", "2402"]
    assert sort_rows(wide, "rate", descending=False)["area_code"].tolist() == ["2401", "2402"]
    assert sort_rows(wide, "no such column", descending=True)["area_code"].tolist() == ["2402", "2401"]
