"""The map view from URL parameters: valid values kept, invalid ones fall back with a notice."""

from __future__ import annotations

import pytest

from components.view.geography import Choices, apply_click, map_extent, up_one_level
from components.view.map import MapView, normalise, parse_breaks, parse_view, view_to_params

CHOICES = Choices(
    provinces=["24", "33", "10"],
    provinces_with_data={"24", "33"},
    amphoes={"24": ["2401", "2402"], "33": ["3301", "3305"], "10": ["1001"]},
    tambons={"240101", "240102", "240201", "330105", "330501", "100101"},
    indicators=["target_poor_rate", "income_per_person", "mpi_m0"],
    years=[2564, 2565, 2566],
)


def test_defaults_pick_the_first_province_with_data_and_the_latest_year():
    view, notices = parse_view({}, CHOICES)
    assert (view.province, view.level, view.indicator, view.year) == (
        "24",
        "tambon",
        "target_poor_rate",
        2566,
    )
    assert notices == []


def test_a_full_link_round_trips():
    params = {
        "province": "33",
        "amphoe": "3301",
        "tambon": "330105",
        "level": "tambon",
        "indicator": "mpi_m0",
        "year": "2565",
        "scheme": "natural_breaks",
        "k": "6",
        "lang": "en",
    }
    view, notices = parse_view(params, CHOICES)
    assert notices == []
    assert view == MapView("33", "3301", "330105", "tambon", "mpi_m0", 2565, "natural_breaks", 6)
    assert view_to_params(view, "en") == {**params}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("province", "99"),
        ("province", "'; DROP TABLE area; --"),
        ("amphoe", "3301"),
        ("tambon", "999999"),
        ("level", "village"),
        ("indicator", "nope"),
        ("year", "2600"),
        ("year", "abc"),
        ("scheme", "kmeans"),
        ("k", "2"),
        ("k", "8"),
        ("k", "x"),
        ("compare", "both"),
        ("breaks", "5,1"),
        ("breaks", "a,b"),
    ],
)
def test_invalid_parameters_fall_back_and_are_reported(name, value):
    view, notices = parse_view({name: value}, CHOICES)
    assert notices == [(name, value)]
    default, _ = parse_view({}, CHOICES)
    assert getattr(view, name) == getattr(default, name)


def test_amphoe_forces_tambon_level_and_must_belong_to_the_province():
    assert parse_view({"province": "24", "amphoe": "2401", "level": "amphoe"}, CHOICES)[0].level == "tambon"
    view, notices = parse_view({"province": "24", "amphoe": "3301"}, CHOICES)
    assert view.amphoe is None and notices == [("amphoe", "3301")]


def test_country_view_and_province_level():
    view, _ = parse_view({"province": "all", "level": "province"}, CHOICES)
    assert (view.province, view.level) == (None, "province")
    assert map_extent(view) == ("province", None, "")
    # A province with level=province shows its amphoe.
    assert parse_view({"province": "33", "level": "province"}, CHOICES)[0].level == "amphoe"


def test_clicks_drill_down_and_up_one_level_climbs_back():
    view = parse_view({"province": "all", "level": "province"}, CHOICES)[0]
    view = apply_click(view, "33", CHOICES)
    assert (view.province, view.level) == ("33", "amphoe")
    view = apply_click(view, "3305", CHOICES)
    assert (view.amphoe, view.level) == ("3305", "tambon")
    assert map_extent(view) == ("tambon", "3305", "3305")
    view = apply_click(view, "330501", CHOICES)
    assert view.tambon == "330501"
    view = up_one_level(view)
    assert view.tambon is None and view.amphoe == "3305"
    view = normalise(up_one_level(view), CHOICES)
    assert (view.amphoe, view.level) == (None, "amphoe")
    view = normalise(up_one_level(view), CHOICES)
    assert (view.province, view.level) == (None, "province")


def test_compare_modes_get_a_partner():
    view = parse_view({"compare": "years", "year": "2566"}, CHOICES)[0]
    assert view.year2 == 2565
    view = parse_view({"compare": "indicators"}, CHOICES)[0]
    assert view.indicator2 == "income_per_person"
    params = view_to_params(parse_view({"compare": "change", "year2": "2564"}, CHOICES)[0], "th")
    assert (params["compare"], params["year2"]) == ("change", "2564")


def test_parse_breaks():
    assert parse_breaks("1, 2.5,5") == (1.0, 2.5, 5.0)
    assert parse_breaks("5,1") is None and parse_breaks("x") is None and parse_breaks("") is None
