"""Sign in (built-in, works offline): username and password; one message for every refusal."""

import streamlit as st

from analysis.errors import AtlasError
from components.shell.session import current_user, sign_in, sign_out
from components.shell.state import current_language
from components.text import t
from data_access import cached

lang = current_language()
url = cached.current_url()
st.title(t("signin_title", lang))
st.caption(t("signin_intro", lang))

user = current_user()
if user is not None:
    st.success(
        t("signed_in_now", lang, name=user.display_name or user.username), icon=":material/verified_user:"
    )
    st.button(
        t("sign_out", lang), icon=":material/logout:", key="signin_sign_out", on_click=sign_out, args=(url,)
    )
else:
    with st.form("signin_form", enter_to_submit=True):
        username = st.text_input(t("username", lang), key="signin_username", max_chars=64)
        password = st.text_input(t("password", lang), type="password", key="signin_password", max_chars=256)
        submitted = st.form_submit_button(t("sign_in", lang), type="primary", icon=":material/login:")
    if submitted:
        try:
            sign_in(url, username, password)
        except AtlasError as refused:
            st.error(refused.message(lang), icon=":material/lock:")
        else:
            st.rerun()
