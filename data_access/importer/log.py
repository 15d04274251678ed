"""The import log: who imported which file (name, sha256), what kind, how many rows of each outcome, when.

`import_log` holds one row per import with the rows written; the outcome counts (new, updated,
unchanged, rejected, blank) live beside it in `import_log_counts`, keyed by the import's id (both in
`data_access.schema`).
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from sqlalchemy import Connection, Engine, select

from data_access.schema import import_log, import_log_counts

COUNT_COLUMNS = [c.name for c in import_log_counts.columns if c.name != "import_id"]
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]")


def safe_file_name(name: str | None) -> str:
    """The base name only, control characters removed, at most 200 characters: an upload's name is
    shown and logged, never used as a path."""
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = _UNSAFE.sub("", base).strip().lstrip(".") or "upload"
    return base[:200]


def write_log(
    conn: Connection, file_name: str, checksum: str, kind: str, counts: dict[str, int], user: str | None
) -> tuple[int, dt.datetime]:
    """One log row (and its counts) inside the import's own transaction; returns (id, time)."""
    imported_at = dt.datetime.now(dt.UTC)
    written = counts["new_rows"] + counts["updated_rows"]
    result = conn.execute(
        import_log.insert().values(
            file_name=file_name,
            checksum=checksum,
            kind=kind,
            rows=written,
            imported_at=imported_at,
            imported_by=(user or None),
        )
    )
    import_id = int(result.inserted_primary_key[0])
    conn.execute(
        import_log_counts.insert().values(import_id=import_id, **{c: int(counts[c]) for c in COUNT_COLUMNS})
    )
    return import_id, imported_at


def list_imports(engine: Engine | Connection, checksum: str | None = None) -> pd.DataFrame:
    """Every import, newest first: id, file_name, checksum, kind, rows (written), imported_at,
    imported_by and the outcome counts."""
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return list_imports(conn, checksum)
    conn = engine
    statement = select(import_log, *[import_log_counts.c[c] for c in COUNT_COLUMNS]).outerjoin(
        import_log_counts, import_log_counts.c.import_id == import_log.c.id
    )
    if checksum is not None:
        statement = statement.where(import_log.c.checksum == checksum)
    rows = conn.execute(statement.order_by(import_log.c.id.desc())).mappings().all()
    names = [c.name for c in import_log.columns] + COUNT_COLUMNS
    return pd.DataFrame([dict(r) for r in rows], columns=names)
