"""The indicator catalogue: read and checked from the shipped CSV files, then upserted into the database.

The catalogue is data (which indicator feeds which dimension, units, polarity), so a researcher can
edit the CSV or import additions without touching code.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, select

from analysis.errors import DataError
from data_access.bulk import bulk_insert
from data_access.schema import dimension, indicator

SAMPLE_DATA = Path(__file__).resolve().parent.parent / "sample_data"
UNITS = {"percent", "count", "baht", "score", "index"}
POLARITIES = {"higher_worse", "higher_better"}
AGGREGATIONS = {"ratio", "sum"}


def read_dimensions(path: Path = SAMPLE_DATA / "dimensions.csv") -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"code": str}, encoding="utf-8")
    frame["is_tpmap"] = frame["is_tpmap"].astype(bool)
    return frame


def read_indicators(
    path: Path = SAMPLE_DATA / "indicators.csv", dimensions: set[str] | None = None
) -> pd.DataFrame:
    """The catalogue as a frame, validated; raises `DataError` naming the row and column at fault."""
    frame = pd.read_csv(
        path, dtype={"code": str, "set_version": str}, encoding="utf-8", keep_default_na=False
    )
    dimensions = dimensions if dimensions is not None else set(read_dimensions()["code"])
    problems = indicator_problems(frame, dimensions)
    if problems:
        row, column, _value, problem_th, problem_en = problems[0]
        raise DataError(
            f"แถว {row + 2} คอลัมน์ {column}: {problem_th}", f"row {row + 2}, column {column}: {problem_en}"
        )
    return typed_indicators(frame)


def indicator_problems(frame: pd.DataFrame, dimensions: set[str]) -> list[tuple[int, str, str, str, str]]:
    """Every problem of a catalogue frame read as text, in check order: (row index, column, value,
    problem_th, problem_en). Shared by the shipped CSV (first problem raised) and the importer (all
    problems reported)."""
    # Numbers are checked before conversion, so a blank or mistyped cell names its row, not a traceback.
    problems = _number_problems(frame, "scale", lambda v: v > 0, "จำนวนบวก", "a positive number")
    problems += _number_problems(frame, "is_deprivation", lambda v: v.isin([0, 1]), "0 หรือ 1", "0 or 1")
    problems += _number_problems(
        frame,
        "bmn_number",
        lambda v: v == v.round(),
        "จำนวนเต็มหรือว่าง",
        "a whole number or blank",
        blank_ok=True,
    )
    checks = {"unit": UNITS, "polarity": POLARITIES, "aggregation": AGGREGATIONS, "dimension": dimensions}
    for column, allowed in checks.items():
        for row in frame.index[~frame[column].isin(allowed)]:
            value = frame.at[row, column]
            problems.append(
                (
                    int(row),
                    column,
                    str(value),
                    f"ค่า '{value}' ไม่อยู่ในรายการที่ใช้ได้",
                    f"'{value}' is not one of {sorted(allowed)}",
                )
            )
    for row in frame.index[frame["code"].duplicated()]:
        value = frame.at[row, "code"]
        problems.append((int(row), "code", str(value), f"รหัส '{value}' ซ้ำ", f"code '{value}' appears twice"))
    return problems


def typed_indicators(frame: pd.DataFrame) -> pd.DataFrame:
    """A checked text catalogue with its number and flag columns converted."""
    frame = frame.copy()
    frame["bmn_number"] = pd.to_numeric(frame["bmn_number"].replace("", None)).astype("Int64")
    frame["scale"] = frame["scale"].astype(float)
    frame["is_deprivation"] = frame["is_deprivation"].astype(int).astype(bool)
    return frame


def _number_problems(
    frame, column: str, valid, expected_th: str, expected_en: str, blank_ok: bool = False
) -> list[tuple[int, str, str, str, str]]:
    text = frame[column].astype(str).str.strip()
    numbers = pd.to_numeric(text, errors="coerce")
    ok = numbers.notna() & valid(numbers.fillna(0))
    if blank_ok:
        ok |= text == ""
    return [
        (
            int(row),
            column,
            str(frame.at[row, column]),
            f"ค่า '{frame.at[row, column]}' ต้องเป็น{expected_th}",
            f"'{frame.at[row, column]}' must be {expected_en}",
        )
        for row in frame.index[~ok]
    ]


def load_catalogue(engine: Engine) -> int:
    """Replace dimensions and indicators from the shipped catalogue; returns the indicator count.

    Existing codes are updated in place (values keep pointing at them); new codes are added.
    """
    dims = read_dimensions()
    indicators = read_indicators(dimensions=set(dims["code"]))
    with engine.begin() as conn:
        upsert_by_code(conn, dimension, dims)
        upsert_by_code(conn, indicator, indicators)
    return len(indicators)


def upsert_by_code(conn, table, frame: pd.DataFrame) -> None:
    """Update the rows whose code exists, insert the others (inside the caller's transaction)."""
    existing = set(conn.execute(select(table.c.code)).scalars())
    updates = frame[frame["code"].isin(existing)]
    for record in updates.astype(object).where(updates.notna(), None).to_dict("records"):
        conn.execute(table.update().where(table.c.code == record["code"]).values(**record))
    bulk_insert(conn, table, frame[~frame["code"].isin(existing)])
