"""Home: what data is loaded (provinces, years, households, source), from real queries."""

import streamlit as st

from components.overview.home_summary import headline_metrics, province_table
from components.shell.state import current_language
from components.shell.viewer import viewer_min_households
from components.text import t
from data_access import cached
from geo.boundaries import ATTRIBUTION

lang = current_language()
url = cached.current_url()

st.title(t("app_title", lang))
st.caption(t("home_intro", lang))

years = cached.survey_years(url)
overview = cached.province_overview(url, viewer_min_households())
if overview.empty:
    st.info(t("no_data_yet", lang))
else:
    headline_metrics(overview, years, lang)
    st.subheader(t("loaded_by_province", lang))
    province_table(overview, lang)

counts = cached.area_counts(url)
st.markdown(t("boundaries_loaded", lang, **{k: counts.get(k, 0) for k in ("province", "amphoe", "tambon")}))
st.markdown(t("records_loaded", lang, n=cached.household_records(url)))
facts = cached.dataset_facts(url)
st.caption(f"{t('source', lang)}: {facts.get('source', '–')} · {ATTRIBUTION}")
