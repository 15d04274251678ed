"""Filtering a page's rows to an area set (`set` URL parameter): a set's tambons, and at amphoe or
province level the areas that contain them, so drilling down still leads to the set."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components.text import t
from data_access import cached


def set_picker(url: str, lang: str, key: str) -> int | None:
    """A set picker on the widget key of the page's `set` field (the view package fills it from the
    link); returns the chosen set id or None."""
    sets = cached.area_set_list(url)
    # 0 stands for "no set": a selectbox shows None as an empty English placeholder.
    ids = [0, *[int(i) for i in sets["id"]]]
    names = dict(zip(sets["id"].astype(int), sets["name"]))
    if st.session_state.get(key) not in ids:
        st.session_state[key] = 0
    chosen = st.selectbox(
        t("set_filter", lang),
        ids,
        format_func=lambda i: t("set_none", lang) if not i else names.get(i, str(i)),
        key=key,
    )
    return chosen or None


def set_picker_row(url: str, lang: str, key: str) -> int | None:
    """`set_picker` in a third of the page width, as the map, explorer and poverty pages show it."""
    column, _ = st.columns([1, 2])
    with column:
        return set_picker(url, lang, key)


def in_set(codes, members: list[str]):
    """True for a member tambon, an amphoe / province holding one, or a village of one."""
    prefixes = {m[:n] for m in members for n in (2, 4, 6)}
    codes = codes.astype(str)
    return codes.isin(prefixes) | (codes.str.len().gt(6) & codes.str[:6].isin(members))


def set_members(url: str, set_id: int | None) -> tuple[str, list[str]] | None:
    """(name, tambon codes) of a set, or None without one."""
    if set_id is None:
        return None
    sets = cached.area_set_list(url)
    return str(sets.loc[sets["id"] == set_id, "name"].iloc[0]), cached.area_set_members(url, set_id)


def restrict_table(data, url: str, set_id: int | None, lang: str):
    """The drill-down table's `TableData` keeping only rows in the set (unchanged without one)."""
    chosen = set_members(url, set_id)
    if chosen is None:
        return data
    name, members = chosen
    keep = in_set(data.rows["area_code"], members).to_numpy()
    st.caption(t("set_table_note", lang, n=len(members), name=name))
    rows = data.rows[keep].reset_index(drop=True)
    marks = data.marks[keep].reset_index(drop=True)
    return replace(data, rows=rows, marks=marks)


def restrict_layers(layers: list, url: str, set_id: int | None, lang: str) -> list:
    """Map layers showing values only for the set's areas (the rest draw as no data), so the map of
    an MOU set shows exactly its tambons, classified among themselves."""
    chosen = set_members(url, set_id)
    if chosen is None:
        return layers
    name, members = chosen
    st.caption(t("set_table_note", lang, n=len(members), name=name))
    restricted = []
    for layer in layers:
        values = layer.values.copy()
        outside = ~in_set(values["area_code"], members).to_numpy()
        values.loc[outside, ["value", "numerator", "denominator", "rank", "rank_of"]] = float("nan")
        if "suppressed" in values:
            values.loc[outside, "suppressed"] = False
        restricted.append(replace(layer, values=values))
    return restricted
