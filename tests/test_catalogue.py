"""The indicator catalogue CSV: the shipped one is valid; a broken one is refused with row and column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DataError
from data_access.catalogue import SAMPLE_DATA, read_dimensions, read_indicators

SHIPPED = SAMPLE_DATA / "indicators.csv"


@pytest.fixture(scope="module")
def shipped_rows() -> pd.DataFrame:
    # Read as plain text so a rewritten copy differs from the original only where a test changes it.
    return pd.read_csv(SHIPPED, dtype=str, keep_default_na=False, encoding="utf-8")


def write_catalogue(rows: pd.DataFrame, tmp_path: Path) -> Path:
    path = tmp_path / "indicators.csv"
    rows.to_csv(path, index=False, encoding="utf-8")
    return path


def test_shipped_catalogue_is_valid():
    catalogue = read_indicators()
    assert len(catalogue) == 83
    assert catalogue["code"].is_unique
    assert set(catalogue["dimension"]) <= set(read_dimensions()["code"])
    assert catalogue["is_deprivation"].sum() == 17
    assert catalogue.loc[catalogue["code"] == "bmn60_22", "bmn_number"].item() == 22
    assert catalogue.loc[catalogue["code"] == "target_poor_rate", "bmn_number"].isna().all()


def test_rewritten_copy_of_the_shipped_catalogue_reads_the_same(shipped_rows, tmp_path):
    # Guards the fixture: the error cases below differ from a valid file only in the cell they change.
    copy = read_indicators(write_catalogue(shipped_rows, tmp_path))
    pd.testing.assert_frame_equal(copy, read_indicators())


@pytest.mark.parametrize(
    ("row_index", "column", "bad_value"),
    [
        (0, "unit", "percentage"),
        (20, "unit", "Baht"),
        (5, "dimension", "wealth"),
        (42, "dimension", ""),
        (7, "polarity", "lower_better"),
        (30, "aggregation", "mean"),
    ],
)
def test_bad_value_names_row_and_column(shipped_rows, tmp_path, row_index, column, bad_value):
    rows = shipped_rows.copy()
    rows.loc[row_index, column] = bad_value
    with pytest.raises(DataError) as raised:
        read_indicators(write_catalogue(rows, tmp_path))
    # Row numbers are the ones a spreadsheet shows: the header is row 1, the first indicator row 2.
    row_number = row_index + 2
    assert f"row {row_number}," in raised.value.message_en
    assert f"column {column}" in raised.value.message_en
    assert f"'{bad_value}'" in raised.value.message_en
    assert f"แถว {row_number} " in raised.value.message_th
    assert f"คอลัมน์ {column}" in raised.value.message_th
    assert raised.value.message("th") == raised.value.message_th
    assert str(raised.value) == raised.value.message_en


@pytest.mark.parametrize(
    ("row_index", "column", "bad_value", "expected"),
    [
        (4, "scale", "", "a positive number"),
        (9, "scale", "ร้อย", "a positive number"),
        (22, "scale", "0", "a positive number"),
        (1, "is_deprivation", "yes", "0 or 1"),
        (17, "is_deprivation", "2", "0 or 1"),
        (6, "bmn_number", "seven", "a whole number or blank"),
    ],
)
def test_bad_number_names_row_and_column(shipped_rows, tmp_path, row_index, column, bad_value, expected):
    rows = shipped_rows.copy()
    rows.loc[row_index, column] = bad_value
    with pytest.raises(DataError) as raised:
        read_indicators(write_catalogue(rows, tmp_path))
    assert (
        f"row {row_index + 2}, column {column}: '{bad_value}' must be {expected}" == raised.value.message_en
    )
    assert f"แถว {row_index + 2} คอลัมน์ {column}" in raised.value.message_th


def test_unit_error_lists_the_valid_units(shipped_rows, tmp_path):
    rows = shipped_rows.copy()
    rows.loc[3, "unit"] = "percentage"
    with pytest.raises(DataError, match=r"row 5, column unit") as raised:
        read_indicators(write_catalogue(rows, tmp_path))
    for unit in ("baht", "count", "index", "percent", "score"):
        assert unit in raised.value.message_en


def test_duplicated_code_names_the_second_row(shipped_rows, tmp_path):
    rows = shipped_rows.copy()
    rows.loc[12, "code"] = rows.loc[2, "code"]  # bmn60_05 again, on data row 12 (spreadsheet row 14)
    with pytest.raises(DataError) as raised:
        read_indicators(write_catalogue(rows, tmp_path))
    assert "row 14, column code" in raised.value.message_en
    assert "bmn60_05" in raised.value.message_en
    assert "แถว 14 คอลัมน์ code" in raised.value.message_th
    assert "bmn60_05" in raised.value.message_th


def test_dimension_must_be_in_the_given_dimension_list(tmp_path, shipped_rows):
    # A catalogue valid against the shipped dimensions is refused when a dimension is withdrawn.
    path = write_catalogue(shipped_rows, tmp_path)
    without_access = set(read_dimensions()["code"]) - {"access"}
    with pytest.raises(DataError) as raised:
        read_indicators(path, dimensions=without_access)
    first_access_row = shipped_rows.index[shipped_rows["dimension"] == "access"][0] + 2
    assert f"row {first_access_row}, column dimension: 'access'" in raised.value.message_en
