"""Map filter bar and map clicks; the view itself is `components.view.map.MAP`, resolved, stored and
written to the URL by `components.view.session`.

A map click or a breadcrumb changes the widget keys before the widgets are drawn, so every user action
is exactly one script run.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.levels import LEVELS
from analysis.local_names import language_suffix, local_column
from components.text import t
from components.view import session
from components.view.geography import Choices, apply_click, choices_from, up_one_level
from components.view.map import COMPARE_MODES, MAP, MapView
from data_access import cached
from data_access.cached import CACHED
from data_access.config import basemap_tiles
from geo.classify import MAX_CLASSES, MIN_CLASSES, SCHEMES

KEYS = {field.name: field.key for field in MAP.keyed}
EVENT_KEYS = ("atlas_map", "atlas_map_2")


@CACHED.data()
def load_choices(url: str) -> Choices:
    """Valid codes and years for the view, built once per database rather than on every rerun."""
    return choices_from(
        cached.areas(url),
        cached.provinces_with_data(url),
        cached.catalogue(url)["code"].tolist(),
        cached.survey_years(url),
    )


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


def _after_event(view: MapView, event: dict, choices: Choices) -> MapView:
    """A map event: a click on an area, or a breadcrumb / "up one level" pressed on the map."""
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
    # The row's own labels are hidden on the map-first screen (components.frame.MAP_FIRST_CSS) and
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


def area_controls(
    cols, view, choices: Choices, areas: pd.DataFrame, keys: dict[str, str], lang: str, levels=None
) -> None:
    """Province, amphoe and level pickers in three columns, bound to `keys` (shared by map, table and
    explorer so the same rules pick the same areas); `levels` replaces the levels offered."""
    names = area_names(areas, lang)
    cols[0].selectbox(
        t("province", lang),
        ["", *choices.provinces],
        key=keys["province"],
        format_func=lambda c: _province_label(c, names, choices, lang),
    )
    amphoes = choices.amphoes.get(view.province, []) if view.province else []
    cols[1].selectbox(
        t("amphoe", lang),
        ["", *amphoes],
        key=keys["amphoe"],
        disabled=not view.province,
        format_func=lambda c: names.get(c, t("all_amphoe", lang)),
    )
    if levels is None:
        levels = ("tambon",) if view.amphoe else ("amphoe", "tambon") if view.province else LEVELS
    cols[2].radio(
        t("level", lang),
        levels,
        key=keys["level"],
        horizontal=True,
        format_func=lambda v: t(f"level_{v}", lang),
    )


def breadcrumbs(view, areas: pd.DataFrame, lang: str, store=None, prefix: str = "") -> None:
    """Country › province › amphoe › tambon, each a button back to that level, and "up one level".

    `view` is any view with province, amphoe, tambon and level; `store` puts a chosen view into the
    page's widget keys (the map's by default)."""
    store = store or store_view
    trail = trail_of(view, area_names(areas, lang), lang)
    cols = st.columns([1] * len(trail) + [1.2, max(6 - len(trail), 1)])
    for index, (label, target) in enumerate(trail):
        last = index == len(trail) - 1
        cols[index].button(
            ("› " if index else "") + label,
            key=f"{prefix}crumb_{index}",
            disabled=last,
            type="tertiary",
            on_click=store,
            args=(target,),
            width="stretch",
        )
    cols[len(trail)].button(
        t("up_one_level", lang),
        key=f"{prefix}up_one_level",
        icon=":material/arrow_upward:",
        disabled=len(trail) == 1,
        on_click=store,
        args=(up_one_level(view),),
    )


def trail_of(view, names: dict[str, str], lang: str = "th") -> list[tuple[str, object]]:
    """(label, view) from the country down to the view's own place: what each breadcrumb opens."""
    trail = [(t("country", lang), replace(view, province=None, amphoe=None, tambon=None, level="province"))]
    if view.province:
        trail.append(
            (names.get(view.province, view.province), replace(view, amphoe=None, tambon=None, level="amphoe"))
        )
    if view.amphoe:
        trail.append((names.get(view.amphoe, view.amphoe), replace(view, tambon=None, level="tambon")))
    if view.tambon:
        trail.append((names.get(view.tambon, view.tambon), view))
    return trail


def map_nav(view: MapView, areas: pd.DataFrame, lang: str) -> dict:
    """The map's own navigation (drawn inside the map): breadcrumbs, "up one level", fill the screen."""
    crumbs = [label for label, _ in trail_of(view, area_names(areas, lang), lang)]
    return {"crumbs": crumbs, "up": t("up_one_level", lang), "fill": True, "min_height": 380}


def area_names(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    column = local_column(lang)
    return dict(zip(areas["code"], areas[column]))


def indicator_labels(catalogue: pd.DataFrame, lang: str) -> dict[str, str]:
    suffix = language_suffix(lang)
    return {
        row["code"]: f"{row[f'dimension_{suffix}']} · {row[f'name_{suffix}']}"
        for _, row in catalogue.iterrows()
    }


def _province_label(code: str, names: dict[str, str], choices: Choices, lang: str) -> str:
    if not code:
        return t("whole_country", lang)
    suffix = "" if code in choices.provinces_with_data else f" {t('no_data_suffix', lang)}"
    return names.get(code, code) + suffix
