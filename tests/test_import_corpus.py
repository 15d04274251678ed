"""The corpus of bad files (tests/data/import/): each gives the expected report, and the database is
exactly as it was afterwards, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from analysis.errors import DataError
from data_access import importer
from data_access.importer.columns import MissingColumns
from tests.support.import_db import corpus, snapshot

# file -> every expected (row, column, start of the English problem); nothing else may be reported.
ROW_REPORTS = {
    "unknown_areas.csv": [
        (2, "area_code", "unknown area code 999999"),
        (3, "area_code", "เมืองศรีสะเกษ (3301, ศรีสะเกษ) is an amphoe code; values are stored for tambons only"),
        (4, "area_code", "ศรีสะเกษ (33) is a province code"),
        (5, "area_code", "an area code has 2, 4 or 6 digits"),
        (7, "indicator", "unknown indicator"),
    ],
    "ambiguous_names.csv": [
        (
            2,
            "ตำบล",
            "ambiguous name; add the amphoe or province, or use the code. Candidates: "
            "จาน (330105, เมืองศรีสะเกษ, ศรีสะเกษ); จาน (330315, กันทรารมย์, ศรีสะเกษ)",
        ),
        (6, "ตำบล", "no tambon named 'จานน' within the given parent area; closest: จาน"),
        (7, "ตำบล", "ambiguous name"),
    ],
    "duplicated_rows.csv": [
        (2, "area_code", "duplicate area / indicator / year in the file (also on row 4)"),
        (4, "area_code", "duplicate area / indicator / year in the file (also on row 2)"),
    ],
    "text_in_numbers.csv": [
        (2, "numerator", "not a number"),
        (3, "numerator", "not a number"),
        (6, "value", "not a number"),
    ],
    "bad_values.csv": [
        (2, "value", "a percentage must be between 0 and 100"),
        (3, "numerator", "must not be negative"),
        (4, "numerator", "numerator is larger than denominator"),
        (5, "year", "looks like a Christian-era year"),
        (6, "year", "year outside the plausible Buddhist Era range"),
        (7, "value", "value does not match numerator/denominator (computed 10)"),
        (8, "numerator", "a rate needs both numerator and denominator"),
        (9, "numerator", "a count must be a whole number"),
    ],
    "formulas.xlsx": [
        (3, "numerator", "is a formula (formulas are not evaluated)"),
        (4, "denominator", "is a formula (formulas are not evaluated)"),
    ],
    "formula_injection.csv": [
        (2, "household_key", "starts with = + - or @, which a spreadsheet would run as a formula"),
        (2, "household_key", "longer than 32 characters"),
        (4, "household_key", "looks like a citizen ID"),
        (5, "bmn60_01", "must be 1 or 0"),
        (5, "capital_human", "must be between 1 and 4"),
        (5, "income_per_person", "must not be negative"),
        (5, "members", "must be between 1 and 99"),
        (5, "village_no", "must be between 1 and 999"),
        (5, "welfare_card", "must be 1 or 0"),
    ],
}
VALID_ROWS = {
    "unknown_areas.csv": 1, "ambiguous_names.csv": 3, "duplicated_rows.csv": 1, "text_in_numbers.csv": 2,
    "bad_values.csv": 1, "formulas.xlsx": 1, "formula_injection.csv": 1,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ROW_REPORTS))
def test_bad_file_reports_each_problem_and_changes_nothing(empty_db, name):
    before = snapshot(empty_db)
    checked = importer.preview(empty_db, corpus(name), name)
    reported = [(r.row, r.column, r.problem_en) for r in checked.errors.itertuples()]
    expected = ROW_REPORTS[name]
    assert len(reported) == len(expected), reported
    for (row, column, problem), (want_row, want_column, want_problem) in zip(reported, expected):
        assert (row, column) == (want_row, want_column), reported
        assert problem.startswith(want_problem), (problem, want_problem)
    assert checked.errors["problem_th"].str.len().gt(0).all()
    assert checked.rows_rejected == len({r for r, _, _ in expected})
    assert checked.counts["new"] >= VALID_ROWS[name]
    with pytest.raises(DataError, match="rows have problems, so nothing was imported"):
        importer.commit(empty_db, checked)
    assert snapshot(empty_db) == before


@pytest.mark.parametrize(
    ("name", "english", "thai"),
    [
        ("empty.csv", "The file is empty", "ไฟล์ว่าง"),
        ("header_only.csv", "The file is empty", "ไฟล์ว่าง"),
        ("utf16.csv", "This file is UTF-16", "UTF-16"),
        ("undecodable.csv", "cannot be decoded (byte 0xff at position 73)", "อ่านตัวอักษรในไฟล์ไม่ได้"),
        (
            "missing_columns.csv",
            "Missing required columns: numerator (ตัวตั้ง) — did you mean: numerater?",
            "ไม่พบคอลัมน์",
        ),
        (
            "wide_bare_rate.csv",
            "Missing required columns: target_poor_rate_numerator",
            "target_poor_rate_denominator",
        ),
    ],
)
def test_unusable_file_is_refused_as_a_whole(empty_db, name, english, thai):
    before = snapshot(empty_db)
    with pytest.raises(DataError) as refused:
        importer.preview(empty_db, corpus(name), name)
    assert english in refused.value.message_en
    assert thai in refused.value.message_th
    assert snapshot(empty_db) == before


def test_missing_columns_carry_suggestions(empty_db):
    with pytest.raises(MissingColumns) as refused:
        importer.preview(empty_db, corpus("missing_columns.csv"), "missing_columns.csv")
    assert refused.value.suggestions["numerator"] == ["numerater"]


def test_huge_file_is_refused_before_reading(empty_db, monkeypatch):
    before = snapshot(empty_db)
    huge = b"area_code,year,indicator,numerator,denominator\n" + b"330105,2566,bmn60_01,1,10\n" * 2_100_000
    assert len(huge) > importer.DEFAULT_MAX_BYTES
    with pytest.raises(DataError, match=r"too large \(52\.1 MB\); the limit is 50 MB") as refused:
        importer.preview(empty_db, huge, "huge.csv")
    assert "ไฟล์ใหญ่เกินไป" in refused.value.message_th
    monkeypatch.setenv("ATLAS_IMPORT_MAX_MB", "0.0001")
    with pytest.raises(DataError, match="the limit is 0 MB"):
        importer.preview(empty_db, corpus("duplicated_rows.csv"), "small.csv")
    assert snapshot(empty_db) == before


def test_valid_rows_only_imports_exactly_the_clean_rows(empty_db):
    checked = importer.preview(empty_db, corpus("ambiguous_names.csv"), "ambiguous_names.csv")
    result = importer.commit(empty_db, checked, valid_rows_only=True, user="tester")
    assert (result.new, result.rejected) == (3, 3)
    stored = importer.preview(empty_db, corpus("ambiguous_names.csv"), "again.csv").changes
    assert sorted(stored["area_code"]) == ["330105", "330122", "330315"]
    assert set(stored["change"]) == {"unchanged"}


def test_chosen_sheet_is_read_and_formulas_never_evaluated(empty_db):
    other = importer.preview(empty_db, corpus("formulas.xlsx"), "formulas.xlsx", sheet="อื่น")
    assert other.ok and other.sheet == "อื่น"
    assert other.changes[["area_code", "numerator", "denominator", "value"]].values.tolist() == [
        ["330111", 1.0, 4.0, 25.0]
    ]
    with pytest.raises(DataError, match="No sheet 'missing'"):
        importer.preview(empty_db, corpus("formulas.xlsx"), "formulas.xlsx", sheet="missing")


def test_tis620_file_is_detected_and_a_wrong_choice_refused(empty_db):
    detected = importer.preview(empty_db, corpus("tis620_names.csv"), "tis620_names.csv")
    assert detected.ok and detected.encoding == "cp874"
    assert sorted(detected.changes["area_code"]) == ["240204", "330107"]
    chosen = importer.preview(empty_db, corpus("tis620_names.csv"), "x.csv", encoding="TIS-620")
    assert chosen.ok
    with pytest.raises(DataError, match="cannot be decoded .* as utf-8"):
        importer.preview(empty_db, corpus("tis620_names.csv"), "x.csv", encoding="utf-8")


def test_error_report_download_defuses_formulas(empty_db):
    checked = importer.preview(empty_db, corpus("formula_injection.csv"), "formula_injection.csv")
    download = importer.errors_csv(checked)
    assert download.startswith(b"\xef\xbb\xbf")
    lines = download.decode("utf-8-sig").splitlines()
    assert lines[0] == "แถว / row,คอลัมน์ / column,ค่า / value,ปัญหา,problem"
    assert len(lines) == 1 + len(checked.errors)
    assert "'=HYPERLINK" in lines[1] and ",=HYPERLINK" not in download.decode("utf-8-sig")
