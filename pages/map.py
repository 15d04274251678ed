"""Choropleth map: province -> amphoe -> tambon, classification, compare and change maps, deep links."""

import streamlit as st

from components.area_detail import area_detail
from components.i18n import t
from components.map_controls import breadcrumbs, load_choices, map_controls, resolve_view
from components.map_view import draw_maps, map_layers, place_label, table_link, values_table
from components.set_filter import restrict_layers, set_picker_row
from components.state import current_language
from components.view.map import MAP
from components.view.session import show_notices, write_url
from data_access import cached

lang = current_language()
url = cached.current_url()
choices = load_choices(url)
view = resolve_view(url, choices)
areas, catalogue = cached.areas(url), cached.catalogue(url)

st.title(t("map_title", lang))
show_notices()
map_controls(view, choices, areas, catalogue, lang)
breadcrumbs(view, areas, lang)
st.caption(t("map_help", lang))
set_id = set_picker_row(url, lang, key="set_map")  # `set` URL parameter: only an area set's areas
layers = restrict_layers(map_layers(view, url, catalogue, lang), url, set_id, lang)
draw_maps(view, layers, lang, demo=cached.is_demo(url), place=place_label(view, areas, lang), url=url)
if view.tambon:
    area_detail(url, view.tambon, view.year, areas, catalogue, lang)
st.subheader(t("map_table", lang))
# The table is drawn on request: its grid is the heaviest script of a first visit, and the map comes first.
if st.toggle(t("map_show_table", lang), key="map_show_table"):
    values_table(layers[-1], lang)
table_link(view, lang)
write_url(MAP, view)
