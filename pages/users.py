"""Administrators: users, roles and scopes, and the audit log of sign-ins, household views, exports
and imports."""

import streamlit as st

from components.admin.users import audit_log, create_form, edit_form, users_table
from components.shell.session import ADMIN, require_role
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
url = cached.current_url()
actor = require_role(ADMIN)

st.title(t("users_title", lang))
users = users_table(url, actor, lang)
left, right = st.columns(2)
with left:
    create_form(url, actor, lang)
with right:
    edit_form(url, actor, users, lang)
audit_log(url, actor, lang)
