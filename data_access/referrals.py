"""Referrals to help (ส่งต่อความช่วยเหลือ), recorded by officers for households in their scope: the
form's checks, and one transaction that writes the referral, recomputes the tambon-year's referral
indicators and logs it. Scope rules are those of `data_access.access.household_access`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from analysis.errors import DataError, NotFound
from data_access.access.audit import record
from data_access.access.auth import User, as_id, check_text
from data_access.access.household_access import (
    THAILAND,
    acting_user,
    check_household,
    household_number,
    indicator_catalogue,
    out_of_scope,
    visible_to,
)
from data_access.importer.recompute import recompute_tambon_years
from data_access.schema import REFERRAL_STATUSES, household, referral

MAX_AGENCY = 200
MAX_KIND = 200
MAX_NOTE = 2000
EARLIEST_REFERRAL = dt.date(2000, 1, 1)
OPEN_STATUSES = ("referred", "in_progress")  # still open: no resolution date yet


def save_referral(
    engine: Engine,
    user: User,
    household_id: int,
    agency: str,
    kind: str,
    status: str,
    referred_on: dt.date | str,
    resolved_on: dt.date | str | None = None,
    note: str | None = None,
    *,
    referral_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Record a new referral (or update `referral_id` of the same household); returns its id. The
    tambon-year's indicator values (referral coverage...) are recomputed in the same transaction."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        tambon, year = check_household(conn, acting, number)
    values = check_referral(agency, kind, status, referred_on, resolved_on, note, today)
    try:
        return _write_referral(engine, acting, number, tambon, year, values, referral_id)
    except IntegrityError as refused:
        raise DataError(
            "ฐานข้อมูลไม่ยอมรับการส่งต่อนี้ จึงไม่ได้บันทึก กรุณาลองใหม่หรือแจ้งผู้ดูแลระบบ",
            f"The database refused this referral, so nothing was saved; try again or tell an administrator "
            f"({type(refused.orig).__name__})",
        ) from refused


def _write_referral(
    engine: Engine, acting: User, number: int, tambon: str, year: int, values: dict, referral_id: object
) -> int:
    """The referral, the tambon-year's recomputed values and the audit row, in one transaction."""
    with engine.begin() as conn:
        # Scope again in SQL, in the writing transaction: a scope removed a moment ago is respected.
        visible = household.c.id == number
        if (
            conn.execute(
                select(household.c.id).where(visible & visible_to(acting.id, household.c.tambon_code))
            ).first()
            is None
        ):
            raise out_of_scope(tambon)
        if referral_id is None:
            saved = conn.execute(
                referral.insert().values(household_id=number, **values)
            ).inserted_primary_key[0]
        else:
            saved = as_id(referral_id)
            changed = conn.execute(
                update(referral)
                .where(referral.c.id == saved, referral.c.household_id == number)
                .values(**values)
            ).rowcount if saved is not None else 0  # fmt: skip
            if changed != 1:
                raise NotFound("ไม่พบการส่งต่อนี้ของครัวเรือนนี้", "No such referral for this household")
        recompute_tambon_years(conn, {(tambon, year)}, indicator_catalogue(conn))
        record(
            conn, acting.username, "referral_saved", tambon,
            f"household={number} referral={saved} status={values['status']} "
            f"{'new' if referral_id is None else 'updated'}",
        )  # fmt: skip
    return int(saved)


def check_referral(
    agency: object,
    kind: object,
    status: object,
    referred_on: object,
    resolved_on: object = None,
    note: object = None,
    today: dt.date | None = None,
) -> dict:
    """The referral form's values ready to store, or `DataError` naming the first problem in Thai and
    English: required agency and kind, a known status, real dates not in the future, resolved on or
    after referred, a resolution date for a resolved referral and none for an open one, lengths."""
    today = today or dt.datetime.now(THAILAND).date()
    values = {
        "agency": check_text(agency, "หน่วยงาน", "agency", required=True, max_length=MAX_AGENCY),
        "kind": check_text(kind, "ประเภทความช่วยเหลือ", "kind of help", required=True, max_length=MAX_KIND),
        "note": check_text(note, "หมายเหตุ", "note", required=False, max_length=MAX_NOTE) or None,
    }
    if not isinstance(status, str) or status not in REFERRAL_STATUSES:
        raise DataError(
            "สถานะต้องเป็น ส่งต่อแล้ว (referred) กำลังดำเนินการ (in_progress) "
            "แก้ไขแล้ว (resolved) หรือ ปฏิเสธ (declined)",
            f"The status must be one of {', '.join(REFERRAL_STATUSES)}",
        )
    values["status"] = status
    values["referred_on"] = check_date(referred_on, "วันที่ส่งต่อ", "referral date", today, required=True)
    values["resolved_on"] = check_date(resolved_on, "วันที่แก้ไขเสร็จ", "resolution date", today, required=False)
    if values["resolved_on"] is not None and values["resolved_on"] < values["referred_on"]:
        raise DataError(
            "วันที่แก้ไขเสร็จต้องไม่ก่อนวันที่ส่งต่อ", "The resolution date cannot be before the referral date"
        )
    if status == "resolved" and values["resolved_on"] is None:
        raise DataError("การส่งต่อที่แก้ไขแล้วต้องมีวันที่แก้ไขเสร็จ", "A resolved referral needs its resolution date")
    if status in OPEN_STATUSES and values["resolved_on"] is not None:
        raise DataError(
            "การส่งต่อที่ยังไม่เสร็จต้องไม่มีวันที่แก้ไขเสร็จ", "A referral still open cannot have a resolution date"
        )
    return values


def check_date(
    value: object, field_th: str, field_en: str, today: dt.date, *, required: bool
) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise DataError(f"กรุณาระบุ{field_th}", f"The {field_en} is required")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, dt.date):
        raise DataError(
            f"{field_th}ไม่ใช่วันที่ (ใช้รูปแบบ 2024-01-15)", f"The {field_en} is not a date (use 2024-01-15)"
        )
    if value > today:
        raise DataError(f"{field_th}ต้องไม่อยู่ในอนาคต", f"The {field_en} cannot be in the future")
    if value < EARLIEST_REFERRAL:
        raise DataError(
            f"{field_th}ต้องไม่ก่อน พ.ศ. 2543 (ค.ศ. 2000) — ตรวจสอบว่าใช้ปี ค.ศ.",
            f"The {field_en} cannot be before 2000 (years are Common Era here)",
        )
    return value
