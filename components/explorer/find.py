"""Find areas by conditions: the count of matches, a highlighted map and the table of matches."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from analysis.conditions import Condition, matches
from analysis.local_names import language_suffix, local_column
from analysis.ranking import rank_within_parent
from components.explorer.data import Explorer, as_map_view, explorer_extent
from components.explorer.export import export_frame
from components.shared.map_component import choropleth
from components.shared.map_layer import Layer, map_spec
from components.text import t
from geo.choropleth import match_classification, match_legend


def find_areas(ex: Explorer, conditions: list[Condition]) -> None:
    view, catalogue, lang = ex.view, ex.catalogue, ex.lang
    if not conditions:
        st.info(t("exp_no_conditions", lang))
        return
    codes = list(dict.fromkeys(c.indicator for c in conditions))
    wide = ex.frame(codes)
    hit = matches(wide, conditions)
    measured = wide[codes].notna().all(axis=1)
    st.metric(
        t("exp_matches", lang, level=t(f"level_{explorer_extent(view)[0]}", lang)),
        t("exp_match_count", lang, n=int(hit.sum()), total=int(measured.sum())),
    )
    st.caption(" · ".join(_condition_text(c, catalogue, lang) for c in conditions))
    _highlight_map(ex, wide, hit, measured, codes[0])
    found = wide[hit.to_numpy()].sort_values(codes[0], ascending=False)
    st.dataframe(
        found[["name", "parent_name", "area_code", *codes]],
        hide_index=True,
        width="stretch",
        key="exp_find_table",
        column_config=_value_columns(codes, catalogue, lang),
    )
    columns = ["name", "parent_name", "area_code", *codes]
    extra = [(t("exp_conditions", lang), view.where)]
    export_frame(ex, found, columns, codes, key="exp_find_export", extra=extra)


def _highlight_map(ex: Explorer, wide, hit, measured, first_code: str) -> None:
    view, catalogue, lang = ex.view, ex.catalogue, ex.lang
    indicator = {"code": first_code, **catalogue.set_index("code").loc[first_code].to_dict()}
    values = wide.assign(
        value=wide[first_code],
        numerator=wide[first_code + ":num"],
        denominator=wide[first_code + ":den"],
        suppressed=wide.get(first_code + ":hidden", False),
    )
    ranked = rank_within_parent(values, indicator["polarity"])
    classification = match_classification(hit, measured)
    map_view = as_map_view(view, first_code)
    layer = Layer(ranked, indicator, view.year, t("exp_map_title", lang))
    spec = map_spec(map_view, layer, classification, lang, ex.demo, 520)
    legend = match_legend(
        classification, (t("exp_legend_match", lang), t("exp_legend_other", lang), t("tip_no_data", lang))
    )
    spec = replace(spec, legend=legend, render_key=f"find|{spec.render_key}|{view.where}")
    choropleth(spec, key="exp_map")


def _condition_text(condition: Condition, catalogue: pd.DataFrame, lang: str) -> str:
    name = catalogue.set_index("code").loc[condition.indicator, local_column(lang)]
    return f"{name} {condition.op} {condition.value:g}"


def _value_columns(codes, catalogue: pd.DataFrame, lang: str) -> dict:
    meta = catalogue.set_index("code")
    suffix = language_suffix(lang)
    config = {
        "name": st.column_config.TextColumn(t("col_area", lang)),
        "parent_name": st.column_config.TextColumn(t("exp_parent", lang)),
        "area_code": st.column_config.TextColumn(t("col_code", lang)),
    }
    for code in codes:
        config[code] = st.column_config.NumberColumn(meta.loc[code, f"name_{suffix}"], format="%.2f")
    return config
