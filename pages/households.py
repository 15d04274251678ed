"""Households for officers (their assigned areas only) and administrators: filters, masked list,
detail, referrals. Hidden from the menu of anyone else, and refused here again."""

import streamlit as st

from components.households_view import filters, household_detail, household_table, selected_household
from components.i18n import t
from components.session import ADMIN, OFFICER, require_role
from components.state import current_language
from data_access import cached

lang = current_language()
url = cached.current_url()
user = require_role(OFFICER, ADMIN)

st.title(t("hh_title", lang))
st.caption(t("hh_intro", lang))
chosen = filters(user, url, cached.areas(url), lang)
frame = household_table(url, user, chosen, lang)
household_id = selected_household(frame)
if household_id is not None:
    household_detail(url, user, household_id, lang)
