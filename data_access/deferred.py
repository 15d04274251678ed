"""Checks a fresh bulk load leaves for the end, so it pays for each once instead of per row: secondary
indexes built by one sorted pass, and foreign keys validated once per table (PostgreSQL: one join per
key; SQLite, whose seed turns its per-row checks off: `PRAGMA foreign_key_check`).

Both end in the load's own transaction: if a rebuilt index finds a duplicate or a foreign key finds an
orphan, the whole load rolls back, exactly as a row-by-row check would have stopped it. Nothing is made
UNLOGGED and no trigger is switched off; the schema after the load is the one before it.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import inspect


class OrphanRows(ValueError):
    """A bulk load wrote rows whose parent row does not exist (SQLite's end-of-load check)."""


@contextmanager
def deferred_indexes(conn, tables):
    """Secondary indexes of `tables` dropped for a bulk load and built once after it (one sorted build
    instead of millions of scattered inserts). Only the indexes the database has are dropped and
    rebuilt: a database created before `uq_household_key_year` became an index holds that rule as a
    table constraint, which stays."""
    inspector = inspect(conn)
    present = {
        table.name: {
            index["name"]
            for index in inspector.get_indexes(table.name)
            if not index.get("duplicates_constraint")  # PostgreSQL: a constraint's own index
        }
        for table in tables
    }
    indexes = [
        index
        for table in tables
        for index in sorted(table.indexes, key=lambda i: i.name)
        if index.name in present[table.name]
    ]
    for index in indexes:
        index.drop(conn)
    yield
    for index in indexes:
        index.create(conn)


@contextmanager
def deferred_foreign_keys(conn, tables):
    """PostgreSQL: the foreign keys of `tables` dropped for a bulk load and added back after it, each
    with its own name and definition as the catalogue held them (`pg_get_constraintdef`). Checked row by
    row, every COPYed row fires a trigger that looks its parent up; added back, each key is one
    anti-join over the loaded rows. SQLite: the seed loads with `foreign_keys=OFF`, so each table is
    checked once at the end and the first orphan found stops the load (`OrphanRows`, rolled back)."""
    if conn.dialect.name == "sqlite":
        yield
        _check_sqlite_keys(conn, tables)
        return
    if conn.dialect.name != "postgresql":
        yield
        return
    keys = conn.exec_driver_sql(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%(tables)s::regclass[]) ORDER BY 1, 2",
        {"tables": [table.name for table in tables]},
    ).all()
    for table, name, _ in keys:
        conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    yield
    for table, name, definition in keys:
        conn.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _check_sqlite_keys(conn, tables) -> None:
    """Raise `OrphanRows` naming the table, the parent and how many rows lack it (names: `tables`)."""
    for table in tables:
        orphans = conn.exec_driver_sql(f'PRAGMA foreign_key_check("{table.name}")').all()
        if orphans:
            parents = sorted({row[2] for row in orphans})
            raise OrphanRows(
                f"{len(orphans)} row(s) of {table.name} name no existing row of {', '.join(parents)}"
                f" (first rowid {orphans[0][1]}); nothing was stored"
            )
