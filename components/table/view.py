"""The drill-down table on screen: the parent's reference row, the rows (percentages as bars, cells
worse than the parent marked), row selection that drills, and the CSV / XLSX of what is shown."""

from __future__ import annotations

import weakref
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from analysis.local_names import language_suffix
from analysis.tables import DEN, FROM, HIDDEN, NUM, TO
from analysis.units import DECIMALS, small_count
from components.shared.downloads import download_buttons, protection_line, texts
from components.shell.state import privacy_note
from components.table.controls import on_row_selected
from components.table.data import TableData, export_columns
from components.text import t
from components.view.geography import Choices
from components.view.table import TableView
from data_access.config import min_households
from exports import table_frame
from exports.table_frame import HOT_SPOT, NOTE

WORSE_STYLE = "background-color: #f9d3b4; color: #5c2a0c"
# Styling is per cell on the server: 1,000 rows x 20 columns stays near 0.3 s, the national tambon
# table (7,425 rows) would take seconds on every rerun, so larger tables are drawn unmarked.
MARKED_ROWS = 1000
NUMBER_FORMATS = {"count": "localized", "baht": "localized", "index": "%.4f", "score": "%.2f"}


def drill_table(data: TableData, view: TableView, choices: Choices, lang: str) -> None:
    config = column_config(data, view, lang)
    order = list(config)
    hidden = hidden_columns(data, order)
    for column in hidden:
        config[column] = st.column_config.TextColumn(config[column]["label"], help=config[column].get("help"))
    st.caption(t("tbl_reference", lang, name=data.reference.loc[0, "name"]))
    st.dataframe(
        _styled(data.reference, data.marks.iloc[:0], order, hidden),
        hide_index=True,
        column_config=config,
        column_order=order,
        key="tbl_reference",
    )
    if data.rows.empty:
        st.info(t("tbl_no_villages" if data.level == "village" and not data.total else "tbl_no_rows", lang))
        return
    privacy_note(bool(hidden), lang)
    shown = t("tbl_row_count", lang, n=len(data.rows), total=data.total)
    if len(data.rows) <= MARKED_ROWS:
        st.caption(f"{shown} · {t('tbl_select_hint', lang)} · ▇ {t('tbl_worse_legend', lang)}")
    else:
        st.caption(f"{shown} · {t('tbl_select_hint', lang)} · {t('tbl_unmarked', lang, n=MARKED_ROWS)}")
    key = f"tbl_rows_{data.level}_{data.parent or 'TH'}"
    st.dataframe(
        _shown_rows(data, order, hidden),
        hide_index=True,
        column_config=config,
        column_order=order,
        key=key,
        on_select=partial(on_row_selected, key, data.codes, choices),
        selection_mode="single-row",
        height=min(38 + 35 * len(data.rows), 560),
    )


def column_config(data: TableData, view: TableView, lang: str) -> dict:
    """Column settings in display order: area, then each indicator (its parts or both years)."""
    suffix = language_suffix(lang)
    config = {
        "name": st.column_config.TextColumn(t(f"level_{data.level}", lang), pinned=True, width="medium"),
    }
    if data.has_notes:
        config[NOTE] = st.column_config.TextColumn(t("col_note", lang), width="medium")
    config["area_code"] = st.column_config.TextColumn(t("col_code", lang), width="small")
    for _, row in data.indicators.iterrows():
        code, name, unit = row["code"], row[f"name_{suffix}"], row["unit"]
        if view.year2 is None:
            top = _bar_top(data, code)
            config[code] = _value_column(f"{name} · {view.year}", unit, row["description_" + suffix], top=top)
            if view.parts:
                config[code + NUM] = st.column_config.NumberColumn(
                    f"{name}: {t('col_numerator', lang)}", format="localized"
                )
                config[code + DEN] = st.column_config.NumberColumn(
                    f"{name}: {t('col_denominator', lang)}", format="localized"
                )
        else:
            config[code + FROM] = _value_column(f"{name} · {view.year2}", unit, None, bars=False)
            config[code + TO] = _value_column(f"{name} · {view.year}", unit, None, bars=False)
            config[code] = st.column_config.NumberColumn(
                f"{name}: {t('col_change', lang)} {view.year2}→{view.year}", format="%+.2f"
            )
    if HOT_SPOT in data.rows and len(data.indicators):
        first = data.indicators.iloc[0][f"name_{suffix}"]
        config[HOT_SPOT] = st.column_config.TextColumn(f"{t('col_hot_spot', lang)} · {first}", width="medium")
    return config


def table_exports(data: TableData, view: TableView, area_label: str, demo: bool, lang: str) -> None:
    """CSV and XLSX of the rows on screen, with the reference row first (built by
    `exports.table_frame`, as `python -m exports.table` builds them)."""
    notes = table_frame.table_notes(data, view, area_label, demo, texts(lang), protection_line(lang))
    download_buttons(
        table_frame.export_frame(data),
        export_columns(data, view, lang),
        table_frame.file_stem(data, view),
        notes,
        data.indicators,
        lang,
        "tbl_export",
    )


def _bar_top(data: TableData, code: str) -> float:
    """The bar scale of a percentage column: its largest shown value (with the reference), so small
    rates stay readable; bars compare areas within the table, the number gives the level."""
    values = pd.concat([data.rows[code], data.reference[code]]).dropna()
    top = float(values.max()) if len(values) else 100.0
    return top if top > 0 else 100.0


def _value_column(label: str, unit: str, help_text: str | None, bars: bool = True, top: float = 100.0):
    if unit == "percent" and bars:
        return st.column_config.ProgressColumn(
            label, min_value=0, max_value=top, format="%.2f", help=help_text
        )
    return st.column_config.NumberColumn(label, format=NUMBER_FORMATS.get(unit, "%.2f"), help=help_text)


SHOWN_KEY = "_table_shown"  # session state: this session's last styled rows (rows, columns, Styler)


def _shown_rows(data: TableData, order: list[str], hidden: dict[str, str]):
    """`_styled` rows, kept while the same rows are shown: a table's rows are a shared cached frame
    (`components.table.data.table_data`), and turning 7,425 rows of hidden cells into text took
    longer than the rest of a warm rerun. Each session keeps only its own last Styler (a Styler holds
    state while it renders, so sessions never share one); other rows (a set's, a new view's) are
    styled anew, and the kept one goes with its session."""
    rows, columns = data.rows, (tuple(order), tuple(hidden.items()), min_households())
    kept = st.session_state.get(SHOWN_KEY)
    if kept is not None and kept[0]() is rows and kept[1] == columns:
        return kept[2]
    shown = _styled(rows, data.marks, order, hidden)
    if len(rows) > MARKED_ROWS:  # small tables are cheap to style
        st.session_state[SHOWN_KEY] = (weakref.ref(rows), columns, shown)
    return shown


def _styled(frame: pd.DataFrame, marks: pd.DataFrame, order: list[str], hidden: dict[str, str]):
    """Only the shown columns, cells worse than the reference shaded (one vectorised pass), and the
    columns in `hidden` (column -> unit) as text, so a cell hidden from public viewers reads "<5"
    (a grid shows an empty number as "None", whatever a Styler says)."""
    shown = frame[order]
    if hidden:
        shown = shown.copy()
        label = small_count(min_households())
        for column, unit in hidden.items():
            secret = frame[column.split(":")[0] + HIDDEN].to_numpy()
            shown[column] = np.where(secret, label, _as_text(frame[column], unit))
    marked = [c for c in marks.columns if c in shown]
    if marks.empty or not marked or len(shown) > MARKED_ROWS:
        return shown
    css = pd.DataFrame(np.where(marks[marked].to_numpy(), WORSE_STYLE, ""), index=shown.index, columns=marked)
    return shown.style.apply(lambda _: css, axis=None, subset=marked)


def hidden_columns(data: TableData, order: list[str]) -> dict[str, str]:
    """Shown columns with at least one suppressed cell (rows or reference), with their unit."""
    units = dict(zip(data.indicators["code"], data.indicators["unit"]))
    found = {}
    for column in order:
        code, _, part = column.partition(":")
        flag = code + HIDDEN
        if flag in data.rows and (data.rows[flag].any() or data.reference[flag].any()):
            found[column] = (
                "change"
                if part == "" and ":from" in "".join(order)
                else ("count" if part in ("num", "den") else units.get(code, "count"))
            )
    return found


def _as_text(values: pd.Series, unit: str) -> np.ndarray:
    """Numbers as the grid would print them (separators, the unit's decimals); "" for no value."""
    pattern = "{:+,.2f}" if unit == "change" else f"{{:,.{DECIMALS.get(unit, 2)}f}}"
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(float)
    return np.array(["" if np.isnan(v) else pattern.format(v + 0.0) for v in numbers], dtype=object)
