"""Municipal units and villages on screen: the table marks units and counts them in the amphoe's
reference row, offers the village level below a tambon (table only), the detail panel lists villages,
the map says how many units its totals include, the explorer marks them."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components.view.table import TableView, map_link_params
from tests.support.apptest import app_test
from tests.support.levels_db import COVERED, COVERING_UNIT, TAMBON, UNIT, VILLAGES

pytestmark = pytest.mark.apptest
MARK = "เทศบาล (ไม่มีขอบเขตบนแผนที่)"


@pytest.fixture
def open_page(levels_db, monkeypatch):
    def open_(page: str, **params) -> AppTest:
        at = app_test(monkeypatch, levels_db.url.render_as_string(hide_password=False))
        for name, value in {"year": "2566", **params}.items():
            at.query_params[name] = value
        at.run()
        at.switch_page(page).run()
        assert not at.exception
        return at

    return open_


def frame_by_key(at: AppTest, prefix: str):
    (table,) = [d.value for d in at.dataframe if d.key and d.key.startswith(prefix)]
    return table


def frame_with(at: AppTest, column: str, value=None):
    """The one table (shown without a key) that has `column` (holding `value` in its first row)."""
    (table,) = [
        d.value
        for d in at.dataframe
        if column in d.value.columns
        and (value is None or (len(d.value) and d.value.iloc[0][column] == value))
    ]
    return table


def map_spec(at: AppTest, key: str = "atlas_map") -> dict:
    (element,) = [e for e in at.get("component_instance") if e.proto.id.endswith(key)]
    return json.loads(json.loads(element.proto.json_args)["spec"])


def test_the_amphoe_table_lists_and_marks_its_municipal_units_and_counts_them(open_page):
    at = open_page("pages/table.py", province="33", amphoe="3301", indicators="target_poor_people")
    rows = frame_by_key(at, "tbl_rows_tambon_3301").set_index("area_code")
    assert rows.loc[UNIT, "note"] == MARK
    assert (
        rows.loc[COVERING_UNIT, "note"].startswith(MARK) and f"({COVERED})" in rows.loc[COVERING_UNIT, "note"]
    )
    assert rows.drop(index=[UNIT, COVERING_UNIT])["note"].eq("").all()
    reference = frame_with(at, "area_code", "3301")
    assert reference.loc[0, "target_poor_people"] == rows["target_poor_people"].sum()  # units included


def test_a_tambon_offers_its_villages_in_the_table_only(open_page):
    at = open_page(
        "pages/table.py", province="33", tambon=TAMBON, indicators="target_poor_people,target_poor_rate"
    )
    assert at.radio(key="tbl_level").options == ["ตำบล", "หมู่บ้าน"]
    assert any("ระดับหมู่บ้านมีเฉพาะในตาราง" in c.value for c in at.caption)
    at.radio(key="tbl_level").set_value("village").run()
    assert not at.exception
    rows = frame_by_key(at, f"tbl_rows_village_{TAMBON}")
    assert rows["area_code"].tolist() == [code for code, _, _ in VILLAGES]
    assert rows["name"].tolist() == ["บ้านหนึ่ง", "หมู่ที่ 2", "หมู่ที่ 3 (2)"]
    reference = frame_with(at, "area_code", TAMBON)
    assert rows["target_poor_people"].sum() == reference.loc[0, "target_poor_people"]
    assert at.query_params["level"] == "village" and at.query_params["tambon"] == TAMBON
    view = TableView(province="33", amphoe="3301", tambon=TAMBON, level="village", year=2566)
    assert map_link_params(view, "th")["level"] == "tambon"  # the map has no village level
    villages = frame_with(at, "หมู่บ้าน")  # the detail panel below lists them too
    assert villages["หมู่บ้าน"].tolist() == ["บ้านหนึ่ง", "หมู่ที่ 2", "หมู่ที่ 3 (2)"]


def test_a_village_link_without_a_tambon_falls_back_to_tambons(open_page):
    at = open_page("pages/table.py", province="33", amphoe="3301", level="village")
    assert at.query_params["level"] == "tambon"
    assert frame_by_key(at, "tbl_rows_tambon_3301")["area_code"].str.len().eq(6).all()


def test_a_tambon_without_villages_has_no_village_level_or_table(open_page):
    at = open_page("pages/table.py", province="33", tambon="330104")
    assert at.radio(key="tbl_level").options == ["ตำบล"]
    assert not [d for d in at.dataframe if "หมู่บ้าน" in d.value.columns]


@pytest.mark.parametrize(
    "params, note",
    [
        ({"province": "33", "level": "amphoe"}, "ยอดรวมระดับอำเภอ/จังหวัดรวมหน่วยเทศบาล 2 หน่วยที่ไม่มีขอบเขตบนแผนที่"),
        ({"province": "33", "amphoe": "3301"}, "หน่วยเทศบาล 2 หน่วยไม่มีขอบเขตบนแผนที่"),
        ({"province": "24", "level": "tambon"}, ""),
    ],
)
def test_the_map_says_how_many_units_its_totals_include(open_page, params, note):
    at = open_page("pages/map.py", **params, indicator="target_poor_people")
    spec = map_spec(at)
    assert spec["legend_note"].startswith(note) if note else spec["legend_note"] == ""
    if "amphoe" in params:  # tambon map: the units keep their values (no polygon draws them)
        assert {UNIT, COVERING_UNIT} <= set(spec["codes"])


def test_the_explorer_marks_units_in_its_results(open_page):
    at = open_page(
        "pages/explorer.py", province="33", amphoe="3301", tool="find", where="households_surveyed>0"
    )
    found = frame_with(at, "parent_name").set_index("area_code")
    assert found.loc[UNIT, "name"].endswith(" · " + MARK)
    assert MARK not in found.loc["330102", "name"]


def test_the_map_values_table_marks_the_units(open_page):
    at = open_page("pages/map.py", province="33", amphoe="3301", indicator="target_poor_people")
    at.toggle(key="map_show_table").set_value(True).run()
    table = frame_with(at, "อันดับ").set_index("รหัส")
    assert table.loc[UNIT, "พื้นที่"].endswith(" · " + MARK)


def test_a_village_link_to_a_tambon_without_villages_says_so(open_page):
    at = open_page("pages/table.py", province="33", tambon="330104", level="village")
    assert at.query_params["level"] == "village"
    assert any("ไม่มีข้อมูลรายหมู่บ้าน" in i.value for i in at.info)
