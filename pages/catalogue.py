"""Indicator catalogue: every indicator with its dimension, unit, direction and definition."""

import streamlit as st

from components.shared.catalogue_view import catalogue_filters, catalogue_table, definitions
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
url = cached.current_url()

st.title(t("nav_catalogue", lang))
st.caption(t("catalogue_intro", lang))
catalogue = cached.catalogue(url)
selected = catalogue_filters(catalogue, cached.dimensions(url), lang)
st.caption(t("indicators_found", lang, n=len(selected)))
catalogue_table(selected, lang)
definitions(selected, lang)
