"""Small view state shared by every page: the language, kept in session state and in the URL (`lang`)."""

from __future__ import annotations

import streamlit as st

from analysis.units import small_count
from components.text import DEFAULT_LANGUAGE, LANGUAGES, t


def init_language() -> str:
    """Read `lang` from the URL on first load (invalid -> Thai with a notice), then from session state."""
    # The key can exist with no value before the radio is first drawn, so test the value itself.
    if st.session_state.get("lang") not in LANGUAGES:
        requested = st.query_params.get("lang", DEFAULT_LANGUAGE)
        if requested not in LANGUAGES:
            st.session_state["_notices"] = [("lang", requested)]
            requested = DEFAULT_LANGUAGE
        st.session_state["lang"] = requested
    return current_language()


def current_language() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def sync_url() -> None:
    """Write the language back to the URL so a copied link opens in the same language."""
    if st.query_params.get("lang") != current_language():
        st.query_params["lang"] = current_language()


def add_notices(notices: list[tuple[str, str]]) -> None:
    """Queue (parameter, value) notices for link parameters that were ignored."""
    st.session_state.setdefault("_notices", []).extend(notices)


def show_notices() -> None:
    """Visible notices for link parameters that were ignored (never an exception)."""
    for name, value in st.session_state.pop("_notices", []):
        st.warning(t("invalid_param", current_language(), name=name, value=value), icon=":material/warning:")


def privacy_note(any_hidden: bool, lang: str) -> None:
    """Say why some numbers read "<5", when some do (public viewers only)."""
    if any_hidden:
        from data_access.config import min_households

        k = min_households()
        st.caption(t("suppressed_note", lang, k=k, small=small_count(k)))
