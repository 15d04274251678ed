"""The numbers of a drill-down table and their export columns, from the map's query.

Screen and export read the same `TableData`, so the file holds what is on screen: the same rows,
filter, order, columns and reference row.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.disclosure import companions, protect
from analysis.tables import (
    DEN,
    FROM,
    HIDDEN,
    NUM,
    TO,
    change_values,
    pivot_values,
    reference_values,
    search_names,
    sort_rows,
    worse_than,
)
from components.i18n import TEXT, t
from components.table_state import TableView, to_map_view
from components.view_state import map_extent
from data_access import cached
from data_access.config import min_households
from exports.tables import ExportColumn

UNIT_KINDS = {"percent": "percent", "count": "count", "baht": "baht", "index": "index", "score": "score"}


@dataclass(frozen=True)
class TableData:
    rows: pd.DataFrame  # one row per area: `name`, area columns, indicator columns (analysis.tables)
    reference: pd.DataFrame  # one row, same columns: the parent area (or the country)
    marks: pd.DataFrame  # True where a row is worse than the reference, per indicator column
    indicators: pd.DataFrame  # catalogue rows of the shown indicators, in order
    level: str
    parent: str | None
    total: int  # rows before the name search

    @property
    def codes(self) -> list[str]:
        return self.rows["area_code"].tolist()


def load_table(url: str, view: TableView, catalogue: pd.DataFrame, areas: pd.DataFrame, lang: str):
    level, parent, _ = map_extent(to_map_view(view))
    # Columns grouped by dimension, in catalogue order, whatever order they were picked in.
    codes = [c for c in catalogue["code"] if c in view.indicators]
    years = (view.year,) if view.year2 is None else (view.year2, view.year)
    long = cached.indicator_values(url, level, tuple(codes), years, parent)
    meta = catalogue.set_index("code").loc[codes].reset_index()
    reference = _reference(url, long, catalogue, parent, codes, years)
    if view.year2 is None:
        rows = pivot_values(long, codes, view.year)
        ref = pivot_values(_as_rows(reference, parent, areas), codes, view.year)
    else:
        rows = change_values(long, codes, view.year2, view.year)
        ref = change_values(_as_rows(reference, parent, areas), codes, view.year2, view.year)
    name_column = "name_th" if lang == "th" else "name_en"
    rows.insert(1, "name", rows[name_column])
    ref.insert(1, "name", ref[name_column])
    total = len(rows)
    rows = search_names(rows, view.q)
    sort = "name" if view.sort == "name" else view.sort
    rows = sort_rows(rows, sort, view.desc).reset_index(drop=True)
    # A count is a share of its parent's total, never "worse" than it: only rates and scores are marked.
    rated = meta[meta["aggregation"] != "sum"]
    marks = worse_than(rows, ref.iloc[0].to_dict(), dict(zip(rated["code"], rated["polarity"])))
    return TableData(rows, ref, marks, meta, level, parent, total)


def export_columns(data: TableData, view: TableView, lang: str) -> list[ExportColumn]:
    """Headers as on screen: the area, then per indicator its value (or change and both years), with
    numerator and denominator when shown."""
    suffix = "th" if lang == "th" else "en"
    columns = [
        ExportColumn("area_code", t("col_code", lang)),
        ExportColumn("name", t(f"level_{data.level}", lang)),
    ]
    for _, row in data.indicators.iterrows():
        code, name, unit = row["code"], row[f"name_{suffix}"], unit_label(row["unit"], lang)
        hide = {"hidden": code + HIDDEN, "hidden_text": f"<{min_households()}"}
        kind = UNIT_KINDS.get(row["unit"], "number")
        header = f"{name} ({unit})" if unit else name
        if view.year2 is None:
            columns.append(ExportColumn(code, f"{header} {view.year}", kind, **hide))
            if view.parts:
                columns.append(
                    ExportColumn(code + NUM, f"{name}: {t('col_numerator', lang)}", "number", **hide)
                )
                columns.append(
                    ExportColumn(code + DEN, f"{name}: {t('col_denominator', lang)}", "number", **hide)
                )
        else:
            columns.append(ExportColumn(code + FROM, f"{header} {view.year2}", kind, **hide))
            columns.append(ExportColumn(code + TO, f"{header} {view.year}", kind, **hide))
            columns.append(ExportColumn(code, f"{header} {t('col_change', lang)}", "change", **hide))
    return columns


def unit_label(unit: str, lang: str) -> str:
    return t(f"unit_{unit}", lang) if f"unit_{unit}" in TEXT else ""


def _reference(url, long, catalogue, parent, codes, years) -> pd.DataFrame:
    """The parent's own values. For public viewers they are the parent's row of the parent-level query,
    so a parent hidden there (even by complementary suppression) is hidden here too; the country has
    no siblings, so its own small counts are all that can hide it."""
    reference = reference_values(long, catalogue).assign(suppressed=False)
    k = cached.viewer_min_households()
    if not k:
        return reference
    if parent:
        level = "province" if len(parent) == 2 else "amphoe"
        upper = cached.indicator_values(
            url, level, tuple(codes), tuple(years), None if len(parent) == 2 else parent[:2]
        )
        return upper[upper["area_code"] == parent].drop(
            columns=["area_code", "name_th", "name_en", "parent_code"]
        )
    # The country: its true totals (from every province, linked indicators too) rounded and hidden
    # by the same rule, never the sum of the provinces as shown.
    linked = tuple(companions(codes))
    whole = reference_values(cached.officer_values(url, "province", linked, tuple(years)), catalogue)
    meta = catalogue.set_index("code").reindex(whole["indicator_code"])
    whole = whole.assign(
        area_code="TH",
        parent_code=None,
        **{column: meta[column].to_numpy() for column in ("aggregation", "unit", "scale")},
    )
    shown = protect(whole, k)
    return shown[shown["indicator_code"].isin(codes)][[*reference.columns]].reset_index(drop=True)


def _as_rows(reference: pd.DataFrame, parent: str | None, areas: pd.DataFrame) -> pd.DataFrame:
    """The reference values shaped like query rows of one area, so the table builders apply."""
    names = areas.set_index("code")
    if parent and parent in names.index:
        name_th, name_en = names.loc[parent, "name_th"], names.loc[parent, "name_en"]
    else:
        name_th, name_en = "ประเทศไทย", "Thailand"
    return reference.assign(area_code=parent or "TH", name_th=name_th, name_en=name_en, parent_code=None)
