"""Tambon detail panel: every indicator beside its amphoe and province, the five-dimension chart, and
its villages where the data has them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.local_names import language_suffix, local_column, local_names
from analysis.tambon_indicators import TPMAP_DIMENSIONS
from analysis.units import format_value
from components.community.profile import strengths_and_problems
from components.map.village_detail import village_table
from components.shell.viewer import viewer_min_households
from components.text import t
from data_access import cached

LEVEL_COLORS = {"tambon": "#b3541e", "amphoe": "#e6a064", "province": "#9e9e9e"}


def area_detail(
    url: str, tambon: str, year: int, areas: pd.DataFrame, catalogue: pd.DataFrame, lang: str
) -> None:
    names = local_names(areas, lang)
    profile = cached.area_profile(url, tambon, year, viewer_min_households()).merge(
        catalogue, left_on="indicator_code", right_on="code", how="left"
    )
    st.subheader(
        t("detail_title", lang, name=names[tambon], amphoe=names[tambon[:4]], province=names[tambon[:2]])
    )
    if tambon in set(cached.municipal_units(url)["area_code"]):
        st.caption(t("municipal_mark", lang))
    left, right = st.columns([1, 1.2])
    with left:
        st.markdown(f"**{t('dimension_chart', lang)} · {year}**")
        st.plotly_chart(_dimension_chart(profile, names, tambon, lang), key="detail_dimension_chart")
    with right:
        st.markdown(f"**{t('all_indicators', lang)}**")
        suffix = language_suffix(lang)
        table = pd.DataFrame(
            {
                t("indicator", lang): profile[f"name_{suffix}"],
                names[tambon]: _formatted(profile, "tambon", lang),
                names[tambon[:4]]: _formatted(profile, "amphoe", lang),
                names[tambon[:2]]: _formatted(profile, "province", lang),
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", height=380)
    strengths_and_problems(url, tambon, year, catalogue, lang)
    village_table(url, tambon, year, catalogue, lang)


def _formatted(profile: pd.DataFrame, level: str, lang: str) -> list[str]:
    return [format_value(v, unit, lang) for v, unit in zip(profile[level], profile["unit"])]


def _dimension_chart(profile: pd.DataFrame, names: dict, tambon: str, lang: str) -> go.Figure:
    rows = profile.set_index("indicator_code").loc[[f"tp_{d}_rate" for d in TPMAP_DIMENSIONS]]
    labels = rows[local_column(lang, "dimension")].tolist()
    figure = go.Figure()
    for level, code in (("tambon", tambon), ("amphoe", tambon[:4]), ("province", tambon[:2])):
        figure.add_bar(name=names[code], x=labels, y=rows[level], marker_color=LEVEL_COLORS[level])
    figure.update_layout(
        barmode="group",
        height=340,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        yaxis_title="%",
    )
    return figure
