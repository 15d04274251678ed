"""Bytes from an upload -> a table of text cells indexed by the row numbers the spreadsheet shows.

Every cell stays text until a kind's checks parse it, so a bad cell becomes a row error naming what
was typed, never a silent NaN. CSV encodings tried in order: UTF-8 (with or without BOM), then
cp874 (a superset of TIS-620); an explicit encoding wins. XLSX is read with formulas *not* evaluated:
a formula cell keeps its formula text and is reported as a problem by the caller.

Spreadsheet habits handled here (`layout.py` holds the rules): title rows above the header, a
totals row, several sheets beside a pivot table. Each leaves a note in `RawTable.notes` for the
preview, so nothing is skipped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

import pandas as pd

from analysis.errors import DataError
from data_access.importer.layout import (
    HEADER_SCAN_ROWS,
    Note,
    drop_totals,
    find_header,
    is_pivot_header,
    pivot_sheets,
)
from data_access.importer.normalise import clean_text

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
MAX_ROWS = 2_000_000
AUTO_ENCODINGS = ("utf-8-sig", "cp874")
ENCODING_ALIASES = {"tis-620": "cp874", "tis620": "cp874", "windows-874": "cp874", "utf-8": "utf-8-sig"}
XLSX_MAGIC = b"PK\x03\x04"
# Python's csv module refuses longer fields for the whole file; we read them and refuse the cell.
MAX_CELL_CHARS = 131_072


@dataclass
class RawTable:
    """Text cells; index = spreadsheet row number (header is row 1); columns = headers as written."""

    frame: pd.DataFrame
    encoding: str | None = None
    sheet: str | None = None
    # (row, column, formula) of XLSX cells holding a formula, which are never evaluated.
    formulas: list[tuple[int, str, str]] = field(default_factory=list)
    # (row, column, length) of cells longer than MAX_CELL_CHARS, blanked and reported per row.
    oversized: list[tuple[int, str, int]] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    header_row: int = 1
    crs: int | None = None  # EPSG code a map file declares for its x and y (geo_read)


def max_bytes() -> int:
    """The upload cap: `ATLAS_IMPORT_MAX_MB` in the environment, else 50 MB."""
    configured = os.environ.get("ATLAS_IMPORT_MAX_MB")
    return int(float(configured) * MB) if configured else DEFAULT_MAX_BYTES


def read_table(
    data: bytes,
    file_name: str,
    encoding: str | None = None,
    sheet: str | None = None,
    limit: int | None = None,
    header_row: int | None = None,
) -> RawTable:
    """Parse an upload; whole-file problems (too large, empty, undecodable, unreadable) raise DataError.
    `header_row` (as the spreadsheet numbers it) overrides the search for the header row."""
    limit = max_bytes() if limit is None else limit
    if len(data) > limit:
        raise DataError(
            f"ไฟล์ใหญ่เกินไป ({len(data) / MB:,.1f} MB) รับได้ไม่เกิน {limit / MB:,.0f} MB กรุณาแบ่งไฟล์เป็นส่วนย่อย",
            f"The file is too large ({len(data) / MB:,.1f} MB); the limit is {limit / MB:,.0f} MB. "
            "Split it into smaller files.",
        )
    if not data.strip():
        raise _empty()
    if data.startswith(XLSX_MAGIC) or file_name.lower().endswith((".xlsx", ".xlsm")):
        table = _read_xlsx(data, sheet, limit, header_row)
    else:
        table = _read_csv(data, encoding, header_row)
    table.frame = _drop_blank(table.frame)
    table.frame, totals = drop_totals(table.frame)
    table.notes += totals
    if table.frame.empty:
        raise _empty()
    if is_pivot_header(list(table.frame.columns)):
        table.notes.append(
            (
                "ไฟล์นี้ดูเหมือนตาราง Pivot (Row Labels / Count of …) ซึ่งเป็นผลสรุป กรุณานำเข้าข้อมูลต้นทางแทน",
                "This looks like a pivot table (Row Labels / Count of …), a summary: import the data it "
                "was made from instead",
            )
        )
    return table


def _empty() -> DataError:
    return DataError(
        "ไฟล์ว่าง: ไม่มีหัวคอลัมน์หรือไม่มีข้อมูลสักแถว",
        "The file is empty: no header row or no data rows.",
    )


def _read_csv(data: bytes, encoding: str | None, header_row: int | None) -> RawTable:
    text, used = decode(data, encoding)
    try:
        dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    # csv's own (module-wide) limit would refuse the whole file; it is raised, never lowered, and
    # the check per cell below refuses only the oversized cell.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as problem:
        raise DataError(f"อ่านไฟล์ CSV ไม่ได้: {problem}", f"The CSV file cannot be read: {problem}") from None
    if len(rows) > MAX_ROWS + 1:
        raise _too_many_rows(len(rows) - 1)
    table = _table_from_rows(rows, 1, header_row)
    table.encoding = used
    if len(text) > MAX_CELL_CHARS and _may_hold_oversized(text, len(rows)):
        table.oversized = _blank_oversized(table.frame)
    return table


def _may_hold_oversized(text: str, records: int) -> bool:
    """False when no cell can be longer than the limit: every record is one line, none that long.
    Cheap on a large file, where checking every cell would cost a second."""
    lines = text.split("\n")
    if len(lines) - (lines[-1] == "") != records:
        return True  # a quoted cell spans lines (or the lines end in a bare CR): check the cells
    return max(map(len, lines)) > MAX_CELL_CHARS


def _blank_oversized(frame: pd.DataFrame) -> list[tuple[int, str, int]]:
    """Cells too long to be data (a pasted document): blanked, and listed for a row error each."""
    found = []
    for column in frame.columns:
        lengths = frame[column].str.len()
        for row in frame.index[lengths > MAX_CELL_CHARS]:
            found.append((int(row), column, int(lengths[row])))
            frame.at[row, column] = ""
    return found


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """(text, encoding used). An explicit encoding must decode the whole file; else the first that does."""
    if encoding:
        name = ENCODING_ALIASES.get(encoding.strip().lower(), encoding.strip().lower())
        try:
            return data.decode(name), name
        except LookupError:
            raise DataError(
                f"ไม่รู้จักการเข้ารหัส '{encoding}' ใช้ได้: utf-8, cp874 (TIS-620)",
                f"Unknown encoding '{encoding}'; use utf-8 or cp874 (TIS-620)",
            ) from None
        except UnicodeDecodeError as bad:
            raise _undecodable(bad, name) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            "ไฟล์นี้เข้ารหัสแบบ UTF-16 กรุณาบันทึกใหม่เป็น CSV UTF-8",
            "This file is UTF-16; save it again as CSV UTF-8.",
        )
    failure = None
    for name in AUTO_ENCODINGS:
        try:
            return data.decode(name), name
        except UnicodeDecodeError as bad:
            failure = failure or bad
    raise _undecodable(failure, "utf-8, cp874")


def _undecodable(bad: UnicodeDecodeError, tried: str) -> DataError:
    return undecodable(bad.object[bad.start : bad.start + 1], bad.start, tried)


def undecodable(byte: bytes, position: int, tried: str) -> DataError:
    """The file cannot be decoded: the first bad byte and where it is."""
    return DataError(
        f"อ่านตัวอักษรในไฟล์ไม่ได้ (ไบต์ 0x{byte.hex()} ตำแหน่ง {position}) ด้วยการเข้ารหัส {tried} "
        "กรุณาบันทึกเป็น CSV UTF-8 หรือเลือกการเข้ารหัสให้ถูกต้อง",
        f"The file cannot be decoded (byte 0x{byte.hex()} at position {position}) as {tried}; "
        "save it as CSV UTF-8 or choose the right encoding.",
    )


def _too_many_rows(count: int) -> DataError:
    return DataError(
        f"ไฟล์มี {count:,} แถว เกินกว่าที่รับได้ ({MAX_ROWS:,} แถว)",
        f"The file has {count:,} rows, more than the {MAX_ROWS:,} allowed.",
    )


def _read_xlsx(data: bytes, sheet: str | None, limit: int, header_row: int | None) -> RawTable:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise DataError(
            "ไฟล์ XLSX เสียหรือไม่ใช่ไฟล์ Excel", "The XLSX file is damaged or not an Excel file."
        ) from None
    if unpacked > 20 * limit:  # a zip bomb: tiny upload, enormous sheet
        raise DataError("ไฟล์ XLSX เมื่อแตกไฟล์แล้วใหญ่เกินไป", "The XLSX file is too large once unpacked.")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as problem:  # openpyxl raises many types for a broken file
        raise DataError(
            f"เปิดไฟล์ XLSX ไม่ได้: {problem}", f"The XLSX file cannot be opened: {problem}"
        ) from None
    try:
        names = list(book.sheetnames)
        if sheet is not None and sheet not in names:
            raise DataError(
                f"ไม่พบแผ่นงาน '{sheet}' ในไฟล์ มี: {', '.join(names)}",
                f"No sheet '{sheet}' in the file; it has: {', '.join(names)}",
            )
        table, formulas, passed = _chosen_sheet(book, sheet, pivot_sheets(data), header_row)
    finally:
        book.close()
    offset = table.header_row
    headers = list(table.frame.columns)
    table.formulas = [(r, headers[c], f) for r, c, f in formulas if c < len(headers) and r >= offset]
    table.sheets = names
    if len(names) > 1:
        table.notes.insert(
            0,
            (
                f"แผ่นงานในไฟล์: {', '.join(names)} — อ่านแผ่นงาน '{table.sheet}' เลือกแผ่นงานอื่นได้ที่ช่อง “ชีต”",
                f"Sheets in the file: {', '.join(names)} — read '{table.sheet}'; choose another in “Sheet”",
            ),
        )
    table.notes[1:1] = passed
    return table


def _chosen_sheet(book, sheet: str | None, pivots: set[str], header_row: int | None):
    """The chosen sheet (`choose_sheet`) read whole. Returns (table, formulas, notes)."""
    worksheet, passed = choose_sheet(book, sheet, pivots, header_row)
    rows, formulas, first_row = _sheet_rows(worksheet)
    return _table_from_rows(rows, first_row, header_row, worksheet.title), formulas, passed


def choose_sheet(book, sheet: str | None, pivots: set[str], header_row: int | None = None):
    """The sheet asked for, else the first that holds a table: pivot tables and empty sheets are
    passed over, with a note each. Reads each sheet only as far as its header. Returns (worksheet,
    notes)."""
    if sheet is not None:
        return book[sheet], []
    passed: list[Note] = []
    for worksheet in book.worksheets:
        name = worksheet.title
        if name in pivots:
            passed.append(_passed_over(name, "เป็นตาราง Pivot", "is a pivot table"))
            continue
        rows = sheet_rows(worksheet)
        head = list(islice(rows, HEADER_SCAN_ROWS + 50 if header_row is None else max(header_row, 1) + 1))
        if not any(_filled(cells) for _, cells, _ in chain(head, rows)):
            passed.append(_passed_over(name, "ว่าง", "is empty"))
            continue
        if is_pivot_header(_header_cells(head, header_row)) and worksheet is not book.worksheets[-1]:
            passed.append(_passed_over(name, "เป็นตาราง Pivot", "is a pivot table"))
            continue
        return worksheet, passed
    raise DataError(
        f"ไม่พบแผ่นงานที่มีตารางข้อมูล แผ่นงานในไฟล์: {', '.join(book.sheetnames)} กรุณาเลือกแผ่นงานที่ช่อง “ชีต”",
        f"No sheet holds a data table; the file has: {', '.join(book.sheetnames)}. Choose one in “Sheet”.",
    )


def _filled(cells) -> bool:
    return any(str(c).strip() for c in cells)


def _header_cells(head: list, header_row: int | None) -> list[str]:
    """The header row's cells among the first rows of a sheet, as `_table_from_rows` would take it."""
    if not head:
        return []
    first_row = head[0][0]
    if header_row is None:
        skip, _ = find_header([cells for _, cells, _ in head], first_row)
    else:
        skip = header_row - first_row
    filled = [cells for _, cells, _ in head[max(skip, 0) :] if _filled(cells)]
    return [str(c) for c in filled[0]] if filled else []


def _passed_over(name: str, why_th: str, why_en: str) -> Note:
    return (f"ข้ามแผ่นงาน '{name}' เพราะ{why_th}", f"Sheet '{name}' passed over: it {why_en}")


def _sheet_rows(worksheet) -> tuple[list[list[str]], list[tuple[int, int, str]], int]:
    rows: list[list[str]] = []
    formulas: list[tuple[int, int, str]] = []
    for row_number, texts, found in sheet_rows(worksheet):
        rows.append(texts)
        formulas += [(row_number, index, text) for index, text in found]
        if len(rows) > MAX_ROWS + 1:
            raise _too_many_rows(len(rows) - 1)
    return rows, formulas, worksheet.min_row or 1


def sheet_rows(worksheet) -> Iterator[tuple[int, list[str], list[tuple[int, str]]]]:
    """(row number, cell texts, (column index, formula) of its formula cells) of every sheet row."""
    for number, cells in enumerate(worksheet.iter_rows(), start=worksheet.min_row or 1):
        texts, formulas = [], []
        for index, cell in enumerate(cells):
            text, is_formula = cell_text(cell)
            texts.append(text)
            if is_formula:
                formulas.append((index, text))
        yield number, texts, formulas


def cell_text(cell) -> tuple[str, bool]:
    """(text as the user typed it, is a formula). Percent-formatted numbers read as '12.5%'."""
    value = getattr(cell, "value", None)
    if value is None:
        return "", False
    if getattr(cell, "data_type", None) == "f" or not isinstance(
        value, (str, int, float, bool, dt.date, dt.datetime, dt.time)
    ):
        text = value if isinstance(value, str) else str(getattr(value, "text", value))
        return text, True
    if isinstance(value, bool):
        return ("1" if value else "0"), False
    if isinstance(value, (int, float)):
        if "%" in str(getattr(cell, "number_format", "")):
            return f"{round(value * 100, 10)!r}%", False
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value)), False
        return repr(value), False
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time() else value.isoformat()), False
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat(), False
    return str(value), False


def _table_from_rows(
    rows: list[list[str]], first_row: int, header_row: int | None, sheet: str | None = None
) -> RawTable:
    """The rows below the header row (found, or given as the spreadsheet numbers it) as a table."""
    if header_row is None:
        skip, notes = find_header(rows, first_row)
    else:
        skip, notes = header_row - first_row, []
        if not 0 <= skip < len(rows):
            last = first_row + len(rows) - 1
            raise DataError(
                f"แถวหัวคอลัมน์ {header_row} อยู่นอกไฟล์ (แถว {first_row}-{last})",
                f"Header row {header_row} is outside the file (rows {first_row}-{last})",
            )
    frame = _frame_from_rows(rows[skip:], first_row + skip)
    return RawTable(frame, sheet=sheet, notes=notes, header_row=first_row + skip)


def _frame_from_rows(rows: list[list[str]], first_row: int) -> pd.DataFrame:
    """Header row + data rows -> frame of text; blank or repeated headers get a position-based name."""
    rows = list(rows)
    while rows and not any(str(c).strip() for c in rows[0]):
        rows.pop(0)
        first_row += 1
    if not rows:
        return pd.DataFrame()
    header = [clean_text(h) for h in rows[0]]
    width = max(len(header), max((len(r) for r in rows[1:]), default=0))
    while len(header) < width:
        header.append("")
    names: list[str] = []
    for position, name in enumerate(header, start=1):
        name = name or f"column_{position}"
        while name in names:
            name = f"{name}_{position}"
        names.append(name)
    body = [list(r) + [""] * (width - len(r)) for r in rows[1:]]
    frame = pd.DataFrame(body, columns=names, dtype=object)
    frame.index = pd.RangeIndex(first_row + 1, first_row + 1 + len(body), name="row")
    return frame.fillna("").astype(str)


def _drop_blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with every cell blank are not data (spreadsheets keep them); their numbers stay unused."""
    if frame.empty:
        return frame
    blank = frame.apply(lambda c: c.str.strip() == "").all(axis=1)
    # Trailing fully blank columns without a header are spreadsheet noise too.
    keep = [c for c in frame.columns if not (c.startswith("column_") and (frame[c].str.strip() == "").all())]
    return frame.loc[~blank, keep]
