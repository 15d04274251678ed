"""Agencies that take referrals: a managed list (name, kind, contact), not free text.

Administrators add and change agencies; officers pick one when they refer a household. A referral
keeps the agency's name in `referral.agency` (what imports and older screens read) and its id in
`referral_detail`; renaming an agency renames it on its referrals in the same transaction.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError

from analysis.errors import DataError, NotFound
from data_access.access.audit import record
from data_access.access.auth import as_id, check_text, require_admin
from data_access.schema import AGENCY_KINDS, agency, referral, referral_detail

MAX_NAME = 200
MAX_CONTACT = 300
# The kind a migrated free-text agency most likely is, by words in its name (first match wins).
KIND_WORDS = (
    ("local", ("องค์การบริหารส่วนตำบล", "อบต", "เทศบาล")),
    ("health", ("โรงพยาบาล", "รพ.", "สาธารณสุข", "สุขภาพ")),
    ("education", ("การศึกษา", "โรงเรียน", "สกร", "การเรียนรู้")),
    ("civil_society", ("มูลนิธิ", "สมาคม", "ชมรม")),
    ("government", ("สำนักงาน", "กรม", "ศูนย์", "จังหวัด", "อำเภอ")),
)


def list_agencies(engine: Engine, active_only: bool = True) -> pd.DataFrame:
    """Agencies by name: id, name, kind, contact, active (not personal data: no sign-in needed)."""
    statement = select(agency).order_by(agency.c.name)
    if active_only:
        statement = statement.where(agency.c.active.is_(True))
    with engine.connect() as conn:
        result = conn.execute(statement)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame["active"] = frame["active"].astype(bool)
    return frame


def save_agency(
    engine: Engine,
    actor,
    name: object,
    kind: object,
    contact: object = None,
    *,
    agency_id: object = None,
    active: bool = True,
) -> int:
    """Add an agency (or change `agency_id`); administrators only. Returns its id."""
    require_admin(engine, actor)
    values = {
        "name": check_text(name, "ชื่อหน่วยงาน", "agency name", required=True, max_length=MAX_NAME),
        "contact": check_text(contact, "ช่องทางติดต่อ", "contact", required=False, max_length=MAX_CONTACT)
        or None,
        "kind": check_kind(kind),
        "active": bool(active),
    }
    try:
        with engine.begin() as conn:
            if agency_id is None:
                saved = conn.execute(agency.insert().values(**values)).inserted_primary_key[0]
            else:
                saved = as_id(agency_id)
                old = conn.execute(select(agency.c.name).where(agency.c.id == saved)).scalar_one_or_none()
                if old is None:
                    raise NotFound(f"ไม่พบหน่วยงานหมายเลข {agency_id}", f"No agency number {agency_id}")
                conn.execute(update(agency).where(agency.c.id == saved).values(**values))
                if old != values["name"]:
                    of_agency = select(referral_detail.c.referral_id).where(
                        referral_detail.c.agency_id == saved
                    )
                    conn.execute(
                        update(referral).where(referral.c.id.in_(of_agency)).values(agency=values["name"])
                    )
            record(
                conn,
                getattr(actor, "username", None),
                "agency_changed",
                None,
                f"agency={saved} {values['name']}",
            )
    except IntegrityError as refused:
        raise DataError(
            f"มีหน่วยงานชื่อ {values['name']} อยู่แล้ว", f"An agency named {values['name']} exists already"
        ) from refused
    return int(saved)


def check_kind(kind: object) -> str:
    if not isinstance(kind, str) or kind not in AGENCY_KINDS:
        raise DataError(
            "ประเภทหน่วยงานต้องเป็น local (ท้องถิ่น) government (ส่วนราชการ) health (สาธารณสุข) "
            "education (การศึกษา) civil_society (ภาคประชาสังคม) หรือ other (อื่น ๆ)",
            f"The agency type must be one of {', '.join(AGENCY_KINDS)}",
        )
    return kind


def guess_kind(name: str) -> str:
    """The kind of a free-text agency name from the words in it; 'other' when none matches."""
    for kind, words in KIND_WORDS:
        if any(word in name for word in words):
            return kind
    return "other"
