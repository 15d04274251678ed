"""The map area of the map page: one map, two maps side by side with shared classes, or a change map;
and the table of the values on the map (the same numbers, from the same query)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.ranking import rank_within_parent
from analysis.units import format_value
from components.shared.labels import marked_names
from components.shared.map_layer import (
    Layer,
    _draw,
    draw_hot_spots,
)
from components.text import t
from components.view.map import MapView, view_to_params
from data_access import cached
from geo.classify import apply_classification, classify_change, shared_classification

TABLE_ROWS = 300


def draw_maps(
    view: MapView,
    layers: list[Layer],
    lang: str,
    demo: bool,
    height: int = 620,
    place: str = "",
    url: str | None = None,
    points: dict | None = None,
    nav: dict | None = None,
    first: bool = False,
) -> None:
    """The map(s) of the view; `nav` (breadcrumbs, fill the screen) and `points` (the community-asset
    fields of the map spec, components.community.points.point_layers) go to the first map. `first`:
    the browser holds no frame of the first map yet, so the run sends it before anything after it
    (components.shared.frame_ready)."""
    if view.compare == "hotspots" and url:
        draw_hot_spots(view, layers[0], lang, demo, height, place, url, nav, first=first)
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
            first=first,
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
            extra = points if index == 0 else None
            _draw(
                view,
                layer,
                classification,
                lang,
                demo,
                height_here,
                key,
                place,
                map_nav,
                extra,
                first=first and index == 0,
            )


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
