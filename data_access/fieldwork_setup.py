"""Bring a database made before field work up to it, idempotently, on every start (as
`area_sets.ensure_area_sets` does for sets): the new tables, the free-text agencies of existing
referrals as managed agencies, every referral tied to its agency, and each referral's status so far
as dated events (resolved -> helped). Set-based SQL only, so a province's referrals take a moment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Engine, case, exists, func, literal, null, select

from data_access.agencies import guess_kind
from data_access.schema import agency, create_schema, referral, referral_detail, referral_event

# Old referral status -> the event that says it (the referral row's status is derived back from events).
LEGACY_EVENT = {"in_progress": "in_progress", "resolved": "helped", "declined": "declined"}
EVENT_COLUMNS = ["referral_id", "status", "happened_on", "note", "recorded_at", "recorded_by"]


def ensure_fieldwork(engine: Engine, now: dt.datetime | None = None) -> dict[str, int]:
    """Counts of what was migrated this time (all 0 on a database already up to date)."""
    create_schema(engine)
    moment = now or dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        known = set(conn.execute(select(agency.c.name)).scalars())
        names = sorted(set(conn.execute(select(referral.c.agency).distinct()).scalars()) - known)
        if names:
            conn.execute(agency.insert(), [{"name": n, "kind": guess_kind(n), "active": True} for n in names])
        untied = ~exists().where(referral_detail.c.referral_id == referral.c.id)
        tied = _insert_missing(
            conn,
            referral_detail,
            ["referral_id", "agency_id", "due_on"],
            select(referral.c.id, agency.c.id, null())
            .join(agency, agency.c.name == referral.c.agency)
            .where(untied),
        )
        no_events = ~exists().where(referral_event.c.referral_id == referral.c.id)
        opened = _insert_missing(
            conn,
            referral_event,
            EVENT_COLUMNS,
            select(
                referral.c.id,
                literal("referred"),
                referral.c.referred_on,
                null(),
                literal(moment, DateTime(timezone=True)),
                null(),
            ).where(no_events),
        )
        only_opened = ~exists().where(
            (referral_event.c.referral_id == referral.c.id) & (referral_event.c.status != "referred")
        )
        status_event = case(*[(referral.c.status == old, new) for old, new in LEGACY_EVENT.items()])
        moved = _insert_missing(
            conn,
            referral_event,
            EVENT_COLUMNS,
            select(
                referral.c.id,
                status_event,
                func.coalesce(referral.c.resolved_on, referral.c.referred_on),
                null(),
                literal(moment, DateTime(timezone=True)),
                null(),
            ).where(referral.c.status.in_(list(LEGACY_EVENT)), only_opened),
        )
    return {"agencies": len(names), "referrals_tied": tied, "opened_events": opened, "status_events": moved}


def _insert_missing(conn, table, columns: list[str], rows) -> int:
    """INSERT ... SELECT of the rows still missing; their count (drivers do not all report rowcount)."""
    missing = conn.execute(select(func.count()).select_from(rows.subquery())).scalar_one()
    if missing:
        conn.execute(table.insert().from_select(columns, rows))
    return int(missing)
