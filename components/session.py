"""Who is using this session: the signed-in user, re-read from the database on every run, or nobody.

The session keeps only (user id, sign-in time) under `cached.SIGNED_IN_KEY`, a key no widget uses, so
a browser cannot set it; every run asks `data_access.auth.current_user`, so an expired session, a
deactivated user or a changed role or scope takes effect at once. Pages read the user from here.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.i18n import t
from data_access import auth, cached
from data_access.auth import User

PUBLIC, OFFICER, ADMIN = "public", "officer", "admin"
USER_KEY = "_user"  # this run's User (a small frozen value), set by `resolve_user`


def resolve_user(url: str, lang: str) -> User | None:
    """The user of this run (or None); a session that is no longer valid is forgotten, with a notice."""
    state = st.session_state
    session = state.get(cached.SIGNED_IN_KEY)
    user = None
    if isinstance(session, dict):
        user = auth.current_user(cached.engine_for(url), session.get("user_id"), session.get("signed_in_at"))
        if user is None:
            state.pop(cached.SIGNED_IN_KEY, None)
            st.warning(t("session_ended", lang), icon=":material/lock_clock:")
    elif session is not None:
        state.pop(cached.SIGNED_IN_KEY, None)
    state[USER_KEY] = user
    return user


def current_user() -> User | None:
    user = st.session_state.get(USER_KEY)
    return user if isinstance(user, User) else None


def role_of(user: User | None) -> str:
    return user.role if user is not None else PUBLIC


def sign_in(url: str, username: str, password: str) -> User:
    """Check the password (AuthError when refused) and start the session."""
    user = auth.authenticate(cached.engine_for(url), username, password)
    st.session_state[cached.SIGNED_IN_KEY] = {"user_id": user.id, "signed_in_at": user.signed_in_at}
    st.session_state[USER_KEY] = user
    return user


def sign_out(url: str) -> None:
    auth.sign_out(cached.engine_for(url), current_user())
    st.session_state.pop(cached.SIGNED_IN_KEY, None)
    st.session_state.pop(USER_KEY, None)


def require_role(*roles: str) -> User:
    """Stop the page (with a message) unless the user has one of `roles`: a second lock behind the
    navigation, which already hides pages a role may not open."""
    user = current_user()
    if role_of(user) not in roles:
        lang = st.session_state.get("lang", "th")
        st.error(t("not_allowed", lang), icon=":material/lock:")
        st.page_link("pages/signin.py", label=t("nav_signin", lang), icon=":material/login:")
        st.stop()
    return user


def signed_in_since(user: User) -> str:
    return user.signed_in_at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%H:%M")
