"""Bulk loading: batched executemany on SQLite, COPY on PostgreSQL; never a Python loop of INSERTs.

Measured before this code existed: 1,000,000 rows into SQLite took 3.1 s with executemany and 22 s
with `DataFrame.to_sql`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Column, Connection, Date, DateTime, Integer, Table, Time

from analysis.errors import DataError

# Rows turned into Python values at a time: a frame of millions never becomes one list of tuples, so
# the writer's memory stays flat however large the frame (one COPY or one transaction all the same).
BATCH_ROWS = 50_000


def bulk_insert(conn: Connection, table: Table, frame: pd.DataFrame) -> int:
    """Insert every row of `frame` into `table` inside the caller's transaction; returns the row count.

    Column names come from the table definition (never from the frame), so no identifier in the SQL
    comes from input data. A frame column the table does not have raises `DataError` rather than being
    dropped, so a misspelt column cannot silently load as NULL.
    """
    if frame.empty:
        return 0
    unknown = [str(name) for name in frame.columns if name not in table.columns]
    if unknown:
        raise DataError(
            f"ตาราง {table.name} ไม่มีคอลัมน์ {', '.join(unknown)}",
            f"table {table.name} has no column {', '.join(unknown)}",
        )
    columns = [c.name for c in table.columns if c.name in frame.columns]
    batches = (
        _python_rows(frame[columns].iloc[start : start + BATCH_ROWS], table, conn.dialect)
        for start in range(0, len(frame), BATCH_ROWS)
    )
    dbapi = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        _copy_rows(dbapi, table.name, columns, batches)
    else:
        placeholders = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})"
        cursor = dbapi.cursor()
        for rows in batches:
            cursor.executemany(sql, rows)
        cursor.close()
    return len(frame)


def _python_rows(frame: pd.DataFrame, table: Table, dialect) -> Iterable[tuple]:
    """Rows of plain Python values (drivers reject numpy scalars); NaN and NA become None."""
    columns = []
    for name in frame.columns:
        column = table.c[name]
        series = _plain_series(frame[name], column)
        values = series.astype(object).where(series.notna(), None).tolist()
        if dialect.name == "sqlite" and isinstance(column.type, (Date, DateTime, Time)):
            # Stored in SQLAlchemy's own text format, so rows read back and compare like Core inserts.
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            values = [process(v) for v in values]
        columns.append(values)
    return list(zip(*columns))


def _plain_series(series: pd.Series, column: Column) -> pd.Series:
    """pandas holds an integer column with gaps as float (COPY rejects "3.0" for an integer) and dates
    as Timestamps (sqlite3 cannot bind them): give the drivers ints and datetime/date objects."""
    if isinstance(column.type, Integer) and pd.api.types.is_float_dtype(series):
        known = series.dropna()
        if (known != known.round()).any():
            row = known.index[(known != known.round()).to_numpy()][0]
            raise DataError(
                f"คอลัมน์ {column.name}: ค่า {series[row]} ไม่ใช่จำนวนเต็ม",
                f"column {column.name}: {series[row]} is not a whole number",
            )
        return series.astype("Int64")
    if pd.api.types.is_datetime64_any_dtype(series):
        if isinstance(column.type, Date):
            plain = series.dt.date
        else:
            # A list: pandas 3 returns a Series on a fresh index, which would misalign on a slice.
            plain = pd.Series(list(series.dt.to_pydatetime()), index=series.index, dtype=object)
        return plain.where(series.notna(), None)
    return series


def _copy_rows(dbapi, table_name: str, columns: list[str], batches) -> None:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table_name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with dbapi.cursor() as cursor, cursor.copy(statement) as copy:
        for rows in batches:
            for row in rows:
                copy.write_row(row)
