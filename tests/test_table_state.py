"""The table and explorer views from and to the URL, and drilling by row."""

from __future__ import annotations

import pytest

from components.view.explorer import explorer_params, parse_explorer_view
from components.view.geography import Choices
from components.view.table import (
    DEFAULT_INDICATORS,
    TableView,
    drill,
    parse_table_view,
    table_extent,
    table_params,
    to_map_view,
)

CHOICES = Choices(
    provinces=["24", "33", "10"],
    provinces_with_data={"24", "33"},
    amphoes={"24": ["2401", "2402"], "33": ["3301"]},
    tambons={"240101", "240102", "240201", "330101"},
    indicators=["target_poor_rate", "income_per_person", "households_surveyed", *DEFAULT_INDICATORS[1:]],
    years=[2564, 2565, 2566],
)


def test_table_view_round_trips_through_the_url():
    view, notices = parse_table_view(
        {
            "province": "24",
            "year": "2566",
            "year2": "2564",
            "indicators": "income_per_person,target_poor_rate",
            "q": "เมือง",
            "sort": "income_per_person",
            "desc": "1",
            "parts": "1",
        },
        CHOICES,
    )
    assert notices == []
    assert view == TableView(
        province="24",
        level="amphoe",
        year=2566,
        year2=2564,
        indicators=("income_per_person", "target_poor_rate"),
        q="เมือง",
        sort="income_per_person",
        desc=True,
        parts=True,
    )
    again, _ = parse_table_view(table_params(view, "th"), CHOICES)
    assert again == view


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"indicators": "target_poor_rate,nope"}, "indicators"),
        ({"year2": "2500"}, "year2"),
        ({"province": "99"}, "province"),
        ({"amphoe": "3301", "province": "24"}, "amphoe"),
    ],
)
def test_invalid_table_parameters_are_reported_and_dropped(params, bad):
    view, notices = parse_table_view(params, CHOICES)
    assert bad in [name for name, _ in notices]
    assert all(code in CHOICES.indicators for code in view.indicators)


def test_a_sort_column_must_be_shown_and_year2_must_differ():
    view, _ = parse_table_view({"sort": "area; DROP TABLE area", "year": "2566", "year2": "2566"}, CHOICES)
    assert view.sort == "" and view.year2 is None
    parts_sort, _ = parse_table_view({"sort": "target_poor_rate:num", "parts": "1"}, CHOICES)
    assert parts_sort.sort == "target_poor_rate:num"
    hidden_parts, _ = parse_table_view({"sort": "target_poor_rate:num"}, CHOICES)
    assert hidden_parts.sort == ""


def test_drill_by_row_follows_the_map_rules():
    country = TableView(level="province", year=2566)
    province = drill(country, "24", CHOICES)
    assert (province.province, province.amphoe, province.level) == ("24", None, "amphoe")
    amphoe = drill(province, "2401", CHOICES)
    assert (amphoe.amphoe, amphoe.level, amphoe.tambon) == ("2401", "tambon", None)
    tambon = drill(amphoe, "240101", CHOICES)
    assert (tambon.amphoe, tambon.tambon) == ("2401", "240101")
    assert drill(amphoe, "nonsense", CHOICES) == amphoe
    assert tambon.indicators == country.indicators and tambon.year == 2566


def test_explorer_view_round_trips_and_rejects_bad_conditions():
    view, notices = parse_explorer_view(
        {"tool": "find", "province": "33", "where": "target_poor_rate > 5 and income_per_person < 40000"},
        CHOICES,
    )
    assert notices == [] and view.where == "target_poor_rate>5;income_per_person<40000"
    assert parse_explorer_view(explorer_params(view, "en"), CHOICES)[0] == view
    bad, notices = parse_explorer_view(
        {"tool": "find", "where": "target_poor_rate>5; DROP TABLE area"}, CHOICES
    )
    assert [n for n, _ in notices] == ["where"] and bad.where == "target_poor_rate>5"  # the default


@pytest.mark.parametrize(
    "params, bad",
    [
        ({"tool": "pie"}, "tool"),
        ({"x": "nope"}, "x"),
        ({"chart": "violin"}, "chart"),
        ({"indicators": "a,b"}, "indicators"),
    ],
)
def test_invalid_explorer_parameters_fall_back(params, bad):
    view, notices = parse_explorer_view(params, CHOICES)
    assert bad in [name for name, _ in notices]
    assert view.tool in ("find", "scatter", "distribution", "ranking", "correlation", "years")
    assert len(view.indicators) >= 2


def test_the_explorer_lists_the_indicators_each_tool_shows():
    from components.view.explorer import ExplorerView, indicators_in_use

    assert indicators_in_use(ExplorerView(tool="find", where="target_poor_rate>5;bmn60_09!=10")) == [
        "target_poor_rate",
        "bmn60_09",
    ]
    assert indicators_in_use(ExplorerView(tool="find", where="")) == []
    assert indicators_in_use(ExplorerView(tool="scatter", x="a", y="b")) == ["a", "b"]
    assert indicators_in_use(ExplorerView(tool="correlation", indicators=("a", "b"))) == ["a", "b"]
    assert indicators_in_use(ExplorerView(tool="ranking", indicator="c")) == ["c"]


def test_village_level_needs_a_tambon_and_round_trips():
    view, notices = parse_table_view({"province": "24", "tambon": "240102", "level": "village"}, CHOICES)
    assert notices == [] and (view.level, view.amphoe, view.tambon) == ("village", "2401", "240102")
    assert table_extent(view) == ("village", "240102")
    assert table_params(view, "th")["level"] == "village"
    assert parse_table_view(table_params(view, "th"), CHOICES)[0] == view
    assert drill(view, "24010201", CHOICES) == view  # a village opens nothing further
    alone, notices = parse_table_view({"province": "24", "amphoe": "2401", "level": "village"}, CHOICES)
    assert notices == [] and alone.level == "tambon" and table_extent(alone) == ("tambon", "2401")
    assert to_map_view(view).level == "tambon"
