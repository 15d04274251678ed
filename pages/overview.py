"""Governor's overview: a province (or an area set) on one screen, clickable into the detail pages."""

import streamlit as st

from components.i18n import t
from components.overview_controls import overview_controls
from components.overview_view import (
    area_comparison,
    deck_figure,
    dimension_chart,
    headline_cards,
    links,
    province_map,
    top_tambons,
    trend_chart,
)
from components.present_view import deck_for
from components.state import current_language
from components.view.present import OVERVIEW
from components.view.session import show_notices, write_url
from data_access import cached
from data_access.scope import HEADLINE_INDICATORS

lang = current_language()
url = cached.current_url()
st.title(t("ov_title", lang))
st.caption(t("ov_intro", lang))
show_notices()
view = overview_controls(url, lang)
if view is None:
    st.info(t("no_data_yet", lang))
    st.stop()
write_url(OVERVIEW, view)
target, province, year = view.target, view.province, view.year
demo, catalogue = cached.is_demo(url), cached.catalogue(url)
figures = cached.scope_figures(url, target.kind, target.key, year)
deck = deck_for(url, target.kind, target.key, year, lang, demo)
st.subheader(f"{figures.scope.name(lang)} · {year}")
links(target, year, lang, province)
headline_cards(figures, lang)
left, right = st.columns([1.3, 1])
with left:
    st.subheader(t("ov_map", lang))
    if target.kind == "area":
        province_map(url, province, year, catalogue, lang, demo)
    else:
        deck_figure(deck, "map", lang, demo, "ov_map_png")
with right:
    st.subheader(t("ov_top", lang))
    top_tambons(url, list(figures.scope.tambons), province, year, catalogue, lang)
left, right = st.columns(2)
with left:
    st.subheader(t("ov_dimensions", lang))
    dimension_chart(figures, lang)
    deck_figure(deck, "dimensions", lang, demo, "ov_dimensions_png")
with right:
    st.subheader(t("ov_trend", lang))
    trend_chart(cached.scope_trend(url, target.kind, target.key, HEADLINE_INDICATORS), lang)
if target.kind == "set":
    st.subheader(t("ov_units", lang))
    area_comparison(url, "tambon", province, list(figures.scope.units), year, lang)
else:
    st.subheader(t("ov_amphoe", lang))
    area_comparison(url, "amphoe", province, None, year, lang)
