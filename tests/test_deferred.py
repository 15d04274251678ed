"""A bulk load's deferred foreign keys still stop an orphan and roll the whole load back, on both
backends (data_access.deferred)."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, exc, text

from data_access.deferred import OrphanRows, deferred_foreign_keys
from data_access.engine import make_engine
from data_access.seed import _seed_transaction


def tables() -> tuple[MetaData, Table]:
    meta = MetaData()
    Table("fk_parent", meta, Column("id", Integer, primary_key=True))
    child = Table(
        "fk_child",
        meta,
        Column("id", Integer, primary_key=True),
        Column("parent_id", Integer, ForeignKey("fk_parent.id"), nullable=False),
    )
    return meta, child


def load(engine, parent_ids, child_rows) -> None:
    """Load as the seed does: in its one transaction (SQLite's per-row checks off), keys checked last."""
    meta, child = tables()
    with _seed_transaction(engine) as conn, deferred_foreign_keys(conn, [child]):
        conn.execute(meta.tables["fk_parent"].insert(), [{"id": i} for i in parent_ids])
        conn.execute(child.insert(), [{"id": i, "parent_id": p} for i, p in child_rows])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'fk.sqlite'}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
    meta, _ = tables()
    meta.drop_all(engine)
    meta.create_all(engine)
    yield engine
    meta.drop_all(engine)
    engine.dispose()


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_a_clean_load_keeps_its_rows_and_its_keys(empty_engine):
    load(empty_engine, [1, 2], [(10, 1), (11, 2)])
    assert (count(empty_engine, "fk_parent"), count(empty_engine, "fk_child")) == (2, 2)
    with pytest.raises(exc.IntegrityError), empty_engine.begin() as conn:  # the key is back, row by row
        conn.execute(text("INSERT INTO fk_child (id, parent_id) VALUES (12, 99)"))


def test_one_orphan_stops_the_load_and_nothing_is_stored(empty_engine):
    expected = OrphanRows if empty_engine.dialect.name == "sqlite" else exc.IntegrityError
    with pytest.raises(expected) as raised:
        load(empty_engine, [1, 2], [(10, 1), (11, 7), (12, 2)])
    if expected is OrphanRows:
        assert "1 row(s) of fk_child" in str(raised.value) and "fk_parent" in str(raised.value)
    assert (count(empty_engine, "fk_parent"), count(empty_engine, "fk_child")) == (0, 0)
