"""AppTest of the map page: the view from the URL, clicks, notices, and numbers against raw SQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from tests.support.apptest import app_test

pytestmark = pytest.mark.apptest


@pytest.fixture
def map_app(sqlite_engine, monkeypatch):
    def open_map(**params) -> AppTest:
        at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        at.switch_page("pages/map.py").run()
        for name, value in params.items():  # switching pages keeps the link parameters of a real visit
            at.query_params[name] = value
        return at

    return open_map


def values_table(at: AppTest):
    if not at.toggle(key="map_show_table").value:
        at.toggle(key="map_show_table").set_value(True).run()
    tables = [d.value for d in at.dataframe if "อันดับ" in d.value.columns]
    assert len(tables) == 1
    return tables[0]


def test_chachoengsao_tambon_view_lists_all_93_tambons_with_raw_sql_values(map_app, sqlite_engine):
    at = map_app()
    at.selectbox(key="map_province").set_value("24").run()
    at.radio(key="map_level").set_value("tambon").run()
    assert not at.exception
    table = values_table(at)
    assert len(table) == 93
    with sqlite_engine.connect() as conn:
        numerator, denominator = conn.execute(
            text(
                "SELECT numerator, denominator FROM indicator_value "
                "WHERE area_code = '240101' AND indicator_code = 'target_poor_rate' AND year = 2566"
            )
        ).one()
    row = table[table["รหัส"] == "240101"].iloc[0]
    assert (row["ตัวตั้ง"], row["ตัวหาร"]) == (numerator, denominator)
    assert row["ค่า"] == f"{100 * numerator / denominator:,.2f} %"


def test_map_click_on_an_amphoe_drills_into_its_tambons(map_app, sqlite_engine):
    at = map_app()
    at.selectbox(key="map_province").set_value("24").run()
    at.radio(key="map_level").set_value("amphoe").run()
    assert len(values_table(at)) == 11
    at.session_state["atlas_map"] = {"event": "click", "code": "2401", "nonce": 1}
    at.run()
    assert not at.exception
    assert at.session_state["map_amphoe"] == "2401"
    with sqlite_engine.connect() as conn:
        tambons = conn.execute(text("SELECT COUNT(*) FROM area WHERE parent_code = '2401'")).scalar_one()
    assert len(values_table(at)) == tambons
    # A tambon click opens its detail panel; the same event replayed does nothing more.
    at.session_state["atlas_map"] = {"event": "click", "code": "240101", "nonce": 2}
    at.run()
    assert at.session_state["map_tambon"] == "240101"
    assert any("หน้าเมือง" in h.value for h in at.subheader)
    # "Up one level" and the breadcrumbs are pressed on the map: they come back as map events.
    at.session_state["atlas_map"] = {"event": "up", "nonce": 3}
    at.run()
    assert at.session_state["map_tambon"] is None and at.session_state["map_amphoe"] == "2401"
    at.session_state["atlas_map"] = {"event": "crumb", "index": 1, "nonce": 4}  # country › province
    at.run()
    assert at.session_state["map_amphoe"] == "" and at.session_state["map_province"] == "24"
    assert at.session_state["map_level"] == "amphoe"
    at.session_state["atlas_map"] = {"event": "crumb", "index": 0, "nonce": 5}
    at.run()
    assert at.session_state["map_province"] == "" and at.session_state["map_level"] == "province"
    assert not at.exception


def test_country_view_at_province_level(map_app):
    at = map_app()
    at.selectbox(key="map_province").set_value("").run()
    at.radio(key="map_level").set_value("province").run()
    assert not at.exception
    assert set(values_table(at)["รหัส"]) == {"24", "33"}


def test_compare_and_change_modes_render(map_app):
    at = map_app()
    for mode in ("years", "indicators", "change"):
        at.radio(key="map_compare").set_value(mode).run()
        assert not at.exception, mode


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_every_scheme_renders(map_app, scheme):
    at = map_app()
    at.selectbox(key="map_scheme").set_value(scheme).run()
    at.select_slider(key="map_k").set_value(3).run()
    assert not at.exception


def test_manual_breaks_with_bad_text_warn_instead_of_failing(map_app):
    at = map_app()
    at.selectbox(key="map_scheme").set_value("manual").run()
    at.text_input(key="map_breaks").input("5, x").run()
    assert not at.exception
    assert any("ขอบช่วง" in w.value for w in at.warning)
    at.text_input(key="map_breaks").input("0.5, 1, 2").run()
    assert not at.exception


def test_the_hot_spot_mode_draws_lisa_classes_with_global_morans_i(map_app, sqlite_engine):
    """The map's classes are exactly analysis.hotspots' on the values the viewer sees; the same link
    gives the same classes again (fixed seed)."""
    import json

    from analysis.hotspots import local_moran
    from data_access.rollup import indicator_values
    from geo.assets import load_geometry
    from geo.choropleth import HOT_SPOT_CLASSES

    params = {"province": "33", "level": "tambon", "indicator": "target_poor_rate", "year": "2566"}
    at = map_app(**params, compare="hotspots")
    assert not at.exception, at.exception
    assert any("Local Moran" in c.value for c in at.caption)
    (spec,) = [json.loads(e.proto.json_args)["spec"] for e in at.get("component_instance")][:1]
    spec = json.loads(spec)
    assert [row["label"] for row in spec["legend"][:5]][0].startswith("จุดร้อน")
    assert "Moran's I" in spec["legend_note"]
    values = indicator_values(sqlite_engine, "tambon", ["target_poor_rate"], [2566], "33")
    expected = local_moran(values.set_index("area_code")["value"], load_geometry("tambon", "33"))
    shown = {code: HOT_SPOT_CLASSES[c] for code, c in zip(spec["codes"], spec["classes"])}
    assert shown == {c: n for c, n in expected.classes.items() if n != "island"}
    assert len(shown) >= 150  # nearly all of Si Sa Ket's 206 tambons have a value and a neighbour
    assert sum(row["count"] for row in spec["legend"][:5]) == len(shown)
