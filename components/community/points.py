"""Community-asset points on the map: one toggle per category, each category's points a static file
the browser fetches once (`geo.point_files`), clustered there by the vendored Leaflet.markercluster."""

from __future__ import annotations

import streamlit as st

from analysis.local_names import local_column
from components.community.profile import category_names
from components.text import t
from data_access import cached

# Distinct from the choropleth's oranges and browns; an office's own categories cycle through them.
COLORS = (
    "#1f77b4",
    "#2ca02c",
    "#9467bd",
    "#17becf",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#8c564b",
    "#d62728",
    "#0b3d91",
)


def asset_toggles(url: str, province: str | None, lang: str) -> list[str]:
    """The categories turned on (pills, one per category); none without a province."""
    categories = cached.asset_categories(url)
    if categories.empty:
        return []
    if not province:
        st.caption(t("assets_choose_province", lang))
        return []
    names = category_names(url, lang)
    chosen = st.pills(
        t("assets_toggle", lang),
        list(names),
        selection_mode="multi",
        format_func=names.get,
        key="map_assets",
        help=t("assets_toggle_help", lang),
    )
    return [code for code in names if code in (chosen or [])]


def point_layers(url: str, province: str | None, chosen: list[str], lang: str) -> tuple[list[dict], dict]:
    """(layers for `MapSpec.points`, popup texts) of the chosen categories of the province."""
    if not province:
        return [], {}
    # Drawn on every run with a province, so the map after it keeps its place (and its iframe).
    categories = cached.asset_categories(url).reset_index(drop=True)
    layers = []
    for index, row in categories.iterrows():
        if row["code"] not in chosen:
            continue
        file_url, count = cached.asset_points_file(url, province[:2], row["code"])
        label = row[local_column(lang)]
        layers.append(
            {
                "code": row["code"],
                "url": file_url,
                "label": label,
                "color": COLORS[index % len(COLORS)],
                "count": count,
            }
        )
    texts = {
        "category": t("point_category", lang),
        "tambon": t("point_tambon", lang),
        "village": t("point_village", lang),
    }
    st.caption(t("assets_shown", lang, n=f"{sum(layer['count'] for layer in layers):,}"))
    return layers, texts
