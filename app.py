"""Tambon Atlas: router and frame. Page config, language, navigation; nothing else."""

import streamlit as st
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from analysis.errors import AtlasError
from components.shell.frame import (
    database_failure,
    database_problem,
    demo_banner,
    language_switch,
    navigation_links,
    page_style,
    run_log,
    sidebar_reserve,
    user_box,
)
from components.shell.navigation import MAP_PAGE, all_pages, menu_for
from components.shell.refresh import follow_data_version
from components.shell.session import resolve_user, role_of
from components.text import t
from components.view.session import init_language, show_notices, sync_language
from data_access import cached

with run_log():
    st.set_page_config(page_title="Tambon Atlas", page_icon="static/favicon.png", layout="wide")
    lang = init_language()
    url = cached.current_url()
    try:
        ready = cached.is_ready(url)
        if ready:
            follow_data_version(url)  # another server process changed the data: drop our stale caches
    except (DBAPIError, PoolTimeout) as error:  # went away after it was found ready: our own message
        database_failure(error, lang)
        st.stop()
    except Exception:  # an unreachable server must read as a message, not a traceback
        st.error(f"{t('db_error', 'th')} / {t('db_error', 'en')}", icon=":material/error:")
        st.stop()
    user = resolve_user(url, lang) if ready else None
    pages = {
        script: st.Page(script, title=t(label, lang), icon=icon, url_path=path, default=index == 0)
        for index, (script, label, icon, path) in enumerate(all_pages())
    }
    navigation = st.navigation(list(pages.values()), position="hidden")
    page_style()
    menu = menu_for(role_of(user))

    def sidebar() -> None:
        navigation_links([page for script, page in pages.items() if script in menu])
        user_box(user, url, lang)
        language_switch()

    # The map page sends its map before anything else, the sidebar included (frame_ready); the map page
    # never stops its run, so the sidebar drawn after it is always drawn.
    map_first = ready and navigation.url_path == MAP_PAGE
    if not map_first:
        sidebar()
    else:
        sidebar_reserve()
    sync_language()
    if ready and cached.is_demo(url):
        demo_banner(lang)
    show_notices()
    if not ready:
        database_problem(lang)
    else:
        st.session_state["_previous_page"] = st.session_state.get("_page")
        st.session_state["_page"] = navigation.url_path
        try:
            navigation.run()
        except AtlasError as error:  # domain errors raised low, shown once, in the user's language
            st.error(error.message(lang), icon=":material/error:")
        except (DBAPIError, PoolTimeout) as error:  # the server went away, or a lock or query ran out
            database_failure(error, lang)
        if map_first:
            sidebar()
