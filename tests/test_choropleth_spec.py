"""The map object: what the browser receives for a set of values (no browser needed)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.ranking import rank_within_parent
from analysis.units import format_value
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


def test_only_areas_with_values_are_sent_with_values_parts_and_ranks():
    spec = build(sample_values(), filter_prefix="24")
    assert spec.codes == ["240101", "240102", "240201", "240202"]
    assert spec.values == [1.5, 3.0, 0.5, 2.0]
    assert [spec.value_text(i) for i in range(4)] == ["1.50 %", "3.00 %", "0.50 %", "2.00 %"]
    assert (spec.numerators[0], spec.denominators[0]) == (15, 1000)
    assert (spec.ranks, spec.rank_of) == ([2, 1, 2, 1], [2, 2, 2, 2])
    assert spec.number_style == {"decimals": 2, "suffix": " %"}
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


def test_count_indicators_have_no_denominator():
    values = sample_values().assign(denominator=np.nan)
    assert set(build(values).denominators) == {None}


@pytest.mark.parametrize("unit", ["percent", "count", "baht", "score", "index"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_browser_text_equals_format_value(unit, lang):
    raw = pd.Series([0.004, -0.0001, 1234567.891, 2.675, 0.5, 99.995, 38000.5])
    values = pd.DataFrame({"area_code": [f"24010{i}" for i in range(len(raw))], "parent_code": "2401",
                           "value": raw, "numerator": raw, "denominator": 1.0})  # fmt: skip
    spec = build_choropleth(
        values, classify(values["value"], "quantiles", 3, "higher_worse"), geometry_url="x", unit=unit,
        indicator_label="", lang=lang, texts=TEXTS,
    )  # fmt: skip
    assert [spec.value_text(i) for i in range(len(raw))] == [format_value(v, unit, lang) for v in raw]


def test_a_full_national_tambon_map_fits_the_change_budget():
    """All 7,425 tambons with values: the per-change arguments stay under 300 KB."""
    rng = np.random.default_rng(1)
    codes = [f"{p:02d}{a:02d}{t:02d}" for p in range(10, 97) for a in range(1, 11) for t in range(1, 10)][
        :7425
    ]
    denominators = rng.integers(500, 20_000, len(codes)).astype(float)
    numerators = np.floor(denominators * rng.random(len(codes)) * 0.2)
    values = rank_within_parent(
        pd.DataFrame({"area_code": codes, "parent_code": [c[:4] for c in codes], "numerator": numerators,
                      "denominator": denominators, "value": 100 * numerators / denominators}),
        "higher_worse",
    )  # fmt: skip
    spec = build(values, labels=False)
    assert json.loads(spec.to_json()) == spec.to_args()
    size = len(json.dumps({"spec": spec.to_json()}).encode())  # as Streamlit sends the argument
    assert size < 300_000, size


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


def one_polygon(code: str) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"c": code, "th": "x", "en": "x"},
                "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
            }
        ],
    }


def test_to_folium_leaves_the_shared_geometry_untouched():
    spec = build(sample_values())
    geometry = one_polygon("240101")
    to_folium(spec, geometry)
    assert geometry["features"][0]["properties"] == {"c": "240101", "th": "x", "en": "x"}


def test_a_municipal_unit_without_a_polygon_is_sent_counted_and_noted_without_a_crash():
    unit = pd.DataFrame(
        {
            "area_code": ["240151"],
            "parent_code": ["2401"],
            "value": [9.0],
            "numerator": [9.0],
            "denominator": [100.0],
        }
    )
    values = rank_within_parent(pd.concat([sample_values(), unit], ignore_index=True), "higher_worse")
    note = "ยอดรวมระดับอำเภอ/จังหวัดรวมหน่วยเทศบาล 1 หน่วยที่ไม่มีขอบเขตบนแผนที่"
    spec = build(values, filter_prefix="2401", legend_note=note)
    assert "240151" in spec.codes and spec.legend_note == note
    assert sum(row["count"] for row in spec.legend) == len(values)  # counted in the classes
    geometry = one_polygon("240101")
    html = to_folium(spec, geometry).get_root().render()  # no polygon for the unit: nothing drawn, no error
    assert "240151" not in html
