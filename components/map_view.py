"""The map area of the map page: one map, two maps side by side with shared classes, or a change map;
and the table of the values on the map (the same numbers, from the same query)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from analysis.local_names import local_name, local_names
from analysis.ranking import rank_within_parent
from analysis.units import format_value, small_count
from components.choropleth import base_path, choropleth
from components.png_export import map_html_button, map_png_button
from components.state import privacy_note
from components.table_data import marked_names
from components.text import t
from components.view.geography import map_extent
from components.view.map import MapView, view_to_params
from components.viewer import viewer_min_households
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
from geo.classify import Classification, apply_classification, classify_change, shared_classification

TABLE_ROWS = 300


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


def draw_maps(
    view: MapView,
    layers: list[Layer],
    lang: str,
    demo: bool,
    height: int = 620,
    place: str = "",
    url: str | None = None,
    points: tuple[list[dict], dict] = ([], {}),
    nav: dict | None = None,
) -> None:
    """The map(s) of the view; `nav` (breadcrumbs, fill the screen) and `points` (community-asset layers
    and their popup texts, components.asset_map) go to the first map."""
    if view.compare == "hotspots" and url:
        draw_hot_spots(view, layers[0], lang, demo, height, place, url, nav)
        return
    if view.compare == "change" and len(layers) == 2:
        before, after = layers
        change = after.values.copy()
        earlier = before.values.set_index("area_code")["value"]
        change["value"] = change["value"] - change["area_code"].map(earlier)
        change["numerator"] = change["denominator"] = float("nan")
        change = rank_within_parent(change, after.indicator["polarity"])
        classification = classify_change(change["value"], view.k, after.indicator["polarity"])
        title = f"{after.title.split(' · ')[0]} · {t('change_title', lang, a=before.year, b=after.year)}"
        _draw(
            view,
            Layer(change, after.indicator, after.year, title),
            classification,
            lang,
            demo,
            height,
            "atlas_map",
            place,
            nav,
            points,
        )
        return
    series = [layer.values["value"] for layer in layers]
    # Manual scheme with no usable breaks yet: keep showing quantiles while the user types.
    scheme = "quantiles" if view.scheme == "manual" and not view.breaks else view.scheme
    polarity = layers[0].indicator["polarity"]
    shared = shared_classification(series, scheme, view.k, polarity, view.breaks or None)
    columns = st.columns(len(layers)) if len(layers) > 1 else [st.container()]
    for index, (layer, column) in enumerate(zip(layers, columns)):
        with column:
            if len(layers) > 1:
                st.markdown(f"**{layer.title}**")
            classification = apply_classification(shared, layer.values["value"])
            key = "atlas_map" if index == 0 else "atlas_map_2"
            height_here = height if len(layers) == 1 else 480
            map_nav = nav if index == 0 else nav and {"fill": nav.get("fill"), "min_height": 380}
            extra = points if index == 0 else ([], {})
            _draw(view, layer, classification, lang, demo, height_here, key, place, map_nav, extra)


def draw_hot_spots(
    view: MapView, layer: Layer, lang: str, demo: bool, height: int, place: str, url: str, nav=None
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
    choropleth(spec, key="atlas_map", nav=nav)
    privacy_note(bool(spec.suppressed), lang)
    st.caption(t("hot_caption", lang, alpha=f"{spots.alpha:.2f}", seed=spots.seed))
    png, html, _ = st.columns([1, 1.5, 2])
    with png:
        map_png_button(spec, level, view.province, demo, lang, key="atlas_map_png", place=place)
    with html:
        map_html_button(spec, level, view.province, place, lang, key="atlas_map_html")


def _draw(
    view, layer: Layer, classification: Classification, lang, demo, height, key, place, nav, points=([], {})
) -> None:
    spec = map_spec(view, layer, classification, lang, demo, height)
    if points[0]:
        spec = replace(spec, points=points[0], point_texts=points[1])
    choropleth(spec, key=key, nav=nav)
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


def values_table(layer: Layer, lang: str) -> None:
    """The numbers behind the first map, ranked, with numerator and denominator."""
    rows = layer.values[layer.values["value"].notna()].sort_values(["rank", "area_code"])
    unit = layer.indicator["unit"]
    st.caption(t("areas_with_data", lang, n=len(rows), total=len(layer.values)))
    if len(rows) > TABLE_ROWS:
        # Thousands of rows would be re-sent on every change; the map shows them all, the table the
        # areas most in need first (rank 1 = most in need within its parent).
        rows = rows.sort_values(
            ["rank", "value"], ascending=[True, layer.indicator["polarity"] == "higher_better"]
        )
        rows = rows.head(TABLE_ROWS)
        st.caption(t("table_truncated", lang, n=TABLE_ROWS))
    table = pd.DataFrame(
        {
            t("col_code", lang): rows["area_code"],
            t("col_area", lang): marked_names(
                cached.current_url(), rows, cached.areas(cached.current_url()), lang
            ),
            t("col_value", lang): [format_value(v, unit, lang) for v in rows["value"]],
            t("col_numerator", lang): rows["numerator"],
            t("col_denominator", lang): rows["denominator"],
            t("col_rank", lang): [f"{int(r)}/{int(n)}" for r, n in zip(rows["rank"], rows["rank_of"])],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=min(420, 38 + 35 * len(table)),
        column_config={
            t("col_numerator", lang): st.column_config.NumberColumn(format="localized"),
            t("col_denominator", lang): st.column_config.NumberColumn(format="localized"),
        },
    )


def table_link(view: MapView, lang: str) -> None:
    """The same areas in the drill-down table, with this indicator as its first column."""
    params = {
        k: v
        for k, v in view_to_params(view, lang).items()
        if k in ("lang", "province", "amphoe", "tambon", "level", "year")
    }
    params["indicators"] = ",".join(
        dict.fromkeys([view.indicator, "target_poor_rate", "households_surveyed"])
    )
    if view.compare == "hotspots":  # the table (and its CSV / XLSX) with the same classes as a column
        params["hotspots"] = "1"
    st.page_link(
        "pages/table.py", label=t("map_open_table", lang), icon=":material/table_chart:", query_params=params
    )


def suppressed_label(lang: str) -> str:
    """What a public viewer sees instead of a small count: "<5" and why."""
    k = min_households()
    return t("suppressed_cell", lang, k=k, small=small_count(k))
