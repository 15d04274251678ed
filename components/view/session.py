"""The one place a view meets Streamlit: read from the link on a page's first run (bad values become
notices), from the widgets after that, stored back into the widget keys before they are drawn, and
written to the URL once at the end of the run. The only module that writes `st.query_params`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from components.shell.state import current_language
from components.text import DEFAULT_LANGUAGE, LANGUAGES, t
from components.view.fields import Field, Screen, default_view, parse_params
from data_access import cached

NOTICES_KEY = "_notices"


def resolve(screen: Screen, choices, url: str | None = None, then: Callable | None = None):
    """The screen's view for this run: from the link when its widgets hold nothing yet (or it keeps its
    view in the link only), else from the widgets; `then` applies what happened since (a map click);
    the screen's rule makes the parts agree; the widget keys get the result."""
    if from_link(screen):
        view, notices = parse_params(screen, st.query_params.to_dict(), choices, _set_ids(screen, url))
        add_notices(notices)
    else:
        view = current(screen, choices)
    if then is not None:
        view = then(view)
    view = screen.normalise(view, choices)
    store(screen, view)
    return view


def from_link(screen: Screen) -> bool:
    """True when this run reads the screen's view from the link (its first run on the page)."""
    keyed = screen.keyed
    return not keyed or keyed[0].key not in st.session_state


def current(screen: Screen, choices):
    """The view the widgets hold now (a key not yet set keeps its default), for callbacks."""
    state = st.session_state
    defaults = default_view(screen, choices)
    values = {}
    for field in screen.keyed:
        held = _held(field, state)
        values[field.name] = getattr(defaults, field.name) if held is None else field.widget.from_widget(held)
    return replace(defaults, **values)


def store(screen: Screen, view) -> None:
    """Put `view` into the screen's widget keys (before the widgets are drawn)."""
    state = st.session_state
    for field in screen.keyed:
        value = field.widget.to_widget(getattr(view, field.name))
        if field.keep_input and not value and field.key in state:
            continue  # keep what the viewer is still typing
        if isinstance(field.key, tuple):
            for key, part in zip(field.key, value):
                state[key] = part
        else:
            state[field.key] = value


def write_url(screen: Screen, view) -> None:
    """The link of this view in this language, written only when it changed."""
    params = screen.link(view, current_language())
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)


def _held(field: Field, state):
    if isinstance(field.key, tuple):
        return tuple(state[k] for k in field.key) if all(k in state for k in field.key) else None
    return state[field.key] if field.key in state else None


def _set_ids(screen: Screen, url: str | None) -> frozenset[int]:
    if url is None or not any(f.name == "set" for f in screen.fields):
        return frozenset()
    return frozenset(int(i) for i in cached.area_set_list(url)["id"])


# --- the language, kept in session state and in every link (`lang`)


def init_language() -> str:
    """Read `lang` from the URL on first load (invalid -> Thai with a notice), then from session state."""
    # The key can exist with no value before the radio is first drawn, so test the value itself.
    if st.session_state.get("lang") not in LANGUAGES:
        requested = st.query_params.get("lang", DEFAULT_LANGUAGE)
        if requested not in LANGUAGES:
            st.session_state[NOTICES_KEY] = [("lang", requested)]
            requested = DEFAULT_LANGUAGE
        st.session_state["lang"] = requested
    return current_language()


def sync_language() -> None:
    """Write the language to the link of a page that has no view of its own, so a copied link opens
    in the same language (pages with a view write it with their view)."""
    if st.query_params.get("lang") != current_language():
        st.query_params["lang"] = current_language()


# --- notices: link values that were ignored


def add_notices(notices: list[tuple[str, str]]) -> None:
    """Queue (parameter, value) notices for link parameters that were ignored."""
    st.session_state.setdefault(NOTICES_KEY, []).extend(notices)


def show_notices() -> None:
    """Visible notices for link parameters that were ignored (never an exception)."""
    for name, value in st.session_state.pop(NOTICES_KEY, []):
        st.warning(t("invalid_param", current_language(), name=name, value=value), icon=":material/warning:")
