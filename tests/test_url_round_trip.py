"""Every page's link round-trips through the view package: opened with a full link, its widgets hold
the link's values, the URL it writes back is the same link, and changing one widget changes exactly
that parameter."""

from __future__ import annotations

import pytest

from data_access import area_sets
from tests.support.apptest import app_test
from tests.test_view_fields import FULL_LINKS

pytestmark = pytest.mark.apptest

SET = "<set>"  # replaced by the id of the demo's MOU set


def full_link(screen: str, lang: str) -> dict[str, str]:
    """`test_view_fields.FULL_LINKS[screen]` (every field the screen writes) in `lang`, its area set the
    demo's MOU set."""
    link = {"lang": lang, **FULL_LINKS[screen]}
    return {name: SET if name == "set" else value for name, value in link.items()}


# page, full link, {widget key: value it must hold}, (widget kind, key, new value), changed parameters
CASES = [
    pytest.param(
        "pages/map.py",
        full_link("map", "en"),
        {
            "map_tambon": "330105",
            "map_k": 6,
            "map_year2": 2564,
            "map_labels": True,
            "map_assets": ["tourist_sites", "water_sources"],
            "set_map": SET,
        },
        ("selectbox", "map_indicator", "target_poor_rate"),
        {"indicator": "target_poor_rate"},
        id="map",
    ),
    pytest.param(
        "pages/table.py",
        full_link("table", "th"),
        {"tbl_year2": 2564, "tbl_indicators": ["mpi_m0", "target_poor_rate"], "set_tbl": SET},
        ("toggle", "tbl_parts", False),
        {"parts": None, "sort": None, "desc": None},  # the link sorted by a numerator column, now hidden
        id="table",
    ),
    pytest.param(
        "pages/explorer.py",
        full_link("explorer", "th"),
        {"exp_tool": "years", "exp_amphoe": "2401", "exp_year2": 2564, "set_exp": SET},
        ("selectbox", "exp_year", 2565),
        {"year": "2565"},
        id="explorer",
    ),
    pytest.param(
        "pages/poverty.py",
        full_link("poverty", "th"),
        {"pov_tambon": "330501", "pov_cutoff": 0.4, "pov_weight_living": 2.0},
        ("selectbox", "pov_year", 2566),
        {"year": "2566"},
        id="poverty",
    ),
    pytest.param(
        "pages/overview.py",
        full_link("overview", "th"),
        {"ov_province": "33", "ov_year": 2565, "set_ov": SET},
        ("selectbox", "set_ov", 0),  # the province's own overview (its deck is built by the overview tests)
        {"set": None},
        id="overview",
    ),
]


@pytest.fixture
def open_page(sqlite_engine, monkeypatch):
    sets = area_sets.list_sets(sqlite_engine)
    set_id = str(int(sets.loc[sets["name"] == area_sets.MOU_SET_NAME, "id"].iloc[0]))

    def open_(page: str, link: dict[str, str]):
        link = {name: set_id if value == SET else value for name, value in link.items()}
        at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
        for name, value in link.items():
            at.query_params[name] = value
        at.run()
        at.switch_page(page).run()
        return at, link, set_id

    return open_


def written(at) -> dict[str, str]:
    return {name: at.query_params[name] for name in at.query_params}


@pytest.mark.parametrize(("page", "link", "widgets", "change", "changed"), CASES)
def test_a_full_link_opens_the_page_and_comes_back(open_page, page, link, widgets, change, changed):
    at, link, set_id = open_page(page, link)
    assert not at.exception, at.exception
    assert not at.warning or all("ไม่ถูกต้อง" not in w.value for w in at.warning)
    for key, value in widgets.items():
        assert at.session_state[key] == (int(set_id) if value == SET else value), key
    assert written(at) == link
    kind, key, value = change
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    expected = {**link, **changed}
    assert written(at) == {name: v for name, v in expected.items() if v is not None}


def test_the_presentation_keeps_its_link_and_moves_the_slide_it_reports(open_page):
    at, link, _ = open_page("pages/present.py", {"lang": "th", "set": SET, "year": "2566", "slide": "2"})
    assert not at.exception, at.exception
    assert at.session_state["pr_first_slide"] == 2 and written(at) == link
    at.session_state["pr_deck_view"] = {"deck": at.session_state["pr_deck"], "slide": 3}
    at.run()
    assert written(at) == {**link, "slide": "3"}
