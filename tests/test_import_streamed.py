"""Large household and indicator files are read a run of rows at a time (issue #18): the streamed dry
run reports exactly what the whole-file one does (rows numbered as in the file, a key repeated in
another run refused on every copy), and the streamed commit writes the same rows, all or nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import DataError
from data_access import importer
from data_access.importer.pipeline import preview_file
from tests.support.import_db import CORPUS, snapshot

# Households and indicator values, CSV and XLSX (formulas, sheets), TIS-620 and names, row problems.
STREAMED = ["duplicated_rows.csv", "formula_injection.csv", "formulas.xlsx", "tis620_names.csv"]
SQLITE_ONLY = pytest.mark.parametrize("empty_db", ["sqlite"], indirect=True)


def same_report(streamed, whole) -> None:
    pd.testing.assert_frame_equal(streamed.errors, whole.errors, check_dtype=False)
    for name in ("kind", "checksum", "size_bytes", "encoding", "sheet", "layout", "counts"):
        assert getattr(streamed, name) == getattr(whole, name), name
    for name in ("rows_total", "rows_rejected", "rows_blank"):
        assert getattr(streamed, name) == getattr(whole, name), name
    assert sorted(streamed.notes) == sorted(whole.notes)


@SQLITE_ONLY
@pytest.mark.parametrize("name", STREAMED)
def test_a_file_in_runs_of_two_rows_reports_what_the_whole_file_does(empty_db, name):
    whole = importer.preview(empty_db, (CORPUS / name).read_bytes(), name)
    streamed = preview_file(empty_db, CORPUS / name, rows=2)
    assert streamed is not None and streamed.prepared.extra["streamed"].rows == 2
    same_report(streamed, whole)


@SQLITE_ONLY
def test_a_key_repeated_in_later_runs_is_refused_on_every_copy(empty_db, tmp_path):
    path = tmp_path / "repeats.csv"
    rows = [f"3301{n:02d},2566,bmn60_01,1,10" for n in range(1, 8)] + ["330101,2566,bmn60_01,2,10"] * 2
    path.write_text("area_code,year,indicator,numerator,denominator\n" + "\n".join(rows) + "\n")
    whole = importer.preview(empty_db, path.read_bytes(), path.name)
    streamed = preview_file(empty_db, path, rows=3)
    same_report(streamed, whole)
    assert streamed.errors["row"].tolist() == [2, 9, 10]  # runs of rows 2-4, 5-7, 8-10
    assert streamed.errors["problem_en"].iloc[0].endswith("(also on row 9, 10)")


def test_streamed_commit_writes_the_valid_rows_once(empty_db, tmp_path):
    path = tmp_path / "values.csv"
    rows = [f"3301{n:02d},2566,{code},{n},40" for n in range(1, 8) for code in ("bmn60_01", "bmn60_02")]
    rows.append("330199,2566,bmn60_01,1,2")
    path.write_text("area_code,year,indicator,numerator,denominator\n" + "\n".join(rows) + "\n")
    before = snapshot(empty_db)
    checked = preview_file(empty_db, path, rows=4)
    assert checked.rows_rejected == 1 and checked.counts["new"] == 14
    with pytest.raises(DataError, match="rows have problems"):
        importer.commit(empty_db, checked)
    assert snapshot(empty_db) == before
    done = []
    result = importer.commit(empty_db, checked, valid_rows_only=True, user="t", progress=done.append)
    assert (result.new, result.rejected, done) == (14, 1, [4, 8, 12, 15])
    again = preview_file(empty_db, path, rows=4)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 14}
    assert len(again.previous_imports) == 1
    path.write_text(path.read_text().replace("330101,2566,bmn60_01,1,40", "330101,2566,bmn60_01,2,40"))
    with pytest.raises(DataError, match="changed after it was checked"):
        importer.commit(empty_db, again, valid_rows_only=True)
    assert len(importer.list_imports(empty_db)) == 1
