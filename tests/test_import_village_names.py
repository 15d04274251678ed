"""Village names (`bmn59.village_name.csv`, real): names reach the stored villages, and every kind of
dirt in the file is reported row by row, never dropped."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

from data_access import importer
from tests.support.real_data import real_file

DIRT = {
    "73??04,ดอนแฉลบ": "8 digits",
    "4240401,หนองแซง": "8 digits",
    "250939หม,ชื่อหมู่บ้าน": "header text",
    "25093902,ชื่อหมู่บ้านโคกวัด": "header text",
    "66041??5,ไดกระพังปลา": "8 digits",
    "14055916,บางหลวงโดด1,2(01)": "a comma in the name",
}


@pytest.fixture(scope="module")
def names_file() -> bytes:
    """The header, every Si Sa Ket row, and the real file's dirty rows (whole file: 92,622 rows)."""
    lines = real_file("bmn59.village_name.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(line for line in lines[1:] if line.startswith("33"))]
    for line in lines:
        if line in DIRT or ("?" in line and "???" in line) or any(c in line for c in "๐๑๒๓๔๕๖๗๘๙"):
            kept.append(line)
    return ("\n".join(kept) + "\n").encode("utf-8")


def test_names_fill_the_stored_villages_and_dirt_is_reported_row_by_row(empty_db, names_file):
    village_file = "61_33_village_11111.csv"
    values = importer.preview_files(empty_db, [(village_file, real_file(village_file).read_bytes())])
    importer.commit(empty_db, values)
    checked = importer.preview(empty_db, names_file, "bmn59.village_name.csv")
    assert checked.kind == "village_names"
    lines = names_file.decode("utf-8").splitlines()
    by_row = checked.errors.groupby("row")["problem_en"].apply(" | ".join)
    for line, expected in DIRT.items():
        row = lines.index(line) + 1
        assert expected in by_row.loc[row], (line, by_row.loc[row])
    thai_digit_rows = [i + 1 for i, line in enumerate(lines) if any(c in line for c in "๐๑๒๓๔๕๖๗๘๙")]
    assert thai_digit_rows and all("Thai digits" in by_row.loc[r] for r in thai_digit_rows)
    question_rows = [i + 1 for i, line in enumerate(lines) if "?" in line.split(",", 1)[-1]]
    assert question_rows and all("'?'" in by_row.loc[r] for r in question_rows)
    assert checked.rows_rejected == len(set(checked.errors["row"]))
    result = importer.commit(empty_db, checked, valid_rows_only=True)
    assert result.rejected == checked.rows_rejected
    with empty_db.connect() as conn:
        named = pd.read_sql(text("SELECT code, name_th FROM village"), conn).set_index("code")
    assert named["name_th"].notna().mean() > 0.9  # 2559 names; villages founded since have none
    stored = set(named.index.str[:8])
    first = next(line for line in lines[1:] if line.count(",") == 1 and line.split(",")[0] in stored)
    code, name = first.split(",")
    assert set(named.loc[named.index.str[:8] == code, "name_th"]) == {name}


def test_the_cp874_twin_reads_the_same(empty_db, names_file):
    twin = names_file.decode("utf-8").encode("cp874")
    one = importer.preview(empty_db, names_file, "names.csv")
    other = importer.preview(empty_db, twin, "names.csv")
    assert other.encoding == "cp874"
    pd.testing.assert_frame_equal(one.prepared.records, other.prepared.records)
    pd.testing.assert_frame_equal(one.errors, other.errors)
