"""Indicator explorer filters and the condition editor; the view is
`components.view.explorer.EXPLORER`, resolved, stored and written to the URL by
`components.view.session`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.conditions import OPERATORS, Condition, ConditionError, make_condition, parse_conditions
from analysis.local_names import in_language
from components.shared.area_picker import area_controls, indicator_labels
from components.text import t
from components.view import session
from components.view.explorer import CHARTS, EXPLORER, MAX_SET, TOOLS, WHERE_KEY, ExplorerView
from components.view.geography import Choices

KEYS = {field.name: field.key for field in EXPLORER.keyed}
EDITOR_KEY = "exp_where_editor"
EDITOR_BASE = "exp_where_base"


def resolve_explorer_view(url: str, choices: Choices) -> ExplorerView:
    """The view of this run; the condition editor starts from the link's conditions, and again from
    the latest text whenever another tool hid it."""
    first = session.from_link(EXPLORER)
    view = session.resolve(EXPLORER, choices, url)
    if first or view.tool != "find":
        st.session_state[EDITOR_BASE] = view.where
    return view


def explorer_controls(
    view: ExplorerView, choices: Choices, areas: pd.DataFrame, catalogue: pd.DataFrame, lang: str
) -> None:
    st.segmented_control(
        t("exp_tool", lang),
        TOOLS,
        key=KEYS["tool"],
        format_func=lambda tool: t(f"exp_tool_{tool}", lang),
        required=True,
    )
    cols = st.columns([1.1, 1.1, 1.3, 0.7])
    area_controls(cols[:3], view, choices, areas, KEYS, lang)
    cols[3].selectbox(t("year", lang), choices.years, key=KEYS["year"])
    labels = indicator_labels(catalogue, lang)
    if view.tool == "scatter":
        left, right = st.columns(2)
        left.selectbox(t("exp_x", lang), choices.indicators, key=KEYS["x"], format_func=labels.get)
        right.selectbox(t("exp_y", lang), choices.indicators, key=KEYS["y"], format_func=labels.get)
    elif view.tool in ("distribution", "ranking", "years", "hotspots"):
        left, right = st.columns([3, 1])
        left.selectbox(
            t("indicator", lang), choices.indicators, key=KEYS["indicator"], format_func=labels.get
        )
        if view.tool == "distribution":
            right.radio(
                t("exp_chart", lang),
                CHARTS,
                key=KEYS["chart"],
                horizontal=True,
                format_func=lambda c: t(f"exp_chart_{c}", lang),
            )
        elif view.tool == "years":
            right.selectbox(
                t("exp_year_from", lang), [y for y in choices.years if y != view.year], key=KEYS["year2"]
            )
    elif view.tool == "correlation":
        st.multiselect(
            t("exp_set", lang),
            choices.indicators,
            key=KEYS["indicators"],
            format_func=labels.get,
            max_selections=MAX_SET,
        )


def condition_editor(
    choices: Choices, catalogue: pd.DataFrame, lang: str
) -> tuple[list[Condition], list[str]]:
    """The condition builder (one row per condition); returns the valid conditions and a message per
    row that cannot be used. The text form goes to the URL through `WHERE_KEY`."""
    state = st.session_state
    labels = indicator_labels(catalogue, lang)
    allowed = set(choices.indicators)
    try:
        base = parse_conditions(state.get(EDITOR_BASE, ""), allowed)
    except ConditionError:
        base = []
    edited = st.data_editor(
        pd.DataFrame(
            {
                "indicator": [c.indicator for c in base],
                "op": [c.op for c in base],
                "value": [c.value for c in base],
            },
            dtype=object,
        ),
        num_rows="dynamic",
        key=EDITOR_KEY,
        hide_index=True,
        width="stretch",
        column_config={
            "indicator": st.column_config.SelectboxColumn(
                t("indicator", lang), options=choices.indicators, format_func=labels.get, width="large"
            ),
            "op": st.column_config.SelectboxColumn(t("exp_op", lang), options=list(OPERATORS), width="small"),
            "value": st.column_config.NumberColumn(t("exp_threshold", lang), width="small"),
        },
    )
    conditions, problems = [], []
    for number, row in enumerate(edited.itertuples(index=False), start=1):
        if all(pd.isna(v) or v == "" for v in row):
            continue
        try:
            conditions.append(make_condition(row.indicator, row.op, row.value, allowed))
        except ConditionError as error:
            problems.append(
                t(
                    "exp_bad_condition",
                    lang,
                    n=number,
                    error=in_language((error.message_th, error.message_en), lang),
                )
            )
    state[WHERE_KEY] = ";".join(c.text() for c in conditions)
    return conditions, problems
