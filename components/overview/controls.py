"""The overview's pickers: province, survey year and an optional area set. The view is
`components.view.present.OVERVIEW`, resolved, stored and written to the URL by `components.view.session`."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from analysis.local_names import local_column
from components.shared.area_picker import load_choices
from components.shared.set_picker import set_picker
from components.text import t
from components.view import session
from components.view.present import OVERVIEW, OverviewView
from data_access import cached


def overview_controls(url: str, lang: str) -> OverviewView | None:
    """The view: its target is the set when one is chosen, else the province (or, the picker's first
    entry, the whole country); with a set, the province is the one most of its members lie in. None
    while there is no data."""
    choices = load_choices(url)
    if not choices.provinces_with_data or not choices.years:
        return None
    view = session.resolve(OVERVIEW, choices, url)
    areas = cached.areas(url).set_index("code")
    name = local_column(lang)
    provinces = [p for p in choices.provinces if p in choices.provinces_with_data]
    cols = st.columns([1.2, 0.8, 1.6])
    cols[0].selectbox(
        t("province", lang),
        ["", *provinces],  # "": the whole country (province=all in the link)
        format_func=lambda c: areas.at[c, name] if c else t("whole_country", lang),
        key="ov_province",
    )
    cols[1].selectbox(t("year", lang), choices.years, key="ov_year")
    with cols[2]:
        set_picker(url, lang, key="set_ov")
    if view.set is not None:
        members = cached.area_set_members(url, view.set)
        if members:
            view = replace(view, province=max({m[:2] for m in members}, key=[m[:2] for m in members].count))
    return view
