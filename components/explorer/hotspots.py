"""The explorer's hot-spot tool: local Moran's I (LISA) of one indicator over the areas in view, the
map of HH/LL/HL/LH/not significant, global Moran's I with its p-value, and the table of classes with
each area's local I and pseudo p-value (CSV / XLSX). Same numbers as the map's hot-spot mode
(`cached.hot_spots`, fixed seed)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.hotspots import CLASSES
from components.explorer.data import Explorer, as_map_view, explorer_extent
from components.explorer.export import export_frame
from components.shared.map_layer import draw_hot_spots, map_layers, place_label
from components.shell.viewer import viewer_min_households
from components.text import t
from data_access import cached

AREA_COLUMNS = ["name", "parent_name", "area_code"]


def hot_spots(ex: Explorer) -> None:
    view, lang = ex.view, ex.lang
    level, parent, prefix = explorer_extent(view)
    spots = cached.hot_spots(
        ex.url, level, view.indicator, view.year, parent, prefix, viewer_min_households()
    )
    if spots is None:
        st.info(t("hot_too_few", lang), icon=":material/info:")
        return
    counts = spots.counts()
    cols = st.columns(len(CLASSES))
    for column, name in zip(cols, CLASSES):
        column.metric(t(f"hot_{name}", lang), f"{counts[name]:,}")
    map_view = replace(as_map_view(view, view.indicator), compare="hotspots")
    layer = map_layers(map_view, ex.url, ex.catalogue, lang)[0]
    draw_hot_spots(map_view, layer, lang, ex.demo, 520, place_label(map_view, ex.areas, lang), ex.url)
    table = class_table(ex, spots.frame())
    if ex.members:
        st.caption(t("exp_hot_set", lang))
    st.dataframe(
        table[[*AREA_COLUMNS, view.indicator, "class_label", "local_i", "p_value"]],
        hide_index=True,
        width="stretch",
        key="exp_hot_table",
        column_config={
            "name": st.column_config.TextColumn(t("col_area", lang)),
            "parent_name": st.column_config.TextColumn(t("exp_parent", lang)),
            "area_code": st.column_config.TextColumn(t("col_code", lang)),
            view.indicator: st.column_config.NumberColumn(ex.indicator_name(view.indicator), format="%.2f"),
            "class_label": st.column_config.TextColumn(t("col_hot_spot", lang)),
            "local_i": st.column_config.NumberColumn("Local I", format="%.4f"),
            "p_value": st.column_config.NumberColumn("p", format="%.3f"),
        },
    )
    global_text = t(
        "hot_global", lang, i=f"{spots.global_i:.3f}", p=f"{spots.global_p:.3f}", n=spots.permutations
    )
    export_frame(
        ex,
        table,
        [*AREA_COLUMNS, view.indicator, "class_label", "local_i", "p_value"],
        [view.indicator],
        key="exp_hot_export",
        extra=[
            ("Moran's I", global_text),
            (t("exp_hot_method", lang), f"seed {spots.seed}, α {spots.alpha}"),
        ],
        headers={
            "class_label": (t("col_hot_spot", lang), "text"),
            "local_i": ("Local Moran's I", "number"),
            "p_value": (t("exp_hot_p", lang), "number"),
        },
    )


def class_table(ex: Explorer, classes: pd.DataFrame) -> pd.DataFrame:
    """The areas in view (an area set's only, when one is chosen) with their class, most significant
    first; areas without a value have no class."""
    wide = ex.frame([ex.view.indicator])
    table = wide.merge(classes, on="area_code", how="left")
    table["class_label"] = [t(f"hot_{c}", ex.lang) if isinstance(c, str) else "" for c in table["hot_spot"]]
    order = {name: i for i, name in enumerate(CLASSES)}
    table["_order"] = table["hot_spot"].map(order).fillna(len(CLASSES))
    return table.sort_values(["_order", "p_value", "area_code"]).drop(columns="_order").reset_index(drop=True)
