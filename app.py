"""Tambon Atlas: router and frame. Page config, language, navigation; nothing else."""

import streamlit as st

from components.frame import (
    database_problem,
    demo_banner,
    language_switch,
    navigation_links,
    page_style,
    run_log,
)
from components.i18n import t
from components.state import init_language, show_notices, sync_url
from data_access import cached
from data_access.errors import AtlasError

PAGES = [  # (script, label key, icon, url path)
    ("pages/home.py", "nav_home", ":material/home:", "home"),
    ("pages/overview.py", "nav_overview", ":material/dashboard:", "overview"),
    ("pages/present.py", "nav_present", ":material/slideshow:", "present"),
    ("pages/sets.py", "nav_sets", ":material/bookmarks:", "sets"),
    ("pages/map.py", "nav_map", ":material/map:", "map"),
    ("pages/poverty.py", "nav_poverty", ":material/diversity_3:", "poverty"),
    ("pages/table.py", "nav_table", ":material/table_chart:", "table"),
    ("pages/explorer.py", "nav_explorer", ":material/query_stats:", "explorer"),
    ("pages/import_data.py", "nav_import", ":material/upload_file:", "import"),
    ("pages/catalogue.py", "nav_catalogue", ":material/menu_book:", "indicators"),
    ("pages/about.py", "nav_about", ":material/info:", "about"),
]

with run_log():
    st.set_page_config(page_title="Tambon Atlas", page_icon="static/favicon.png", layout="wide")
    lang = init_language()
    pages = [
        st.Page(script, title=t(label, lang), icon=icon, url_path=path, default=index == 0)
        for index, (script, label, icon, path) in enumerate(PAGES)
    ]
    navigation = st.navigation(pages, position="hidden")
    page_style()
    navigation_links(pages)
    language_switch()
    sync_url()

    url = cached.current_url()
    try:
        ready = cached.is_ready(url)
    except Exception:  # an unreachable server must read as a message, not a traceback
        st.error(f"{t('db_error', 'th')} / {t('db_error', 'en')}", icon=":material/error:")
        st.stop()
    if ready and cached.is_demo(url):
        demo_banner(lang)
    show_notices()
    if not ready:
        database_problem(lang)
    else:
        st.session_state["_page"] = navigation.url_path
        try:
            navigation.run()
        except AtlasError as error:  # domain errors raised low, shown once, in the user's language
            st.error(error.message(lang), icon=":material/error:")
