"""Who is looking, as far as the numbers go: the suppression threshold of this session, passed down
to every cached query as an argument (part of its cache key), so the query layer never reads the
session."""

from __future__ import annotations

import streamlit as st

from data_access.config import min_households

SIGNED_IN_KEY = "_signed_in"  # set by the sign-in screen only; never a widget key


def viewer_min_households() -> int | None:
    """The suppression threshold for this session: small counts are hidden from viewers who are not
    signed in; officers and administrators see the stored numbers."""
    if st.session_state.get(SIGNED_IN_KEY):
        return None
    k = min_households()
    return k if k > 1 else None  # 1: suppression switched off
