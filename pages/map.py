"""Choropleth map: province -> amphoe -> tambon, classification, compare and change maps, deep links.

Map first: the map is drawn before any widget (the controls' values are in session state already), in
the space below one compact row of controls; everything else waits below it. When the browser has no
map frame yet, the run holds the rest, the sidebar included, until the map has drawn (frame_ready)."""

import streamlit as st

from components.community.points import point_layers, points_hint
from components.community.profile import province_profile_table
from components.map.area_detail import area_detail
from components.map.controls import map_controls, map_event_nonce, map_frame_is_new, map_nav, resolve_view
from components.map.view import draw_maps, table_link, values_table
from components.shared.area_picker import load_choices
from components.shared.map_layer import map_layers, place_label
from components.shared.set_picker import restrict_layers, set_picker
from components.shell.frame import map_first_style, map_heading
from components.shell.state import current_language
from components.text import t
from components.view.map import MAP
from components.view.session import show_notices, write_url
from data_access import cached

lang = current_language()
url = cached.current_url()
choices = load_choices(url)
view = resolve_view(url, choices)
areas, catalogue = cached.areas(url), cached.catalogue(url)

map_first_style()
heading, map_area, below = map_heading(), st.container(), st.container()
set_id = view.set  # `set` URL parameter: only an area set's areas
with below:
    layers = restrict_layers(map_layers(view, url, catalogue, lang), url, set_id, lang)
    points = point_layers(url, view.province, view.points, lang, ack=map_event_nonce())
with map_area:
    place = place_label(view, areas, lang)
    nav = map_nav(view, areas, lang)
    draw_maps(
        view,
        layers,
        lang,
        cached.is_demo(url),
        place=place,
        url=url,
        nav=nav,
        points=points,
        first=map_frame_is_new(),
    )
with heading:
    st.title(t("map_title", lang))
    show_notices()
    set_column = map_controls(view, choices, areas, catalogue, lang)
    with set_column.popover(t("set_filter", lang), icon=":material/workspaces:", width="stretch"):
        set_picker(url, lang, key="set_map")
with below:
    points_hint(url, view.province, lang)
    st.caption(t("map_help", lang))
    if view.tambon:
        from components.map.area_detail import area_detail  # plotly: only when a tambon is open

        area_detail(url, view.tambon, view.year, areas, catalogue, lang)
    province_profile_table(url, view.province, view.year, lang)
    st.subheader(t("map_table", lang))
    # The table is drawn on request: its grid is the heaviest script of a first visit.
    if st.toggle(t("map_show_table", lang), key="map_show_table"):
        values_table(layers[-1], lang)
    table_link(view, lang)
write_url(MAP, view)
