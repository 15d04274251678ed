"""Referrals of one household followed to their outcome: progress (dated status events), a new
referral to an agency of the managed list with a due date, and a status change. Writes go through
`data_access.referral_followup` (scope in SQL, recompute, audit); this module only draws."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis.errors import AtlasError
from components.text import t
from data_access import agencies, cached, referral_followup
from data_access.access.auth import User
from data_access.access.household_access import THAILAND
from data_access.schema import REFERRAL_EVENT_STATUSES

DEFAULT_DUE_DAYS = 30


def referral_panel(url: str, user: User, household_id: int, lang: str) -> None:
    engine = cached.engine_for(url)
    events = referral_followup.referral_events(engine, user, household_id)
    st.markdown(f"**{t('fw_ref_events', lang)}**")
    if events.empty:
        st.caption(t("hh_no_referrals", lang))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("fw_ref_which", lang): events["referral_id"],
                    t("fw_ref_agency", lang): events["agency"],
                    t("fw_ref_due", lang): events["due_on"],
                    t("ref_status", lang): [t(f"fw_ev_{s}", lang) for s in events["status"]],
                    t("fw_ref_on", lang): events["happened_on"],
                    t("fw_note", lang): events["note"],
                    t("fw_col_who", lang): events["recorded_by"].fillna("-"),
                }
            ),
            hide_index=True,
            key=f"ref_events_{household_id}",
        )
    if _new_referral(url, user, household_id, lang):  # the first referral opens the status form now
        events = referral_followup.referral_events(engine, user, household_id)
    if not events.empty:
        _status_change(url, user, sorted(set(events["referral_id"])), lang)


def _new_referral(url: str, user: User, household_id: int, lang: str) -> bool:
    """The new-referral form; True when a referral was saved in this run."""
    listed = agencies.list_agencies(cached.engine_for(url))
    if listed.empty:
        st.caption(t("fw_no_agencies", lang))
        return False
    names = dict(zip(listed["id"], listed["name"]))
    today = dt.datetime.now(THAILAND).date()
    with st.form(f"ref_new_{household_id}", clear_on_submit=True):
        st.markdown(f"**{t('ref_form', lang)}**")
        cols = st.columns(2)
        agency_id = cols[0].selectbox(
            t("fw_ref_agency", lang), list(names), format_func=names.get, key=f"ref_agency_{household_id}"
        )
        kind = cols[1].text_input(t("ref_kind", lang), max_chars=200, key=f"ref_kind_{household_id}")
        cols = st.columns(2)
        referred_on = cols[0].date_input(
            t("ref_referred_on", lang),
            value=today,
            max_value=today,
            format="DD/MM/YYYY",
            key=f"ref_on_{household_id}",
        )
        due_on = cols[1].date_input(
            t("fw_ref_due", lang),
            value=today + dt.timedelta(days=DEFAULT_DUE_DAYS),
            format="DD/MM/YYYY",
            key=f"ref_due_{household_id}",
        )
        note = st.text_input(t("ref_note", lang), max_chars=2000, key=f"ref_note_{household_id}")
        saved = st.form_submit_button(t("ref_save", lang), type="primary", icon=":material/send:")
    if not saved:
        return False
    return _write(
        lambda: referral_followup.refer_household(
            cached.engine_for(url), user, household_id, agency_id, kind, referred_on, due_on, note or None
        ),
        "ref_saved",
        lang,
    )


def _status_change(url: str, user: User, referral_ids: list[int], lang: str) -> None:
    today = dt.datetime.now(THAILAND).date()
    key = f"ref_change_{referral_ids[0]}"
    with st.form(key, clear_on_submit=True):
        st.markdown(f"**{t('fw_ref_change', lang)}**")
        cols = st.columns([1, 1.4, 1])
        referral_id = cols[0].selectbox(t("fw_ref_which", lang), referral_ids[::-1], key=f"{key}_which")
        status = cols[1].selectbox(
            t("ref_status", lang),
            REFERRAL_EVENT_STATUSES[1:],
            format_func=lambda s: t(f"fw_ev_{s}", lang),
            key=f"{key}_status",
        )
        on = cols[2].date_input(
            t("fw_ref_on", lang), value=today, max_value=today, format="DD/MM/YYYY", key=f"{key}_on"
        )
        note = st.text_input(t("fw_note", lang), max_chars=2000, key=f"{key}_note")
        saved = st.form_submit_button(t("fw_ref_event_save", lang), icon=":material/update:")
    if saved:
        _write(
            lambda: referral_followup.record_status(
                cached.engine_for(url), user, referral_id, status, on, note or None
            ),
            "fw_ref_event_saved",
            lang,
        )


def _write(action, message: str, lang: str) -> bool:
    from components.fieldwork.household_form import refresh_after_save

    try:
        number = action()
    except AtlasError as problem:
        st.error(problem.message(lang), icon=":material/error:")
        return False
    refresh_after_save()
    st.success(t(message, lang, id=number), icon=":material/check_circle:")
    return True
