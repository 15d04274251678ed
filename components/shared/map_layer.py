"""A map of one indicator as every screen draws it: its layer of values, spec, hot-spot mode and drawing."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from analysis.local_names import local_name, local_names
from analysis.ranking import rank_within_parent
from analysis.units import small_count
from components.shared.map_component import base_path, choropleth
from components.shared.png_export import map_html_button, map_png_button
from components.shell.state import privacy_note
from components.shell.viewer import viewer_min_households
from components.text import t
from components.view.geography import map_extent
from components.view.map import MapView
from data_access import cached
from data_access.config import basemap_tiles, min_households
from geo.assets import geometry_file
from geo.choropleth import (
    HOT_SPOT_CLASSES,
    MapSpec,
    build_choropleth,
    hot_spot_classification,
    hot_spot_legend,
)
from geo.classify import Classification


@dataclass(frozen=True)
class Layer:
    """One map's numbers: the rows of the areas shown and what they mean."""

    values: pd.DataFrame
    indicator: dict
    year: int
    title: str


def map_layers(view: MapView, url: str, catalogue: pd.DataFrame, lang: str) -> list[Layer]:
    """The one or two sets of values the view asks for, ranked within their parent areas."""
    level, parent, _ = map_extent(view)
    wanted = [(view.indicator, view.year)]
    if view.compare in ("years", "change") and view.year2:
        wanted = [(view.indicator, view.year2), (view.indicator, view.year)]
    elif view.compare == "indicators" and view.indicator2:
        wanted.append((view.indicator2, view.year))
    meta = catalogue.set_index("code")
    layers = []
    for code, year in wanted:
        values = cached.indicator_values(url, level, (code,), (year,), parent, viewer_min_households())
        indicator = {"code": code, **meta.loc[code].to_dict()}
        ranked = rank_within_parent(values, indicator["polarity"])
        name = local_name(indicator, lang)
        layers.append(Layer(ranked, indicator, year, f"{name} · {year}"))
    return layers


def place_label(view: MapView, areas: pd.DataFrame, lang: str) -> str:
    """Where the map is and what its areas are, for a file's title: "อำเภอเมืองศรีสะเกษ, ศรีสะเกษ ·
    ตำบล" / "Mueang Si Sa Ket, Si Sa Ket · Tambons"; the whole country when no province is chosen."""
    names = local_names(areas, lang)
    level = map_extent(view)[0]
    where = [names.get(code, code) for code in (view.amphoe, view.province) if code]
    return f"{', '.join(where) or t('whole_country', lang)} · {t(f'level_{level}', lang)}"


def draw_hot_spots(
    view: MapView,
    layer: Layer,
    lang: str,
    demo: bool,
    height: int,
    place: str,
    url: str,
    nav=None,
    first: bool = False,
):
    """The hot-spot mode: each area's local Moran's I class for the indicator, global Moran's I beside
    the legend (`analysis.hotspots`; fixed seed, so a link always draws the same map)."""
    level, parent, prefix = map_extent(view)
    spots = cached.hot_spots(
        url, level, layer.indicator["code"], layer.year, parent, prefix, viewer_min_households()
    )
    if spots is None:
        st.info(t("hot_too_few", lang), icon=":material/info:")
        return
    classification = hot_spot_classification(layer.values, spots.classes)
    labels = {name: t(f"hot_{name}", lang) for name in HOT_SPOT_CLASSES}
    title = f"{layer.title} · {t('compare_hotspots', lang)}"
    spec = map_spec(
        view, Layer(layer.values, layer.indicator, layer.year, title), classification, lang, demo, height
    )
    note = t("hot_global", lang, i=f"{spots.global_i:.3f}", p=f"{spots.global_p:.3f}", n=spots.permutations)
    spec = replace(
        spec,
        legend=hot_spot_legend(classification, labels, t("tip_no_data", lang)),
        legend_title=title,
        legend_note=" · ".join(filter(None, [note, spec.legend_note])),
        render_key=spec.render_key + "|hotspots",
    )
    choropleth(spec, key="atlas_map", nav=nav, first=first)
    privacy_note(bool(spec.suppressed), lang)
    st.caption(t("hot_caption", lang, alpha=f"{spots.alpha:.2f}", seed=spots.seed))
    png, html, _ = st.columns([1, 1.5, 2])
    with png:
        map_png_button(spec, level, view.province, demo, lang, key="atlas_map_png", place=place)
    with html:
        map_html_button(spec, level, view.province, place, lang, key="atlas_map_html")


def _draw(
    view,
    layer: Layer,
    classification: Classification,
    lang,
    demo,
    height,
    key,
    place,
    nav,
    points=None,
    first: bool = False,
) -> None:
    spec = map_spec(view, layer, classification, lang, demo, height)
    if points:  # the MapSpec fields of components.community.points.point_layers
        spec = replace(spec, **points)
    choropleth(spec, key=key, nav=nav, first=first)
    privacy_note(bool(spec.suppressed), lang)
    level = map_extent(view)[0]
    png, html, _ = st.columns([1, 1.5, 2])
    with png:
        map_png_button(spec, level, view.province, demo, lang, key=f"{key}_png", place=place)
    with html:
        map_html_button(spec, level, view.province, place, lang, key=f"{key}_html")


def map_spec(view: MapView, layer: Layer, classification: Classification, lang, demo, height) -> MapSpec:
    level, _, prefix = map_extent(view)
    geometry_province = None if not view.province or level == "province" else view.province
    return build_choropleth(
        layer.values,
        classification,
        geometry_url=geometry_file(level, geometry_province),
        unit=layer.indicator["unit"],
        indicator_label=layer.title,
        lang=lang,
        texts={
            "parts": t("tip_parts", lang),
            "no_data": t("tip_no_data", lang),
            "rank": t("tip_rank", lang),
            "suppressed": suppressed_label(lang),
        },
        filter_prefix=prefix,
        selected=view.tambon,
        labels=view.labels,
        fit_key=f"{level}|{prefix}",
        demo_note=t("demo_mark", lang) if demo else "",
        legend_note=municipal_note(level, prefix, layer, lang),
        basemap=basemap_tiles() if view.basemap else None,
        height=height,
        base_path=base_path(),
        render_key="|".join(
            str(part)
            for part in (
                level,
                prefix,
                layer.indicator["code"],
                layer.year,
                view.scheme,
                view.k,
                view.compare,
            )
        ),
    )


def municipal_note(level: str, prefix: str, layer: Layer, lang: str) -> str:
    """Under the legend: how many municipal units (no polygon) the shown totals include; on a tambon
    map, that they are not drawn but counted above. "" when there are none."""
    count = cached.municipal_units_with_values(
        cached.current_url(), layer.indicator["code"], layer.year, prefix
    )
    if not count:
        return ""
    return t("map_municipal_unmapped" if level == "tambon" else "map_municipal_totals", lang, n=count)


def suppressed_label(lang: str) -> str:
    """What a public viewer sees instead of a small count: "<5" and why."""
    k = min_households()
    return t("suppressed_cell", lang, k=k, small=small_count(k))
