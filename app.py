"""Tambon Atlas: router and frame. Page config, language, navigation; nothing else."""

import streamlit as st

from components.frame import database_problem, demo_banner, language_switch, page_style
from components.i18n import t
from components.state import init_language, show_notices, sync_url
from data_access import cached

st.set_page_config(page_title="Tambon Atlas", page_icon="static/favicon.png", layout="wide")
lang = init_language()

navigation = st.navigation(
    [
        st.Page(
            "pages/home.py", title=t("nav_home", lang), icon=":material/home:", url_path="home", default=True
        ),
        st.Page(
            "pages/catalogue.py",
            title=t("nav_catalogue", lang),
            icon=":material/menu_book:",
            url_path="indicators",
        ),
        st.Page("pages/about.py", title=t("nav_about", lang), icon=":material/info:", url_path="about"),
    ]
)
page_style()
language_switch()
sync_url()

url = cached.current_url()
try:
    ready = cached.is_ready(url)
except Exception:  # an unreachable server must read as a message, not a traceback
    st.error(f"{t('db_error', 'th')} / {t('db_error', 'en')}", icon=":material/error:")
    st.stop()
if ready and cached.dataset_facts(url).get("is_demo") == "1":
    demo_banner(lang)
show_notices()
database_problem(lang, ready)
if ready:
    navigation.run()
