"""Area sets: named lists of tambons (e.g. an MOU's), created, renamed, edited and deleted here."""

import streamlit as st

from components.admin.area_sets import manage_sets
from components.shell.session import ADMIN, require_role
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
require_role(ADMIN)
st.title(t("nav_sets", lang))
manage_sets(cached.current_url(), lang)
