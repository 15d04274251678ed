"""The overview's choices: province, survey year and an optional area set, read from and written to
the URL (`province`, `year`, `set`) so a link opens the same overview."""

from __future__ import annotations

import streamlit as st

from analysis.local_names import local_column
from components.present_state import Target, parse_year
from components.set_filter import set_picker
from components.state import add_notices
from components.text import t
from data_access import cached


def overview_controls(url: str, lang: str) -> tuple[Target | None, str | None, int | None]:
    """(target, province, year): the set when one is chosen, else the province."""
    provinces = cached.provinces_with_data(url)
    years = cached.survey_years(url)
    if not provinces or not years:
        return None, None, None
    areas = cached.areas(url).set_index("code")
    name = local_column(lang)
    if "ov_province" not in st.session_state:
        wanted = st.query_params.get("province", provinces[0])
        if wanted not in provinces:
            add_notices([("province", wanted)])
            wanted = provinces[0]
        st.session_state["ov_province"] = wanted
        year, notices = parse_year(dict(st.query_params), years)
        add_notices(notices)
        st.session_state["ov_year"] = year
    cols = st.columns([1.2, 0.8, 1.6])
    province = cols[0].selectbox(
        t("province", lang), provinces, format_func=lambda c: areas.at[c, name], key="ov_province"
    )
    year = cols[1].selectbox(t("year", lang), years, key="ov_year")
    with cols[2]:
        set_id = set_picker(url, lang, key="set_ov")
    if set_id is not None:
        members = cached.area_set_members(url, set_id)
        province = max({m[:2] for m in members}, key=[m[:2] for m in members].count) if members else province
        target = Target("set", str(set_id))
    else:
        target = Target("area", province)
    st.query_params["province"] = province
    st.query_params["year"] = str(year)
    return target, province, year
