"""The part of the import screen that only a set of TPMAP files has (issue #12): the survey year used
and where it came from, the municipal units the import will create, the notes, and the reconciliation
of coarser files with the roll-up of the finer one. Kept apart from `import_view` so the column-mapping
step of unknown files can change that module without touching this one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.text import t


def set_report(preview, lang: str) -> None:
    """Nothing for a single non-TPMAP file (it has no year source)."""
    if preview.year_source is None:
        return
    year = preview.year if preview.year else t("imp_tp_years_several", lang)
    source = t("imp_tp_from_name" if preview.year_source == "file name" else "imp_tp_from_given", lang)
    st.info(t("imp_tp_year", lang, year=year, source=source, n=len(preview.files)), icon=":material/event:")
    units = preview.municipal_units
    if units is not None and not units.empty:
        with st.expander(t("imp_tp_units", lang, n=len(units)), icon=":material/location_city:"):
            st.caption(t("imp_tp_units_help", lang))
            st.dataframe(
                units.rename(
                    columns={
                        "area_code": t("imp_tp_col_code", lang),
                        "amphoe_code": t("imp_tp_col_amphoe", lang),
                        "covers_tambon": t("imp_tp_col_covers", lang),
                    }
                ),
                hide_index=True,
                width="stretch",
                key="imp_tp_units",
            )
    _reconciliation(preview.reconciliation, lang)


def _reconciliation(table: pd.DataFrame | None, lang: str) -> None:
    if table is None or table.empty:
        return
    differing = table[~table["matches"]]
    if differing.empty:
        st.success(t("imp_tp_recon_ok", lang, n=len(table)), icon=":material/fact_check:")
        return
    st.warning(t("imp_tp_recon_diff", lang, n=len(differing), total=len(table)), icon=":material/warning:")
    shown = differing.drop(columns="matches").rename(
        columns={
            "level": t("imp_tp_col_level", lang),
            "area_code": t("imp_tp_col_code", lang),
            "indicator_code": t("imp_tp_col_indicator", lang),
            "file": t("imp_col_file", lang),
            "file_numerator": t("imp_tp_col_file_num", lang),
            "file_denominator": t("imp_tp_col_file_den", lang),
            "rollup_numerator": t("imp_tp_col_rollup_num", lang),
            "rollup_denominator": t("imp_tp_col_rollup_den", lang),
            "file_value": t("imp_tp_col_file_value", lang),
            "rollup_value": t("imp_tp_col_rollup_value", lang),
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="imp_tp_reconciliation")
