"""Drill-down table filters and row selection as a drill; the view is `components.view.table.TABLE`,
resolved, stored and written to the URL by `components.view.session`.

As on the map, a selected row changes the widget keys in the selection callback, before any widget
is drawn, so a drill is one script run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import streamlit as st

from components.shared.area_picker import area_controls, indicator_labels
from components.text import t
from components.view import session
from components.view.geography import Choices
from components.view.table import ONE_YEAR, TABLE, VILLAGE, TableView, drill, sortable_columns

KEYS = {field.name: field.key for field in TABLE.keyed}


def store_table_view(view: TableView) -> None:
    session.store(TABLE, view)


def on_row_selected(key: str, codes: list[str], choices: Choices) -> None:
    """Selection callback: a selected row drills like a map click; clearing it closes a tambon."""
    rows = st.session_state[key].selection.rows
    view = TABLE.normalise(session.current(TABLE, choices), choices)
    if rows and 0 <= rows[0] < len(codes):
        view = drill(view, codes[rows[0]], choices)
    elif view.tambon and view.level != VILLAGE:
        view = replace(view, tambon=None)
    store_table_view(view)


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
