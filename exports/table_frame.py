"""The drill-down table as data: rows, the reference row, the cells worse than it, the export columns
and the file's notes, built from the roll-up without Streamlit.

The table page (through `components.table.data`) and `python -m exports.table` both build their
tables here, so a researcher's script gets the very file the page downloads. Display text comes from
the caller's `text(key, **values)` (components.text.t with the language bound), numbers from the
caller's `TableSource`, which holds the queries as one viewer may see them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

from analysis.disclosure import DEFAULT_MIN_HOUSEHOLDS, companions
from analysis.local_names import language_suffix, local_column, local_names
from analysis.tables import (
    DEN,
    FROM,
    NUM,
    TO,
    change_values,
    pivot_values,
    reference_values,
    search_names,
    sort_rows,
    worse_than,
)
from analysis.units import small_count
from data_access.rollup import suppress_small_counts
from exports.tables import ExportColumn, table_xlsx

Text = Callable[..., str]
BANGKOK = ZoneInfo("Asia/Bangkok")
UNIT_KINDS = {"percent": "percent", "count": "count", "baht": "baht", "index": "index", "score": "score"}
NOTE = "note"  # the row's mark column: a municipal unit says so (and which tambon it covers)
HOT_SPOT = "hot_spot"  # optional: the row's local Moran's I class of the first indicator (`hotspots`)


@dataclass(frozen=True)
class TableSource:
    """Where a table's numbers come from, as one viewer may see them."""

    values: Callable[..., pd.DataFrame]  # (level, codes, years, parent) -> rollup.indicator_values
    exact_values: Callable[..., pd.DataFrame]  # (level, codes, years) -> the same, unprotected
    villages: Callable[..., pd.DataFrame]  # (tambon, codes, years) -> villages.village_values
    catalogue: pd.DataFrame
    areas: pd.DataFrame
    municipal: pd.DataFrame  # municipal.municipal_units: area_code, covers_tambon
    min_households: int | None  # this viewer's threshold; None when signed in
    hidden_text: str = small_count(DEFAULT_MIN_HOUSEHOLDS)  # what a suppressed cell reads in a file


@dataclass(frozen=True)
class TableData:
    rows: pd.DataFrame  # one row per area: `name`, `note`, area columns, indicator columns
    reference: pd.DataFrame  # one row, same columns: the parent area (or the country)
    marks: pd.DataFrame  # True where a row is worse than the reference, per indicator column
    indicators: pd.DataFrame  # catalogue rows of the shown indicators, in order
    level: str
    parent: str | None
    total: int  # rows before the name search

    @property
    def codes(self) -> list[str]:
        return self.rows["area_code"].tolist()

    @property
    def has_notes(self) -> bool:
        return bool(self.rows[NOTE].astype(bool).any())


def build_table(
    source: TableSource, view, level: str, parent: str | None, lang: str, text: Text
) -> TableData:
    """The table of `view` (indicators, year, year2, q, sort, desc) for the areas at `level` under
    `parent`; at level "village" `parent` is the tambon and its villages are the rows."""
    catalogue = source.catalogue
    # Columns grouped by dimension, in catalogue order, whatever order they were picked in.
    codes = [c for c in catalogue["code"] if c in view.indicators]
    years = (view.year,) if view.year2 is None else (view.year2, view.year)
    if level == "village":
        long = source.villages(parent, tuple(codes), years)
    else:
        long = source.values(level, tuple(codes), years, parent)
    meta = catalogue.set_index("code").loc[codes].reset_index()
    reference = _as_rows(_reference(source, long, parent, codes, years, level), parent, source.areas)
    if view.year2 is None:
        rows, ref = pivot_values(long, codes, view.year), pivot_values(reference, codes, view.year)
    else:
        rows = change_values(long, codes, view.year2, view.year)
        ref = change_values(reference, codes, view.year2, view.year)
    name_column = local_column(lang)
    rows.insert(1, "name", rows[name_column])
    ref.insert(1, "name", ref[name_column])
    rows.insert(2, NOTE, municipal_notes(rows["area_code"], source.municipal, source.areas, lang, text))
    ref.insert(2, NOTE, "")
    total = len(rows)
    rows = search_names(rows, view.q)
    rows = sort_rows(rows, view.sort, view.desc).reset_index(drop=True)
    # A count is a share of its parent's total, never "worse" than it: only rates and scores are marked.
    rated = meta[meta["aggregation"] != "sum"]
    marks = worse_than(rows, ref.iloc[0].to_dict(), dict(zip(rated["code"], rated["polarity"])))
    return TableData(rows, ref, marks, meta, level, parent, total)


def municipal_notes(codes: pd.Series, municipal: pd.DataFrame, areas: pd.DataFrame, lang: str, text: Text):
    """The mark of each row: "" for an ordinary area; for a municipal unit that it has no polygon,
    and the tambon whose polygon it covers where the mapping file says so."""
    units = municipal.set_index("area_code")["covers_tambon"] if len(municipal) else pd.Series(dtype=object)
    names = local_names(areas, lang)
    notes = []
    for code in codes:
        if code not in units.index:
            notes.append("")
            continue
        covers = units[code]
        note = text("municipal_mark")
        if isinstance(covers, str) and covers:
            note += " · " + text("municipal_covers", name=names.get(covers, covers), code=covers)
        notes.append(note)
    return notes


def with_hot_spots(data: TableData, classes: pd.Series, text: Text) -> TableData:
    """The table with the hot-spot class of each row (`classes`: area code -> HH/LL/HL/LH/ns/island,
    from `analysis.hotspots`) as a text column; rows without a class (no value) read ""."""
    labels = data.rows["area_code"].map(classes).map(lambda c: text(f"hot_{c}") if isinstance(c, str) else "")
    rows = data.rows.assign(**{HOT_SPOT: labels.fillna("").to_numpy()})
    reference = data.reference.assign(**{HOT_SPOT: ""})
    return replace(data, rows=rows, reference=reference)


def export_columns(data: TableData, view, lang: str, text: Text, hidden_text: str) -> list[ExportColumn]:
    """Headers as on screen: the area (and its mark, when a row has one), then per indicator its value
    (or change and both years), with numerator and denominator when shown."""
    suffix = language_suffix(lang)
    columns = [ExportColumn("area_code", text("col_code")), ExportColumn("name", text(f"level_{data.level}"))]
    if data.has_notes:
        columns.append(ExportColumn(NOTE, text("col_note")))
    for _, row in data.indicators.iterrows():
        code, name, unit = row["code"], row[f"name_{suffix}"], unit_label(row["unit"], text)
        hide = {"hidden": code + ":hidden", "hidden_text": hidden_text}
        kind = UNIT_KINDS.get(row["unit"], "number")
        header = indicator_header(name, unit)
        if view.year2 is None:
            columns.append(ExportColumn(code, f"{header} {view.year}", kind, **hide))
            if view.parts:
                columns.append(ExportColumn(code + NUM, f"{name}: {text('col_numerator')}", "number", **hide))
                columns.append(
                    ExportColumn(code + DEN, f"{name}: {text('col_denominator')}", "number", **hide)
                )
        else:
            columns.append(ExportColumn(code + FROM, f"{header} {view.year2}", kind, **hide))
            columns.append(ExportColumn(code + TO, f"{header} {view.year}", kind, **hide))
            columns.append(ExportColumn(code, f"{header} {text('col_change')}", "change", **hide))
    if HOT_SPOT in data.rows and len(data.indicators):
        first = data.indicators.iloc[0][f"name_{suffix}"]
        columns.append(ExportColumn(HOT_SPOT, f"{text('col_hot_spot')} · {first} {view.year}"))
    return columns


def export_frame(data: TableData) -> pd.DataFrame:
    """What a file holds: the reference row first, then the rows as on screen."""
    return pd.concat([data.reference, data.rows], ignore_index=True)


def file_stem(data: TableData, view) -> str:
    stem = f"tambon-atlas-{data.parent or 'TH'}-{data.level}-{view.year}"
    return stem + (f"-vs-{view.year2}" if view.year2 else "")


def area_label(data: TableData, areas: pd.DataFrame, lang: str, text: Text) -> str:
    """What the file is about: the parent's name (or the country) and the level of its rows."""
    names = local_names(areas, lang)
    return f"{names.get(data.parent or '', text('whole_country'))} · {text(f'level_{data.level}')}"


def table_notes(
    data: TableData, view, area_label: str, demo: bool, text: Text, protection: str
) -> list[tuple[str, str]]:
    """The about sheet's first rows of a table file (see `export_notes`)."""
    year_text = str(view.year) if view.year2 is None else f"{view.year2} → {view.year}"
    extra = [
        (text("export_rows"), f"{len(data.rows):,} / {data.total:,}"),
        (text("export_reference"), str(data.reference.loc[0, "name"])),
    ]
    if view.q:
        extra.append((text("tbl_search"), view.q))
    if data.has_notes:
        extra.append((text("col_note"), text("municipal_export_note")))
    return export_notes(area_label, year_text, extra, demo, text, protection)


def export_notes(
    area_label: str, year_text: str, extra: Sequence[tuple[str, str]], demo: bool, text: Text, protection: str
) -> list[tuple[str, str]]:
    """The about sheet's first rows: what, where, when, how computed, how small counts were protected
    (`protection`, from `analysis.disclosure.protection_note`), the source and the export time."""
    exported = datetime.now(BANGKOK).strftime("%Y-%m-%d %H:%M")
    notes = [("⚠", text("demo_mark"))] if demo else []
    notes += [
        (text("export_title"), "Tambon Atlas"),
        (text("export_area"), area_label),
        (text("col_year"), year_text),
        *extra,
        (text("export_rule"), text("export_rule_text")),
        (text("export_protection"), protection),
        (text("export_source"), text("export_source_text")),
        (text("export_time"), f"{exported} (UTC+7)"),
    ]
    return notes


def definitions(indicators: pd.DataFrame, lang: str, text: Text) -> pd.DataFrame:
    """One row per indicator: what it is, its unit and direction, definition, set and source."""
    suffix = language_suffix(lang)
    return pd.DataFrame(
        {
            text("col_code"): indicators["code"],
            text("col_name"): indicators[f"name_{suffix}"],
            text("col_dimension"): indicators[f"dimension_{suffix}"],
            text("col_unit"): [text(f"unit_{u}") for u in indicators["unit"]],
            text("col_polarity"): [text(p) for p in indicators["polarity"]],
            text("col_definition"): indicators[f"description_{suffix}"],
            text("col_set"): indicators["set_version"],
            text("col_source"): indicators["source"],
        }
    )


def workbook(
    frame: pd.DataFrame,
    columns: Sequence[ExportColumn],
    notes: Sequence[tuple[str, str]],
    indicators: pd.DataFrame,
    lang: str,
    text: Text,
) -> bytes:
    """The XLSX of a table: its sheet, then the about sheet with `notes` and the definitions."""
    return table_xlsx(
        frame,
        columns,
        sheet_title=text("tbl_sheet"),
        about_title=text("tbl_about_sheet"),
        notes=notes,
        definitions=definitions(indicators, lang, text),
    )


def indicator_header(name: str, unit: str) -> str:
    """A column header: the indicator's name and its unit, unless the name already says the unit
    ("คนจนเป้าหมายด้านสุขภาพ (ร้อยละ)" stays as it is, never "… (ร้อยละ) (ร้อยละ)").

    >>> indicator_header("ครัวเรือนที่สำรวจ", "จำนวน"), indicator_header("อัตรา (ร้อยละ)", "ร้อยละ")
    ('ครัวเรือนที่สำรวจ (จำนวน)', 'อัตรา (ร้อยละ)')
    >>> indicator_header("Target poor rate (% of people surveyed)", "percent")
    'Target poor rate (% of people surveyed)'

    """
    marks = (unit, "%") if unit in ("percent", "ร้อยละ") else (unit,)
    said = unit and any(re.search(r"\([^)]*" + re.escape(mark), name) for mark in marks)
    return name if not unit or said or name.endswith(unit) else f"{name} ({unit})"


def unit_label(unit: str, text: Text) -> str:
    try:
        return text(f"unit_{unit}")
    except KeyError:
        return ""


def _reference(source: TableSource, long, parent, codes, years, level) -> pd.DataFrame:
    """The parent's own values. A tambon above its villages is its row of the tambon query; for public
    viewers any other parent is its row of the parent-level query, so a parent hidden there (even by
    complementary suppression) is hidden here too; the country has no siblings, so its own small counts
    are all that can hide it."""
    if level == "village":
        upper = source.values("tambon", tuple(codes), tuple(years), parent[:4])
        return _own_row(upper, parent)
    reference = reference_values(long, source.catalogue).assign(suppressed=False)
    k = source.min_households
    if not k:
        return reference
    if parent:
        upper_level = "province" if len(parent) == 2 else "amphoe"
        upper = source.values(
            upper_level, tuple(codes), tuple(years), None if len(parent) == 2 else parent[:2]
        )
        return _own_row(upper, parent)
    # The country: its true totals (from every province, linked indicators too) rounded and hidden by
    # the same rule, never the sum of the provinces as shown.
    linked = tuple(companions(codes))
    whole = reference_values(source.exact_values("province", linked, tuple(years)), source.catalogue)
    meta = source.catalogue.set_index("code").reindex(whole["indicator_code"])
    whole = whole.assign(
        area_code="TH",
        parent_code=None,
        **{column: meta[column].to_numpy() for column in ("aggregation", "unit", "scale")},
    )
    shown = suppress_small_counts(whole, k)
    return shown[shown["indicator_code"].isin(codes)][[*reference.columns]].reset_index(drop=True)


def _own_row(upper: pd.DataFrame, code: str) -> pd.DataFrame:
    return upper[upper["area_code"] == code].drop(columns=["area_code", "name_th", "name_en", "parent_code"])


def _as_rows(reference: pd.DataFrame, parent: str | None, areas: pd.DataFrame) -> pd.DataFrame:
    """The reference values shaped like query rows of one area, so the table builders apply."""
    names = areas.set_index("code")
    if parent and parent in names.index:
        name_th, name_en = names.loc[parent, "name_th"], names.loc[parent, "name_en"]
    else:
        name_th, name_en = "ประเทศไทย", "Thailand"
    return reference.assign(area_code=parent or "TH", name_th=name_th, name_en=name_en, parent_code=None)
