"""AppTest of the overview (headline figures against an independent SQL query), presentation mode,
the area-set page, and the drill-down table filtered to an area set."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.viewer import SIGNED_IN_KEY
from data_access import area_sets
from tests.support.apptest import app_test
from tests.support.household_db import session_of, signed_in
from tests.support.sql import frame

pytestmark = pytest.mark.apptest


@pytest.fixture
def open_page(sqlite_engine, monkeypatch):
    def open_(page: str, **params) -> AppTest:
        at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page(page).run()
        return at

    return open_


def mou_id(engine) -> int:
    sets = area_sets.list_sets(engine)
    return int(sets.loc[sets["name"] == area_sets.MOU_SET_NAME, "id"].iloc[0])


def raw_province(engine, indicator: str, year: int, prefix: str = "33") -> float:
    """scale * sum(numerator) / sum(denominator), or the sum for a count, by plain SQL."""
    row = frame(
        engine,
        "SELECT SUM(v.numerator) AS num, SUM(v.denominator) AS den, MIN(i.scale) AS scale, "
        "MIN(i.aggregation) AS agg FROM indicator_value v JOIN indicator i ON i.code = v.indicator_code "
        "WHERE v.indicator_code = :code AND v.year = :year AND v.area_code LIKE :prefix",
        code=indicator,
        year=year,
        prefix=prefix + "%",
    ).iloc[0]
    return float(row["num"]) if row["agg"] == "sum" else float(row["scale"] * row["num"] / row["den"])


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_overview_headline_figures_match_an_independent_query(open_page, sqlite_engine):
    at = open_page("pages/overview.py", province="33", year="2566")
    assert not at.exception, at.exception
    shown = metrics(at)
    households = raw_province(sqlite_engine, "households_surveyed", 2566)
    rate, before = (
        raw_province(sqlite_engine, "target_poor_rate", 2566),
        raw_province(sqlite_engine, "target_poor_rate", 2565),
    )
    coverage = raw_province(sqlite_engine, "referral_coverage", 2566)
    struggling = raw_province(sqlite_engine, "status_struggling_share", 2566)
    assert shown["ครัวเรือนที่สำรวจ"][0] == f"{households:,.0f}"
    assert shown["ร้อยละคนจนเป้าหมาย"] == (
        f"{rate:,.2f} %",
        f"{'+' if rate > before else ''}{rate - before:,.2f} %",
    )
    assert shown["ร้อยละครัวเรือนเป้าหมายที่ได้รับการช่วยเหลือ"][0] == f"{coverage:,.2f} %"
    assert shown["ร้อยละครัวเรือนอยู่ลำบาก"][0] == f"{struggling:,.2f} %"
    assert at.query_params["province"] == "33" and at.query_params["year"] == "2566"


def test_overview_of_the_whole_country_sums_every_province_and_keeps_its_link(open_page, sqlite_engine):
    at = open_page("pages/overview.py", province="all", year="2566")
    assert not at.exception, at.exception
    assert at.session_state["ov_province"] == "" and at.query_params["province"] == "all"
    assert at.subheader[0].value == "ประเทศไทย · 2566"
    shown = metrics(at)
    households, rate = (
        raw_province(sqlite_engine, code, 2566, "") for code in ("households_surveyed", "target_poor_rate")
    )
    assert shown["ครัวเรือนที่สำรวจ"][0] == f"{households:,.0f}"
    assert shown["ร้อยละคนจนเป้าหมาย"][0] == f"{rate:,.2f} %"
    assert "เปรียบเทียบรายจังหวัด" in [h.value for h in at.subheader]
    at.selectbox(key="ov_province").set_value("24").run()
    assert not at.exception and at.query_params["province"] == "24"


def test_overview_of_the_mou_set_sums_its_fifteen_tambons(open_page, sqlite_engine):
    set_id = mou_id(sqlite_engine)
    at = open_page("pages/overview.py", province="33", year="2566", set=str(set_id))
    assert not at.exception, at.exception
    members = area_sets.set_members(sqlite_engine, set_id)
    row = frame(
        sqlite_engine,
        "SELECT SUM(numerator) AS num, SUM(denominator) AS den FROM indicator_value WHERE year = 2566 "
        "AND indicator_code = 'target_poor_rate' AND area_code IN ("
        + ",".join(f"'{c}'" for c in members)
        + ")",
    ).iloc[0]
    assert metrics(at)["ร้อยละคนจนเป้าหมาย"][0] == f"{100 * row['num'] / row['den']:,.2f} %"
    assert at.query_params["set"] == str(set_id)


def test_presentation_keeps_the_slide_of_the_link_and_sends_the_whole_deck_once(open_page, sqlite_engine):
    set_id = mou_id(sqlite_engine)
    at = open_page("pages/present.py", set=str(set_id), slide="2", year="2566")
    assert not at.exception, at.exception
    assert at.query_params["slide"] == "2" and at.session_state["pr_first_slide"] == 2
    at.run()  # a rerun (e.g. the component reporting the slide it shows) keeps the deck and the slide
    assert at.query_params["slide"] == "2" and not at.exception


def test_a_reported_slide_moves_the_link_only_for_the_deck_on_screen():
    from components.present.view import reported_slide

    assert reported_slide({"deck": "set-1-2566-th", "slide": 7}, "set-1-2566-th", 19, 2) == 7
    assert reported_slide({"deck": "set-1-2566-th", "slide": 99}, "set-1-2566-th", 19, 2) == 19
    assert reported_slide({"deck": "another", "slide": 7}, "set-1-2566-th", 19, 2) == 2
    assert reported_slide("7", "set-1-2566-th", 19, 2) == 2


def test_presentation_without_a_target_offers_a_choice(open_page):
    at = open_page("pages/present.py")
    assert not at.exception and at.selectbox(key="pr_target").options


def test_table_filters_to_an_area_set(open_page, sqlite_engine):
    set_id = mou_id(sqlite_engine)
    at = open_page(
        "pages/table.py", province="33", amphoe="3301", level="tambon", year="2566", set=str(set_id)
    )
    assert not at.exception, at.exception
    (table,) = [d for d in at.dataframe if d.key and d.key.startswith("tbl_rows_")]
    assert sorted(table.value["area_code"]) == area_sets.set_members(sqlite_engine, set_id)
    assert at.query_params["set"] == str(set_id)


@pytest.mark.usefixtures("fast_hashing")
@pytest.mark.parametrize("seeded_writable_db", ["sqlite"], indirect=True)
def test_sets_page_creates_and_deletes_a_set(seeded_writable_db, monkeypatch):
    """Area sets are managed by administrators (the page refuses anyone else)."""
    admin = signed_in(seeded_writable_db, "admin1", "admin")
    at = app_test(monkeypatch, seeded_writable_db.url.render_as_string(hide_password=False))
    at.session_state[SIGNED_IN_KEY] = session_of(seeded_writable_db, admin)
    at.run()
    at.switch_page("pages/sets.py").run()
    assert not at.exception, at.exception
    at.text_input(key="set_new_name").input("ชุดทดสอบหน้าเว็บ")
    at.multiselect(key="set_new_members").select("330105").run()
    at.button(key="set_create").click().run()
    assert not at.exception, at.exception
    sets = area_sets.list_sets(seeded_writable_db)
    created = sets[sets["name"] == "ชุดทดสอบหน้าเว็บ"]
    assert len(created) == 1


def test_map_and_explorer_filter_to_an_area_set(open_page, sqlite_engine):
    set_id = mou_id(sqlite_engine)
    members = area_sets.set_members(sqlite_engine, set_id)
    at = open_page("pages/map.py", province="33", level="tambon", year="2566", set=str(set_id))
    assert not at.exception, at.exception
    at.toggle(key="map_show_table").set_value(True).run()
    (values,) = [d.value for d in at.dataframe if "อันดับ" in d.value.columns]
    assert sorted(values["รหัส"]) == members
    assert at.query_params["set"] == str(set_id)
    at = open_page("pages/explorer.py", tool="ranking", province="33", level="tambon", set=str(set_id))
    assert not at.exception, at.exception
    assert at.query_params["set"] == str(set_id)
    assert any(f"{len(members)} ตำบล" in c.value for c in at.caption)


def test_poverty_page_takes_an_area_set_as_one_area(open_page, sqlite_engine):
    set_id = mou_id(sqlite_engine)
    members = area_sets.set_members(sqlite_engine, set_id)
    at = open_page("pages/poverty.py", province="33", year="2566", set=str(set_id))
    assert not at.exception, at.exception
    assert any(area_sets.MOU_SET_NAME in h.value for h in at.subheader)
    people = frame(
        sqlite_engine,
        "SELECT SUM(members) AS n FROM household WHERE survey_year = 2566 AND tambon_code IN "
        f"({','.join(repr(m) for m in members)})",
    )["n"][0]
    assert {m.label: m.value for m in at.metric}["ประชากรที่สำรวจ"] == f"{people:,}"
    (ranked,) = [d.value for d in at.dataframe if "M0" in d.value.columns]
    assert sorted(ranked["รหัส"]) == members
    assert at.query_params["set"] == str(set_id)
