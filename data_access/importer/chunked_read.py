"""A large CSV or XLSX file read from disk in runs of rows, never whole (issue #18: imports in bounded
memory): each run is a `RawTable` like `reading.read_table` gives, indexed by the file's own row
numbers, with the same header search, blank and totals rows, oversized cells and formula cells.

The CSV encoding is decided first, in one pass that decodes the file block by block and keeps
nothing (an explicit encoding must decode it all, else UTF-8 then cp874, as `reading.decode`);
the same pass gives the file's sha256. XLSX is read with openpyxl's read-only mode, formulas not
evaluated. A run's frame may lack an unnamed blank column another run has; the kinds ignore those.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

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
from data_access.importer.reading import (
    AUTO_ENCODINGS,
    DEFAULT_MAX_BYTES,
    ENCODING_ALIASES,
    MAX_CELL_CHARS,
    XLSX_MAGIC,
    RawTable,
    _blank_oversized,
    _drop_blank,
    _empty,
    _frame_from_rows,
    choose_sheet,
    sheet_rows,
    undecodable,
)

CHUNK_ROWS = 50_000  # file rows per run (`ATLAS_IMPORT_RUN_ROWS` sets another, for tests)
MAX_STREAMED_ROWS = 20_000_000  # a national survey year is about 12.9 million households
BLOCK = 1 << 20
HEADER_LOOKAHEAD = HEADER_SCAN_ROWS + 50  # rows `layout.find_header` looks at


@dataclass
class ChunkedFile:
    """A file on disk to read in runs of `rows` rows; `inspect()` first (encoding, checksum)."""

    path: Path
    encoding: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    rows: int = CHUNK_ROWS
    checksum: str = ""
    size_bytes: int = 0
    is_xlsx: bool = False
    used_encoding: str | None = None
    used_sheet: str | None = None
    sheets: list[str] = field(default_factory=list)

    def inspect(self) -> ChunkedFile:
        self.path = Path(self.path)
        with open(self.path, "rb") as handle:
            start = handle.read(len(XLSX_MAGIC))
        self.is_xlsx = start == XLSX_MAGIC or self.path.name.lower().endswith((".xlsx", ".xlsm"))
        if self.is_xlsx:
            self.checksum, self.size_bytes = file_checksum(self.path)
        else:
            self.used_encoding, self.checksum, self.size_bytes = _csv_encoding(self.path, self.encoding)
        if self.size_bytes == 0:
            raise _empty()
        return self

    def tables(self) -> Iterator[RawTable]:
        """The file's runs of rows; whole-file problems raise DataError as `read_table` does."""
        if self.is_xlsx:
            rows, notes = self._xlsx_rows()
        else:
            rows, notes = _csv_rows(self.path, self.used_encoding, self.size_bytes), []
        yielded = False
        for table in _runs(rows, self.header_row, self.rows, notes):
            table.encoding, table.sheet, table.sheets = self.used_encoding, self.used_sheet, self.sheets
            yielded = True
            yield table
        if not yielded:
            raise _empty()

    def _xlsx_rows(self):
        from openpyxl import load_workbook

        try:
            with zipfile.ZipFile(self.path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except zipfile.BadZipFile:
            raise DataError(
                "ไฟล์ XLSX เสียหรือไม่ใช่ไฟล์ Excel", "The XLSX file is damaged or not an Excel file."
            ) from None
        if unpacked > max(20 * DEFAULT_MAX_BYTES, 50 * self.size_bytes):  # a zip bomb
            raise DataError("ไฟล์ XLSX เมื่อแตกไฟล์แล้วใหญ่เกินไป", "The XLSX file is too large once unpacked.")
        try:
            book = load_workbook(self.path, read_only=True, data_only=False)
        except Exception as problem:  # openpyxl raises many types for a broken file
            raise DataError(
                f"เปิดไฟล์ XLSX ไม่ได้: {problem}", f"The XLSX file cannot be opened: {problem}"
            ) from None
        self.sheets = list(book.sheetnames)
        if self.sheet is not None and self.sheet not in self.sheets:
            book.close()
            raise DataError(
                f"ไม่พบแผ่นงาน '{self.sheet}' ในไฟล์ มี: {', '.join(self.sheets)}",
                f"No sheet '{self.sheet}' in the file; it has: {', '.join(self.sheets)}",
            )
        worksheet, passed = choose_sheet(book, self.sheet, pivot_sheets(self.path), self.header_row)
        self.used_sheet = worksheet.title
        notes: list[Note] = []
        if len(self.sheets) > 1:
            notes.append(
                (
                    f"แผ่นงานในไฟล์: {', '.join(self.sheets)} — อ่านแผ่นงาน '{self.used_sheet}' "
                    "เลือกแผ่นงานอื่นได้ที่ช่อง “ชีต”",
                    f"Sheets in the file: {', '.join(self.sheets)} — read '{self.used_sheet}'; "
                    "choose another in “Sheet”",
                )
            )
        return _closing(book, sheet_rows(worksheet)), notes + passed


def run_rows() -> int:
    """File rows per run: `ATLAS_IMPORT_RUN_ROWS`, else `CHUNK_ROWS`."""
    return max(int(os.environ.get("ATLAS_IMPORT_RUN_ROWS") or CHUNK_ROWS), 1)


def file_checksum(path: Path) -> tuple[str, int]:
    """(sha256, size) of a file read block by block."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _csv_encoding(path: Path, asked: str | None) -> tuple[str, str, int]:
    """(encoding that decodes the whole file, sha256, size), found in one pass keeping nothing."""
    if asked:
        name = ENCODING_ALIASES.get(asked.strip().lower(), asked.strip().lower())
        try:
            codecs.lookup(name)
        except LookupError:
            raise DataError(
                f"ไม่รู้จักการเข้ารหัส '{asked}' ใช้ได้: utf-8, cp874 (TIS-620)",
                f"Unknown encoding '{asked}'; use utf-8 or cp874 (TIS-620)",
            ) from None
        candidates = [name]
    else:
        candidates = list(AUTO_ENCODINGS)
    decoders = {name: codecs.getincrementaldecoder(name)() for name in candidates}
    failures: dict[str, tuple[bytes, int]] = {}
    digest, offset, blank = hashlib.sha256(), 0, True
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            if offset == 0 and not asked and block.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise DataError(
                    "ไฟล์นี้เข้ารหัสแบบ UTF-16 กรุณาบันทึกใหม่เป็น CSV UTF-8",
                    "This file is UTF-16; save it again as CSV UTF-8.",
                )
            digest.update(block)
            blank = blank and not block.strip()
            for name in [n for n in candidates if n not in failures]:
                try:
                    decoders[name].decode(block)
                except UnicodeDecodeError as bad:
                    failures[name] = (block[bad.start : bad.start + 1], offset + bad.start)
            offset += len(block)
    for name in [n for n in candidates if n not in failures]:
        try:
            decoders[name].decode(b"", final=True)
        except UnicodeDecodeError:
            failures[name] = (b"", offset)
    if blank:
        raise _empty()
    for name in candidates:
        if name not in failures:
            return name, digest.hexdigest(), offset
    byte, position = failures[candidates[0]]
    raise undecodable(byte, position, candidates[0] if asked else "utf-8, cp874")


def _csv_rows(path: Path, encoding: str, size: int) -> Iterator[tuple[int, list[str], list]]:
    """(record number, cells, no formulas) of every CSV record, read as the whole-file reader does."""
    with open(path, encoding=encoding, newline="") as handle:
        sample = handle.read(20_000)
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
        handle.seek(0)
        csv.field_size_limit(max(csv.field_size_limit(), size + 1))  # raised, never lowered
        try:
            for number, cells in enumerate(csv.reader(handle, delimiter=delimiter), start=1):
                yield number, cells, []
        except csv.Error as problem:
            raise DataError(
                f"อ่านไฟล์ CSV ไม่ได้: {problem}", f"The CSV file cannot be read: {problem}"
            ) from None


def _closing(book, rows):
    try:
        yield from rows
    finally:
        book.close()


def _runs(rows, header_row: int | None, size: int, notes: list[Note]) -> Iterator[RawTable]:
    """Find the header (searched, or given as the file numbers it), then frames of `size` rows."""
    rows = iter(rows)
    head = list(islice(rows, HEADER_LOOKAHEAD if header_row is None else max(header_row, 1) + 1))
    if not head:
        raise _empty()
    first_row = head[0][0]
    if header_row is None:
        skip, header_notes = find_header([cells for _, cells, _ in head], first_row)
    else:
        skip, header_notes = header_row - first_row, []
        if not 0 <= skip < len(head):
            last = head[-1][0]
            raise DataError(
                f"แถวหัวคอลัมน์ {header_row} อยู่นอกไฟล์ (แถว {first_row}-{last})",
                f"Header row {header_row} is outside the file (rows {first_row}-{last})",
            )
    rest = chain(head[skip:], rows)
    header = next(rest)
    while not any(str(c).strip() for c in header[1]):  # as `_frame_from_rows`: blank rows above go
        header = next(rest, None)
        if header is None:
            raise _empty()
    number, cells, _ = header
    notes = notes + header_notes
    if is_pivot_header([str(c) for c in cells]):
        notes.append(
            (
                "ไฟล์นี้ดูเหมือนตาราง Pivot (Row Labels / Count of …) ซึ่งเป็นผลสรุป กรุณานำเข้าข้อมูลต้นทางแทน",
                "This looks like a pivot table (Row Labels / Count of …), a summary: import the data it "
                "was made from instead",
            )
        )
    seen = 0
    while run := list(islice(rest, size)):
        seen += len(run)
        if seen > MAX_STREAMED_ROWS:
            raise DataError(
                f"ไฟล์มีเกิน {MAX_STREAMED_ROWS:,} แถว เกินกว่าที่รับได้",
                f"The file has more than the {MAX_STREAMED_ROWS:,} rows allowed.",
            )
        table = _run_table(cells, number, run)
        if table.frame.empty:
            continue
        table.notes = notes + table.notes
        notes = []
        yield table


def _run_table(header: list[str], header_number: int, run: list) -> RawTable:
    numbers = [n for n, _, _ in run]
    frame = _frame_from_rows([header] + [cells for _, cells, _ in run], header_number)
    frame.index = pd.Index(numbers, name="row")
    headers = list(frame.columns)
    formulas = [(n, headers[i], text) for n, _, found in run for i, text in found if i < len(headers)]
    longest = max(map(len, chain.from_iterable(cells for _, cells, _ in run)), default=0)
    oversized = _blank_oversized(frame) if longest > MAX_CELL_CHARS else []
    frame = _drop_blank(frame)
    frame, totals = drop_totals(frame)
    return RawTable(frame, formulas=formulas, oversized=oversized, notes=totals, header_row=header_number)
