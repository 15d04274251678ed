"""Poverty page controls: the area (province, amphoe, tambon) and year, and the MPI weights and cutoff.

The area and year share the URL names of every page (province, amphoe, tambon, year, lang); the MPI
settings travel as `cutoff` and `weights` (relative dimension weights in TPMAP order).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import poverty
from analysis.local_names import language_suffix, local_names
from analysis.mpi import MPIInputError
from analysis.tambon_indicators import DEFAULT_MPI_CUTOFF, TPMAP_DIMENSIONS
from components.state import add_notices
from components.text import t
from components.view_state import Choices, parse_view

KEYS = {"province": "pov_province", "amphoe": "pov_amphoe", "tambon": "pov_tambon", "year": "pov_year"}
CUTOFF_KEY = "pov_cutoff"
WEIGHT_KEYS = {d: f"pov_weight_{d}" for d in TPMAP_DIMENSIONS}


@dataclass(frozen=True)
class MPISettings:
    weights: tuple[tuple[str, float], ...]  # indicator -> weight (sums to 1), hashable for caching
    k: float
    dimension_weights: tuple[float, ...]


def resolve_area(choices: Choices, public: bool = False) -> tuple[str | None, int | None]:
    """(area code, year) from the widgets, or from the URL on first load (invalid values -> notices).
    A public viewer goes no lower than the amphoe: a tambon's figures come straight from a few
    hundred households' records, and MPI settings could be tuned until a small count shows."""
    state = st.session_state
    if KEYS["year"] not in state:
        view, notices = parse_view(st.query_params.to_dict(), choices)
        add_notices([n for n in notices if n[0] in ("province", "amphoe", "tambon", "year")])
        state[KEYS["province"]] = view.province or ""
        state[KEYS["amphoe"]] = view.amphoe or ""
        state[KEYS["tambon"]] = view.tambon or ""
        state[KEYS["year"]] = view.year
        _read_mpi_params()
    province, amphoe, tambon = (state.get(KEYS[n]) or "" for n in ("province", "amphoe", "tambon"))
    if amphoe and not amphoe.startswith(province):
        amphoe = state[KEYS["amphoe"]] = ""
    if tambon and not tambon.startswith(amphoe or "-"):
        tambon = state[KEYS["tambon"]] = ""
    if tambon and public:
        add_notices([("tambon", tambon)])
        tambon = state[KEYS["tambon"]] = ""
    return tambon or amphoe or province or None, state.get(KEYS["year"])


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
    cols[0].selectbox(t("province", lang), with_data, key=KEYS["province"], format_func=names.get)
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
            (1.0,) * len(TPMAP_DIMENSIONS),
        )
    state = st.session_state
    for key in WEIGHT_KEYS.values():
        state.setdefault(key, 1.0)
    state.setdefault(CUTOFF_KEY, DEFAULT_MPI_CUTOFF)
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
        weights, dimension_weights = poverty.default_weights(catalogue), (1.0,) * len(TPMAP_DIMENSIONS)
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


def write_url(area_code: str | None, year: int | None, settings: MPISettings, lang: str) -> None:
    params = {"lang": lang}
    if area_code:
        params["province"] = area_code[:2]
        if len(area_code) >= 4:
            params["amphoe"] = area_code[:4]
        if len(area_code) == 6:
            params["tambon"] = area_code
    if year:
        params["year"] = str(year)
    if settings.k != DEFAULT_MPI_CUTOFF:
        params["cutoff"] = f"{settings.k:g}"
    if any(w != 1.0 for w in settings.dimension_weights):
        params["weights"] = ",".join(f"{w:g}" for w in settings.dimension_weights)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def _read_mpi_params() -> None:
    params, state, notices = st.query_params, st.session_state, []
    if "cutoff" in params:
        try:
            cutoff = float(params["cutoff"])
            if not 0.05 <= cutoff <= 1:
                raise ValueError
            state[CUTOFF_KEY] = cutoff
        except ValueError:
            notices.append(("cutoff", params["cutoff"]))
    if "weights" in params:
        try:
            values = [float(v) for v in params["weights"].split(",")]
            if len(values) != len(WEIGHT_KEYS) or any(not 0 <= v <= 10 for v in values):
                raise ValueError
            for key, value in zip(WEIGHT_KEYS.values(), values):
                state[key] = value
        except ValueError:
            notices.append(("weights", params["weights"]))
    add_notices(notices)


def _reset_mpi() -> None:
    st.session_state[CUTOFF_KEY] = DEFAULT_MPI_CUTOFF
    st.session_state["pov_custom_indicators"] = False
    for key in WEIGHT_KEYS.values():
        st.session_state[key] = 1.0
