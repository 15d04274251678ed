"""Excel and office habits: title rows above the header, totals rows, several sheets beside a pivot
table, codes stored as numbers, years written "พ.ศ. 2567", one oversized cell. Spreadsheet row numbers
stay right in every message."""

from __future__ import annotations

import io
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import Workbook

from analysis.errors import DataError
from data_access import importer
from data_access.importer import validate
from data_access.importer.reading import MAX_CELL_CHARS, read_table
from data_access.importer.report import Problems
from tests.support.real_data import real_file

HEADER = ["รหัสตำบล", "ปี พ.ศ.", "ตัวชี้วัด", "ตัวตั้ง", "ตัวหาร"]


def xlsx(sheets: dict[str, list[list]], merge: str | None = None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if merge and name == next(iter(sheets)):
            sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def titled(*data: list) -> list[list]:
    return [["รายงานตัวชี้วัด จปฐ. จังหวัดศรีสะเกษ ปี 2566"], [], HEADER, *data]


def test_a_merged_title_and_a_blank_line_above_the_header_are_passed_over(empty_db):
    data = xlsx({"ข้อมูล": titled([330105, 2566, "bmn60_01", 1, 10], [330105, 2566, "bmn60_01", 2, 5])},
                merge="A1:E1")  # fmt: skip
    checked = importer.preview(empty_db, data, "titled.xlsx")
    assert checked.notes[0][1] == "Header found on row 3 (rows 1-2 read as a title and skipped)"
    # Rows keep the numbers the spreadsheet shows: the duplicate is on rows 4 and 5.
    assert checked.errors[["row", "column"]].values.tolist() == [[4, "รหัสตำบล"], [5, "รหัสตำบล"]]
    assert "also on row 5" in checked.errors["problem_en"].iloc[0]


def test_a_csv_with_a_title_line_finds_its_header_and_a_chosen_row_wins(empty_db):
    data = ("สรุปผล จปฐ.,,,,\n" + ",".join(HEADER) + "\n330105,2566,bmn60_01,1,10\n").encode()
    checked = importer.preview(empty_db, data, "titled.csv")
    assert checked.ok and checked.counts["new"] == 1
    (note,) = checked.notes
    assert note == (
        "หัวคอลัมน์อยู่ที่แถว 2 (แถว 1 เป็นชื่อเรื่อง จึงข้ามไป)",
        "Header found on row 2 (row 1 read as a title and skipped)",
    )
    assert importer.preview(empty_db, data, "titled.csv", header_row=2).counts["new"] == 1
    with pytest.raises(DataError, match=r"Header row 9 is outside the file \(rows 1-3\)"):
        importer.preview(empty_db, data, "titled.csv", header_row=9)


def test_when_the_header_cannot_be_told_the_error_names_the_likely_row():
    data = "รายงาน,,,\n1,2,3,4\n5,6,7,8\n".encode()
    with pytest.raises(DataError) as refused:
        read_table(data, "numbers.csv")
    assert "header seems to be on row" in refused.value.message_en
    assert "--header-row" in refused.value.message_en and "แถวหัวคอลัมน์" in refused.value.message_th


def test_a_header_on_row_one_is_kept_as_before():
    table = read_table(",".join(HEADER).encode() + b"\n330105,2566,bmn60_01,1,10\n", "plain.csv")
    assert list(table.frame.columns) == HEADER and table.frame.index.tolist() == [2] and not table.notes


@pytest.mark.parametrize("label", ["รวม", "รวมทั้งสิ้น", "Grand Total", "Total", "รวมอำเภอเมืองศรีสะเกษ"])
def test_a_totals_row_is_skipped_and_said_so(empty_db, label):
    data = (",".join(HEADER) + f"\n330105,2566,bmn60_01,1,10\n{label},,,1,10\n").encode()
    checked = importer.preview(empty_db, data, "totals.csv")
    assert checked.ok and checked.rows_total == 1
    assert f"Row 3 '{label}' skipped as a totals row" in [en for _, en in checked.notes]


def test_a_tambon_whose_name_begins_like_a_total_is_data():
    data = "ตำบล,ตัวตั้ง\nรวมไทยพัฒนา,1\nTotal,1\n".encode()
    table = read_table(data, "names.csv")
    assert table.frame["ตำบล"].tolist() == ["รวมไทยพัฒนา"]


def test_the_real_pivot_export_loses_its_grand_total_and_is_named_a_pivot():
    table = read_table(real_file("thaiall_tambon_count_group_province.csv").read_bytes(), "pivot.csv")
    assert len(table.frame) == 77 and table.encoding == "cp874"
    notes = [en for _, en in table.notes]
    assert "Row 79 'Grand Total' skipped as a totals row" in notes
    assert any("looks like a pivot table" in n for n in notes)


def swapped_sheets(data: bytes) -> bytes:
    """The same workbook with the pivot sheet first (Excel's "move sheet")."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                text = content.decode()
                sheets = re.findall(r"<sheet [^>]*/>", text)
                assert len(sheets) == 2
                text = text.replace(sheets[0], "\0").replace(sheets[1], sheets[0]).replace("\0", sheets[1])
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def test_the_real_workbook_reads_its_data_sheet_and_names_the_others():
    data = real_file("thaiall_tambon.xlsx").read_bytes()
    table = read_table(data, "thaiall_tambon.xlsx")
    assert table.sheet == "TAMBON" and table.sheets == ["TAMBON", "tambon_count_group_province"]
    assert "Sheets in the file: TAMBON, tambon_count_group_province" in table.notes[0][1]
    # Codes stored as numbers read as the digits typed, never 910106.0.
    assert table.frame.loc[2, ["TA_ID", "AM_ID", "CH_ID"]].tolist() == ["910106", "9101", "91"]
    assert len(table.frame) == 7768 and table.frame.index[-1] == 7769

    pivot_first = swapped_sheets(data)
    table = read_table(pivot_first, "thaiall_tambon.xlsx")
    assert table.sheet == "TAMBON"
    passed = "Sheet 'tambon_count_group_province' passed over: it is a pivot table"
    assert passed in [en for _, en in table.notes]
    chosen = read_table(pivot_first, "thaiall_tambon.xlsx", sheet="tambon_count_group_province")
    assert chosen.frame.columns.tolist() == ["Row Labels", "Count of TA_ID"] and len(chosen.frame) == 77


def test_data_on_the_second_sheet_and_no_table_anywhere():
    data = xlsx({"ว่าง": [], "ข้อมูล": [HEADER, [330105, 2566, "bmn60_01", 1, 10]]})
    table = read_table(data, "second.xlsx")
    assert table.sheet == "ข้อมูล" and "Sheet 'ว่าง' passed over: it is empty" in [en for _, en in table.notes]
    with pytest.raises(DataError, match="No sheet 'x' in the file; it has: ว่าง, ข้อมูล"):
        read_table(data, "second.xlsx", sheet="x")
    with pytest.raises(DataError, match="the file has: ก, ข. Choose one"):
        read_table(xlsx({"ก": [], "ข": []}), "blank.xlsx")


@pytest.mark.parametrize(
    ("typed", "year"),
    [("พ.ศ. 2567", 2567), ("พ.ศ.๒๕๖๗", 2567), ("ปี 2567", 2567), ("2567", 2567), ("ปี พ.ศ. 2566", 2566),
     ("ปีงบประมาณ 2565", 2565), ("B.E. 2567", 2567), (" ๒๕๖๗ ", 2567)],
)  # fmt: skip
def test_years_as_offices_write_them(typed, year):
    problems = Problems()
    assert validate.years(pd.Series([typed], index=[7]), "ปี", problems).tolist() == [year]
    assert problems.frame().empty


@pytest.mark.parametrize("typed", ["2024", "ค.ศ. 2024", "ค.ศ.2567"])
def test_a_christian_era_year_is_a_row_error_saying_to_use_the_buddhist_era(typed):
    problems = Problems()
    assert validate.years(pd.Series([typed], index=[7]), "ปี", problems).isna().all()
    (problem,) = problems.frame().to_dict("records")
    assert problem["row"] == 7 and "Buddhist Era" in problem["problem_en"] and "พ.ศ." in problem["problem_th"]


def test_one_oversized_cell_is_a_row_error_and_the_rest_imports(empty_db):
    huge = "ก" * (MAX_CELL_CHARS + 10)
    data = (
        "รหัสตำบล,ปี พ.ศ.,ตัวชี้วัด,ตัวตั้ง,ตัวหาร,หมายเหตุ\n"
        "330105,2566,bmn60_01,1,10,\n"
        f'330106,2566,bmn60_01,1,10,"{huge}"\n'
        "330107,2566,bmn60_01,1,10,ปกติ\n"
    ).encode()
    checked = importer.preview(empty_db, data, "huge.csv")
    (error,) = checked.errors.to_dict("records")
    assert (error["row"], error["column"]) == (3, "หมายเหตุ")
    assert f"too long ({MAX_CELL_CHARS + 10:,} characters)" in error["problem_en"]
    assert "field larger than field limit" not in str(checked.errors.values)
    assert checked.counts["new"] == 2
    result = importer.commit(empty_db, checked, valid_rows_only=True)
    assert (result.new, result.rejected) == (2, 1)
