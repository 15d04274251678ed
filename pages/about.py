"""About the data: sources, licences, what is synthetic, how numbers are computed."""

import streamlit as st

from components.about_text import ABOUT
from components.i18n import t
from components.state import current_language
from data_access import cached

lang = current_language()
st.title(t("nav_about", lang))
st.markdown(ABOUT[lang])
facts = cached.dataset_facts(cached.current_url())
if facts:
    st.caption(" · ".join(f"{key}: {value}" for key, value in sorted(facts.items())))
