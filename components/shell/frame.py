"""The frame around every page: sidebar language switch, the demo-data banner and the data source."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

import streamlit as st

from components.text import LANGUAGES, t

LANGUAGE_NAMES = {"th": "ไทย", "en": "English"}


def navigation_links(pages: list) -> None:
    """Our own sidebar navigation (Streamlit's is switched off so its file-name list never flashes)."""
    with st.sidebar:
        for page in pages:
            st.page_link(page)
        st.divider()


def user_box(user, url: str, lang: str) -> None:
    """Who is signed in (and a sign-out button), or nothing for a public viewer."""
    if user is None:
        return
    from components.shell.session import sign_out, signed_in_since

    with st.sidebar:
        st.caption(
            t(
                "signed_in_as",
                lang,
                name=user.display_name or user.username,
                role=t(f"role_{user.role}", lang),
                since=signed_in_since(user),
            )
        )
        st.button(
            t("sign_out", lang), icon=":material/logout:", key="sign_out", on_click=sign_out, args=(url,)
        )


def language_switch() -> None:
    """Radio in the sidebar bound to session key `lang` (set from the URL before this runs)."""
    st.sidebar.radio(
        t("language", "th"), LANGUAGES, format_func=LANGUAGE_NAMES.get, key="lang", horizontal=True
    )


def demo_banner(lang: str) -> None:
    """Shown on every page while synthetic demo data is loaded, so no one mistakes it for real data."""
    # st.html, not markdown with HTML: the markdown HTML parser is a large script every first visit loads.
    text = f"{t('demo_mark', lang)} — {t('demo_banner', lang)}"
    st.html(f"<div class='atlas-demo-banner' role='note'>{text}</div>")


def page_style() -> None:
    """A little CSS: Thai-friendly line height and the demo banner's look."""
    st.html(
        """<style>
        html, body, [class*="st-"] { line-height: 1.6; }
        .atlas-demo-banner { background:#fff4e5; border-left:6px solid #b3541e; color:#5a2a0c;
          padding:.45rem .8rem; margin:0 0 .8rem 0; border-radius:4px; font-weight:600; }
        </style>"""
    )


MAP_FIRST_CSS = """<style>
[data-testid="stHeader"] { background: transparent; }
[data-testid="stMainBlockContainer"] { padding: 2.4rem 1.6rem 2rem 1.6rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: .5rem; }
.atlas-demo-banner { margin: 0 !important; padding: .1rem .7rem !important; font-size: .85rem;
  max-width: calc(100% - 7rem); }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.4rem; padding: 0; line-height: 1.3; }
[data-testid="stMetric"] { padding: .3rem .6rem !important; }
[data-testid="stMetricLabel"] p { font-size: .85rem; white-space: normal; line-height: 1.3; }
[data-testid="stMetricLabel"] div { white-space: normal; overflow: visible; }
[data-testid="stMetricValue"] { font-size: 1.5rem; line-height: 1.25; }
[data-testid="stMetricValue"] > div { line-height: 1.25; }
.st-key-atlas_controls_row [data-testid="stWidgetLabel"] { display: none; }
.st-key-atlas_controls_row [data-testid="stHorizontalBlock"] { gap: .5rem; }
.st-key-atlas_controls_row [role="radiogroup"] { flex-wrap: nowrap; gap: .2rem .6rem; white-space: nowrap; }
.st-key-atlas_controls_row [data-testid="stPopover"] button { padding-left: .5rem; padding-right: .5rem; }
.st-key-atlas_map_heading { min-height: 68px; }
[data-testid="stElementContainer"]:has(.atlas-placeholder) { display: none; }
@media (max-width: 640px) { .st-key-atlas_map_heading { min-height: 356px; } }
</style>"""


def map_first_style() -> None:
    """Map-first screens (map, overview, poverty): less frame around the content, so the map and the
    headline figures fill the first screen on a laptop and on a 1280x720 projector."""
    st.html(MAP_FIRST_CSS)


MAP_HEADING_KEY = "atlas_map_heading"  # its min-height: MAP_FIRST_CSS


def map_heading():
    """The map page's container for its title and controls, holding their space from the start. The
    map is sent first and the heading's widgets appear up to a second later (frame_ready): without
    the space the map would jump down under a person's pointer. The heights (MAP_FIRST_CSS) are the
    heading's own: title and one row of controls; stacked below 640 px, as Streamlit stacks columns."""
    heading = st.container(key=MAP_HEADING_KEY)
    _placeholder(heading)
    return heading


def sidebar_reserve() -> None:
    """Open the sidebar before a map-first page sends its map: its links are drawn after the map, and
    a sidebar that appeared then would push the map 300 px right and narrow it under the pointer."""
    _placeholder(st.sidebar)


def _placeholder(where) -> None:
    """An element the browser draws at once (st.html is loaded before any page) and MAP_FIRST_CSS
    hides: its container exists, and keeps its space, before anything else arrives in it."""
    where.html("<div class='atlas-placeholder'></div>")


def database_problem(lang: str) -> None:
    """Explain, in the user's language, why there is nothing to show."""
    st.error(t("not_ready", lang), icon=":material/build:")


def database_failure(error: Exception, lang: str) -> None:
    """A database error during a page: the app's own message (busy or unreachable), never a traceback."""
    text = str(getattr(error, "orig", error)).lower()
    busy = any(word in text for word in ("timeout", "canceling statement", "database is locked"))
    st.error(t("db_busy" if busy else "db_down", lang), icon=":material/cloud_off:")


@contextmanager
def run_log():
    """With ATLAS_RUN_LOG=path set (benchmarks only), append one line per script run: page and seconds."""
    path = os.environ.get("ATLAS_RUN_LOG")
    started = time.perf_counter()
    try:
        yield
    finally:
        if path:
            page = st.session_state.get("_page", "")
            with open(path, "a", encoding="utf-8") as log:
                log.write(f"{time.time():.3f} {page} {time.perf_counter() - started:.4f}\n")
