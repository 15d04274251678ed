"""Choropleth map construction: values + classification -> a `MapSpec`, the object the browser map
draws (no Streamlit here; tests assert on the returned object).

A `MapSpec` carries only what changes between reruns (classes, colours, values, legend, texts) and the
URL of the geometry, which the browser fetches once and caches. Values travel as numbers already
rounded the way `analysis.units.format_value` prints them, with the unit's decimals and suffix, so the
browser prints the same text while a national map of 7,425 tambons stays near 250 KB per change.
`to_folium` turns the same spec into a `folium.Map` for exports and for the naive baseline in `bench/`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from analysis.units import number_style, rounded_value
from geo.boundaries import ATTRIBUTION
from geo.classify import NO_DATA_COLOR, Classification, legend_rows


@dataclass(frozen=True)
class MapSpec:
    geometry_url: str
    filter: str
    codes: list[str]
    classes: list[int]
    values: list[float]  # rounded to number_style["decimals"]
    numerators: list[float | None]
    denominators: list[float | None]  # None for counts (the value is the numerator)
    ranks: list[int | None]
    rank_of: list[int | None]
    number_style: dict
    colors: list[str]
    legend: list[dict]
    legend_title: str
    indicator_label: str
    texts: dict[str, str]
    lang: str
    no_data_color: str = NO_DATA_COLOR
    suppressed: list[str] = field(default_factory=list)  # codes hidden from public viewers ("<5")
    selected: str | None = None
    labels: bool = False
    fit_key: str = ""
    attribution: str = ATTRIBUTION
    demo_note: str = ""
    legend_note: str = ""  # e.g. how many municipal units the totals include with no polygon
    basemap_url: str | None = None
    basemap_attribution: str = ""
    height: int = 620
    base_path: str = ""
    render_key: str = field(default="")
    # Community-asset layers over the choropleth: {code, url, label, color, count}, one toggle each on
    # the map, a file fetched once per URL; `points_on` the codes turned on; `points_ack` the nonce of the
    # last map event the run applied (until it is the map's latest, the map keeps its own choice).
    points: list[dict] = field(default_factory=list)
    point_texts: dict[str, str] = field(default_factory=dict)
    points_on: list[str] = field(default_factory=list)
    points_ack: float | None = None

    def to_args(self) -> dict:
        """JSON-ready arguments for the browser component."""
        return asdict(self)

    def to_json(self) -> str:
        """The arguments as one compact JSON text, the form the component receives: Streamlit would
        serialise a dict with spaced separators, about a fifth more bytes for a national map."""
        return json.dumps(self.to_args(), ensure_ascii=False, separators=(",", ":"))

    def value_text(self, index: int) -> str:
        """The text the browser shows for area `index` (same rule as analysis.units.format_value)."""
        decimals, suffix = self.number_style["decimals"], self.number_style["suffix"]
        return f"{self.values[index]:,.{decimals}f}{suffix}"


def build_choropleth(
    values: pd.DataFrame,
    classification: Classification,
    *,
    geometry_url: str,
    unit: str,
    indicator_label: str,
    lang: str,
    texts: dict[str, str],
    filter_prefix: str = "",
    selected: str | None = None,
    labels: bool = False,
    fit_key: str = "",
    demo_note: str = "",
    legend_note: str = "",
    basemap: tuple[str, str] | None = None,
    height: int = 620,
    base_path: str = "",
    render_key: str = "",
) -> MapSpec:
    """Map spec for the areas in `values` (area_code, value, numerator, denominator, rank, rank_of).

    Only areas with a value are sent; every other area of the geometry draws as "no data".
    """
    classes = classification.classes.reindex(values.index).fillna(-1).astype(int)
    has_value = values["value"].notna() & (classes >= 0)
    shown = values[has_value]
    hidden = values["suppressed"].fillna(False).astype(bool) if "suppressed" in values else None
    return MapSpec(
        geometry_url=geometry_url,
        filter=filter_prefix,
        codes=shown["area_code"].astype(str).tolist(),
        classes=classes[has_value].tolist(),
        values=[rounded_value(v, unit) for v in shown["value"]],
        numerators=_whole_numbers(shown["numerator"]),
        denominators=_whole_numbers(shown["denominator"]),
        ranks=_whole_numbers(shown["rank"]) if "rank" in shown else [None] * len(shown),
        rank_of=_whole_numbers(shown["rank_of"]) if "rank_of" in shown else [None] * len(shown),
        number_style=number_style(unit, lang),
        colors=list(classification.colors),
        legend=legend_rows(classification, unit, lang),
        legend_title=indicator_label,
        indicator_label=indicator_label,
        texts=texts,
        lang=lang,
        suppressed=[] if hidden is None else values.loc[hidden.to_numpy(), "area_code"].astype(str).tolist(),
        selected=selected,
        labels=labels,
        fit_key=fit_key,
        demo_note=demo_note,
        legend_note=legend_note,
        basemap_url=basemap[0] if basemap else None,
        basemap_attribution=basemap[1] if basemap else "",
        height=height,
        base_path=base_path,
        render_key=render_key,
    )


def _whole_numbers(series: pd.Series) -> list:
    """Counts as plain ints (short JSON), None where missing."""
    return [None if pd.isna(v) else round(float(v)) for v in series]


def to_folium(spec: MapSpec, geometry: dict, tiles: str | None = None):
    """The same map as a `folium.Map` (exports, the naive baseline). Folium is imported here only."""
    import folium

    data = {code: (cls, spec.value_text(i)) for i, (code, cls) in enumerate(zip(spec.codes, spec.classes))}
    features = []
    for feature in geometry["features"]:  # new dicts: the cached geometry is shared, never mutated
        if not feature["properties"]["c"].startswith(spec.filter):
            continue
        cls, value = data.get(feature["properties"]["c"], (-1, spec.texts.get("no_data", "")))
        fill = spec.colors[cls] if cls >= 0 else spec.no_data_color
        properties = {**feature["properties"], "fill": fill, "shown": value}
        features.append({**feature, "properties": properties})
    fmap = folium.Map(
        tiles=tiles, attr=spec.attribution if tiles else None, prefer_canvas=len(features) > 1500
    )
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#ffffff",
            "weight": 0.8,
            "fillOpacity": 0.88,
        },
        tooltip=folium.GeoJsonTooltip(fields=["th", "en", "shown"], labels=False),
    ).add_to(fmap)
    fmap.fit_bounds(layer.get_bounds())
    return fmap


MATCH_COLORS = ("#ece6df", "#b3541e")  # no match (pale), match (strong)


def match_classification(matched: pd.Series, measured: pd.Series) -> Classification:
    """Two classes for a condition search: 1 = every condition met, 0 = measured but not met, and -1
    (no data) where a condition's indicator has no value. Drawn with `match_legend`."""
    classes = pd.Series(
        np.where(measured.to_numpy(bool), matched.to_numpy(bool).astype(int), -1), index=matched.index
    )
    counts = (int((classes == 0).sum()), int((classes == 1).sum()))
    return Classification(
        scheme="manual",
        k=2,
        requested_k=2,
        bounds=(0.0, 0.5, 1.0),
        classes=classes,
        colors=MATCH_COLORS,
        counts=counts,
        no_data_count=int((classes == -1).sum()),
        polarity="higher_worse",
    )


def match_legend(classification: Classification, labels: tuple[str, str, str]) -> list[dict]:
    """Legend rows (match first) for `match_classification`; labels are (match, no match, no data)."""
    return [
        {"label": labels[0], "color": MATCH_COLORS[1], "count": classification.counts[1]},
        {"label": labels[1], "color": MATCH_COLORS[0], "count": classification.counts[0]},
        {"label": labels[2], "color": NO_DATA_COLOR, "count": classification.no_data_count},
    ]


HOT_SPOT_CLASSES = ("HH", "HL", "LH", "LL", "ns")
HOT_SPOT_COLORS = ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#e6e6e6")  # hot, outliers, cold, none


def hot_spot_classification(values: pd.DataFrame, classes: pd.Series) -> Classification:
    """The LISA classes of `values`' areas (`classes`: area code -> HH/HL/LH/LL/ns/island) as map
    classes 0-4 in HOT_SPOT_CLASSES order; islands and areas without a value are "no data" (-1)."""
    order = {name: i for i, name in enumerate(HOT_SPOT_CLASSES)}
    numbers = values["area_code"].map(classes).map(order)
    numbers = pd.Series(numbers.fillna(-1).astype(int).to_numpy(), index=values.index)
    counts = tuple(int((numbers == i).sum()) for i in range(len(HOT_SPOT_CLASSES)))
    return Classification(
        scheme="manual",
        k=len(HOT_SPOT_CLASSES),
        requested_k=len(HOT_SPOT_CLASSES),
        bounds=tuple(float(i) for i in range(len(HOT_SPOT_CLASSES) + 1)),
        classes=numbers,
        colors=HOT_SPOT_COLORS,
        counts=counts,
        no_data_count=int((numbers == -1).sum()),
        polarity="higher_worse",
    )


def hot_spot_legend(classification: Classification, labels: dict[str, str], no_data: str) -> list[dict]:
    """Legend rows of `hot_spot_classification`, labelled by `labels` (class name -> text)."""
    rows = [
        {"label": labels[name], "color": color, "count": count}
        for name, color, count in zip(HOT_SPOT_CLASSES, HOT_SPOT_COLORS, classification.counts)
    ]
    return [*rows, {"label": no_data, "color": NO_DATA_COLOR, "count": classification.no_data_count}]
