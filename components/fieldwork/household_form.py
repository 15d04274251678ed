"""The household form (new or edit), removal, verification and change history with restore. Every
read and write goes through `data_access.household_records` and `data_access.verification`, which
check the scope again in SQL, refuse a lost update and write the audit log; this module only draws."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analysis.capitals import CAPITAL_COLUMNS
from analysis.errors import AtlasError, FormError, StaleVersion
from analysis.local_names import in_language, local_names
from components.shell.refresh import data_changed
from components.text import t
from components.view import session
from components.view.fieldwork import HOUSEHOLD, HouseholdView
from data_access import cached, household_records, verification
from data_access.access.auth import User
from data_access.access.household_access import THAILAND
from data_access.schema import VERIFICATION_STATES

ANSWERS = ("0", "1", "na")
SCORES = (None, 1, 2, 3, 4)


def new_household_form(url: str, user: User, areas: pd.DataFrame, chosen: dict, lang: str) -> int | None:
    """Record a household found in the field in a tambon of the chosen area (the filters keep it in
    the user's scope; the data layer checks again). Returns the new household's id once saved, and
    puts it in the link, so the page goes on to show it for verification and referral."""
    in_area = areas[(areas["level"] == "tambon") & areas["code"].str.startswith(chosen["area_code"])]
    tambons = in_area["code"].tolist()
    names = local_names(areas, lang)
    year = chosen["year"]
    with st.expander(t("fw_new", lang), icon=":material/person_add:"):
        with st.form("hf_new", clear_on_submit=False):
            tambon = st.selectbox(
                t("level_tambon", lang),
                tambons,
                key="hf_new_tambon",
                format_func=lambda c: f"{names.get(c, c)} ({c})",
            )
            form = _fields("hf_new_", {}, url, lang)
            saved = st.form_submit_button(t("fw_save", lang), type="primary", icon=":material/save:")
        if saved:
            try:
                number = household_records.create_household(
                    cached.engine_for(url), user, tambon, int(year), form
                )
            except AtlasError as problem:
                _show_problem(problem, form, lang)
                return None
            refresh_after_save()
            st.success(t("fw_created", lang, id=number), icon=":material/check_circle:")
            session.write_url(HOUSEHOLD, HouseholdView(str(number)))  # the link opens it again
            return number
    return None


def edit_household_form(url: str, user: User, household_id: int, lang: str) -> None:
    """Edit (with the version it was read at) or remove the household."""
    engine = cached.engine_for(url)
    current = household_records.household_for_edit(engine, user, household_id)
    if current["removed_reason"]:
        st.warning(t("fw_removed", lang, reason=current["removed_reason"]), icon=":material/block:")
    with st.expander(t("fw_edit", lang, version=current["version"]), icon=":material/edit:"):
        prefix = f"hf_{household_id}_{current['version']}_"  # a new version starts from its own values
        with st.form(f"{prefix}form"):
            form = _fields(prefix, current, url, lang)
            saved = st.form_submit_button(t("fw_save", lang), type="primary", icon=":material/save:")
        if saved:
            _save(
                lambda: household_records.update_household(
                    engine, user, household_id, form, current["version"]
                ),
                form,
                lang,
            )
        with st.form(f"{prefix}remove"):
            reason = st.text_input(t("fw_remove_reason", lang), max_chars=500, key=f"{prefix}reason")
            removed = st.form_submit_button(t("fw_remove_button", lang), icon=":material/block:")
        if removed:
            _save(
                lambda: household_records.remove_household(
                    engine, user, household_id, reason, current["version"]
                ),
                {},
                lang,
            )


def verification_panel(url: str, user: User, household_id: int, lang: str) -> None:
    engine = cached.engine_for(url)
    current = verification.verification_of(engine, user, household_id)
    st.markdown(f"**{t('fw_verification', lang)}**")
    if current["recorded_on"] is not None:
        st.caption(
            t(
                "fw_verification_by",
                lang,
                state=t(f"fw_ver_{current['state']}", lang),
                who=current["recorded_by"] or "-",
                on=current["recorded_on"],
            )
        )
    today = dt.datetime.now(THAILAND).date()
    with st.form(f"ver_{household_id}"):
        cols = st.columns([1.2, 1, 2])
        state = cols[0].selectbox(
            t("fw_verification_state", lang),
            VERIFICATION_STATES,
            index=VERIFICATION_STATES.index(current["state"]),
            format_func=lambda s: t(f"fw_ver_{s}", lang),
            key=f"ver_state_{household_id}",
        )
        on = cols[1].date_input(
            t("fw_verification_on", lang),
            value=today,
            max_value=today,
            format="DD/MM/YYYY",
            key=f"ver_on_{household_id}",
        )
        note = cols[2].text_input(t("fw_note", lang), max_chars=1000, key=f"ver_note_{household_id}")
        saved = st.form_submit_button(t("fw_verification_save", lang), icon=":material/fact_check:")
    if saved:
        try:
            verification.set_verification(engine, user, household_id, state, note or None, on=on)
        except AtlasError as problem:
            st.error(problem.message(lang), icon=":material/error:")
            return
        refresh_after_save()
        st.success(t("fw_verification_saved", lang), icon=":material/check_circle:")


def history_panel(url: str, user: User, household_id: int, lang: str) -> None:
    """Who changed what, when, from which value to which; an administrator restores a version."""
    engine = cached.engine_for(url)
    with st.expander(t("fw_history", lang), icon=":material/history:"):
        history = household_records.household_history(engine, user, household_id)
        catalogue = cached.catalogue(url)
        st.dataframe(
            pd.DataFrame(
                {
                    t("fw_col_version", lang): history["version"],
                    t("fw_col_when", lang): pd.to_datetime(history["saved_at"], utc=True).dt.tz_convert(
                        THAILAND
                    ),
                    t("fw_col_who", lang): history["saved_by"].fillna("-"),
                    t("fw_col_action", lang): [t(f"fw_action_{a}", lang) for a in history["action"]],
                    t("fw_field", lang): [
                        household_records.field_label(f, lang, catalogue) if f else ""
                        for f in history["field"]
                    ],
                    t("fw_col_old", lang): history["old_value"].map(_text),
                    t("fw_col_new", lang): history["new_value"].map(_text),
                }
            ),
            hide_index=True,
            key=f"fw_history_{household_id}",
        )
        if not user.is_admin:
            return
        versions = sorted(set(history["version"]))
        with st.form(f"restore_{household_id}"):
            chosen = st.selectbox(t("fw_col_version", lang), versions, key=f"restore_version_{household_id}")
            restore = st.form_submit_button(t("fw_restore", lang), icon=":material/restore:")
        if restore:
            latest = household_records.household_for_edit(engine, user, household_id)["version"]
            _save(
                lambda: household_records.restore_version(engine, user, household_id, int(chosen), latest),
                {},
                lang,
                message="fw_restored",
            )


# --- pieces ---------------------------------------------------------------------------------------


def _fields(prefix: str, current: dict, url: str, lang: str) -> dict:
    """The form's widgets (text inputs for numbers, so Thai digits can be typed) -> the raw form."""
    cols = st.columns(3)
    village = cols[0].text_input(
        t("fw_village", lang), value=_text(current.get("village_no")), key=f"{prefix}village"
    )
    members = cols[1].text_input(
        t("fw_members", lang), value=_text(current.get("members")), key=f"{prefix}members"
    )
    income = cols[2].text_input(
        t("fw_income", lang), value=_text(current.get("income_per_person")), key=f"{prefix}income"
    )
    card = st.checkbox(t("fw_card", lang), value=bool(current.get("welfare_card")), key=f"{prefix}card")
    form = {"village_no": village, "members": members, "income_per_person": income, "welfare_card": card}
    for col, column in zip(st.columns(len(CAPITAL_COLUMNS)), CAPITAL_COLUMNS):
        form[column] = col.selectbox(
            t("fw_capital_score", lang, name=t(f"hh_{column}", lang)),
            SCORES,
            index=SCORES.index(current.get(column)),
            format_func=lambda v: t("fw_not_scored", lang) if v is None else str(v),
            key=f"{prefix}{column}",
        )
    st.markdown(f"**{t('fw_answers', lang)}**")
    catalogue = cached.catalogue(url)
    rows = catalogue[catalogue["is_deprivation"].astype(bool)].sort_values("code")
    answers = current.get("deprivations", {})
    form["deprivations"] = {}
    cols = st.columns(2)
    for i, (code, name_th, name_en) in enumerate(zip(rows["code"], rows["name_th"], rows["name_en"])):
        stored = answers.get(code, "")
        index = None if stored == "" else ANSWERS.index("na" if stored is None else str(stored))
        answer = cols[i % 2].radio(
            in_language((name_th, name_en), lang),
            ANSWERS,
            index=index,
            horizontal=True,
            format_func=lambda a: t(f"fw_answer_{a}", lang),
            key=f"{prefix}dep_{code}",
        )
        form["deprivations"][code] = "" if answer is None else answer
    return form


def _save(action, form: dict, lang: str, message: str = "fw_saved") -> None:
    try:
        version = action()
    except AtlasError as problem:
        _show_problem(problem, form, lang)
        return
    refresh_after_save()
    st.success(t(message, lang, version=version), icon=":material/check_circle:")


def _show_problem(problem: AtlasError, form: dict, lang: str) -> None:
    """Field by field for a form with problems; the newer values beside yours for a lost update."""
    if isinstance(problem, FormError):
        lines = "\n".join(f"- {in_language(pair, lang)}" for pair in problem.problems.values())
        st.error(f"{t('fw_problems', lang)}\n\n{lines}", icon=":material/error:")
    elif isinstance(problem, StaleVersion):
        st.warning(problem.message(lang), icon=":material/sync_problem:")
        newer = problem.current
        rows = [
            (household_records.field_label(f, lang), _text(newer.get(f)), _text(form.get(f)))
            for f in household_records.HOUSEHOLD_FIELDS
        ]
        st.dataframe(
            pd.DataFrame(rows, columns=[t("fw_field", lang), t("fw_newer", lang), t("fw_yours", lang)]),
            hide_index=True,
            key="fw_stale",
        )
    else:
        st.error(problem.message(lang), icon=":material/error:")


def refresh_after_save() -> None:
    data_changed()  # the tambon-year's indicators and the household lists changed


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
