"""Five-capital status classes at their band edges, and the one rule that turns parts into values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.capitals import CAPITAL_COLUMNS, DEFAULT_BANDS, mean_capital_score, status_class
from analysis.rates import values_from_parts

# --- analysis.capitals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mean_score", "expected_class"),
    [
        (1.00, 1),
        (1.74, 1),
        (1.7499999, 1),
        (1.75, 2),  # a band's lower bound belongs to it
        (2.49, 2),
        (2.50, 3),
        (2.4999999999999996, 3),  # 2.5 with float error is still 2.5
        (3.24, 3),
        (3.25, 4),
        (4.00, 4),
        (np.nan, 0),  # not classified
    ],
)
def test_status_class_band_edges(mean_score, expected_class):
    assert DEFAULT_BANDS == (1.75, 2.50, 3.25)
    assert status_class(pd.Series([mean_score])).tolist() == [expected_class]


def test_status_class_keeps_the_index_and_gives_ints():
    classes = status_class(pd.Series([1.2, 3.3, np.nan], index=["h7", "h8", "h9"]))
    assert classes.to_dict() == {"h7": 1, "h8": 4, "h9": 0}
    assert classes.dtype.kind == "i"


def test_status_class_with_other_bands():
    classes = status_class(pd.Series([1.9, 2.0, 2.99, 3.0, 3.5]), bands=(2.0, 3.0, 3.5))
    assert classes.tolist() == [1, 2, 2, 3, 4]


@pytest.mark.parametrize("bands", [(3.25, 2.5, 1.75), (1.75, 2.5), (1.0, 2.0, 3.0, 3.5)])
def test_status_class_refuses_bands_that_are_not_three_increasing_cuts(bands):
    with pytest.raises(ValueError, match="three increasing"):
        status_class(pd.Series([2.0]), bands=bands)


def test_mean_capital_score_from_household_columns():
    households = pd.DataFrame(
        {
            "capital_human": [1, 4, 2],
            "capital_physical": [2, 4, None],
            "capital_economic": [2, 3, 2],
            "capital_natural": [2, 3, 2],
            "capital_social": [2, 4, 2],
        }
    )
    assert list(CAPITAL_COLUMNS) == list(households.columns)
    scores = mean_capital_score(households)
    # (1+2+2+2+2)/5 = 1.8 -> class 2; (4+4+3+3+4)/5 = 3.6 -> class 4; a missing score -> unclassified
    assert scores.iloc[:2].tolist() == pytest.approx([1.8, 3.6])
    assert np.isnan(scores.iloc[2])
    assert status_class(scores).tolist() == [2, 4, 0]


# --- analysis.rates.values_from_parts -----------------------------------------------------------------


def test_ratio_is_scaled_numerator_over_denominator():
    values = values_from_parts(pd.Series([1, 3, 0]), pd.Series([4, 6, 8]), "ratio", 100)
    assert values.tolist() == pytest.approx([25.0, 50.0, 0.0])


def test_ratio_with_zero_or_missing_denominator_has_no_value():
    values = values_from_parts(
        pd.Series([1.0, 0.0, 5.0, np.nan]), pd.Series([0.0, 0.0, np.nan, 10.0]), "ratio", 100
    )
    assert values.isna().all()  # never zero, never inf


def test_sum_is_the_numerator_whatever_the_denominator():
    values = values_from_parts(pd.Series([12.0, 0.0, np.nan]), pd.Series([np.nan, 0.0, 5.0]), "sum", 1)
    assert values.iloc[:2].tolist() == [12.0, 0.0]
    assert np.isnan(values.iloc[2])


def test_per_row_aggregation_and_scale():
    values = values_from_parts(
        pd.Series([5, 220_000, 7], index=["a", "b", "c"]),
        pd.Series([20, 6, None], index=["a", "b", "c"]),
        pd.Series(["ratio", "ratio", "sum"], index=["a", "b", "c"]),
        pd.Series([100.0, 1.0, 1.0], index=["a", "b", "c"]),
    )
    # 100 * 5/20 = 25 %; 220,000 baht / 6 people; a count of 7
    assert values.to_dict() == pytest.approx({"a": 25.0, "b": 220_000 / 6, "c": 7.0})


def test_numbers_arriving_as_text_or_objects_are_coerced():
    values = values_from_parts(pd.Series(["3", None], dtype=object), pd.Series(["4", "2"]), "ratio", 100)
    assert values.iloc[0] == pytest.approx(75.0) and np.isnan(values.iloc[1])
