"""Choropleth map construction: values + classification -> a `MapSpec`, the object the browser map
draws (no Streamlit here; tests assert on the returned object).

A `MapSpec` carries only what changes between reruns (classes, colours, formatted values, legend,
texts) and the URL of the geometry, which the browser fetches once and caches. `to_folium` turns
the same spec into a `folium.Map` for exports and for the naive baseline in `bench/`.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import pandas as pd

from geo.boundaries import ATTRIBUTION
from geo.classify import NO_DATA_COLOR, Classification, format_value, legend_rows


@dataclass(frozen=True)
class MapSpec:
    geometry_url: str
    filter: str
    codes: list[str]
    classes: list[int]
    values: list[str]
    parts: list[str]
    ranks: list[str]
    colors: list[str]
    legend: list[dict]
    legend_title: str
    indicator_label: str
    texts: dict[str, str]
    lang: str
    no_data_color: str = NO_DATA_COLOR
    selected: str | None = None
    labels: bool = False
    fit_key: str = ""
    attribution: str = ATTRIBUTION
    demo_note: str = ""
    basemap_url: str | None = None
    basemap_attribution: str = ""
    height: int = 620
    base_path: str = ""
    render_key: str = field(default="")

    def to_args(self) -> dict:
        """JSON-ready arguments for the browser component."""
        return asdict(self)


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
    return MapSpec(
        geometry_url=geometry_url,
        filter=filter_prefix,
        codes=shown["area_code"].astype(str).tolist(),
        classes=classes[has_value].tolist(),
        values=[format_value(v, unit, lang) for v in shown["value"]],
        parts=[_parts(n, d, unit, lang) for n, d in zip(shown["numerator"], shown["denominator"])],
        ranks=[_rank(r, n) for r, n in zip(shown.get("rank", []), shown.get("rank_of", []))]
        if "rank" in shown
        else [""] * len(shown),
        colors=list(classification.colors),
        legend=legend_rows(classification, unit, lang),
        legend_title=indicator_label,
        indicator_label=indicator_label,
        texts=texts,
        lang=lang,
        selected=selected,
        labels=labels,
        fit_key=fit_key,
        demo_note=demo_note,
        basemap_url=basemap[0] if basemap else None,
        basemap_attribution=basemap[1] if basemap else "",
        height=height,
        base_path=base_path,
        render_key=render_key,
    )


def _parts(numerator, denominator, unit: str, lang: str) -> str:
    if numerator is None or (isinstance(numerator, float) and math.isnan(numerator)):
        return ""
    if denominator is None or (isinstance(denominator, float) and math.isnan(denominator)):
        return ""  # a count: the value already is the numerator
    return f"{numerator:,.0f} / {denominator:,.0f}"


def _rank(rank, rank_of) -> str:
    if rank is None or (isinstance(rank, float) and math.isnan(rank)):
        return ""
    return f"{int(rank)}/{int(rank_of)}"


def to_folium(spec: MapSpec, geometry: dict, tiles: str | None = None):
    """The same map as a `folium.Map` (exports, the naive baseline). Folium is imported here only."""
    import folium

    data = {code: (cls, value) for code, cls, value in zip(spec.codes, spec.classes, spec.values)}
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
