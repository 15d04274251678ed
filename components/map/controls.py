"""Map filter bar and map clicks; the view itself is `components.view.map.MAP`, resolved, stored and
written to the URL by `components.view.session`.

A map click or a breadcrumb changes the widget keys before the widgets are drawn, so every user action
is exactly one script run.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from components.shared.area_picker import (
    area_controls,
    area_names,
    indicator_labels,
    trail_of,
)
from components.shell.navigation import MAP_PAGE
from components.text import t
from components.view import session
from components.view.geography import Choices, apply_click, up_one_level
from components.view.map import COMPARE_MODES, MAP, MapView
from data_access.config import basemap_tiles
from geo.classify import MAX_CLASSES, MIN_CLASSES, SCHEMES

KEYS = {field.name: field.key for field in MAP.keyed}
EVENT_KEYS = ("atlas_map", "atlas_map_2")


def resolve_view(url: str, choices: Choices) -> MapView:
    """The view for this run: from the widgets (or the URL on first load), then any new map click."""
    return session.resolve(MAP, choices, url, then=lambda view: _clicked(view, choices))


def _clicked(view: MapView, choices: Choices) -> MapView:
    state = st.session_state
    for key in EVENT_KEYS:
        event = state.get(key)
        if isinstance(event, dict) and event.get("nonce") != state.get(f"{key}_nonce"):
            state[f"{key}_nonce"] = event.get("nonce")
            view = _after_event(view, event, choices)
    return view


def map_frame_is_new() -> bool:
    """Does the browser hold no frame of this page's map yet: the session's first run, or its last run
    drew another page. Such a run sends the map before the rest of the page (frame_ready)."""
    return st.session_state.get("_previous_page") != MAP_PAGE


def map_event_nonce(key: str = "atlas_map"):
    """The nonce of the last event of the map `key` that a run has applied (None before any)."""
    return st.session_state.get(f"{key}_nonce")


def _after_event(view: MapView, event: dict, choices: Choices) -> MapView:
    """A map event: a click on an area, a breadcrumb / "up one level" pressed on the map, or a points
    toggle. Every event of a map with points carries its current choice (`points`), so a toggle whose
    own run was overtaken by a click is not lost."""
    if isinstance(event.get("points"), list):
        chosen = {str(code) for code in event["points"]}
        view = replace(view, points=tuple(c for c in choices.asset_categories if c in chosen))
    if event.get("event") == "points":
        return view
    if event.get("event") == "up":
        return up_one_level(view)
    if event.get("event") == "crumb":
        targets = [target for _, target in trail_of(view, {})]
        index = event.get("index")
        return targets[index] if isinstance(index, int) and 0 <= index < len(targets) else view
    return apply_click(view, str(event.get("code", "")), choices)


def store_view(view: MapView) -> None:
    session.store(MAP, view)


def map_controls(view: MapView, choices: Choices, areas: pd.DataFrame, catalogue: pd.DataFrame, lang: str):
    """The filter bar in one compact row (keys in KEYS; values were put in session state by
    `resolve_view`): areas, indicator, year, and the classes, compare and labels one click away in a
    popover. Returns the row's last column, for the page's own picker (the area set)."""
    indicator_names = indicator_labels(catalogue, lang)
    # The row's own labels are hidden on the map-first screen (components.shell.frame.MAP_FIRST_CSS) and
    # stay for screen readers; the values say what they are ("ฉะเชิงเทรา", "2566").
    row = st.container(key="atlas_controls_row")
    cols = row.columns([0.95, 0.95, 1.25, 2.05, 0.72, 0.92, 0.95], vertical_alignment="bottom")
    area_controls(cols[:3], view, choices, areas, KEYS, lang)
    cols[3].selectbox(
        t("indicator", lang), choices.indicators, key=KEYS["indicator"], format_func=indicator_names.get
    )
    cols[4].selectbox(t("year", lang), choices.years, key=KEYS["year"])

    options = cols[5].popover(
        t("map_options", lang),
        icon=":material/tune:",
        help=f"{t('scheme', lang)} · {t('compare', lang)} · {t('labels', lang)}",
        width="stretch",
    )
    with options:
        left, middle, right = st.columns([1.3, 1.3, 1])
        left.selectbox(
            t("scheme", lang), SCHEMES, key=KEYS["scheme"], format_func=lambda s: t(f"scheme_{s}", lang)
        )
        if view.scheme == "manual":
            left.text_input(t("breaks", lang), key=KEYS["breaks"], placeholder="1, 2.5, 5, 10")
            if st.session_state.get(KEYS["breaks"]) and not view.breaks:
                left.warning(t("bad_breaks", lang))
        else:
            left.select_slider(t("classes", lang), list(range(MIN_CLASSES, MAX_CLASSES + 1)), key=KEYS["k"])
        middle.radio(
            t("compare", lang),
            COMPARE_MODES,
            key=KEYS["compare"],
            format_func=lambda m: t(f"compare_{m}", lang),
        )
        if view.compare in ("years", "change"):
            middle.selectbox(
                t("year2", lang), [y for y in choices.years if y != view.year], key=KEYS["year2"]
            )
        elif view.compare == "indicators":
            middle.selectbox(
                t("indicator2", lang),
                [c for c in choices.indicators if c != view.indicator],
                key=KEYS["indicator2"],
                format_func=indicator_names.get,
            )
        right.toggle(t("labels", lang), key=KEYS["labels"])
        if basemap_tiles():
            right.toggle(t("basemap", lang), key=KEYS["basemap"])
    return cols[6]


def map_nav(view: MapView, areas: pd.DataFrame, lang: str) -> dict:
    """The map's own navigation (drawn inside the map): breadcrumbs, "up one level", fill the screen."""
    crumbs = [label for label, _ in trail_of(view, area_names(areas, lang), lang)]
    return {"crumbs": crumbs, "up": t("up_one_level", lang), "fill": True, "min_height": 380}
