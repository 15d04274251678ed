"""CSV and XLSX download buttons for any table on screen; files are built only when clicked."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from analysis.disclosure import protection_note
from components.shell.viewer import viewer_min_households
from components.text import t
from exports import table_frame
from exports.tables import ExportColumn, table_csv


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
        return table_frame.workbook(frame, columns, notes, indicators, lang, texts(lang))

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
    return table_frame.export_notes(area_label, year_text, extra, demo, texts(lang), protection_line(lang))


def texts(lang: str):
    """`t` with the language bound: the `text(key, **values)` the export builders take."""
    return partial(t, lang=lang)


def protection_line(lang: str) -> str:
    """How small counts were protected for this viewer (analysis.disclosure.protection_note)."""
    return protection_note(viewer_min_households(), lang)
