"""One way a number reads (the small-count label, counts, percentages, Buddhist Era years) and one rule
for which name a reader sees."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.disclosure import protection_note
from analysis.local_names import in_language, local_column, local_name, local_names
from analysis.units import (
    NO_DATA,
    be_year,
    format_number,
    format_percent,
    format_value,
    small_count,
)


def test_the_small_count_label_is_spelled_once_and_used_by_the_notes():
    assert small_count(5) == "<5" and small_count(10) == "<10"
    assert "(<5)" in protection_note(5, "en") and "(<5)" in protection_note(5, "th")
    assert protection_note(7, "en", short=True).startswith("Small counts protected: <7 households hidden")


@pytest.mark.parametrize(
    "value, decimals, number, percent",
    [
        (1234.5, 0, "1,234", "1,234 %"),  # ties to even, as before
        (12.3456, 2, "12.35", "12.35 %"),
        (-0.001, 2, "0.00", "0.00 %"),  # never "-0.00"
        (None, 0, NO_DATA, NO_DATA),
        (math.nan, 2, NO_DATA, NO_DATA),
    ],
)
def test_counts_and_percentages_read_like_format_value(value, decimals, number, percent):
    assert format_number(value, decimals) == number
    assert format_percent(value, decimals) == percent
    assert format_percent(value, decimals) == format_value(value, "percent", "en", decimals)


def test_buddhist_era_years():
    assert be_year(2023) == 2566 and be_year(2018) == 2561


def test_one_rule_picks_the_name_of_the_reader_language():
    areas = pd.DataFrame(
        {"code": ["33", "24"], "name_th": ["ศรีสะเกษ", "ฉะเชิงเทรา"], "name_en": ["Si Sa Ket", "Chachoengsao"]}
    )
    assert local_names(areas, "en") == {"33": "Si Sa Ket", "24": "Chachoengsao"}
    assert local_names(areas, "th")["33"] == "ศรีสะเกษ"
    row = areas.iloc[0]
    assert local_name(row, "en") == "Si Sa Ket" and local_name(dict(row), "th") == "ศรีสะเกษ"
    assert local_name(next(areas.itertuples()), "en") == "Si Sa Ket"  # attributes, not items
    household = {"tambon_name_th": "โพธิ์", "tambon_name_en": "Pho"}
    assert local_name(household, "en", "tambon_name") == "Pho"
    assert local_column("xx") == "name_th" and in_language(("ไทย", "English"), "xx") == "ไทย"  # as t() does
