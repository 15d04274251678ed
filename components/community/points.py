"""Community-asset points on the map: one toggle per category, drawn inside the map (a toggle is shown
at once, with no script run in its way; the map reports the choice back for the link), each category's
points a static file the browser fetches once (`geo.point_files`), clustered there by the vendored
Supercluster."""

from __future__ import annotations

import streamlit as st

from analysis.local_names import local_column
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


def points_hint(url: str, province: str | None, lang: str) -> None:
    """Without a province there are no points to show: say how to get them (the toggles are on the map)."""
    if not province and not cached.asset_categories(url).empty:
        st.caption(t("assets_choose_province", lang))


def point_layers(url: str, province: str | None, chosen: tuple[str, ...], lang: str, ack=None) -> dict:
    """The `MapSpec` fields of the province's community-asset points: every category as a layer (the map
    draws one toggle per category and fetches a category's file the first time it is turned on),
    `points_on` the chosen ones, and `points_ack` the last map event this run has applied, so the map
    keeps a choice made in it until the run that knows of it arrives. {} without a province."""
    if not province:
        return {}
    categories = cached.asset_categories(url).reset_index(drop=True)
    if categories.empty:
        return {}
    layers = []
    for index, row in categories.iterrows():
        file_url, count = cached.asset_points_file(url, province[:2], row["code"])
        layers.append(
            {
                "code": row["code"],
                "url": file_url,
                "label": row[local_column(lang)],
                "color": COLORS[index % len(COLORS)],
                "count": count,
            }
        )
    texts = {
        "title": t("assets_toggle", lang),
        "help": t("assets_toggle_help", lang),
        "shown": t("assets_shown", lang, n="{n}"),
        "category": t("point_category", lang),
        "tambon": t("point_tambon", lang),
        "village": t("point_village", lang),
    }
    on = [layer["code"] for layer in layers if layer["code"] in chosen]
    return {"points": layers, "point_texts": texts, "points_on": on, "points_ack": ack}
