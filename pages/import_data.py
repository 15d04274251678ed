"""Import: templates, a dry run with row-level errors, an all-or-nothing (or valid-rows) commit, history."""

import streamlit as st

from components.importing.view import (
    commit_controls,
    dry_run,
    flash,
    history,
    preview_report,
    templates,
    upload_form,
)
from components.shell.session import ADMIN, require_role
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
url = cached.current_url()
admin = require_role(ADMIN)

st.title(t("imp_title", lang))
st.caption(t("imp_intro", lang))
flash(lang)
templates(url, lang)
uploads, options = upload_form(lang, admin.username)
if uploads:
    preview = dry_run(url, uploads, options, lang)
    if preview is not None:
        preview_report(preview, lang)
        commit_controls(url, preview, options, lang)
history(url, lang)
