"""User administration and the audit log, for administrators. Every change goes through
`data_access.access.auth`, which checks the acting user again and writes the audit log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import AtlasError
from analysis.local_names import local_names
from components.text import t
from data_access import cached
from data_access.access import audit, audit_query, user_admin
from data_access.access.auth import User
from data_access.schema import USER_ROLES


def scope_choices(url: str, lang: str) -> tuple[list[str], dict[str, str]]:
    areas = cached.areas(url)
    rows = areas[areas["level"].isin(["province", "amphoe"])]
    names = local_names(rows, lang)
    return rows["code"].tolist(), {c: f"{names[c]} ({c})" for c in names}


def users_table(url: str, actor: User, lang: str) -> pd.DataFrame:
    users = user_admin.list_users(cached.engine_for(url), actor)
    st.subheader(t("users_list", lang))
    st.dataframe(users, hide_index=True, width="stretch", key="users_table")
    return users


def create_form(url: str, actor: User, lang: str) -> None:
    codes, labels = scope_choices(url, lang)
    with st.form("users_create_form", clear_on_submit=True):
        st.markdown(f"**{t('users_create', lang)}**")
        cols = st.columns(3)
        username = cols[0].text_input(t("username", lang), max_chars=64, key="users_new_username")
        display = cols[1].text_input(t("users_display_name", lang), max_chars=120, key="users_new_display")
        role = cols[2].selectbox(
            t("users_role", lang),
            USER_ROLES,
            key="users_new_role",
            format_func=lambda r: t(f"role_{r}", lang),
        )
        scopes = st.multiselect(
            t("users_scopes", lang), codes, format_func=labels.get, key="users_new_scopes"
        )
        password = st.text_input(
            t("password", lang), type="password", max_chars=256, key="users_new_password"
        )
        submitted = st.form_submit_button(
            t("users_create", lang), type="primary", icon=":material/person_add:"
        )
    if submitted:
        try:
            user_admin.create_user(
                cached.engine_for(url), username, password, role, display, scopes, actor=actor
            )
        except AtlasError as problem:
            st.error(problem.message(lang), icon=":material/error:")
        else:
            st.success(
                t("users_created", lang, name=username.strip().lower()), icon=":material/check_circle:"
            )


def edit_form(url: str, actor: User, users: pd.DataFrame, lang: str) -> None:
    if users.empty:
        return
    codes, labels = scope_choices(url, lang)
    names = dict(zip(users["id"], users["username"]))
    chosen = st.selectbox(
        t("users_edit", lang), users["id"].tolist(), format_func=names.get, key="users_edit_id"
    )
    row = users.set_index("id").loc[chosen]
    current = [c for c in str(row["scopes"] or "").split(",") if c]
    with st.form(f"users_edit_form_{chosen}"):
        cols = st.columns(3)
        role = cols[0].selectbox(
            t("users_role", lang),
            USER_ROLES,
            index=USER_ROLES.index(row["role"]),
            format_func=lambda r: t(f"role_{r}", lang),
        )
        active = cols[1].toggle(t("users_active", lang), value=bool(row["active"]))
        scopes = st.multiselect(
            t("users_scopes", lang), codes, default=[c for c in current if c in codes], format_func=labels.get
        )
        password = st.text_input(t("users_new_password", lang), type="password", max_chars=256)
        submitted = st.form_submit_button(t("ref_save", lang), type="primary", icon=":material/save:")
    if submitted:
        engine = cached.engine_for(url)
        try:
            if role != row["role"]:
                user_admin.set_role(engine, actor, int(chosen), role)
            if active != bool(row["active"]):
                user_admin.set_active(engine, actor, int(chosen), active)
            if sorted(scopes) != sorted(current):
                user_admin.set_scopes(engine, actor, int(chosen), scopes)
            if password:
                user_admin.reset_password(engine, actor, int(chosen), password)
        except AtlasError as problem:
            st.error(problem.message(lang), icon=":material/error:")
        else:
            st.success(t("users_saved", lang), icon=":material/check_circle:")


def audit_log(url: str, actor: User, lang: str) -> None:
    st.subheader(t("audit_title", lang))
    action = st.selectbox(
        t("audit_action", lang),
        ["", *audit.ACTIONS],
        key="audit_action",
        format_func=lambda a: a or t("audit_all", lang),
    )
    log = audit_query.list_audit(cached.engine_for(url), actor, limit=500, action=action or None)
    st.dataframe(log, hide_index=True, width="stretch", key="audit_table")
