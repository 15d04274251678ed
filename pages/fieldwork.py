"""Field work for officers and administrators: the worklist, the referral overview of an area or an
area set, and the agencies. Hidden from the menu of anyone else, and refused here again."""

import streamlit as st

from components.fieldwork.view import agencies_tab, dashboard_tab, outcome_tab, place_filters, worklist_tab
from components.shell.session import ADMIN, OFFICER, require_role
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
url = cached.current_url()
user = require_role(OFFICER, ADMIN)
cached.fieldwork_ready(url)

st.title(t("fw_title", lang))
st.caption(t("fw_intro", lang))
place = place_filters(url, user, lang)
worklist, dashboard, results, agencies = st.tabs(
    [t("fw_worklist", lang), t("fw_dashboard", lang), t("fw_outcome", lang), t("fw_agencies", lang)]
)
with worklist:
    worklist_tab(url, user, place, lang)
with dashboard:
    dashboard_tab(url, user, place, lang)
with results:
    outcome_tab(url, user, place, lang)
with agencies:
    agencies_tab(url, user, lang)
