"""About the data: sources, licences, what is synthetic, how numbers are computed."""

import streamlit as st

from components.shell.state import current_language
from components.text import long_text, t
from data_access import cached

lang = current_language()
st.title(t("nav_about", lang))
st.markdown(long_text("about", lang))
facts = cached.dataset_facts(cached.current_url())
if facts:
    st.caption(" · ".join(f"{key}: {value}" for key, value in sorted(facts.items())))
