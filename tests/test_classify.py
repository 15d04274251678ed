"""geo.classify: breaks per scheme, no data, polarity, manual breaks, change maps, shared classes, text."""

from __future__ import annotations

import json
import warnings
from importlib import resources

import mapclassify
import numpy as np
import pandas as pd
import pytest

import geo.classify as gc
from analysis.errors import AtlasError
from analysis.units import UnitError, format_value
from geo.classify import (
    NO_DATA_COLOR,
    RDBU,
    YLORRD,
    ClassificationError,
    apply_classification,
    classify,
    classify_change,
    legend_rows,
    shared_classification,
)

ONE_TO_TEN = pd.Series(np.arange(1.0, 11.0), index=[f"1001{i:02d}" for i in range(1, 11)])
CLUSTERED = pd.Series([1, 1, 2, 10, 11, 12, 50, 51], dtype=float)


def thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


# --- known breaks per scheme -------------------------------------------------------------------------


def test_quantiles_one_to_ten():
    # numpy's linear percentile of 1..10: 1 + p * 9 for p = .2, .4, .6, .8
    c = classify(ONE_TO_TEN, "quantiles", k=5)
    assert c.bounds == pytest.approx((1.0, 2.8, 4.6, 6.4, 8.2, 10.0))
    assert c.classes.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert c.classes.index.equals(ONE_TO_TEN.index)
    assert (c.k, c.requested_k, c.counts, c.no_data_count) == (5, 5, (2, 2, 2, 2, 2), 0)


def test_equal_interval_one_to_ten():
    c = classify(ONE_TO_TEN, "equal_interval", k=3)  # width (10 - 1) / 3 = 3
    assert c.bounds == pytest.approx((1.0, 4.0, 7.0, 10.0))
    assert c.classes.tolist() == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]  # 4 is an upper bound: class 0


def test_natural_breaks_recovers_clusters():
    c = classify(CLUSTERED, "natural_breaks", k=3)
    assert c.bounds == (1.0, 2.0, 12.0, 51.0)
    assert c.classes.tolist() == [0, 0, 0, 1, 1, 1, 2, 2]


def test_natural_breaks_on_many_areas_samples_deterministically(monkeypatch):
    monkeypatch.setattr(gc, "NATURAL_BREAKS_MAX_N", 60)
    rng = np.random.default_rng(7)
    values = pd.Series(np.concatenate([rng.uniform(0, 5, 150), rng.uniform(100, 105, 100), [500, 510]]))
    first, second = classify(values, "natural_breaks", k=3), classify(values, "natural_breaks", k=3)
    assert first.bounds == second.bounds
    assert first.bounds[0] == values.min() and first.bounds[-1] == values.max()
    assert first.counts == (150, 100, 2)


@pytest.mark.parametrize(
    "scheme, make",
    [
        ("quantiles", lambda y, k: mapclassify.Quantiles(y, k=k)),
        ("equal_interval", lambda y, k: mapclassify.EqualInterval(y, k=k)),
        ("natural_breaks", lambda y, k: mapclassify.FisherJenks(y, k=k)),
    ],
)
def test_classes_agree_with_mapclassify(scheme, make):
    y = np.random.default_rng(3).lognormal(size=200)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = make(y, 5).yb
    assert classify(pd.Series(y), scheme, k=5).classes.tolist() == expected.tolist()


# --- no data --------------------------------------------------------------------------------------------


def test_missing_values_get_class_minus_one_and_grey():
    values = pd.Series([1.0, np.nan, 3.0, None, 5.0, np.inf, 7.0], index=list("abcdefg"))
    c = classify(values, "equal_interval", k=3)
    assert c.bounds == (1.0, 3.0, 5.0, 7.0)
    assert c.classes.tolist() == [0, -1, 0, -1, 1, -1, 2]  # upper bounds are inside: 3 is class 0
    assert c.no_data_count == 3 and c.counts == (2, 1, 1)
    colours = c.color_of()
    assert colours.index.equals(values.index)
    assert colours[["b", "d", "f"]].tolist() == [NO_DATA_COLOR] * 3
    assert colours["a"] == YLORRD[3][0] and colours["g"] == YLORRD[3][2]
    assert legend_rows(c, "percent", "en")[-1] == {"label": "No data", "color": NO_DATA_COLOR, "count": 3}
    assert legend_rows(c, "percent", "th")[-1]["label"] == "ไม่มีข้อมูล"


def test_nullable_integers_are_accepted():
    c = classify(pd.Series([1, 2, None, 4], dtype="Int64"), "quantiles", k=3)
    assert c.classes.tolist()[2] == -1 and c.k == 3


def test_all_missing_gives_no_classes():
    c = classify(pd.Series([np.nan, None], index=["x", "y"]), "natural_breaks", k=5)
    assert (c.k, c.requested_k, c.bounds, c.colors, c.counts, c.no_data_count) == (0, 5, (), (), (), 2)
    assert c.classes.tolist() == [-1, -1]
    assert c.color_of().tolist() == [NO_DATA_COLOR] * 2
    assert legend_rows(c, "count", "th") == [{"label": "ไม่มีข้อมูล", "color": NO_DATA_COLOR, "count": 2}]
    assert apply_classification(c, pd.Series([1.0, 2.0])).classes.tolist() == [-1, -1]


def test_empty_series():
    c = classify(pd.Series([], dtype=float))
    assert c.k == 0 and c.no_data_count == 0
    assert legend_rows(c, "count", "en") == [{"label": "No data", "color": NO_DATA_COLOR, "count": 0}]


# --- colours and polarity -----------------------------------------------------------------------------


@pytest.mark.parametrize("k", range(3, 8))
def test_colours_are_the_colorbrewer_k_class_list(k):
    c = classify(ONE_TO_TEN, "equal_interval", k=k)
    assert c.colors == YLORRD[k]
    assert NO_DATA_COLOR not in YLORRD[k] + RDBU[k]
    if k < 7:
        assert YLORRD[k] != YLORRD[7][:k]


def test_embedded_colours_match_brancas_colorbrewer_copy():
    try:
        schemes = json.loads(resources.files("branca").joinpath("_schemes.json").read_text())
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("branca's copy of ColorBrewer is not available")
    for k in range(3, 8):
        assert list(YLORRD[k]) == schemes[f"YlOrRd_{k:02d}"]
        assert list(RDBU[k]) == schemes[f"RdBu_{k:02d}"]


def test_polarity_puts_the_strongest_colour_on_the_worst_class():
    worse = classify(ONE_TO_TEN, "quantiles", k=5, polarity="higher_worse").color_of()
    better = classify(ONE_TO_TEN, "quantiles", k=5, polarity="higher_better").color_of()
    top, bottom = ONE_TO_TEN.idxmax(), ONE_TO_TEN.idxmin()
    assert worse[top] == YLORRD[5][-1] and worse[bottom] == YLORRD[5][0]
    assert better[top] == YLORRD[5][0] and better[bottom] == YLORRD[5][-1]


# --- fewer distinct values than k ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "scheme, bounds",
    [
        ("quantiles", (1.0, 1.0, 2.0, 3.0)),  # one class per value, not percentiles 33.3, 66.7 (4/3, 2)
        ("natural_breaks", (1.0, 1.0, 2.0, 3.0)),
        ("equal_interval", (1.0, 5 / 3, 7 / 3, 3.0)),
    ],
)
def test_k_drops_to_the_number_of_distinct_values(scheme, bounds):
    c = classify(pd.Series([1.0, 1, 2, 2, 3, np.nan]), scheme, k=5)
    assert (c.k, c.requested_k) == (3, 5)
    assert c.bounds == pytest.approx(bounds)
    assert c.classes.tolist() == [0, 0, 1, 1, 2, -1]
    assert c.colors == YLORRD[3]


def test_two_distinct_values_use_the_ends_of_the_three_class_list():
    c = classify(pd.Series([5.0, 9.0, 9.0]), "quantiles", k=4)
    assert c.k == 2 and c.colors == (YLORRD[3][0], YLORRD[3][2])
    assert c.classes.tolist() == [0, 1, 1]


def test_single_distinct_value_is_one_class():
    c = classify(pd.Series([4.0, 4.0, np.nan]), "natural_breaks", k=5)
    assert (c.k, c.bounds, c.counts, c.no_data_count) == (1, (4.0, 4.0), (2,), 1)
    assert legend_rows(c, "score", "en")[0]["label"] == "4.00"


def test_quantile_ties_shrink_k_further():
    c = classify(pd.Series([1.0] * 8 + [2.0, 3.0, 4.0]), "quantiles", k=3)  # percentiles 33, 67 are both 1
    assert (c.k, c.bounds, c.counts) == (2, (1.0, 1.0, 4.0), (8, 3))


# --- manual breaks and validation ---------------------------------------------------------------------


def test_manual_breaks_append_the_maximum():
    c = classify(ONE_TO_TEN, "manual", manual_breaks=[3, 6])
    assert c.bounds == (1.0, 3.0, 6.0, 10.0)
    assert (c.k, c.requested_k, c.counts) == (3, 2, (3, 3, 4))


def test_manual_breaks_above_the_maximum_are_kept():
    c = classify(ONE_TO_TEN, "manual", manual_breaks=[3, 6, 20])
    assert c.bounds == (1.0, 3.0, 6.0, 20.0) and c.counts == (3, 3, 4)


@pytest.mark.parametrize(
    "breaks, english",
    [
        (None, "needs manual_breaks"),
        ([], "needs manual_breaks"),
        (list(range(1, 9)), "needs manual_breaks"),
        (["a", 2], "must all be numbers"),
        ([1, float("nan")], "must all be numbers"),
        ([True, 2], "must all be numbers"),
        ([3, 1, 5], "not in increasing order"),
        ([1, 2, 2], "duplicates"),
        ([1, 2, 3, 4, 5, 6, 7], "adds a class"),  # the max 10 would make an eighth class
    ],
)
def test_manual_break_errors(breaks, english):
    with pytest.raises(ClassificationError) as caught:
        classify(ONE_TO_TEN, "manual", manual_breaks=breaks)
    assert english in caught.value.message_en
    assert thai(caught.value.message_th)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, AtlasError)


@pytest.mark.parametrize(
    "kwargs, choices",
    [
        ({"scheme": "jenks"}, "quantiles, natural_breaks, equal_interval, manual"),
        ({"k": 2}, "from 3 to 7"),
        ({"k": 8}, "from 3 to 7"),
        ({"k": 5.0}, "from 3 to 7"),
        ({"k": True}, "from 3 to 7"),
        ({"polarity": "lower_worse"}, "higher_worse, higher_better"),
    ],
)
def test_validation_lists_the_valid_choices(kwargs, choices):
    with pytest.raises(ClassificationError) as caught:
        classify(ONE_TO_TEN, **kwargs)
    assert choices in caught.value.message_en
    assert thai(caught.value.message_th)
    assert choices.replace("from 3 to 7", "3 ถึง 7") in caught.value.message_th


def test_non_numeric_values_are_rejected():
    with pytest.raises(ClassificationError, match="numeric"):
        classify(pd.Series(["1.5", "many"]))


# --- change maps --------------------------------------------------------------------------------------


@pytest.mark.parametrize("k", range(3, 8))
def test_change_classes_are_symmetric(k):
    d = pd.Series([-4.0, -2.5, -1.0, -0.2, 0.2, 1.0, 2.5, 4.0])
    c = classify_change(d, k=k)
    assert c.scheme == "change" and c.k == k
    assert c.bounds == tuple(-b for b in reversed(c.bounds))
    assert c.bounds[0] == -4.0 and c.bounds[-1] == 4.0
    classes = c.classes.tolist()
    assert classes == [k - 1 - x for x in reversed(classes)]  # d and -d land in mirrored classes
    assert c.colors == RDBU[k][::-1]


def test_odd_k_has_a_neutral_middle_class_holding_zero():
    c = classify_change(pd.Series([-5.0, -1.0, 0.0, 1.0, 5.0]), k=5)  # edges ±5, ±3, ±1
    assert c.bounds == (-5.0, -3.0, -1.0, 1.0, 3.0, 5.0)
    assert c.classes.tolist() == [0, 2, 2, 2, 4]  # both ±1 are neutral: the middle class is closed
    assert c.colors[2] == "#f7f7f7"


@pytest.mark.parametrize("polarity, worse_sign", [("higher_worse", 1), ("higher_better", -1)])
def test_change_in_the_worse_direction_is_red(polarity, worse_sign):
    d = pd.Series([-3.0, 0.0, 3.0], index=["down", "same", "up"])
    colours = classify_change(d, k=5, polarity=polarity).color_of()
    worse, better = ("up", "down") if worse_sign > 0 else ("down", "up")
    assert colours[worse] == "#ca0020"  # RdBu strong red
    assert colours[better] == "#0571b0"  # RdBu strong blue
    assert colours["same"] == "#f7f7f7"


@pytest.mark.parametrize("polarity, zero_class", [("higher_worse", 1), ("higher_better", 2)])
def test_even_k_puts_zero_on_the_better_side(polarity, zero_class):
    c = classify_change(pd.Series([-2.0, 0.0, 2.0]), k=4, polarity=polarity)
    assert c.bounds == (-2.0, -1.0, 0.0, 1.0, 2.0)
    assert c.classes.tolist() == [0, zero_class, 3]
    assert c.colors[zero_class] in ("#92c5de",)  # the lightest blue of RdBu-4


def test_change_with_no_change_and_no_data():
    c = classify_change(pd.Series([0.0, 0.0, np.nan]), k=5)
    assert (c.k, c.bounds, c.colors, c.classes.tolist()) == (1, (0.0, 0.0), ("#f7f7f7",), [0, 0, -1])
    empty = classify_change(pd.Series([np.nan]))
    assert empty.k == 0 and empty.classes.tolist() == [-1]


def test_change_validates_k_and_polarity():
    with pytest.raises(ClassificationError):
        classify_change(pd.Series([1.0]), k=9)
    with pytest.raises(ClassificationError):
        classify_change(pd.Series([1.0]), polarity="up")


# --- shared classes -----------------------------------------------------------------------------------


def test_shared_classification_gives_both_maps_the_same_classes():
    year_a = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=list("abcde"))
    year_b = pd.Series([4.0, 5.0, 6.0, 7.0, 8.0, np.nan], index=list("abcdef"))
    shared = shared_classification([year_a, year_b], "equal_interval", 3, "higher_worse")
    assert shared.bounds == classify(pd.concat([year_a, year_b]), "equal_interval", 3).bounds
    assert shared.bounds == pytest.approx((1.0, 3.333333, 5.666667, 8.0))
    a, b = apply_classification(shared, year_a), apply_classification(shared, year_b)
    assert a.bounds == b.bounds == shared.bounds and a.colors == b.colors == shared.colors
    assert a.classes.tolist() == shared.classes.loc[0].tolist() == [0, 0, 0, 1, 1]
    assert b.classes.tolist() == shared.classes.loc[1].tolist() == [1, 1, 2, 2, 2, -1]
    assert a.color_of()["d"] == b.color_of()["a"]  # the value 4 has one colour in both maps
    assert a.counts == (3, 2, 0) and b.no_data_count == 1


def test_shared_manual_and_empty_list():
    shared = shared_classification([ONE_TO_TEN, ONE_TO_TEN * 2], "manual", 5, "higher_better", [5, 10])
    assert shared.bounds == (1.0, 5.0, 10.0, 20.0)
    with pytest.raises(ClassificationError):
        shared_classification([], "quantiles", 5, "higher_worse")


def test_apply_puts_values_beyond_the_bounds_in_the_end_classes():
    c = classify(ONE_TO_TEN, "quantiles", k=5)
    assert apply_classification(c, pd.Series([-100.0, 5.0, 100.0, np.nan])).classes.tolist() == [0, 2, 4, -1]
    change = classify_change(pd.Series([-1.0, 1.0]), k=3)
    assert apply_classification(change, pd.Series([-9.0, 0.0, 9.0])).classes.tolist() == [0, 1, 2]


# --- legend and value formatting ----------------------------------------------------------------------


def test_legend_rows_with_units_in_thai_and_english():
    c = classify(pd.Series([1.02, 1.5, 2.5, 4.0, 10.0, np.nan]), "manual", manual_breaks=[2.5, 5.0])
    rows = legend_rows(c, "percent", "en")
    assert [r["label"] for r in rows] == ["1.02 – 2.50 %", "2.50 – 5.00 %", "5.00 – 10.00 %", "No data"]
    assert [r["count"] for r in rows] == [3, 1, 1, 1]
    assert [r["color"] for r in rows] == [*YLORRD[3], NO_DATA_COLOR]

    baht = classify(pd.Series([30000.0, 61933.0, 90000.0]), "manual", manual_breaks=[40000, 90000])
    assert [r["label"] for r in legend_rows(baht, "baht", "th")] == [
        "30,000 – 40,000 บาท",
        "40,000 – 90,000 บาท",
        "ไม่มีข้อมูล",
    ]
    assert legend_rows(baht, "baht", "en")[0]["label"] == "30,000 – 40,000 baht"


def test_legend_adds_decimals_only_when_edges_would_print_alike():
    counts = classify(pd.Series(np.arange(1.0, 11.0)), "quantiles", k=5)
    assert legend_rows(counts, "count", "en")[0]["label"] == "1 – 3"
    close = classify(pd.Series([2.0, 2.8, 3.2, 3.9]), "manual", manual_breaks=[2.8, 3.2, 3.9])
    assert [r["label"] for r in legend_rows(close, "count", "en")[:3]] == [
        "2.0 – 2.8",
        "2.8 – 3.2",
        "3.2 – 3.9",
    ]


@pytest.mark.parametrize(
    "value, unit, lang, decimals, expected",
    [
        (12.3412, "percent", "th", None, "12.34 %"),
        (61933.4, "baht", "th", None, "61,933 บาท"),
        (61933.4, "baht", "en", None, "61,933 baht"),
        (1234, "count", "en", None, "1,234"),
        (2.749, "score", "en", None, "2.75"),
        (0.01234, "index", "th", None, "0.0123"),
        (12.3456, "percent", "en", 1, "12.3 %"),
        (-0.001, "percent", "en", None, "0.00 %"),
        (-1.5, "score", "en", None, "-1.50"),
        (np.int64(5), "count", "en", None, "5"),
        (float("nan"), "percent", "en", None, "–"),
        (None, "baht", "th", None, "–"),
        (pd.NA, "count", "en", None, "–"),
    ],
)
def test_format_value(value, unit, lang, decimals, expected):
    assert format_value(value, unit, lang, decimals) == expected


@pytest.mark.parametrize(
    "args, choices",
    [
        ((1.0, "people", "en"), "percent, count, baht, score, index"),
        ((1.0, "count", "fr"), "th, en"),
        ((1.0, "count", "en", -1), "non-negative integer"),
    ],
)
def test_format_value_errors(args, choices):
    with pytest.raises(UnitError) as caught:
        format_value(*args)
    assert choices in caught.value.message_en and thai(caught.value.message_th)
