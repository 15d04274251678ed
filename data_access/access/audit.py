"""The audit log: who did what sensitive thing, when, and in which area.

Rows are written inside the transaction of the action they describe when given a `Connection` (a saved
referral and its audit row commit together or not at all), or in their own transaction when given an
`Engine` (a sign-in, a list view). Actions come from a fixed list so the log stays searchable; free
text goes to `detail`, cleaned of control characters and cut to a bounded length.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection, Engine

from analysis.errors import DataError
from data_access.schema import audit_log

ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "locked_out",
    "sign_out",
    "access_denied",
    "household_list",
    "household_detail",
    "household_export",
    "referral_saved",
    "household_saved",
    "household_history",
    "verification_saved",
    "agency_changed",
    "fieldwork_list",
    "fieldwork_export",
    "import",
    "user_created",
    "user_changed",
    "scope_changed",
    "area_set_changed",
)
MAX_DETAIL = 2000
MAX_USERNAME = 64
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_AREA_CODE = re.compile(r"\d{2}(?:\d{2}){0,2}")


def record(
    conn_or_engine: Connection | Engine,
    username: str | None,
    action: str,
    area_code: str | None = None,
    detail: str = "",
) -> None:
    """Append one audit row; an unknown action is a programming error and raises `DataError`."""
    if action not in ACTIONS:
        raise DataError(
            f"ไม่รู้จักการกระทำ {action!r} ในบันทึกการใช้งาน", f"unknown audit action {action!r}; one of {ACTIONS}"
        )
    text = clean(detail, MAX_DETAIL)
    code = area_code if isinstance(area_code, str) and _AREA_CODE.fullmatch(area_code) else None
    if area_code is not None and code is None:
        # Something that is not an area code (e.g. a tampered filter) is kept, quoted, in the detail.
        text = clean(f"area={area_code!r} {text}".strip(), MAX_DETAIL)
    row = {
        "at": dt.datetime.now(dt.UTC),
        "username": clean(username, MAX_USERNAME) or None,
        "action": action,
        "area_code": code,
        "detail": text,
    }
    if isinstance(conn_or_engine, Engine):
        with conn_or_engine.begin() as conn:
            conn.execute(audit_log.insert().values(**row))
    else:
        conn_or_engine.execute(audit_log.insert().values(**row))


def clean(value: object, length: int) -> str:
    """Text fit for a log line: control characters removed, at most `length` characters."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value)).strip()[:length]
