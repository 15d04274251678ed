"""CSV and XLSX exports: Thai text, headers, numbers, formats, the about sheet, formula neutralising."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from analysis.text_safety import safe_text
from exports.tables import ExportColumn, table_csv, table_xlsx

FRAME = pd.DataFrame(
    {
        "name": ["เมืองฉะเชิงเทรา", '=HYPERLINK("http://x")', "+ตำบล", "@SUM(A1)", "-1+2", "\tแท็บ"],
        "rate": [12.345678, 0.5, np.nan, 3.0, 4.0, 5.0],
        "people": [1234.0, 56.0, 7.0, 8.0, 9.0, 10.0],
    }
)
COLUMNS = [
    ExportColumn("name", "ตำบล"),
    ExportColumn("rate", "ร้อยละคนจนเป้าหมาย (ร้อยละ)", "percent"),
    ExportColumn("people", "ประชากรที่สำรวจ", "count"),
]
DEFINITIONS = pd.DataFrame({"รหัส": ["target_poor_rate"], "ชื่อ": ["ร้อยละคนจนเป้าหมาย"], "หน่วย": ["ร้อยละ"]})


def test_csv_has_bom_thai_headers_numbers_and_neutralised_formulas():
    data = table_csv(FRAME, COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["ตำบล", "ร้อยละคนจนเป้าหมาย (ร้อยละ)", "ประชากรที่สำรวจ"]
    assert rows[1] == ["เมืองฉะเชิงเทรา", "12.3457", "1234"]
    assert rows[2][0] == '\'=HYPERLINK("http://x")'
    assert [r[0] for r in rows[3:]] == ["'+ตำบล", "'@SUM(A1)", "'-1+2", "'\tแท็บ"]
    assert rows[3][1] == ""  # missing stays empty, not 0 or nan
    assert len(rows) == 1 + len(FRAME)


def test_xlsx_has_formats_frozen_header_and_an_about_sheet():
    notes = [("พื้นที่", "ฉะเชิงเทรา · อำเภอ"), ("ปี พ.ศ.", "2566"), ("ส่งออกเมื่อ", "2026-11-21 10:00 (UTC+7)")]
    book = load_workbook(io.BytesIO(table_xlsx(FRAME, COLUMNS, "ข้อมูล", "คำอธิบาย", notes, DEFINITIONS)))
    assert book.sheetnames == ["ข้อมูล", "คำอธิบาย"]
    sheet = book["ข้อมูล"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["ตำบล", "ร้อยละคนจนเป้าหมาย (ร้อยละ)", "ประชากรที่สำรวจ"]
    assert sheet[1][0].font.bold
    assert sheet["A2"].value == "เมืองฉะเชิงเทรา"
    assert sheet["B2"].value == 12.3457 and sheet["B2"].number_format == "0.00"
    assert sheet["C2"].value == 1234 and sheet["C2"].number_format == "#,##0"
    assert sheet["A3"].value == '\'=HYPERLINK("http://x")' and sheet["A3"].data_type == "s"
    assert sheet["B4"].value is None
    assert sheet.max_row == 1 + len(FRAME)
    about = book["คำอธิบาย"]
    assert about["A1"].value == "พื้นที่" and about["B1"].value == "ฉะเชิงเทรา · อำเภอ"
    assert about["B3"].value.startswith("2026-11-21")
    assert [c.value for c in about[5]] == ["รหัส", "ชื่อ", "หน่วย"]
    assert [c.value for c in about[6]] == ["target_poor_rate", "ร้อยละคนจนเป้าหมาย", "ร้อยละ"]


def test_no_cell_of_any_sheet_is_a_formula():
    book = load_workbook(io.BytesIO(table_xlsx(FRAME, COLUMNS, "a", "b", [("=1+1", "+cmd")], DEFINITIONS)))
    for sheet in book:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_safe_text_leaves_numbers_and_plain_text():
    assert safe_text(-5) == -5
    assert safe_text("ตำบล-หนึ่ง") == "ตำบล-หนึ่ง"
    assert safe_text("-ลบ") == "'-ลบ"


def test_no_header_says_its_unit_twice():
    """Names that already carry their unit ("… (ร้อยละ)") are not given it again in a file's header."""
    from components.text import t
    from data_access.catalogue import read_indicators
    from exports.table_frame import indicator_header

    catalogue = read_indicators()
    for lang in ("th", "en"):
        for _, row in catalogue.iterrows():
            unit = t(f"unit_{row['unit']}", lang)
            header = indicator_header(row[f"name_{lang}"], unit)
            assert header.count(f"({unit})") <= 1 and "(ร้อยละ) (ร้อยละ)" not in header, header
