"""CSV and XLSX download buttons for any table on screen; files are built only when clicked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from analysis.disclosure import protection_note
from components.i18n import t
from data_access import cached
from exports.tables import ExportColumn, table_csv, table_xlsx

BANGKOK = ZoneInfo("Asia/Bangkok")


def download_buttons(
    frame: pd.DataFrame,
    columns: Sequence[ExportColumn],
    stem: str,
    notes: Sequence[tuple[str, str]],
    indicators: pd.DataFrame,
    lang: str,
    key: str,
) -> None:
    def xlsx() -> bytes:
        return table_xlsx(
            frame,
            columns,
            sheet_title=t("tbl_sheet", lang),
            about_title=t("tbl_about_sheet", lang),
            notes=notes,
            definitions=definitions(indicators, lang),
        )

    left, right, _ = st.columns([1, 1.3, 3])
    left.download_button(
        t("export_csv", lang),
        data=lambda: table_csv(frame, columns, footer=[protection_line(lang)]),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"{key}_csv",
    )
    right.download_button(
        t("export_xlsx", lang),
        data=xlsx,
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
        on_click="ignore",
        key=f"{key}_xlsx",
    )


def export_notes(
    area_label: str, year_text: str, extra: Sequence[tuple[str, str]], demo: bool, lang: str
) -> list[tuple[str, str]]:
    """The about sheet's first rows: what, where, when, how computed, the source and the export time."""
    exported = datetime.now(BANGKOK).strftime("%Y-%m-%d %H:%M")
    notes = [("⚠", t("demo_mark", lang))] if demo else []
    notes += [
        (t("export_title", lang), "Tambon Atlas"),
        (t("export_area", lang), area_label),
        (t("col_year", lang), year_text),
        *extra,
        (t("export_rule", lang), t("export_rule_text", lang)),
        (t("export_protection", lang), protection_line(lang)),
        (t("export_source", lang), t("export_source_text", lang)),
        (t("export_time", lang), f"{exported} (UTC+7)"),
    ]
    return notes


def protection_line(lang: str) -> str:
    """How small counts were protected for this viewer (analysis.disclosure.protection_note)."""
    return protection_note(cached.viewer_min_households(), lang)


def definitions(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per indicator: what it is, its unit and direction, definition, set and source."""
    suffix = "th" if lang == "th" else "en"
    return pd.DataFrame(
        {
            t("col_code", lang): indicators["code"],
            t("col_name", lang): indicators[f"name_{suffix}"],
            t("col_dimension", lang): indicators[f"dimension_{suffix}"],
            t("col_unit", lang): [t(f"unit_{u}", lang) for u in indicators["unit"]],
            t("col_polarity", lang): [t(p, lang) for p in indicators["polarity"]],
            t("col_definition", lang): indicators[f"description_{suffix}"],
            t("col_set", lang): indicators["set_version"],
            t("col_source", lang): indicators["source"],
        }
    )
