"""Who is using this run: the signed-in user, re-read from the database on every run, or nobody.

A sign-in is a session of `data_access.access.sessions`. The browser carries its token in the HttpOnly
`atlas_session` cookie, sent with the websocket handshake (`st.context.cookies`), so a reload, a new
tab or a deep link stays signed in. This Streamlit session keeps only the session id (the token's
hash) under `SIGNED_IN_KEY`, a key no widget uses; every run asks `sessions.session_user`, so
a sign-out elsewhere, an expired session, a deactivated user or a changed role or scope takes effect
at once. Pages read the user from here.

A websocket cannot set or clear a cookie, so signing in and out sends the browser once through a
route of `components.shell.session_routes`: `sign_in` and `sign_out` leave its address under `GO_KEY`,
and the next run draws a script that goes there.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

import streamlit as st

from components.shell.viewer import SIGNED_IN_KEY
from components.text import t
from data_access import cached
from data_access.access import auth, sessions
from data_access.access.auth import User

PUBLIC, OFFICER, ADMIN = "public", "officer", "admin"
USER_KEY = "_user"  # this run's User (a small frozen value), set by `resolve_user`
GO_KEY = "_browser_to"  # a cookie route the browser must visit next (set by sign-in and sign-out)
ENDED_KEY = "_session_over"  # a session this tab knows has ended: its cookie is ignored quietly


def resolve_user(url: str, lang: str) -> User | None:
    """The user of this run (or None); a session that is no longer valid is forgotten, with a notice."""
    state = st.session_state
    session_id = state.get(SIGNED_IN_KEY)
    if session_id is None:
        from_cookie = sessions.session_key(st.context.cookies.get(sessions.COOKIE))
        session_id = from_cookie if from_cookie != state.get(ENDED_KEY) else None
    user = sessions.session_user(cached.engine_for(url), session_id) if session_id is not None else None
    if user is not None:
        state[SIGNED_IN_KEY] = session_id
    elif session_id is not None:
        state.pop(SIGNED_IN_KEY, None)
        state[ENDED_KEY] = session_id if isinstance(session_id, str) else None
        st.warning(t("session_ended", lang), icon=":material/lock_clock:")
    state[USER_KEY] = user
    _follow_route(state.pop(GO_KEY, None))
    return user


def _follow_route(address: object) -> None:
    """Send the browser to a cookie route (it comes back to a page of the app by itself)."""
    if isinstance(address, str) and address.startswith((sessions.OPEN_ROUTE, sessions.CLOSE_ROUTE)):
        script = f"<script>window.location.replace({json.dumps(address)});</script>"
        st.html(script, unsafe_allow_javascript=True, width="content")


def current_user() -> User | None:
    user = st.session_state.get(USER_KEY)
    return user if isinstance(user, User) else None


def role_of(user: User | None) -> str:
    return user.role if user is not None else PUBLIC


def sign_in(url: str, username: str, password: str) -> User:
    """Check the password (AuthError when refused), start the session, and have the browser fetch
    its cookie and come back to this page."""
    engine = cached.engine_for(url)
    user = auth.authenticate(engine, username, password)
    started = sessions.start(engine, user)
    state = st.session_state
    state[SIGNED_IN_KEY] = started.session_id
    state[USER_KEY] = user
    state.pop(ENDED_KEY, None)
    state[GO_KEY] = _route(sessions.OPEN_ROUTE, ticket=started.ticket)
    return user


def sign_out(url: str) -> None:
    """End the session everywhere (other tabs and devices on their next action) and clear the cookie."""
    state = st.session_state
    session_id = state.pop(SIGNED_IN_KEY, None)
    sessions.end(cached.engine_for(url), session_id)
    state[ENDED_KEY] = session_id if isinstance(session_id, str) else None
    state.pop(USER_KEY, None)
    state[GO_KEY] = _route(sessions.CLOSE_ROUTE)


def _route(route: str, **values: str) -> str:
    """The route's address, asking it to come back to this page in this language."""
    page = st.session_state.get("_page")
    back = f"/{page}" if isinstance(page, str) else "/"
    return f"{route}?{urlencode({**values, 'next': back, 'lang': st.session_state.get('lang', 'th')})}"


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
