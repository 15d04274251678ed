"""Drill-down table filters: widgets <-> session state <-> URL, and row selection as a drill.

As on the map, the view lives in small widget keys; on first load it comes from the URL, and a
selected row changes the keys in the selection callback, before any widget is drawn, so a drill is
one script run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from components.map_controls import area_controls, indicator_labels
from components.state import add_notices
from components.table_state import (
    VILLAGE,
    TableView,
    drill,
    normalise_table,
    parse_table_view,
    sortable_columns,
    table_params,
)
from components.text import t
from components.view_state import Choices

KEYS = {
    "province": "tbl_province",
    "amphoe": "tbl_amphoe",
    "level": "tbl_level",
    "year": "tbl_year",
    "year2": "tbl_year2",
    "indicators": "tbl_indicators",
    "q": "tbl_q",
    "sort": "tbl_sort",
    "desc": "tbl_desc",
    "parts": "tbl_parts",
    "hotspots": "tbl_hotspots",
}
TAMBON_KEY = "tbl_tambon"
ONE_YEAR = 0  # the "no second year" choice (a selectbox shows None as an empty placeholder)


def resolve_table_view(choices: Choices) -> TableView:
    state = st.session_state
    if KEYS["year"] not in state:
        view, notices = parse_table_view(st.query_params.to_dict(), choices)
        add_notices(notices)
    else:
        view = _from_state()
    view = normalise_table(view, choices)
    store_table_view(view)
    return view


def store_table_view(view: TableView) -> None:
    state = st.session_state
    state[KEYS["province"]] = view.province or ""
    state[KEYS["amphoe"]] = view.amphoe or ""
    state[KEYS["level"]] = view.level
    state[KEYS["year"]] = view.year
    state[KEYS["year2"]] = view.year2 or ONE_YEAR
    state[KEYS["indicators"]] = list(view.indicators)
    state[KEYS["q"]] = view.q
    state[KEYS["sort"]] = view.sort
    state[KEYS["desc"]] = view.desc
    state[KEYS["parts"]] = view.parts
    state[KEYS["hotspots"]] = view.hotspots
    state[TAMBON_KEY] = view.tambon


def on_row_selected(key: str, codes: list[str], choices: Choices) -> None:
    """Selection callback: a selected row drills like a map click; clearing it closes a tambon."""
    rows = st.session_state[key].selection.rows
    view = normalise_table(_from_state(), choices)
    if rows and 0 <= rows[0] < len(codes):
        view = drill(view, codes[rows[0]], choices)
    elif view.tambon and view.level != VILLAGE:
        view = replace(view, tambon=None)
    store_table_view(view)


def write_table_url(view: TableView, lang: str) -> None:
    params = table_params(view, lang)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def table_controls(
    view: TableView,
    choices: Choices,
    areas: pd.DataFrame,
    catalogue: pd.DataFrame,
    lang: str,
    village_tambons: Sequence[str] = (),
) -> None:
    """The table's pickers; a chosen tambon that has villages (`village_tambons`) adds the village
    level, which only the table has (villages have no polygons to map)."""
    labels = indicator_labels(catalogue, lang)
    cols = st.columns([1.1, 1.1, 1.3, 0.7, 0.9])
    villages = view.level == VILLAGE or (view.tambon is not None and view.tambon in village_tambons)
    levels = ("tambon", VILLAGE) if villages else None
    area_controls(cols[:3], view, choices, areas, KEYS, lang, levels=levels)
    if villages:
        cols[2].caption(t("tbl_village_no_map", lang))
    cols[3].selectbox(t("year", lang), choices.years, key=KEYS["year"])
    cols[4].selectbox(
        t("tbl_change_from", lang),
        [ONE_YEAR, *[y for y in choices.years if y != view.year]],
        key=KEYS["year2"],
        format_func=lambda y: t("tbl_one_year", lang) if y == ONE_YEAR else str(y),
    )
    st.multiselect(
        t("tbl_columns", lang),
        choices.indicators,
        key=KEYS["indicators"],
        format_func=labels.get,
        max_selections=30,
    )
    cols = st.columns([2, 1.6, 0.8, 1, 1.3])
    cols[0].text_input(t("tbl_search", lang), key=KEYS["q"], placeholder=t("tbl_search_hint", lang))
    sortable = sortable_columns(view.indicators, view.parts)
    cols[1].selectbox(
        t("tbl_sort", lang),
        ["", *sortable],
        key=KEYS["sort"],
        format_func=lambda c: _sort_label(c, labels, lang),
    )
    cols[2].toggle(t("tbl_desc", lang), key=KEYS["desc"])
    cols[3].toggle(t("tbl_parts", lang), key=KEYS["parts"])
    cols[4].toggle(t("tbl_hotspots", lang), key=KEYS["hotspots"], help=t("tbl_hotspots_help", lang))


def _sort_label(column: str, labels: dict[str, str], lang: str) -> str:
    if not column:
        return t("tbl_sort_code", lang)
    if column == "name":
        return t("col_name", lang)
    if column == "area_code":
        return t("col_code", lang)
    code, _, part = column.partition(":")
    label = labels.get(code, code)
    return f"{label}: {t('col_numerator' if part == 'num' else 'col_denominator', lang)}" if part else label


def _from_state() -> TableView:
    state = st.session_state
    return TableView(
        province=state.get(KEYS["province"]) or None,
        amphoe=state.get(KEYS["amphoe"]) or None,
        tambon=state.get(TAMBON_KEY),
        level=state.get(KEYS["level"], "amphoe"),
        year=state.get(KEYS["year"]),
        year2=state.get(KEYS["year2"]) or None,
        indicators=tuple(state.get(KEYS["indicators"]) or ()),
        q=str(state.get(KEYS["q"]) or ""),
        sort=state.get(KEYS["sort"]) or "",
        desc=bool(state.get(KEYS["desc"])),
        parts=bool(state.get(KEYS["parts"])),
        hotspots=bool(state.get(KEYS["hotspots"])),
    )
