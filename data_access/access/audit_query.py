"""Reading the audit log, for administrators: apart from the writer (`data_access.access.audit`),
which sign-in itself uses, so the writer needs nothing from sign-in and the two never import each
other."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data_access.access.auth import require_admin
from data_access.schema import audit_log


def list_audit(
    engine: Engine, actor, limit: int = 500, action: str | None = None, username: str | None = None
) -> pd.DataFrame:
    """The newest `limit` audit rows (id, at, username, action, area_code, detail), for administrators
    only (`actor` must be an active admin or `auth.CONSOLE`; else `Forbidden`)."""
    require_admin(engine, actor)
    limit = max(1, min(int(limit), 10_000))
    statement = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action is not None:
        statement = statement.where(audit_log.c.action == str(action))
    if username is not None:
        statement = statement.where(audit_log.c.username == str(username).strip().lower())
    with engine.connect() as conn:
        rows = conn.execute(statement).mappings().all()
    frame = pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in audit_log.columns])
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame
