"""The officers' household screens: filters inside the user's scope, the masked list, one household's
detail (capitals, deprivations, history, referrals) and the referral form. Every read goes through
`data_access.access.household_access`, which checks the scope again in SQL and writes the audit log."""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.capitals import CAPITAL_COLUMNS, STATUS_CLASSES, STATUS_NAMES_EN, STATUS_NAMES_TH
from analysis.errors import AtlasError
from analysis.local_names import in_language, local_column, local_name, local_names
from analysis.tambon_indicators import TPMAP_DIMENSIONS
from components.fieldwork.household_form import edit_household_form, history_panel, verification_panel
from components.fieldwork.referrals import referral_panel
from components.text import TEXT, t
from components.view import session
from components.view.fieldwork import HOUSEHOLD
from data_access import cached
from data_access.access import household_access
from data_access.access.auth import User
from data_access.schema import VERIFICATION_STATES


def area_choices(user: User, areas: pd.DataFrame, with_data: list[str]) -> list[str]:
    """Provinces and amphoe the user may open: an admin's are those with data; an officer's are the
    assigned ones and, for a province, its amphoe."""
    roots = with_data if user.is_admin else list(user.scopes)
    amphoes = areas[areas["level"] == "amphoe"]
    choices = []
    for code in roots:
        choices.append(code)
        if len(code) == 2:
            choices += amphoes.loc[amphoes["parent_code"] == code, "code"].tolist()
    return choices


def area_picker(column, user: User, url: str, areas: pd.DataFrame, lang: str, key: str) -> tuple[str, dict]:
    """(chosen province or amphoe of the user's scope, area names in `lang`); stops the page with a
    notice when the user has no area at all."""
    names = local_names(areas, lang)
    choices = area_choices(user, areas, cached.provinces_with_data(url))
    if not choices:
        st.info(t("not_allowed", lang))
        st.stop()
    area = column.selectbox(
        t("hh_area", lang), choices, key=key, format_func=lambda c: f"{names.get(c, c)} ({c})"
    )
    return area, names


def filters(user: User, url: str, areas: pd.DataFrame, lang: str) -> dict:
    cols = st.columns([1.6, 1.6, 0.8])
    area, names = area_picker(cols[0], user, url, areas, lang, "hh_area")
    tambons = areas.loc[(areas["level"] == "tambon") & areas["code"].str.startswith(area), "code"].tolist()
    tambon = cols[1].selectbox(
        t("level_tambon", lang), ["", *tambons] if len(area) == 4 else [""], key="hh_tambon",
        format_func=lambda c: names.get(c, t("hh_any", lang)), disabled=len(area) != 4,
    )  # fmt: skip
    years = cached.survey_years(url)
    year = cols[2].selectbox(t("year", lang), years[::-1], key="hh_year")
    status_names = in_language((STATUS_NAMES_TH, STATUS_NAMES_EN), lang)
    labels = {code: status_names[number] for number, code in STATUS_CLASSES.items()}
    cols = st.columns([1.2, 1.2, 1, 1])
    status = cols[0].selectbox(
        t("hh_status", lang), ["", *labels], key="hh_status_class",
        format_func=lambda s: labels.get(s, t("hh_any", lang)),
    )  # fmt: skip
    dimension = cols[1].selectbox(
        t("hh_dimension", lang), ["", *TPMAP_DIMENSIONS], key="hh_dimension",
        format_func=lambda d: t(f"pr_dim_{d}", lang) if d else t("hh_any", lang),
    )  # fmt: skip
    welfare = cols[2].toggle(t("hh_welfare", lang), key="hh_welfare")
    not_referred = cols[3].toggle(t("hh_not_referred", lang), key="hh_not_referred")
    verification = st.selectbox(
        t("fw_verification_state", lang), ["", *VERIFICATION_STATES], key="hh_verification",
        format_func=lambda s: t(f"fw_ver_{s}", lang) if s else t("hh_any", lang),
    )  # fmt: skip
    return {
        "area_code": tambon or area,
        "year": int(year),
        "status": status or None,
        "deprived_dimension": dimension or None,
        "welfare_card": True if welfare else None,
        "not_referred": bool(not_referred),
        "verification": verification or None,
    }


def household_table(url: str, user: User, chosen: dict, lang: str) -> pd.DataFrame:
    """The masked list; returns it so the page can find the selected household."""
    frame = cached.household_list(url, user, tuple(chosen.items()))
    st.caption(t("hh_count", lang, n=frame.attrs.get("total", len(frame)), shown=len(frame)))
    name = local_column(lang, "tambon_name")
    status_names = in_language((STATUS_NAMES_TH, STATUS_NAMES_EN), lang)
    shown = pd.DataFrame(
        {
            "ref": frame["household_ref"],
            "tambon": frame[name],
            "village": frame["village_no"],
            "members": frame["members"],
            "welfare": frame["welfare_card"].astype(bool),
            "status": [status_names.get(int(c), "–") if pd.notna(c) else "–" for c in frame["status_class"]],
            "dimensions": frame["deprived_dimensions"],
            "target_poor": frame["target_poor"].astype(bool),
            "referral": [referral_label(r, lang) for r in frame["referral_state"]],
            "verification": [t(f"fw_ver_{s}", lang) for s in frame["verification_state"]],
        }
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 420),
        key="hh_rows",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "ref": st.column_config.TextColumn(t("col_code", lang)),
            "tambon": st.column_config.TextColumn(t("level_tambon", lang)),
            "village": st.column_config.NumberColumn(t("hh_col_village", lang)),
            "members": st.column_config.NumberColumn(t("col_people", lang)),
            "welfare": st.column_config.CheckboxColumn(t("hh_welfare", lang)),
            "status": st.column_config.TextColumn(t("hh_status", lang)),
            "dimensions": st.column_config.TextColumn(t("hh_dimension", lang)),
            "target_poor": st.column_config.CheckboxColumn(t("col_target_poor", lang)),
            "referral": st.column_config.TextColumn(t("hh_referrals", lang)),
            "verification": st.column_config.TextColumn(t("fw_verification", lang)),
        },
    )
    st.caption(t("hh_select_hint", lang))
    engine = cached.engine_for(url)
    st.download_button(
        t("hh_export", lang),
        data=partial(household_access.household_export_csv, engine, user, lang=lang, **chosen),
        file_name=f"households-{chosen['area_code']}-{chosen['year']}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="hh_export",
    )
    return frame


def selected_household(frame: pd.DataFrame) -> object:
    """The household chosen in the list, else the one named by the link (`household=<id>`): the data
    layer checks the scope of either, so a number from another province only gets a refusal."""
    selection = st.session_state.get("hh_rows")
    rows = selection.selection.rows if selection is not None else []
    if rows and rows[0] < len(frame):
        return int(frame.iloc[rows[0]]["household_id"])
    linked = session.resolve(HOUSEHOLD, None).household
    return int(linked) if linked is not None and linked.isascii() and linked.isdigit() else linked


def household_detail(url: str, user: User, household_id: object, lang: str) -> None:
    try:
        detail = household_access.household_detail(cached.engine_for(url), user, household_id)
    except AtlasError as problem:
        st.error(problem.message(lang), icon=":material/error:")
        return
    household_id = int(detail.household["household_id"])
    row = detail.household
    name = local_name(row, lang, "tambon_name")
    st.subheader(t("hh_detail", lang, ref=row["household_ref"], village=row["village_no"], tambon=name))
    left, right = st.columns([1, 1.3])
    with left:
        st.markdown(f"**{t('hh_capitals', lang)}**")
        labels = [t(f"hh_{c}", lang) for c in CAPITAL_COLUMNS]
        scores = [row.get(c) for c in CAPITAL_COLUMNS]
        radar = go.Figure(
            go.Scatterpolar(
                r=[*scores, scores[0]], theta=[*labels, labels[0]], fill="toself", line_color="#b3541e"
            )
        )
        radar.update_layout(polar={"radialaxis": {"range": [0, 4]}}, height=320, margin={"t": 20, "b": 20})
        st.plotly_chart(radar, key="hh_radar")
    with right:
        st.markdown(f"**{t('hh_deprivations', lang)}**")
        deprived = detail.deprivations[detail.deprivations["deprived"] == 1]
        table = pd.DataFrame(
            {
                t("indicator", lang): deprived[local_column(lang)],
                t("hh_dimension", lang): [dimension_label(d, lang) for d in deprived["dimension"]],
            }
        )
        st.dataframe(table, hide_index=True, key="hh_deprived", height=min(38 + 35 * len(table), 300))
    st.markdown(f"**{t('hh_history', lang)}**")
    status_names = in_language((STATUS_NAMES_TH, STATUS_NAMES_EN), lang)
    history = detail.history
    st.dataframe(
        pd.DataFrame(
            {
                t("col_year", lang): history["survey_year"].astype(str),
                t("col_people", lang): history["members"],
                t("hh_capitals", lang): history["mean_capital_score"].round(2),
                t("hh_status", lang): [
                    status_names.get(int(c), "–") if pd.notna(c) else "–" for c in history["status_class"]
                ],
                t("hh_dimension", lang): history["deprived_dimensions"],
                t("hh_referrals", lang): [referral_label(r, lang) for r in history["referral_state"]],
            }
        ),
        hide_index=True,
        key="hh_history",
    )
    verification_panel(url, user, household_id, lang)
    referral_panel(url, user, household_id, lang)
    edit_household_form(url, user, household_id, lang)
    history_panel(url, user, household_id, lang)


def dimension_label(code: str, lang: str) -> str:
    return t(f"pr_dim_{code}", lang) if f"pr_dim_{code}" in TEXT else str(code)


def referral_label(state: str, lang: str) -> str:
    key = f"ref_status_{state}"
    return t(key, lang) if key in TEXT else t("hh_no_referrals", lang) if state == "none" else str(state)
