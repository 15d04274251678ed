"""Indicator catalogue pieces: dimension/search filter, the table and the definitions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.local_names import language_suffix, local_column
from components.text import t


def catalogue_filters(catalogue: pd.DataFrame, dimensions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Filter widgets (keys `catalogue_dimension`, `catalogue_search`); returns the matching rows."""
    name = local_column(lang)
    options = ["", *dimensions["code"]]
    labels = dict(zip(dimensions["code"], dimensions[name]))
    left, right = st.columns([1, 2])
    chosen = left.selectbox(
        t("filter_dimension", lang),
        options,
        format_func=lambda c: labels.get(c, t("all_dimensions", lang)),
        key="catalogue_dimension",
    )
    query = right.text_input(t("search", lang), key="catalogue_search").strip().casefold()
    rows = catalogue if not chosen else catalogue[catalogue["dimension"] == chosen]
    if query:
        haystack = (rows["code"] + " " + rows["name_th"] + " " + rows["name_en"]).str.casefold()
        rows = rows[haystack.str.contains(query, regex=False)]
    return rows


def catalogue_table(rows: pd.DataFrame, lang: str) -> None:
    suffix = language_suffix(lang)
    table = pd.DataFrame(
        {
            t("col_code", lang): rows["code"],
            t("col_name", lang): rows[f"name_{suffix}"],
            t("col_dimension", lang): rows[f"dimension_{suffix}"],
            t("col_unit", lang): [t(f"unit_{u}", lang) for u in rows["unit"]],
            t("col_polarity", lang): [t(p, lang) for p in rows["polarity"]],
            t("col_set", lang): rows["set_version"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key="catalogue_table")


def definitions(rows: pd.DataFrame, lang: str) -> None:
    suffix = language_suffix(lang)
    st.subheader(t("definitions", lang))
    for row in rows.itertuples():
        with st.expander(f"{getattr(row, f'name_{suffix}')} · `{row.code}`"):
            st.write(getattr(row, f"description_{suffix}"))
            st.caption(f"{t('col_source', lang)}: {row.source}")


def definition_list(rows: pd.DataFrame, lang: str) -> None:
    """Definitions as a plain list (for use inside an expander, where expanders cannot nest)."""
    suffix = language_suffix(lang)
    for row in rows.itertuples():
        st.markdown(
            f"**{getattr(row, f'name_{suffix}')}** · `{row.code}` — {getattr(row, f'description_{suffix}')} "
            f"({t('col_source', lang)}: {row.source})"
        )
