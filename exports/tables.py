"""A table as CSV (UTF-8 with BOM, so Excel shows Thai) or XLSX (Thai headers, number formats, a frozen
header row, and a second sheet saying what every column means, where the data came from and when).

Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is
neutralised with a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from analysis.disclosure import DEFAULT_MIN_HOUSEHOLDS
from analysis.text_safety import safe_text
from analysis.units import small_count

NUMBER_FORMATS = {
    "percent": "0.00",
    "change": "+0.00;-0.00;0.00",
    "count": "#,##0",
    "baht": "#,##0",
    "index": "0.0000",
    "score": "0.00",
    "number": "#,##0.####",
}
DECIMALS = {"percent": 4, "change": 4, "count": 4, "baht": 2, "index": 6, "score": 4, "number": 6}


@dataclass(frozen=True)
class ExportColumn:
    """A column of the export: which frame column, its header as shown, and how numbers look."""

    key: str
    header: str
    kind: str = "text"  # text or a NUMBER_FORMATS key
    hidden: str | None = None  # a boolean column: True where the cell is suppressed for this viewer
    hidden_text: str = small_count(DEFAULT_MIN_HOUSEHOLDS)  # what a suppressed cell says instead of a number


def export_rows(frame: pd.DataFrame, columns: Sequence[ExportColumn]) -> list[list[object]]:
    """Cells row by row: text neutralised, numbers rounded to what the unit can mean, missing as None."""
    out_columns = []
    for column in columns:
        series = frame[column.key]
        if column.kind == "text":
            out_columns.append([None if _missing(v) else safe_text(str(v)) for v in series.tolist()])
        else:
            numbers = pd.to_numeric(series, errors="coerce").round(DECIMALS.get(column.kind, 6))
            cells = [None if math.isnan(v) else _plain(v) for v in numbers.astype(float).tolist()]
            if column.hidden and column.hidden in frame:
                hidden = frame[column.hidden].fillna(False).astype(bool).tolist()
                cells = [column.hidden_text if h else c for c, h in zip(cells, hidden)]
            out_columns.append(cells)
    return [list(row) for row in zip(*out_columns)] if out_columns else []


def table_csv(frame: pd.DataFrame, columns: Sequence[ExportColumn], footer: Sequence[str] = ()) -> bytes:
    """CSV in UTF-8 with a byte-order mark, headers as shown on screen; `footer` lines (e.g. how
    small counts were protected) after one empty row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_text(c.header) for c in columns])
    writer.writerows(export_rows(frame, columns))
    if footer:
        writer.writerow([])
        writer.writerows([[safe_text(line)] for line in footer])
    return buffer.getvalue().encode("utf-8-sig")


def table_xlsx(
    frame: pd.DataFrame,
    columns: Sequence[ExportColumn],
    sheet_title: str,
    about_title: str,
    notes: Sequence[tuple[str, str]],
    definitions: pd.DataFrame,
) -> bytes:
    """A workbook: the table (frozen, formatted header row) and an about sheet with `notes`
    (label, text) followed by `definitions` (one row per indicator, headers as its columns)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_name(sheet_title))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        width = 14 if column.kind != "text" else 28
        sheet.column_dimensions[_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, safe_text(c.header), font=bold) for c in columns])
    formats = [NUMBER_FORMATS.get(c.kind) for c in columns]
    for row in export_rows(frame, columns):
        sheet.append(
            [
                _cell(sheet, value, number_format=fmt) if fmt and isinstance(value, int | float) else value
                for value, fmt in zip(row, formats)
            ]
        )
    about = book.create_sheet(_sheet_name(about_title))
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 60
    for label, text in notes:
        about.append([_cell(about, safe_text(label), font=bold), safe_text(text)])
    about.append([])
    about.append([_cell(about, safe_text(str(h)), font=bold) for h in definitions.columns])
    for values in definitions.itertuples(index=False):
        about.append(
            [None if _missing(v) else safe_text(v if isinstance(v, int | float) else str(v)) for v in values]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value, font=None, number_format=None):
    cell = WriteOnlyCell(sheet, value=value)
    if font is not None:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


def _plain(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _sheet_name(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Sheet"
