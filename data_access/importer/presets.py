"""Saved column mappings ("presets"), named, found again by the headers of the next file.

The signature is the sha256 of the file's header keys (normalised as `header_key` does, sorted), so
the same export with its columns in another order, or "ปี " for "ปี", still finds its preset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pandas as pd
from sqlalchemy import Engine, select

from analysis.errors import DataError
from data_access.importer.mapping import ColumnMapping
from data_access.importer.normalise import clean_text, header_key
from data_access.schema import import_preset

MAX_NAME = 100


def header_signature(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(sorted(header_key(h) for h in headers)).encode()).hexdigest()


def save_preset(
    engine: Engine, name: str, headers: list[str], mapping: ColumnMapping, user: str | None = None
) -> int:
    """Store (or replace, by name) a preset; returns its id."""
    name = clean_text(name)
    if not name or len(name) > MAX_NAME:
        raise DataError(f"ชื่อชุดจับคู่ต้องมี 1-{MAX_NAME} ตัวอักษร", f"A preset name needs 1-{MAX_NAME} characters")
    values = {
        "header_signature": header_signature(headers),
        "headers": json.dumps(list(headers), ensure_ascii=False),
        "mapping": mapping.to_json(),
        "created_at": dt.datetime.now(dt.UTC),
        "created_by": user or None,
    }
    import_preset.create(engine, checkfirst=True)  # a database made before presets existed
    with engine.begin() as conn:
        found = conn.execute(select(import_preset.c.id).where(import_preset.c.name == name)).scalar()
        if found is not None:
            conn.execute(import_preset.update().where(import_preset.c.id == found).values(**values))
            return int(found)
        return int(conn.execute(import_preset.insert().values(name=name, **values)).inserted_primary_key[0])


def list_presets(engine: Engine, headers: list[str] | None = None) -> pd.DataFrame:
    """id, name, created_at, created_by of every preset (only those made for these headers when
    given), newest first."""
    import_preset.create(engine, checkfirst=True)
    statement = select(
        import_preset.c.id, import_preset.c.name, import_preset.c.created_at, import_preset.c.created_by
    ).order_by(import_preset.c.created_at.desc(), import_preset.c.id.desc())
    if headers is not None:
        statement = statement.where(import_preset.c.header_signature == header_signature(headers))
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    return pd.DataFrame(rows, columns=["id", "name", "created_at", "created_by"])


def find_preset(engine: Engine, name: str) -> ColumnMapping:
    """The mapping saved under `name`; DataError naming the presets there are when none is."""
    import_preset.create(engine, checkfirst=True)
    with engine.connect() as conn:
        text = conn.execute(
            select(import_preset.c.mapping).where(import_preset.c.name == clean_text(name))
        ).scalar()
    if text is None:
        known = ", ".join(list_presets(engine)["name"]) or "–"
        raise DataError(
            f"ไม่พบชุดจับคู่คอลัมน์ '{name}' (ที่มี: {known})", f"No column-mapping preset '{name}' (saved: {known})"
        )
    return ColumnMapping.from_json(text)
