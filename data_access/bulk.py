"""Bulk loading: executemany on SQLite, COPY on PostgreSQL; never a Python loop of INSERTs.

Measured before this code existed: 1,000,000 rows into SQLite took 3.1 s with executemany and 22 s
with `DataFrame.to_sql`.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd
from sqlalchemy import Connection, Table


def bulk_insert(conn: Connection, table: Table, frame: pd.DataFrame) -> int:
    """Insert every row of `frame` into `table` inside the caller's transaction; returns the row count.

    Column names come from the table definition (never from the frame), so no identifier in the SQL
    comes from input data.
    """
    if frame.empty:
        return 0
    columns = [c.name for c in table.columns if c.name in frame.columns]
    rows = _python_rows(frame[columns])
    dbapi = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        _copy_rows(dbapi, table.name, columns, rows)
    else:
        placeholders = ", ".join("?" for _ in columns)
        sql = f'INSERT INTO {table.name} ({", ".join(columns)}) VALUES ({placeholders})'
        cursor = dbapi.cursor()
        cursor.executemany(sql, rows)
        cursor.close()
    return len(frame)


def _python_rows(frame: pd.DataFrame) -> Iterable[tuple]:
    """Rows of plain Python values (drivers reject numpy scalars); NaN and NA become None."""
    columns = []
    for name in frame.columns:
        series = frame[name]
        values = series.astype(object).where(series.notna(), None).tolist()
        columns.append(values)
    return list(zip(*columns))


def _copy_rows(dbapi, table_name: str, columns: list[str], rows) -> None:
    from psycopg import sql

    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table_name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with dbapi.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
