"""Area sets in the app: choose a set (shared `set` URL parameter) and create, rename, edit or delete
sets. Writes go through `data_access.area_sets`; its DataError is shown in the user's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import AtlasError
from analysis.local_names import local_column
from components.shell.refresh import sets_changed
from components.text import t
from data_access import area_sets, cached


def tambon_labels(areas: pd.DataFrame, lang: str) -> dict[str, str]:
    """Tambon code -> "name · amphoe · province" for pickers."""
    name = local_column(lang)
    names = areas.set_index("code")[name]
    tambons = areas[areas["level"] == "tambon"]
    return {
        code: f"{names.get(code)} · {names.get(code[:4], '')} · {names.get(code[:2], '')} ({code})"
        for code in tambons["code"]
    }


def manage_sets(url: str, lang: str) -> None:
    engine = cached.engine()
    areas = cached.areas(url)
    labels = tambon_labels(areas, lang)
    st.caption(t("set_intro", lang))
    for message in st.session_state.pop("_set_messages", []):
        st.success(message, icon=":material/check:")
    sets = cached.area_set_list(url)
    st.dataframe(
        pd.DataFrame({t("set_name", lang): sets["name"], t("set_members", lang): sets["members"]}),
        hide_index=True,
        key="set_table",
    )
    with st.expander(t("set_create", lang), icon=":material/add:"):
        name = st.text_input(t("set_name", lang), key="set_new_name", max_chars=area_sets.MAX_NAME_LENGTH)
        members = st.multiselect(
            t("set_members", lang), list(labels), format_func=labels.get, key="set_new_members"
        )
        if st.button(t("set_create", lang), key="set_create", type="primary"):
            _write(
                lambda: area_sets.create_set(engine, name, members),
                t("set_created", lang, name=name.strip()),
                lang,
            )
    if sets.empty:
        return
    st.subheader(t("set_edit", lang))
    ids = sets["id"].astype(int).tolist()
    chosen = st.selectbox(
        t("set_filter", lang), ids, format_func=dict(zip(ids, sets["name"])).get, key="set_edit_id"
    )
    current = cached.area_set_members(url, chosen)
    new_name = st.text_input(
        t("set_name", lang), value=dict(zip(ids, sets["name"]))[chosen], key=f"set_name_{chosen}"
    )
    left, middle, right = st.columns(3)
    if left.button(t("set_rename", lang), key="set_rename"):
        _write(
            lambda: area_sets.rename_set(engine, chosen, new_name),
            t("set_renamed", lang, name=new_name.strip()),
            lang,
        )
    chosen_members = st.multiselect(
        t("set_members", lang),
        list(labels),
        default=current,
        format_func=labels.get,
        key=f"set_members_{chosen}",
    )
    if middle.button(t("set_save_members", lang), key="set_save_members"):
        _write(lambda: area_sets.replace_members(engine, chosen, chosen_members), t("set_saved", lang), lang)
    confirm = right.checkbox(t("set_delete_confirm", lang), key="set_delete_confirm")
    if right.button(t("set_delete", lang), key="set_delete", disabled=not confirm):
        _write(lambda: area_sets.delete_set(engine, chosen), t("set_deleted", lang), lang)
    links = st.columns(3)
    links[0].page_link(
        "pages/present.py",
        label=t("set_present", lang),
        icon=":material/slideshow:",
        query_params={"set": str(chosen)},
    )
    links[1].page_link(
        "pages/overview.py",
        label=t("set_open_overview", lang),
        icon=":material/dashboard:",
        query_params={"set": str(chosen)},
    )
    links[2].page_link(
        "pages/table.py",
        label=t("set_open_table", lang),
        icon=":material/table_chart:",
        query_params={
            "set": str(chosen),
            "province": str(current[0][:2]) if current else "all",
            "level": "tambon",
        },
    )


def _write(action, done: str, lang: str) -> None:
    try:
        action()
    except AtlasError as error:
        st.error(error.message(lang), icon=":material/error:")
        return
    sets_changed()
    st.session_state["_set_messages"] = [done]
    st.rerun()
