"""Column mapping: a spreadsheet whose headers no kind knows, imported by saying what each column is;
the mapping checked before use, saved as a preset and used again from the command line."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import DataError
from data_access import importer
from data_access.importer.mapping import (
    ColumnMapping,
    ColumnRole,
    NewIndicator,
    apply_mapping,
    as_stored,
    guess_mapping,
    mapping_problems,
)
from data_access.importer.pipeline import UnknownKind
from data_access.importer.presets import find_preset, header_signature, list_presets, save_preset
from data_access.importer.reading import read_table
from tests.support.import_db import snapshot
from tests.support.sql import frame
from tests.test_import_cli import run

FOREIGN = (
    "ตำบล,อำเภอ,จำนวนครัวเรือนยากจน,จำนวนครัวเรือนทั้งหมด,ปี,หมายเหตุ\n"
    "หนองครก,เมืองศรีสะเกษ,12,340,พ.ศ. 2567,\n"
    "จาน,เมืองศรีสะเกษ,8,210,พ.ศ.๒๕๖๗,สำรวจซ้ำ\n"
    "ไม่มีตำบลนี้,เมืองศรีสะเกษ,1,10,2567,\n"
).encode()
POOR = NewIndicator(
    "poor_household_rate", "ร้อยละครัวเรือนยากจน", "Poor households", "percent", "higher_worse", "ratio"
)
MAPPING = ColumnMapping(
    {
        "ตำบล": ColumnRole("tambon"),
        "อำเภอ": ColumnRole("amphoe"),
        "จำนวนครัวเรือนยากจน": ColumnRole("numerator", POOR.code),
        "จำนวนครัวเรือนทั้งหมด": ColumnRole("denominator", POOR.code),
        "ปี": ColumnRole("year"),
        "หมายเหตุ": ColumnRole("ignore"),
    },
    [POOR],
)
HEADERS = list(MAPPING.columns)
CATALOGUE = pd.DataFrame(
    {"code": ["target_poor_rate", "households_surveyed"], "unit": ["percent", "count"],
     "aggregation": ["ratio", "sum"]}
)  # fmt: skip
DIMENSIONS = {"overview", "health"}


def problems_en(mapping: ColumnMapping, headers=HEADERS, year_given=False) -> str:
    return " | ".join(en for _, en in mapping_problems(mapping, headers, CATALOGUE, DIMENSIONS, year_given))


def test_a_complete_mapping_has_no_problems_and_survives_json():
    assert problems_en(MAPPING) == ""
    assert ColumnMapping.from_json(MAPPING.to_json()) == MAPPING


def changed(columns: dict[str, ColumnRole]) -> ColumnMapping:
    return ColumnMapping({**MAPPING.columns, **columns}, list(MAPPING.new_indicators))


IGNORE = ColumnRole("ignore")
POOR_COUNT, ALL_COUNT = "จำนวนครัวเรือนยากจน", "จำนวนครัวเรือนทั้งหมด"


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        (changed({ALL_COUNT: IGNORE}), "A bare percentage cannot be rolled up"),
        (changed({POOR_COUNT: ColumnRole("value", "target_poor_rate"), ALL_COUNT: IGNORE}),
         "target_poor_rate is a rate: map its numerator and denominator"),
        (changed({"ตำบล": IGNORE}), "map an area code, a tambon name or a full area path"),
        (changed({"หมายเหตุ": ColumnRole("year")}), "only one year column (ปี, หมายเหตุ)"),
        (changed({"ปี": IGNORE}), "map a year column or give the year for the file"),
        (changed({POOR_COUNT: ColumnRole("numerator")}), f"{POOR_COUNT}: choose its indicator"),
        (changed({POOR_COUNT: ColumnRole("numerator", "no_such")}), "no_such is not in the catalogue"),
        (changed({"หมายเหตุ": ColumnRole("denominator", POOR.code)}), "two columns for one part (หมายเหตุ)"),
        (changed({"ไม่มีในไฟล์": IGNORE}), "columns not in the file: ไม่มีในไฟล์"),
    ],
)  # fmt: skip
def test_a_mapping_that_cannot_work_says_why(mapping, expected):
    assert expected in problems_en(mapping)


def test_a_given_year_replaces_the_year_column_and_counts_need_only_their_number():
    counts = ColumnMapping(
        {"ตำบล": ColumnRole("tambon"), "จำนวนครัวเรือนทั้งหมด": ColumnRole("value", "households_surveyed")}
    )
    assert problems_en(counts, year_given=True) == ""
    bad = NewIndicator("9bad", "", "x", unit="litre", aggregation="mean")
    text = problems_en(ColumnMapping({**counts.columns}, [bad]), year_given=True)
    assert "code '9bad'" in text and "give a Thai and an English name" in text
    assert "'litre' is not one of" in text and "'mean' is not one of" in text


def test_apply_renames_into_the_wide_layout_and_keeps_row_numbers():
    table = read_table(FOREIGN, "foreign.csv")
    mapped = apply_mapping(table, MAPPING)
    assert list(mapped.table.frame.columns) == [
        "tambon", "amphoe", "poor_household_rate_numerator", "poor_household_rate_denominator", "year",
    ]  # fmt: skip
    assert mapped.table.frame.index.tolist() == [2, 3, 4]
    assert mapped.back["poor_household_rate_numerator"] == "จำนวนครัวเรือนยากจน"
    assert mapped.ignored == ["หมายเหตุ"]


def test_foreign_file_imports_through_a_mapping_then_again_unchanged_then_by_preset(empty_db):
    with pytest.raises(UnknownKind):
        importer.preview(empty_db, FOREIGN, "ครัวเรือนยากจน.csv")
    before = snapshot(empty_db)
    checked = importer.preview(empty_db, FOREIGN, "ครัวเรือนยากจน.csv", mapping=MAPPING)
    assert snapshot(empty_db) == before  # the dry run adds no catalogue entry
    assert checked.counts == {"new": 2, "updated": 0, "unchanged": 0} and checked.rows_rejected == 1
    (error,) = checked.errors.to_dict("records")
    assert (error["row"], error["column"], error["value"]) == (4, "ตำบล", "ไม่มีตำบลนี้")
    assert any("poor_household_rate" in en for _, en in checked.notes)
    assert checked.ignored_columns == ["หมายเหตุ"]
    result = importer.commit(empty_db, checked, valid_rows_only=True, user="tester")
    assert (result.new, result.rejected) == (2, 1)
    stored = frame(
        empty_db,
        "SELECT v.area_code, v.numerator, v.denominator, v.value, i.unit, i.aggregation, i.scale "
        "FROM indicator_value v JOIN indicator i ON i.code = v.indicator_code "
        "WHERE v.indicator_code = 'poor_household_rate' AND v.year = 2567 ORDER BY v.numerator",
    )
    assert stored["numerator"].tolist() == [8, 12] and stored["denominator"].tolist() == [210, 340]
    assert stored["value"].tolist() == pytest.approx([800 / 210, 1200 / 340])
    assert set(stored["unit"]) == {"percent"} and set(stored["scale"]) == {100}

    after_first = snapshot(empty_db)
    again = importer.preview(empty_db, FOREIGN, "ครัวเรือนยากจน.csv", mapping=MAPPING)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2} and not again.notes[1:]
    importer.commit(empty_db, again, valid_rows_only=True, user="tester")
    now = snapshot(empty_db)
    assert {t: now[t] for t in now if not t.startswith("import_log")} == {
        t: after_first[t] for t in after_first if not t.startswith("import_log")
    }

    save_preset(empty_db, "ครัวเรือนยากจน อบต.", HEADERS, MAPPING, user="tester")
    reordered = list(reversed(HEADERS))
    assert list_presets(empty_db, reordered)["name"].tolist() == ["ครัวเรือนยากจน อบต."]
    assert list_presets(empty_db, ["อื่น"]).empty
    assert find_preset(empty_db, "ครัวเรือนยากจน อบต.") == MAPPING
    with pytest.raises(DataError, match="saved: ครัวเรือนยากจน อบต."):
        find_preset(empty_db, "ไม่มี")
    assert header_signature(HEADERS) == header_signature([h + " " for h in reordered])


def test_the_command_line_imports_with_a_saved_preset(empty_db, tmp_path):
    save_preset(empty_db, "ยากจน", HEADERS, MAPPING)
    path = tmp_path / "ครัวเรือนยากจน.csv"
    path.write_bytes(FOREIGN)
    unknown = run(empty_db, str(path), "--dry-run")
    assert unknown.returncode == 2 and "Cannot tell what this file holds" in unknown.stderr
    assert "use --preset 'ยากจน'" in unknown.stderr
    done = run(empty_db, str(path), "--preset", "ยากจน", "--valid-rows-only", "--user", "batch")
    assert done.returncode == 1, done.stderr  # one row rejected, the others imported
    assert "new 2" in done.stdout and "row 4, ตำบล = 'ไม่มีตำบลนี้'" in done.stdout
    assert "note: A new catalogue entry will be added: poor_household_rate" in done.stdout
    again = run(empty_db, str(path), "--preset", "ยากจน", "--dry-run")
    assert "unchanged 2" in again.stdout
    assert frame(empty_db, "SELECT COUNT(*) AS n FROM indicator_value")["n"].iloc[0] == 2


def test_the_first_guess_uses_the_importers_own_spellings_and_leaves_indicators_open():
    guess = guess_mapping([*HEADERS, "ร้อยละ", "รหัสตำบล"])
    assert {h: c.role for h, c in guess.columns.items()} == {
        "ตำบล": "tambon", "อำเภอ": "amphoe", "จำนวนครัวเรือนยากจน": "numerator",
        "จำนวนครัวเรือนทั้งหมด": "denominator", "ปี": "year", "หมายเหตุ": "ignore", "ร้อยละ": "value",
        "รหัสตำบล": "area_code",
    }  # fmt: skip
    assert not any(c.indicator for c in guess.columns.values())


def test_rows_as_stored_carry_the_area_name_path():
    changes = pd.DataFrame(
        {"row": [3, 2], "area_code": ["330105", "240101"], "indicator_code": "x", "year": 2567,
         "numerator": [1, 2], "denominator": [10, 20], "value": [10.0, 10.0], "change": "new"}
    )  # fmt: skip
    areas = pd.DataFrame(
        {"code": ["33", "3301", "330105", "24", "2401", "240101"],
         "name_th": ["ศรีสะเกษ", "เมืองศรีสะเกษ", "จาน", "ฉะเชิงเทรา", "เมืองฉะเชิงเทรา", "หน้าเมือง"]}
    )  # fmt: skip
    stored = as_stored(changes, areas, rows=1)
    assert stored["row"].tolist() == [2]
    assert stored["area"].tolist() == ["หน้าเมือง · เมืองฉะเชิงเทรา · ฉะเชิงเทรา"]
