"""Where the table is in a spreadsheet: the header row under a title, totals rows, pivot sheets.

Offices put a title (often merged across the columns) and a blank line above the header, end the
table with a "รวม" or "Grand Total" row and keep a pivot table beside the data. The reader finds the
table and says what it passed over (a `Note`: Thai, English); when it cannot be sure which row is
the header it asks, naming the row it would guess.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile
from xml.etree import ElementTree

import pandas as pd

from analysis.errors import DataError
from data_access.importer.normalise import clean_text

Note = tuple[str, str]
HEADER_SCAN_ROWS = 15
_NUMERIC = re.compile(r"^[+-]?[\d,]*\.?\d+(?:[eE][+-]?\d+)?%?$")
_TOTALS = re.compile(
    r"^(?:grand\s*total|sub\s*-?\s*total|total|sum|รวม(?:ทั้งสิ้น|ทั้งหมด)?|ยอดรวม|ผลรวม(?:ทั้งหมด)?"
    r"|(?:รวม|ยอดรวม)\s*(?:อำเภอ|จังหวัด|ตำบล|อ\.|จ\.|ต\.).*|total\s+.*)\s*[:：]?$"
)
_TOTALS_START = r"(?:grand|sub|total|sum|รวม|ยอดรวม|ผลรวม)"
_PIVOT_FIRST = {"row labels", "ป้ายชื่อแถว"}
_PIVOT_VALUE = re.compile(r"^(?:count|sum|average|จำนวนนับ|ผลรวม|ค่าเฉลี่ย)\s*(?:of|ของ)\s*\S")
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _filled(row: list[str]) -> int:
    return sum(1 for cell in row if str(cell).strip())


def _texts(row: list[str]) -> int:
    return sum(1 for cell in row if str(cell).strip() and not _NUMERIC.match(clean_text(cell)))


def find_header(rows: list[list[str]], first_row: int) -> tuple[int, list[Note]]:
    """(index of the header row in `rows`, notes). The first non-blank row is the header, as
    always, unless it reads as a title (one or two cells of a wide table); then the first row below
    made mostly of text cells is. Unsure (a title, then numbers): DataError naming the likely row."""
    start = next((i for i, row in enumerate(rows) if _filled(row)), 0)
    scanned = rows[start : start + HEADER_SCAN_ROWS]
    width = max((_filled(r) for r in rows[start : start + HEADER_SCAN_ROWS + 50]), default=0)
    if width < 3 or not scanned:
        return start, []

    def title_like(row) -> bool:
        return _filled(row) <= max(1, width // 3)

    def header_like(row) -> bool:
        filled = _filled(row)
        return filled >= max(2, math.ceil(width / 2)) and _texts(row) >= 0.6 * filled

    if not title_like(scanned[0]):
        return start, []
    for offset, row in enumerate(scanned[1:], start=1):
        if not _filled(row) or title_like(row):
            continue
        if header_like(row):
            above = f"{first_row + start}" + (f"-{first_row + start + offset - 1}" if offset > 1 else "")
            return start + offset, [
                (
                    f"หัวคอลัมน์อยู่ที่แถว {first_row + start + offset} (แถว {above} เป็นชื่อเรื่อง จึงข้ามไป)",
                    f"Header found on row {first_row + start + offset} (row{'s' * (offset > 1)} {above} "
                    "read as a title and skipped)",
                )
            ]
        break
    scores = [_texts(r) * (_filled(r) >= 2) for r in scanned]
    guess = first_row + start + max(range(len(scanned)), key=lambda i: (scores[i], -i))
    raise DataError(
        f"หาแถวหัวคอลัมน์ไม่ได้แน่ชัด: แถว {first_row + start} ดูเหมือนชื่อเรื่อง หัวคอลัมน์น่าจะอยู่ที่แถว {guess} "
        "กรุณาระบุ “แถวหัวคอลัมน์” (หรือ --header-row ในบรรทัดคำสั่ง)",
        f"Cannot tell which row is the header: row {first_row + start} looks like a title and the header "
        f"seems to be on row {guess}. Choose the “Header row” (or --header-row on the command line).",
    )


def drop_totals(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[Note]]:
    """Rows whose first filled cell is a totals label ("รวม", "Grand Total") are sums of other rows,
    not data: dropped, with a note naming each (their row numbers stay unused)."""
    if frame.empty:
        return frame, []
    first = frame.iloc[:, 0].str.strip()
    for column in frame.columns[1:4]:
        blank = first == ""
        if not blank.any():
            break
        first[blank] = frame.loc[blank, column].str.strip()
    # A cheap vectorised look first (a file may have 300,000 rows), the exact rule on the few left.
    maybe = first.str.lower().str.match(_TOTALS_START) & first.str.len().between(1, 40)
    candidates = first[maybe]
    is_total = candidates.map(lambda text: bool(_TOTALS.match(clean_text(text).lower())))
    rows = candidates.index[is_total.to_numpy(dtype=bool)]
    notes = [
        (f"ข้ามแถว {row} '{first[row]}' เพราะเป็นแถวผลรวม", f"Row {row} '{first[row]}' skipped as a totals row")
        for row in rows
    ]
    return (frame.drop(index=rows) if len(rows) else frame), notes


def is_pivot_header(headers: list[str]) -> bool:
    """Excel's pivot layout: 'Row Labels' first, or value columns named 'Count of …' / 'Sum of …'."""
    keys = [clean_text(h).lower() for h in headers]
    return bool(keys) and (keys[0] in _PIVOT_FIRST or any(_PIVOT_VALUE.match(k) for k in keys))


def pivot_sheets(data) -> set[str]:
    """Names of the XLSX sheets that hold a pivot table (a pivotTable part in the sheet's relations);
    `data` is the file's bytes or its path."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            names = set(archive.namelist())
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(_RELS)}
            found = set()
            for sheet in book.iter(f"{_MAIN}sheet"):
                target = targets.get(sheet.get(_REL_ID), "")
                path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else f"xl/{target}")
                folder, base = posixpath.split(path)
                sheet_rels = posixpath.join(folder, "_rels", base + ".rels")
                if sheet_rels in names and b"pivotTable" in archive.read(sheet_rels):
                    found.add(sheet.get("name"))
            return found
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()
