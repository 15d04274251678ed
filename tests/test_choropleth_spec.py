"""The map object: what the browser receives for a set of values (no browser needed)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.ranking import rank_within_parent
from geo.choropleth import build_choropleth, to_folium
from geo.classify import NO_DATA_COLOR, classify

TEXTS = {"parts": "ตัวตั้ง / ตัวหาร", "no_data": "ไม่มีข้อมูล", "rank": "อันดับ"}


def sample_values() -> pd.DataFrame:
    values = pd.DataFrame(
        {
            "area_code": ["240101", "240102", "240103", "240201", "240202"],
            "parent_code": ["2401", "2401", "2401", "2402", "2402"],
            "value": [1.5, 3.0, np.nan, 0.5, 2.0],
            "numerator": [15.0, 30.0, np.nan, 5.0, 20.0],
            "denominator": [1000.0, 1000.0, np.nan, 1000.0, 1000.0],
        }
    )
    return rank_within_parent(values, "higher_worse")


def build(values, **options):
    return build_choropleth(
        values,
        classify(values["value"], "quantiles", 3, "higher_worse"),
        geometry_url="app/static/geo/v1/tambon-24.json",
        unit="percent",
        indicator_label="ร้อยละคนจนเป้าหมาย · 2566",
        lang="th",
        texts=TEXTS,
        **options,
    )


def test_only_areas_with_values_are_sent_with_formatted_values_parts_and_ranks():
    spec = build(sample_values(), filter_prefix="24")
    assert spec.codes == ["240101", "240102", "240201", "240202"]
    assert spec.values == ["1.50 %", "3.00 %", "0.50 %", "2.00 %"]
    assert spec.parts[0] == "15 / 1,000"
    assert spec.ranks == ["2/2", "1/2", "2/2", "1/2"]
    # The worst value is in the top class, which has the strongest colour of the ramp.
    assert spec.classes[1] == max(spec.classes) and spec.colors[-1] == spec.colors[spec.classes[1]]
    assert spec.no_data_color == NO_DATA_COLOR
    assert spec.legend[-1]["count"] == 1  # the one area without a value


def test_the_spec_is_small_json_without_geometry():
    args = build(sample_values(), labels=True, selected="240101").to_args()
    text = json.dumps(args, ensure_ascii=False)
    assert "coordinates" not in text and len(text) < 3000
    assert args["labels"] is True and args["selected"] == "240101"
    assert args["geometry_url"].endswith("tambon-24.json")


def test_count_indicators_have_no_parts_line():
    values = sample_values().assign(denominator=np.nan)
    assert set(build(values).parts) == {""}


def test_rank_one_is_the_area_most_in_need_for_either_polarity():
    values = sample_values()
    worse = rank_within_parent(values, "higher_worse").set_index("area_code")["rank"]
    better = rank_within_parent(values, "higher_better").set_index("area_code")["rank"]
    assert (worse["240102"], better["240101"]) == (1, 1)
    assert np.isnan(worse["240103"])
    with pytest.raises(ValueError):
        rank_within_parent(values, "sideways")


def test_to_folium_draws_the_same_classes():
    values = sample_values()
    spec = build(values, filter_prefix="2401")
    geometry = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"c": code, "th": code, "en": code},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            }
            for code in ("240101", "240102", "240103", "240201")
        ],
    }
    html = to_folium(spec, geometry).get_root().render()
    assert spec.colors[spec.classes[1]] in html  # 240102's class colour
    assert NO_DATA_COLOR in html  # 240103 has no value


def test_to_folium_leaves_the_shared_geometry_untouched():
    spec = build(sample_values())
    geometry = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"c": "240101", "th": "x", "en": "x"},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            }
        ],
    }
    to_folium(spec, geometry)
    assert geometry["features"][0]["properties"] == {"c": "240101", "th": "x", "en": "x"}
