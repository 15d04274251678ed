"""Households for officers (their assigned areas only) and administrators: filters, masked list,
detail, referrals. Hidden from the menu of anyone else, and refused here again."""

import streamlit as st

from components.fieldwork.household_form import new_household_form
from components.fieldwork.households import filters, household_detail, household_table, selected_household
from components.shell.session import ADMIN, OFFICER, require_role
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
url = cached.current_url()
user = require_role(OFFICER, ADMIN)
cached.fieldwork_ready(url)

st.title(t("hh_title", lang))
st.caption(t("hh_intro", lang))
areas = cached.areas(url)
chosen = filters(user, url, areas, lang)
frame = household_table(url, user, chosen, lang)
household_id = new_household_form(url, user, areas, chosen, lang) or selected_household(frame)
if household_id is not None:
    household_detail(url, user, household_id, lang)
