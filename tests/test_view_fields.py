"""The declared view of every screen: a full link round-trips, bad values fall back with a notice, no
two screens share a widget key, and the parsers hold their rules."""

from __future__ import annotations

import pytest

from components.view.explorer import EXPLORER
from components.view.fields import (
    Context,
    Invalid,
    default_view,
    flag,
    indicator_list,
    int_between,
    one_of,
    parse_params,
    view_params,
)
from components.view.fields import area_set as parse_set
from components.view.fieldwork import FIELDWORK, HOUSEHOLD
from components.view.geography import Choices, Geography
from components.view.map import MAP
from components.view.poverty import POVERTY
from components.view.present import OVERVIEW, PRESENT, Target
from components.view.table import TABLE

CHOICES = Choices(
    provinces=["24", "33", "10"],
    provinces_with_data={"24", "33"},
    amphoes={"24": ["2401", "2402"], "33": ["3301", "3305"], "10": ["1001"]},
    tambons={"240101", "240102", "240201", "330105", "330501", "100101"},
    indicators=["target_poor_rate", "income_per_person", "mpi_m0", "households_surveyed"],
    years=[2564, 2565, 2566],
    asset_categories=("tourist_sites", "farmers", "water_sources"),
)
SETS = {7, 12}
SCREENS = [MAP, TABLE, EXPLORER, POVERTY, PRESENT, OVERVIEW, HOUSEHOLD, FIELDWORK]

# A link that sets every field a view of that screen writes (canonical text, as the screen writes it).
FULL_LINKS = {
    "map": {
        "province": "33",
        "amphoe": "3301",
        "tambon": "330105",
        "level": "tambon",
        "year": "2565",
        "indicator": "mpi_m0",
        "scheme": "natural_breaks",
        "k": "6",
        "compare": "years",
        "year2": "2564",
        "labels": "1",
        "basemap": "1",
        "points": "tourist_sites,water_sources",
        "set": "7",
    },
    "table": {
        "province": "33",
        "amphoe": "3301",
        "tambon": "330105",
        "level": "village",
        "year": "2566",
        "year2": "2564",
        "indicators": "mpi_m0,target_poor_rate",
        "q": "เมือง",
        "sort": "mpi_m0:num",
        "desc": "1",
        "parts": "1",
        "set": "12",
    },
    "explorer": {
        "province": "24",
        "amphoe": "2401",
        "level": "tambon",
        "year": "2566",
        "tool": "years",
        "indicator": "mpi_m0",
        "year2": "2564",
        "set": "7",
    },
    "poverty": {
        "province": "33",
        "amphoe": "3305",
        "tambon": "330501",
        "year": "2564",
        "cutoff": "0.4",
        "weights": "1,2,0.5,1,3",
        "set": "7",
    },
    "present": {"set": "12", "year": "2565", "slide": "4"},
    "overview": {"province": "33", "year": "2565", "set": "7"},
    "households": {"household": "4711"},
    "fieldwork": {"set": "12"},
}


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.name)
def test_a_full_link_round_trips_without_notices(screen):
    link = FULL_LINKS[screen.name]
    view, notices = parse_params(screen, link, CHOICES, SETS)
    assert notices == []
    assert view_params(screen, view) == link
    assert parse_params(screen, view_params(screen, view), CHOICES, SETS)[0] == view


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.name)
def test_an_empty_link_is_the_default_view_and_every_bad_value_is_a_notice(screen):
    view, notices = parse_params(screen, {}, CHOICES, SETS)
    assert notices == [] and view == screen.normalise(default_view(screen, CHOICES), CHOICES)
    bad = {f.name: "'; DROP TABLE area; --" for f in screen.fields if f.name not in ("q", "household")}
    spoiled, notices = parse_params(screen, bad, CHOICES, SETS)
    assert sorted(name for name, _ in notices) == sorted(
        name
        for name in bad
        if name not in ("labels", "basemap", "desc", "parts", "hotspots", "slide", "sort")
    )
    assert spoiled.set is None if hasattr(spoiled, "set") else True


def test_no_two_screens_share_a_widget_key():
    keys = []
    for screen in SCREENS:
        for field in screen.keyed:
            keys += list(field.key) if isinstance(field.key, tuple) else [field.key]
    assert len(keys) == len(set(keys))
    names = [[f.name for f in screen.fields] for screen in SCREENS]
    assert all(len(n) == len(set(n)) for n in names)


def test_the_place_fields_share_their_names_and_rules_on_every_screen():
    for screen in (MAP, TABLE, EXPLORER, POVERTY):
        assert [f.name for f in screen.fields][:2] == ["province", "amphoe"]
        view, notices = parse_params(screen, {"province": "24", "amphoe": "3301", "year": "2500"}, CHOICES)
        assert (view.province, view.amphoe, view.year) == ("24", None, 2566)
        assert notices == [("amphoe", "3301"), ("year", "2500")]


def test_a_list_keeps_its_known_codes_and_reports_the_rest():
    view, notices = parse_params(TABLE, {"indicators": "mpi_m0,nope,mpi_m0"}, CHOICES)
    assert view.indicators == ("mpi_m0",) and notices == [("indicators", "mpi_m0,nope,mpi_m0")]
    view, notices = parse_params(EXPLORER, {"tool": "correlation", "indicators": "mpi_m0,nope"}, CHOICES)
    assert len(view.indicators) >= 2 and [n for n, _ in notices] == ["indicators"]


def test_the_map_link_names_its_points_in_the_catalogue_order_and_drops_unknown_codes():
    link = {"province": "24", "points": "water_sources,nope,tourist_sites"}
    view, notices = parse_params(MAP, link, CHOICES)
    assert view.points == ("tourist_sites", "water_sources")
    assert notices == [("points", "water_sources,nope,tourist_sites")]
    assert view_params(MAP, view)["points"] == "tourist_sites,water_sources"
    country = parse_params(MAP, {"province": "all", "points": "farmers"}, CHOICES)[0]
    assert "points" not in view_params(MAP, country)  # points are drawn for a province only


def test_mpi_settings_in_the_link():
    view, notices = parse_params(POVERTY, {"cutoff": "2", "weights": "1,1,1"}, CHOICES)
    assert notices == [("cutoff", "2"), ("weights", "1,1,1")]
    assert view_params(POVERTY, view) == {"province": "24", "year": "2566"}  # defaults stay out


def test_the_presentation_names_the_most_specific_target():
    view, _ = parse_params(PRESENT, {"province": "33", "amphoe": "3301", "year": "2566"}, CHOICES, SETS)
    assert view.target == Target("area", "3301")
    both, _ = parse_params(PRESENT, {"set": "7", "tambon": "330105"}, CHOICES, SETS)
    assert both.target == Target("set", "7")
    assert parse_params(PRESENT, {"province": "all"}, CHOICES, SETS)[0].target is None
    moved = view.presenting(Target("set", "12"))
    assert view_params(PRESENT, moved) == {"set": "12", "year": "2566", "slide": "1"}


def test_geography_writes_the_place_part_of_a_link():
    assert Geography.of_area("330105", year=2566, lang="en").params() == {
        "province": "33",
        "amphoe": "3301",
        "tambon": "330105",
        "year": "2566",
        "lang": "en",
    }
    assert Geography(province="33", set=7, year=2565).params() == {"set": "7", "year": "2565"}
    assert Target("area", "24").params() == {"province": "24"}


@pytest.mark.parametrize(
    ("parser", "text", "expected"),
    [
        (one_of(("a", "b")), "b", "b"),
        (one_of(("a", "b")), "c", Invalid),
        (int_between(3, 7), "7", 7),
        (int_between(3, 7), "8", Invalid),
        (int_between(3, 7), "๓", 3),  # Thai digits are digits to int()
        (flag, "on", True),
        (flag, "yes", False),
        (parse_set, "12", 12),
        (parse_set, "", None),
        (parse_set, "13", Invalid),
        (parse_set, "-7", Invalid),
        (indicator_list(2), "mpi_m0,income_per_person", ("mpi_m0", "income_per_person")),
        (indicator_list(1), "mpi_m0,income_per_person", Invalid),
    ],
)
def test_parsers(parser, text, expected):
    context = Context(CHOICES, frozenset(SETS), {})
    if expected is Invalid:
        with pytest.raises(Invalid):
            parser(text, context)
    else:
        assert parser(text, context) == expected
