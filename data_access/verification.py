"""Verification (สอบทาน) of a household-year: has an officer visited it, and are its answers right?

Each household-year has one current state (no row = not visited) with who set it and when; every
change is in the audit log. Saving recomputes the tambon-year, whose verification coverage (target-poor
households verified / target-poor households) is an indicator like any other.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from analysis.errors import DataError
from data_access.access.audit import record
from data_access.access.auth import User, check_text
from data_access.access.household_access import (
    THAILAND,
    acting_user,
    check_household,
    household_context,
    household_number,
    recheck_scope,
)
from data_access.fieldwork_recompute import recompute_fieldwork
from data_access.referrals import check_date
from data_access.schema import VERIFICATION_STATES, household_verification

MAX_NOTE = 1000


def set_verification(
    engine: Engine,
    user: User,
    household_id: object,
    state: object,
    note: object = None,
    *,
    on: dt.date | str | None = None,
    today: dt.date | None = None,
) -> None:
    """Set the household-year's verification state (visited on `on`, default today)."""
    acting, number, tambon, year, catalogue = household_context(engine, user, household_id)
    if not isinstance(state, str) or state not in VERIFICATION_STATES:
        raise DataError(
            "สถานะการสอบทานต้องเป็น ยังไม่ลงพื้นที่ (not_visited) ลงพื้นที่แล้ว (visited) สอบทานแล้ว (verified) "
            "ไม่พบครัวเรือน (not_found) หรือ ย้ายออก (moved)",
            f"The verification state must be one of {', '.join(VERIFICATION_STATES)}",
        )
    today = today or dt.datetime.now(THAILAND).date()
    day = check_date(on if on is not None else today, "วันที่ลงพื้นที่", "visit date", today, required=True)
    text = check_text(note, "หมายเหตุ", "note", required=False, max_length=MAX_NOTE) or None
    with engine.begin() as conn:
        recheck_scope(conn, acting, number, tambon)
        conn.execute(household_verification.delete().where(household_verification.c.household_id == number))
        conn.execute(
            household_verification.insert().values(
                household_id=number,
                state=state,
                recorded_on=day,
                recorded_at=dt.datetime.now(dt.UTC),
                recorded_by=acting.username,
                note=text,
            )
        )
        recompute_fieldwork(conn, {(tambon, year)}, catalogue)
        record(
            conn, acting.username, "verification_saved", tambon, f"household={number} state={state} on={day}"
        )


def verification_of(engine: Engine, user: User, household_id: object) -> dict:
    """The household-year's current state: state, recorded_on, recorded_by, note (not_visited if none)."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        check_household(conn, acting, number)
        row = (
            conn.execute(
                select(
                    household_verification.c.state,
                    household_verification.c.recorded_on,
                    household_verification.c.recorded_by,
                    household_verification.c.note,
                ).where(household_verification.c.household_id == number)
            )
            .mappings()
            .first()
        )
    return (
        dict(row) if row else {"state": "not_visited", "recorded_on": None, "recorded_by": None, "note": None}
    )
