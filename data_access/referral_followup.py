"""Following a referral to its outcome: refer a household to an agency of the managed list with a due
date, then record each status change (referred, accepted, in progress, helped, declined, closed) as a
dated event with a note and who made it.

The referral row's old-style `status` and `resolved_on` are derived from the events (helped ->
resolved; declined or closed without help -> declined), so referral coverage keeps its rule and the
importer and older screens read what they always read. Scope as in `household_access`.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Engine, select, update

from analysis.errors import DataError, NotFound
from data_access.access.audit import record
from data_access.access.auth import User, as_id, check_text
from data_access.access.household_access import (
    THAILAND,
    acting_user,
    check_household,
    household_context,
    household_number,
    indicator_catalogue,
    recheck_scope,
)
from data_access.fieldwork_recompute import recompute_fieldwork
from data_access.referrals import MAX_KIND, MAX_NOTE, check_date
from data_access.schema import (
    REFERRAL_EVENT_STATUSES,
    agency,
    referral,
    referral_detail,
    referral_event,
)

FINAL_STATUSES = ("closed",)  # nothing follows a closed referral
OPEN_EVENT_STATUSES = ("referred", "accepted", "in_progress")
MAX_DUE_DAYS = 366
LEGACY_STATUS = {
    "referred": "referred",
    "accepted": "in_progress",
    "in_progress": "in_progress",
    "declined": "declined",
    "closed": "declined",
}


def refer_household(
    engine: Engine,
    user: User,
    household_id: object,
    agency_id: object,
    kind: object,
    referred_on: object,
    due_on: object,
    note: object = None,
    *,
    today: dt.date | None = None,
) -> int:
    """A new referral of the household to an agency, open ('referred'), due by `due_on`; its id."""
    acting, number, tambon, year, catalogue = household_context(engine, user, household_id)
    with engine.connect() as conn:
        chosen = _agency(conn, agency_id)
    today = today or dt.datetime.now(THAILAND).date()
    kind = check_text(kind, "ประเภทความช่วยเหลือ", "kind of help", required=True, max_length=MAX_KIND)
    note = check_text(note, "หมายเหตุ", "note", required=False, max_length=MAX_NOTE) or None
    referred = check_date(referred_on, "วันที่ส่งต่อ", "referral date", today, required=True)
    due = _due(due_on, referred)
    with engine.begin() as conn:
        recheck_scope(conn, acting, number, tambon)
        saved = conn.execute(
            referral.insert().values(
                household_id=number,
                agency=chosen["name"],
                kind=kind,
                status="referred",
                referred_on=referred,
                note=note,
            )
        ).inserted_primary_key[0]
        conn.execute(referral_detail.insert().values(referral_id=saved, agency_id=chosen["id"], due_on=due))
        _add_event(conn, acting, saved, "referred", referred, note)
        recompute_fieldwork(conn, {(tambon, year)}, catalogue)
        record(
            conn, acting.username, "referral_saved", tambon,
            f"household={number} referral={saved} agency={chosen['id']} due={due} new",
        )  # fmt: skip
    return int(saved)


def record_status(
    engine: Engine,
    user: User,
    referral_id: object,
    status: object,
    happened_on: object,
    note: object = None,
    *,
    today: dt.date | None = None,
) -> int:
    """Add a status change to the referral's history; returns the event's id."""
    acting = acting_user(engine, user)
    number = as_id(referral_id)
    with engine.connect() as conn:
        found = conn.execute(
            select(referral.c.household_id, referral.c.referred_on).where(referral.c.id == number)
        ).first() if number is not None else None  # fmt: skip
        if found is None:
            raise NotFound(f"ไม่พบการส่งต่อหมายเลข {referral_id}", f"No referral number {referral_id}")
        tambon, year = check_household(conn, acting, int(found.household_id))
        catalogue = indicator_catalogue(conn)
    if not isinstance(status, str) or status not in REFERRAL_EVENT_STATUSES:
        raise DataError(
            "สถานะต้องเป็น ส่งต่อแล้ว รับเรื่องแล้ว กำลังดำเนินการ ช่วยเหลือแล้ว ปฏิเสธ หรือ ปิดเรื่อง",
            f"The status must be one of {', '.join(REFERRAL_EVENT_STATUSES)}",
        )
    today = today or dt.datetime.now(THAILAND).date()
    day = check_date(happened_on, "วันที่", "date", today, required=True)
    if day < found.referred_on:
        raise DataError("วันที่ต้องไม่ก่อนวันที่ส่งต่อ", "The date cannot be before the referral date")
    note = check_text(note, "หมายเหตุ", "note", required=False, max_length=MAX_NOTE) or None
    with engine.begin() as conn:
        recheck_scope(conn, acting, int(found.household_id), tambon)
        events = _events(conn, [number])
        if events["status"].isin(FINAL_STATUSES).any():
            raise DataError(
                "การส่งต่อนี้ปิดเรื่องแล้ว บันทึกสถานะเพิ่มไม่ได้", "This referral is closed; no status can follow"
            )
        event_id = _add_event(conn, acting, number, status, day, note)
        events = _events(conn, [number])
        legacy, resolved_on = legacy_status(events)
        conn.execute(
            update(referral).where(referral.c.id == number).values(status=legacy, resolved_on=resolved_on)
        )
        recompute_fieldwork(conn, {(tambon, year)}, catalogue)
        record(
            conn, acting.username, "referral_saved", tambon,
            f"household={found.household_id} referral={number} status={status} on={day}",
        )  # fmt: skip
    return event_id


def referral_events(engine: Engine, user: User, household_id: object) -> pd.DataFrame:
    """Every event of the household's referrals: referral_id, agency, due_on, status, happened_on,
    note, recorded_by, oldest first (scope checked; the household view is audited by the caller)."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        check_household(conn, acting, number)
        ids = list(conn.execute(select(referral.c.id).where(referral.c.household_id == number)).scalars())
        events = _events(conn, ids)
    return events


def legacy_status(events: pd.DataFrame) -> tuple[str, dt.date | None]:
    """The referral row's status and resolution date from its events (oldest first): resolved on the
    first 'helped'; otherwise the last event's status in the old vocabulary, dated if it ended."""
    helped = events[events["status"] == "helped"]
    if len(helped):
        return "resolved", helped["happened_on"].iloc[0]
    last = events.iloc[-1]
    status = LEGACY_STATUS[last["status"]]
    return status, (None if last["status"] in OPEN_EVENT_STATUSES else last["happened_on"])


def _events(conn: Connection, referral_ids: list[int]) -> pd.DataFrame:
    statement = (
        select(
            referral_event.c.id, referral_event.c.referral_id, referral.c.agency, referral_detail.c.due_on,
            referral_event.c.status, referral_event.c.happened_on, referral_event.c.note,
            referral_event.c.recorded_by,
        )
        .join(referral, referral.c.id == referral_event.c.referral_id)
        .outerjoin(referral_detail, referral_detail.c.referral_id == referral.c.id)
        .where(referral_event.c.referral_id.in_(referral_ids))
        .order_by(referral_event.c.referral_id, referral_event.c.happened_on, referral_event.c.id)
    )  # fmt: skip
    result = conn.execute(statement)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _add_event(conn: Connection, acting: User, referral_id: int, status: str, day: dt.date, note) -> int:
    return int(
        conn.execute(
            referral_event.insert().values(
                referral_id=referral_id, status=status, happened_on=day, note=note,
                recorded_at=dt.datetime.now(dt.UTC), recorded_by=acting.username,
            )
        ).inserted_primary_key[0]
    )  # fmt: skip


def _agency(conn: Connection, agency_id: object) -> dict:
    number = as_id(agency_id)
    row = (
        conn.execute(
            select(agency.c.id, agency.c.name).where(agency.c.id == number, agency.c.active.is_(True))
        )
        .mappings()
        .first()
        if number is not None
        else None
    )
    if row is None:
        raise DataError("กรุณาเลือกหน่วยงานจากรายการ", "Choose an agency from the list")
    return dict(row)


def _due(due_on: object, referred: dt.date) -> dt.date:
    due = check_date(due_on, "วันครบกำหนด", "due date", dt.date.max, required=True)
    if not referred <= due <= referred + dt.timedelta(days=MAX_DUE_DAYS):
        raise DataError(
            f"วันครบกำหนดต้องอยู่ระหว่างวันที่ส่งต่อถึง {MAX_DUE_DAYS} วันหลังจากนั้น",
            f"The due date must be from the referral date to {MAX_DUE_DAYS} days after it",
        )
    return due
