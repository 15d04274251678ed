"""Community assets: derived indicators (pure and through the one query layer), strengths and problems."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from analysis.assets import asset_values, location_quotients, problems, public_asset_rows, strengths
from data_access.assets import shipped_categories
from data_access.rollup import indicator_values, set_values
from geo.boundaries import read_features, strip_prefix
from tests.support.sql import frame, scalar


def test_asset_values_count_items_surveyed_up_to_the_year_and_share_the_province():
    items = pd.DataFrame(
        {
            "tambon_code": ["240101", "240101", "240102", "240102"],
            "category_code": ["water", "water", "water", "water"],
            "survey_year": [2564, 2566, 2564, 2564],
        }
    )
    households = pd.DataFrame(
        {"area_code": ["240101", "240102"], "year": [2564, 2564], "households": [500, 0]}
    )
    rows = asset_values(items, households, ["240101", "240102", "240103"], ["water"], [2564, 2566])
    got = rows.set_index(["area_code", "indicator_code", "year"])
    assert got.loc[("240101", "asset_water_count", 2564), "value"] == 1
    assert got.loc[("240101", "asset_water_count", 2566), "value"] == 2  # the 2564 item still stands
    assert got.loc[("240103", "asset_water_count", 2564), "value"] == 0  # a tambon with none is a zero
    assert got.loc[("240101", "asset_water_per_1000hh", 2564), "value"] == pytest.approx(2.0)
    assert pd.isna(got.loc[("240102", "asset_water_per_1000hh", 2564), "value"])  # no households
    assert ("240101", "asset_water_per_1000hh", 2566) not in got.index  # no survey that year
    assert got.loc[("240102", "asset_water_share", 2564), "value"] == pytest.approx(100 * 2 / 3)
    assert got.loc[("240103", "asset_water_share", 2566), "denominator"] == 4


def test_location_quotient_and_strengths_need_a_lead_and_enough_items():
    counts = pd.DataFrame(
        {
            "area_code": ["a", "a", "b", "b", "c", "c"],
            "category_code": ["water", "food", "water", "food", "water", "food"],
            "count": [30, 10, 10, 30, 2, 0],
        }
    )
    lq = location_quotients(counts).set_index(["area_code", "category_code"])["lq"]
    # the province: 42 water of 82 items; tambon a: 30 of 40
    assert lq[("a", "water")] == pytest.approx((30 / 40) / (42 / 82))
    found = strengths(counts)
    assert list(zip(found["area_code"], found["category_code"], strict=True)) == [
        ("a", "water"),
        ("b", "food"),
    ]
    assert "c" not in set(found["area_code"])  # LQ 1.95 but only 2 items


def test_problems_are_the_largest_gaps_worse_than_the_province_by_polarity():
    values = pd.DataFrame(
        {"area_code": "t", "indicator_code": ["poor", "water", "card"], "value": [9.0, 1.0, 40.0]}
    )
    reference = pd.DataFrame({"indicator_code": ["poor", "water", "card"], "value": [4.0, 3.0, 60.0]})
    polarity = pd.Series({"poor": "higher_worse", "water": "higher_worse", "card": "higher_better"})
    found = problems(values, reference, polarity)
    assert list(found["indicator_code"]) == ["card", "poor"]  # 20 points below, 5 above; water is better
    assert list(found["gap"]) == [20.0, 5.0]


def test_public_asset_rows_are_exact_but_round_the_household_denominator():
    rows = pd.DataFrame(
        {
            "indicator_code": ["asset_w_count", "asset_w_per_1000hh"],
            "numerator": [3.0, 3.0],
            "denominator": [None, 1237.0],
            "value": [3.0, 1000 * 3 / 1237],
        }
    )
    public = public_asset_rows(rows)
    assert list(public["numerator"]) == [3.0, 3.0]  # a count of 3 items is shown, not "<5"
    assert public.loc[1, "denominator"] == 1235
    assert public.loc[1, "value"] == pytest.approx(round(3000 / 1235, 2))
    assert not public["suppressed"].any()


def test_demo_assets_are_synthetic_and_every_point_lies_in_its_own_tambon(backend):
    items = frame(backend, "SELECT tambon_code, lat, lon, is_synthetic FROM community_asset")
    assert len(items) > 5_000 and items["is_synthetic"].astype(bool).all()
    assert set(items["tambon_code"].str[:2]) == {"24", "33"}
    polygons = {
        strip_prefix(f["properties"]["adm3_pcode"]): shape(f["geometry"])
        for f in read_features("tambon")
        if f["properties"]["adm3_pcode"][2:4] in ("24", "33")
    }
    located = items.dropna(subset=["lat"]).sample(2_000, random_state=1)
    inside = [
        shapely.contains_xy(polygons[row.tambon_code], row.lon, row.lat) for row in located.itertuples()
    ]
    assert all(inside)


def test_asset_indicators_roll_up_from_the_records_like_every_indicator(backend):
    codes = ["asset_water_sources_count", "asset_water_sources_share", "asset_water_sources_per_1000hh"]
    amphoe = indicator_values(backend, "amphoe", codes, 2566, "24").set_index(["area_code", "indicator_code"])
    water = (
        "SELECT COUNT(*) FROM community_asset WHERE category_code = 'water_sources' AND tambon_code LIKE :p"
    )
    stored, province = scalar(backend, water, p="2401%"), scalar(backend, water, p="24%")
    households = scalar(
        backend,
        "SELECT SUM(numerator) FROM indicator_value WHERE indicator_code = 'households_surveyed' "
        "AND year = 2566 AND area_code LIKE '2401%'",
    )
    assert amphoe.loc[("2401", "asset_water_sources_count"), "value"] == stored
    assert amphoe.loc[("2401", "asset_water_sources_share"), "value"] == pytest.approx(
        100 * stored / province
    )
    per = amphoe.loc[("2401", "asset_water_sources_per_1000hh"), "value"]
    assert per == pytest.approx(1000 * stored / households)
    shares = indicator_values(backend, "amphoe", "asset_water_sources_share", 2566, "24")
    assert shares["value"].sum() == pytest.approx(100)
    whole = set_values(
        backend,
        list(frame(backend, "SELECT code FROM area WHERE code LIKE '2401__'")["code"]),
        "asset_water_sources_share",
        2566,
    )
    assert whole["value"].iloc[0] == pytest.approx(100 * stored / province)


def test_public_viewers_see_exact_asset_counts(backend):
    public = indicator_values(backend, "tambon", "asset_tourist_sites_count", 2566, "2401", min_households=5)
    exact = indicator_values(backend, "tambon", "asset_tourist_sites_count", 2566, "2401")
    assert not public["suppressed"].any()
    assert list(public["value"]) == list(exact["value"])


def map_spec_of(at) -> dict:
    import json

    return [json.loads(json.loads(e.proto.json_args)["spec"]) for e in at.get("component_instance")][0]


def test_the_map_sends_each_chosen_category_as_a_file_fetched_once(sqlite_engine, monkeypatch):
    import json

    from geo.point_files import POINTS_DIR
    from tests.support.apptest import app_test

    at = app_test(monkeypatch, sqlite_engine.url.render_as_string(hide_password=False))
    at.query_params["province"], at.query_params["level"] = "24", "tambon"
    at.run()
    at.switch_page("pages/map.py").run()
    spec = map_spec_of(at)
    # Every category is a toggle on the map, none on yet; the run has applied no map event.
    assert [layer["code"] for layer in spec["points"]] == list(shipped_categories()["code"])
    assert spec["points_on"] == [] and spec["points_ack"] is None
    # The map's toggles report the choice (in any order); the run applies it and echoes the nonce.
    at.session_state["atlas_map"] = {
        "event": "points",
        "points": ["water_sources", "tourist_sites"],
        "nonce": 7,
    }
    at.run()
    assert not at.exception
    assert at.query_params["points"] == "tourist_sites,water_sources"  # the link shows the same points
    spec = map_spec_of(at)
    assert spec["points_on"] == ["tourist_sites", "water_sources"] and spec["points_ack"] == 7
    layers = {layer["code"]: layer for layer in spec["points"] if layer["code"] in spec["points_on"]}
    located = (
        "SELECT COUNT(*) FROM community_asset "
        "WHERE category_code = :c AND tambon_code LIKE '24%' AND lat IS NOT NULL"
    )
    for code, layer in layers.items():
        payload = json.loads((POINTS_DIR / layer["url"].rsplit("/", 1)[1]).read_text(encoding="utf-8"))
        assert layer["count"] == len(payload["lat"]) == scalar(sqlite_engine, located, c=code)
        assert set(payload["tambon"]) <= set(payload["tambons"])
    # A click on a tambon carries the map's current choice: a toggle its run never saw is kept.
    at.session_state["atlas_map"] = {
        "event": "click",
        "code": "2401",
        "nonce": 8,
        "points": ["water_sources"],
    }
    at.run()
    again = map_spec_of(at)
    assert again["points_on"] == ["water_sources"] and again["points_ack"] == 8
    assert at.query_params["points"] == "water_sources" and at.query_params["amphoe"] == "2401"
    urls = {layer["code"]: layer["url"] for layer in again["points"]}
    assert urls["water_sources"] == layers["water_sources"]["url"]  # the same file, fetched once


def test_the_province_profile_table_lists_every_tambon_with_its_ranked_strengths_and_problems():
    from components.community.profile import profile_texts

    found = pd.DataFrame(
        {
            "area_code": ["240101", "240101", "240103"],
            "category_code": ["water", "market", "water"],
            "count": [12, 4, 1200],
            "lq": [2.5, 1.3, 1.26],
        }
    )
    worst = pd.DataFrame({"area_code": ["240103", "240103"], "indicator_code": ["bmn60_09", "tp_rate"]})
    codes = pd.Series(["240101", "240102", "240103"])
    strong, weak = profile_texts(
        found, worst, codes, {"water": "แหล่งน้ำ"}, {"bmn60_09": "น้ำดื่ม", "tp_rate": "คนจน"}
    )
    assert strong == ["แหล่งน้ำ (12, LQ 2.50), market (4, LQ 1.30)", "", "แหล่งน้ำ (1,200, LQ 1.26)"]
    assert weak == ["", "", "น้ำดื่ม, คนจน"]
