"""The field-work screens: where (an area in scope or an area set) and when, the officer's worklist,
the referral overview with its exports, and the agency list. Figures come from `data_access.worklist`
(scope in SQL, audit rows); this module only draws."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from analysis.errors import AtlasError
from analysis.local_names import local_column
from components.fieldwork.households import area_picker
from components.shared.set_picker import set_picker
from components.text import t
from components.view import session
from components.view.fieldwork import FIELDWORK, FieldworkView
from data_access import agencies, cached, outcome, worklist
from data_access.access.auth import User
from data_access.schema import AGENCY_KINDS
from exports.tables import ExportColumn, table_csv, table_xlsx

WORKLIST_GROUPS = ("overdue", "due_this_week", "waiting", "not_referred")
SUMMARY_KEYS = {
    "referrals": ("fw_col_referrals", "count"),
    "open": ("fw_col_open", "count"),
    "resolved": ("fw_col_resolved", "count"),
    "helped": ("fw_col_helped", "count"),
    "median_days_to_resolution": ("fw_col_median_days", "number"),
    "due_counted": ("fw_col_due_counted", "count"),
    "share_resolved_within_due": ("fw_col_within_due", "percent"),
}


def place_filters(url: str, user: User, lang: str) -> dict:
    """Area (in the user's scope), optional area set and survey year."""
    cols = st.columns([1.6, 1.6, 0.8])
    area, _ = area_picker(cols[0], user, url, cached.areas(url), lang, "fw_area")
    session.resolve(FIELDWORK, None, url)  # the link's `set`
    session.show_notices()
    with cols[1]:
        set_id = set_picker(url, lang, "fw_set")
    session.write_url(FIELDWORK, FieldworkView(set_id))
    years = cached.survey_years(url)
    year = cols[2].selectbox(t("year", lang), years[::-1], key="fw_year")
    return {"area_code": area, "set_id": set_id, "year": int(year)}


def worklist_tab(url: str, user: User, place: dict, lang: str) -> None:
    try:
        groups = worklist.officer_worklist(cached.engine_for(url), user, place["area_code"], place["year"])
    except AtlasError as problem:
        st.error(problem.message(lang), icon=":material/error:")
        return
    name = local_column(lang, "tambon_name")
    for group in WORKLIST_GROUPS:
        frame = groups[group]
        st.markdown(f"**{t(f'fw_{group}', lang, n=len(frame))}**")
        if frame.empty:
            continue
        shown = pd.DataFrame(
            {
                t("col_code", lang): frame["household_ref"],
                t("level_tambon", lang): frame[name],
                t("fw_open_household", lang): [f"households?household={h}" for h in frame["household_id"]],
            }
        )
        if group != "not_referred":
            shown[t("fw_ref_agency", lang)] = frame["agency"].to_numpy()
            shown[t("ref_status", lang)] = [t(f"fw_ev_{s}", lang) for s in frame["status"]]
            shown[t("fw_ref_due", lang)] = frame["due_on"].to_numpy()
        st.dataframe(
            shown,
            hide_index=True,
            key=f"fw_list_{group}",
            column_config={t("fw_open_household", lang): st.column_config.LinkColumn(display_text="→")},
        )


def dashboard_tab(url: str, user: User, place: dict, lang: str) -> None:
    engine = cached.engine_for(url)
    try:
        figures = worklist.followup_dashboard(
            engine, user, area_code=None if place["set_id"] else place["area_code"], set_id=place["set_id"]
        )
    except AtlasError as problem:
        st.error(problem.message(lang), icon=":material/error:")
        return
    total = figures["total"]
    if total.empty:
        st.caption(t("hh_no_referrals", lang))
        return
    row = total.iloc[0]
    cols = st.columns(4)
    cols[0].metric(t("fw_col_open", lang), f"{int(row['open']):,}")
    cols[1].metric(t("fw_col_resolved", lang), f"{int(row['resolved']):,}")
    cols[2].metric(t("fw_col_median_days", lang), _number(row["median_days_to_resolution"]))
    cols[3].metric(t("fw_col_within_due", lang), _number(row["share_resolved_within_due"], "{:.1f}"))
    st.caption(t("fw_dashboard_note", lang))
    where = f"set-{place['set_id']}" if place["set_id"] else place["area_code"]
    name = local_column(lang, "tambon_name")
    for key, label, first in (("by_agency", "fw_by_agency", "agency"), ("by_tambon", "fw_by_tambon", name)):
        st.markdown(f"**{t(label, lang)}**")
        frame = figures[key]
        columns = [
            ExportColumn(first, t("fw_ref_agency" if key == "by_agency" else "level_tambon", lang))
        ] + [ExportColumn(column, t(text, lang), kind) for column, (text, kind) in SUMMARY_KEYS.items()]
        st.dataframe(
            frame[[c.key for c in columns]].rename(columns={c.key: c.header for c in columns}),
            hide_index=True,
            key=f"fw_{key}",
        )
        _exports(engine, user, frame, columns, f"referrals-{key}-{where}", t(label, lang), lang, place)


OUTCOME_KEYS = {
    "households": ("col_households_n", "count"),
    "improved_share": ("fw_col_improved", "percent"),
    "worsened_share": ("fw_col_worsened", "percent"),
    "mean_class_change": ("fw_col_class_change", "change"),
    "mean_deprivation_change": ("fw_col_deprivation_change", "change"),
    "left_target_poor_share": ("fw_col_left_target_poor", "percent"),
}


def outcome_tab(url: str, user: User, place: dict, lang: str) -> None:
    years = cached.survey_years(url)
    if len(years) < 2:
        st.caption(t("pov_no_households", lang))
        return
    cols = st.columns([1, 1, 3])
    year_from = cols[0].selectbox(t("fw_outcome_from", lang), years[:-1], key="fw_outcome_from")
    year_to = cols[1].selectbox(
        t("fw_outcome_to", lang), [y for y in years if y > year_from][::-1], key="fw_outcome_to"
    )
    st.info(t("fw_outcome_caveat", lang), icon=":material/info:")
    engine = cached.engine_for(url)
    try:
        summary = outcome.referral_outcome(engine, user, place["area_code"], int(year_from), int(year_to))
    except AtlasError as problem:
        st.error(problem.message(lang), icon=":material/error:")
        return
    summary["group_label"] = [t(f"fw_group_{g}", lang) for g in summary["group"]]
    columns = [ExportColumn("group_label", t("fw_col_group", lang))] + [
        ExportColumn(column, t(text, lang), kind) for column, (text, kind) in OUTCOME_KEYS.items()
    ]
    st.dataframe(
        summary[[c.key for c in columns]].rename(columns={c.key: c.header for c in columns}).round(2),
        hide_index=True,
        key="fw_outcome_table",
    )
    stem = f"referral-outcome-{place['area_code']}-{year_from}-{year_to}"
    _exports(engine, user, summary, columns, stem, t("fw_outcome", lang), lang, place, "fw_outcome_caveat")


def agencies_tab(url: str, user: User, lang: str) -> None:
    engine = cached.engine_for(url)
    listed = agencies.list_agencies(engine, active_only=False)
    st.dataframe(
        pd.DataFrame(
            {
                t("fw_agency_name", lang): listed["name"],
                t("fw_agency_kind", lang): [t(f"fw_kind_{k}", lang) for k in listed["kind"]],
                t("fw_agency_contact", lang): listed["contact"],
            }
        ),
        hide_index=True,
        key="fw_agency_list",
    )
    if not user.is_admin:
        return
    with st.form("fw_agency_form", clear_on_submit=True):
        st.markdown(f"**{t('fw_agency_add', lang)}**")
        cols = st.columns([2, 1, 2])
        name = cols[0].text_input(t("fw_agency_name", lang), max_chars=200, key="fw_agency_name")
        kind = cols[1].selectbox(
            t("fw_agency_kind", lang),
            AGENCY_KINDS,
            format_func=lambda k: t(f"fw_kind_{k}", lang),
            key="fw_agency_kind",
        )
        contact = cols[2].text_input(t("fw_agency_contact", lang), max_chars=300, key="fw_agency_contact")
        saved = st.form_submit_button(t("fw_agency_add", lang), icon=":material/add:")
    if saved:
        try:
            agencies.save_agency(engine, user, name, kind, contact or None)
        except AtlasError as problem:
            st.error(problem.message(lang), icon=":material/error:")
            return
        st.success(t("fw_agency_saved", lang), icon=":material/check_circle:")


def _exports(engine, user, frame, columns, file_stem, title, lang, place, note="fw_dashboard_note") -> None:
    def built(make):
        worklist.record_export(engine, user, file_stem, place["area_code"], len(frame))
        return make()

    csv = partial(built, lambda: table_csv(frame, columns))
    notes = [(title, t(note, lang))]
    xlsx = partial(
        built, lambda: table_xlsx(frame, columns, title, t("fw_dashboard", lang), notes, pd.DataFrame())
    )
    cols = st.columns([1, 1, 4])
    cols[0].download_button(
        t("fw_export_csv", lang),
        data=csv,
        file_name=f"{file_stem}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"{file_stem}-csv",
        icon=":material/download:",
    )
    cols[1].download_button(
        t("fw_export_xlsx", lang),
        data=xlsx,
        file_name=f"{file_stem}.xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{file_stem}-xlsx",
        icon=":material/download:",
    )


def _number(value, pattern: str = "{:.0f}") -> str:
    return "–" if pd.isna(value) else pattern.format(value)
