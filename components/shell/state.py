"""The language of this session (the view package reads it from the link and writes it back), and the
privacy note every page with numbers shows."""

from __future__ import annotations

import streamlit as st

from analysis.units import small_count
from components.text import DEFAULT_LANGUAGE, LANGUAGES, t


def current_language() -> str:
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def privacy_note(any_hidden: bool, lang: str) -> None:
    """Say why some numbers read "<5", when some do (public viewers only)."""
    if any_hidden:
        from data_access.config import min_households

        k = min_households()
        st.caption(t("suppressed_note", lang, k=k, small=small_count(k)))
