"""Poverty page controls: the area (province, amphoe, tambon) and year, and the MPI weights and cutoff.
The view is `components.view.poverty.POVERTY`, resolved, stored and written to the URL by
`components.view.session`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from analysis import poverty
from analysis.local_names import language_suffix, local_names
from analysis.mpi import MPIInputError
from analysis.tambon_indicators import DEFAULT_MPI_CUTOFF, TPMAP_DIMENSIONS
from components.text import t
from components.view import session
from components.view.geography import Choices
from components.view.poverty import EQUAL_WEIGHTS, POVERTY, WEIGHT_KEYS, PovertyView
from data_access import cached
from data_access.scope import Scope, area_scope, country_scope, set_scope

KEYS = {field.name: field.key for field in POVERTY.keyed if isinstance(field.key, str)}
CUTOFF_KEY = KEYS["cutoff"]


@dataclass(frozen=True)
class MPISettings:
    weights: tuple[tuple[str, float], ...]  # indicator -> weight (sums to 1), hashable for caching
    k: float
    dimension_weights: tuple[float, ...]


def resolve_poverty_view(url: str, choices: Choices, public: bool = False) -> PovertyView:
    """The area, year, set and MPI settings of this run (invalid link values -> notices).
    A public viewer goes no lower than the amphoe: a tambon's figures come straight from a few
    hundred households' records, and MPI settings could be tuned until a small count shows."""
    view = session.resolve(POVERTY, choices, url)
    if view.tambon and public:
        session.add_notices([("tambon", view.tambon)])
        view = replace(view, tambon=None)
        session.store(POVERTY, view)
    return view


def chosen_scope(url: str, view: PovertyView) -> Scope:
    """What the report is about: the area set when one is chosen (its tambons' households together),
    else the area, else (province "all") the whole country."""
    engine = cached.engine_for(url)
    if view.set is not None:
        return set_scope(engine, view.set)
    if view.area_code:
        return area_scope(engine, view.area_code)
    return country_scope(engine)


def pick_area(code: str) -> None:
    """Drill into `code` (a child area picked on a chart)."""
    state = st.session_state
    state[KEYS["province"]] = code[:2]
    state[KEYS["amphoe"]] = code[:4] if len(code) >= 4 else ""
    state[KEYS["tambon"]] = code if len(code) == 6 else ""


def drill_from_chart(key: str = "pov_children") -> None:
    """Chart selection callback: a clicked bar's area code becomes the page's area."""
    points = (st.session_state.get(key) or {}).get("selection", {}).get("points", [])
    if points:
        code = points[0].get("customdata")
        code = code[0] if isinstance(code, list) else code
        if isinstance(code, str) and code.isdigit() and len(code) in (2, 4, 6):
            pick_area(code)


def area_controls(choices: Choices, areas: pd.DataFrame, lang: str, public: bool = False) -> None:
    names = local_names(areas, lang)
    state = st.session_state
    province, amphoe = state.get(KEYS["province"]) or "", state.get(KEYS["amphoe"]) or ""
    with_data = [p for p in choices.provinces if p in choices.provinces_with_data]
    cols = st.columns([1.2, 1.2, 1.2, 0.8])
    cols[0].selectbox(
        t("province", lang),
        ["", *with_data],  # "": the whole country (province=all in the link)
        key=KEYS["province"],
        format_func=lambda c: names.get(c) or t("whole_country", lang),
    )
    amphoes = choices.amphoes.get(province, [])
    cols[1].selectbox(
        t("amphoe", lang),
        ["", *amphoes],
        key=KEYS["amphoe"],
        format_func=lambda c: names.get(c, t("all_amphoe", lang)),
    )
    tambons = sorted(c for c in choices.tambons if amphoe and c.startswith(amphoe))
    cols[2].selectbox(
        t("tambon", lang), ["", *tambons], key=KEYS["tambon"], disabled=not amphoe or public,
        format_func=lambda c: names.get(c, t("all_tambon", lang)),
        help=t("pov_public_tambon", lang) if public else None,
    )  # fmt: skip
    cols[3].selectbox(t("year", lang), choices.years, key=KEYS["year"])


def mpi_settings(
    catalogue: pd.DataFrame, dimension_names: dict[str, str], lang: str, public: bool = False
) -> MPISettings:
    """Cutoff and relative dimension weights (defaults: 0.26 and equal); invalid input -> defaults.
    A public viewer gets the defaults only: rounded figures under settings swept one step at a time
    would show where a rounded count flips, i.e. exact counts of a few households."""
    if public:
        st.caption(t("pov_settings_public", lang))
        return MPISettings(
            tuple(poverty.default_weights(catalogue).items()),
            DEFAULT_MPI_CUTOFF,
            EQUAL_WEIGHTS,
        )
    state = st.session_state
    with st.expander(t("pov_settings", lang)):
        st.caption(t("pov_settings_help", lang))
        st.slider(t("pov_cutoff", lang), 0.05, 1.0, step=0.01, key=CUTOFF_KEY)
        cols = st.columns(len(WEIGHT_KEYS))
        for col, (dim, key) in zip(cols, WEIGHT_KEYS.items()):
            col.number_input(t("pov_weight", lang, dim=dimension_names[dim]), 0.0, 10.0, step=0.5, key=key)
        indicator_weights = _indicator_weights(catalogue, lang)
        st.button(t("pov_reset", lang), on_click=_reset_mpi, key="pov_reset")
    dimension_weights = tuple(float(state[key]) for key in WEIGHT_KEYS.values())
    try:
        weights = poverty.weights_from_dimensions(
            catalogue, dict(zip(TPMAP_DIMENSIONS, dimension_weights)), indicator_weights
        )
    except MPIInputError as error:
        st.warning(t("pov_bad_weights", lang, error=error))
        weights, dimension_weights = poverty.default_weights(catalogue), EQUAL_WEIGHTS
    return MPISettings(tuple(weights.items()), float(state[CUTOFF_KEY]), dimension_weights)


def _indicator_weights(catalogue: pd.DataFrame, lang: str) -> dict[str, float] | None:
    """Optional relative weights of the indicators within each dimension (equal unless edited)."""
    if not st.toggle(t("pov_indicator_weights", lang), key="pov_custom_indicators"):
        return None
    suffix = language_suffix(lang)
    rows = catalogue[catalogue["is_deprivation"].astype(bool)]
    table = pd.DataFrame(
        {
            "code": rows["code"],
            t("indicator", lang): rows[f"name_{suffix}"],
            t("col_dimension", lang): rows[f"dimension_{suffix}"],
            t("col_weight", lang): 1.0,
        }
    )
    weight = st.column_config.NumberColumn(min_value=0.0, max_value=10.0, step=0.5)
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key="pov_indicator_editor",
        disabled=["code", t("indicator", lang), t("col_dimension", lang)],
        column_config={t("col_weight", lang): weight},
    )  # fmt: skip
    return dict(zip(edited["code"], edited[t("col_weight", lang)].astype(float)))


def _reset_mpi() -> None:
    st.session_state[CUTOFF_KEY] = DEFAULT_MPI_CUTOFF
    st.session_state["pov_custom_indicators"] = False
    for key in WEIGHT_KEYS.values():
        st.session_state[key] = 1.0
