"""Poverty breakdown for an area and year: target poor by dimension, MPI, status classes, rankings."""

from dataclasses import replace

import streamlit as st

from analysis.local_names import local_names
from components.poverty.controls import (
    area_controls,
    chosen_scope,
    drill_from_chart,
    mpi_settings,
    resolve_poverty_view,
)
from components.poverty.report import shown_report
from components.poverty.view import (
    children_ranking,
    dimension_charts,
    headline,
    map_links,
    mpi_contributions,
    status_section,
)
from components.shared.area_picker import load_choices
from components.shared.set_picker import set_picker_row
from components.shell.frame import map_first_style
from components.shell.state import current_language
from components.shell.viewer import viewer_min_households
from components.text import long_text, t
from components.view.poverty import POVERTY
from components.view.session import show_notices, write_url
from data_access import cached

lang = current_language()
url = cached.current_url()
choices = load_choices(url)
areas, catalogue, dimensions = cached.areas(url), cached.catalogue(url), cached.dimensions(url)
names = local_names(areas, lang)
dimension_names = local_names(dimensions, lang)

hide_below = viewer_min_households()  # public viewers: no tambon, small counts read "<5"
view = resolve_poverty_view(url, choices, public=hide_below is not None)
map_first_style()  # the headline figures in the first screen
st.title(t("poverty_title", lang))
show_notices()
area_controls(choices, areas, lang, public=hide_below is not None)
set_picker_row(url, lang, key="set_pov")  # `set` URL parameter: an area set's households together
settings = mpi_settings(catalogue, dimension_names, lang, public=hide_below is not None)
scope = chosen_scope(url, view) if view.year else None
# As a viewer with this threshold may see it (unchanged for signed-in officers), kept per settings.
report = shown_report(url, scope, view.year, settings.weights, settings.k, hide_below) if scope else None
if report is None:
    st.info(t("pov_no_households", lang))
else:
    st.subheader(f"{scope.name(lang)} · {view.year}")
    headline(report, lang, hide_below)
    dimension_charts(report, dimension_names, names, lang)
    if scope.kind != "set":
        st.caption(t("pov_open_map", lang))
        map_links(report, dimension_names, lang)
    mpi_contributions(report, catalogue, dimension_names, lang, hide_below)
    status_section(report, lang, hide_below)
    if hide_below is not None and report.level not in ("country", "province"):
        st.caption(t("pov_public_tambon", lang))
    else:
        children_ranking(report, names, lang, on_pick=drill_from_chart)
with st.expander(t("pov_methodology", lang)):
    st.markdown(long_text("methodology", lang))
write_url(POVERTY, replace(view, cutoff=settings.k, weights=settings.dimension_weights))
