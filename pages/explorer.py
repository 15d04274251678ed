"""Indicator explorer: find areas by conditions (table + highlighted map), scatter with correlation,
distributions, ranking, correlation matrix and two-year comparison; every view in the URL."""

from dataclasses import replace

import streamlit as st

from analysis.conditions import conditions_text
from components.explorer import charts
from components.explorer.controls import condition_editor, explorer_controls, resolve_explorer_view
from components.explorer.data import Explorer
from components.explorer.find import find_areas
from components.explorer.hotspots import hot_spots
from components.shared.area_picker import load_choices
from components.shared.catalogue_view import definition_list
from components.shared.set_picker import set_members, set_picker_row
from components.shell.state import current_language
from components.text import t
from components.view.explorer import EXPLORER, indicators_in_use
from components.view.session import show_notices, write_url
from data_access import cached

TOOLS = {
    "scatter": charts.scatter,
    "distribution": charts.distribution,
    "ranking": charts.ranking,
    "correlation": charts.correlation,
    "years": charts.compare_years,
    "hotspots": hot_spots,
}

lang = current_language()
url = cached.current_url()
choices = load_choices(url)
view = resolve_explorer_view(url, choices)
areas, catalogue = cached.areas(url), cached.catalogue(url)

st.title(t("exp_title", lang))
st.caption(t("exp_intro", lang))
show_notices()
explorer_controls(view, choices, areas, catalogue, lang)
set_id = set_picker_row(url, lang, key="set_exp")  # `set` URL parameter: only an area set's areas
chosen_set = set_members(url, set_id)
members = tuple(chosen_set[1]) if chosen_set else ()
if chosen_set:
    st.caption(t("set_table_note", lang, n=len(members), name=chosen_set[0]))
if view.tool == "find":
    conditions, problems = condition_editor(choices, catalogue, lang)
    for problem in problems:
        st.warning(problem, icon=":material/warning:")
    view = replace(view, where=conditions_text(conditions))
    find_areas(Explorer(url, view, catalogue, areas, cached.is_demo(url), lang, members), conditions)
else:
    TOOLS[view.tool](Explorer(url, view, catalogue, areas, cached.is_demo(url), lang, members))
with st.expander(t("exp_definitions", lang), icon=":material/menu_book:"):
    definition_list(catalogue[catalogue["code"].isin(indicators_in_use(view))], lang)
write_url(EXPLORER, view)
