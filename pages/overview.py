"""Governor's overview: a province (or an area set) on one screen, clickable into the detail pages."""

import streamlit as st

from analysis.scope import HEADLINE_INDICATORS
from components.overview.controls import overview_controls
from components.overview.view import (
    area_comparison,
    deck_figure,
    dimension_chart,
    headline_cards,
    links,
    province_map,
    top_tambons,
    trend_chart,
)
from components.present.view import deck_for
from components.shell.frame import map_first_style
from components.shell.state import current_language
from components.shell.viewer import viewer_min_households
from components.text import t
from components.view.present import OVERVIEW
from components.view.session import show_notices, write_url
from data_access import cached

lang = current_language()
url = cached.current_url()
map_first_style()  # headline figures and the map in the first screen
st.title(t("ov_title", lang))
show_notices()
view = overview_controls(url, lang)
if view is None:
    st.info(t("no_data_yet", lang))
    st.stop()
write_url(OVERVIEW, view)
target, province, year = view.target, view.province, view.year
demo, catalogue = cached.is_demo(url), cached.catalogue(url)
hide_below = viewer_min_households()  # public viewers: small counts read "<5"
figures = cached.scope_figures(url, target.kind, target.key, year, hide_below)
# The country has no deck: a slide per province with the national map is the presentation's work.
country = target.kind == "country"
deck = None if country else deck_for(url, target.kind, target.key, year, lang, demo, hide_below)
st.subheader(f"{figures.scope.name(lang)} · {year}")
links(target, year, lang, province)
cards, map_column = st.columns([1.6, 1])
with cards:
    headline_cards(figures, lang, per_row=3, deck=deck)
with map_column:
    st.markdown(f"**{t('ov_map', lang)}**")
    if target.kind != "set":  # a province's tambons, or the country's provinces
        province_map(url, province, year, catalogue, lang, demo)
    else:
        deck_figure(deck, "map", lang, demo, "ov_map_png")
st.caption(t("ov_intro", lang))
st.subheader(t("ov_top", lang))
top_tambons(url, list(figures.scope.tambons), province, year, catalogue, lang)
left, right = st.columns(2)
with left:
    st.subheader(t("ov_dimensions", lang))
    dimension_chart(figures, lang)
    if deck is not None:
        deck_figure(deck, "dimensions", lang, demo, "ov_dimensions_png")
with right:
    st.subheader(t("ov_trend", lang))
    trend_chart(cached.scope_trend(url, target.kind, target.key, HEADLINE_INDICATORS, hide_below), lang)
if target.kind == "set":
    st.subheader(t("ov_units", lang))
    area_comparison(url, "tambon", province, list(figures.scope.units), year, lang)
elif country:
    st.subheader(t("ov_provinces", lang))
    area_comparison(url, "province", None, None, year, lang)
else:
    st.subheader(t("ov_amphoe", lang))
    area_comparison(url, "amphoe", province, None, year, lang)
