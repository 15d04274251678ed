"""Recording households from field work: add, edit, remove (a state with a reason), history, restore.

Every save is one transaction that re-checks the officer's scope in SQL, refuses a lost update (the
form carries the version it was read at; a save against an older version raises `StaleVersion` with
the newer values), writes the household and its sparse deprivation rows, keeps the whole new version
as a snapshot, recomputes the tambon-year's indicators (`fieldwork_recompute`) and writes the audit
row. Nothing is deleted: removal and restore are versions like any other.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

import pandas as pd
from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.exc import IntegrityError

from analysis.capitals import CAPITAL_COLUMNS
from analysis.errors import DataError, Forbidden, NotFound, StaleVersion
from analysis.local_names import in_language, local_column
from data_access.access.audit import record
from data_access.access.auth import User, can_see_area, check_text
from data_access.access.household_access import (
    acting_user,
    check_household,
    household_context,
    household_number,
    indicator_catalogue,
    out_of_scope,
    recheck_scope,
    visible_to,
)
from data_access.fieldwork_recompute import recompute_fieldwork
from data_access.household_form import FIELDS_EN, FIELDS_TH, check_household_form
from data_access.schema import area, household, household_deprivation, household_record, household_version

HOUSEHOLD_FIELDS = ("village_no", "members", "income_per_person", "welfare_card", *CAPITAL_COLUMNS)
YEAR_RANGE = (2550, 2700)
MAX_REASON = 500
HISTORY_COLUMNS = ["version", "saved_at", "saved_by", "action", "field", "old_value", "new_value"]


def household_for_edit(engine: Engine, user: User, household_id: object) -> dict:
    """The household's current values as the form shows them, with `version` (to send back on save),
    tambon_code, survey_year and removed_reason. Audited as a household view."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        tambon, _ = check_household(conn, acting, number)
        current = _current(conn, number, indicator_catalogue(conn))
    record(engine, acting.username, "household_detail", tambon, f"household={number} form")
    return current


def create_household(
    engine: Engine, user: User, tambon_code: object, survey_year: object, form: dict, *, now=None
) -> int:
    """A household found in the field, in a tambon of the officer's scope; returns its id."""
    acting = acting_user(engine, user)
    tambon = _tambon(engine, acting, tambon_code)
    year = _year(survey_year)
    with engine.connect() as conn:
        catalogue = indicator_catalogue(conn)
    values = check_household_form(form, catalogue)
    try:
        with engine.begin() as conn:
            if conn.execute(_visible_tambon(acting, tambon)).first() is None:
                raise out_of_scope(tambon)
            number = int(conn.execute(select(func.coalesce(func.max(household.c.id), 0))).scalar_one()) + 1
            conn.execute(
                household.insert().values(
                    id=number,
                    household_key=f"fw{secrets.token_hex(12)}",  # synthetic: never a name or citizen ID
                    survey_year=year,
                    tambon_code=tambon,
                    **{f: values[f] for f in HOUSEHOLD_FIELDS},
                )
            )
            _write_deprivations(conn, number, values["deprivations"])
            _write_version(conn, acting, number, 1, "created", _snapshot(values, None), now, new_record=True)
            recompute_fieldwork(conn, {(tambon, year)}, catalogue)
            record(conn, acting.username, "household_saved", tambon, f"household={number} version=1 created")
    except IntegrityError as refused:
        raise _refused(refused) from refused
    return number


def update_household(
    engine: Engine, user: User, household_id: object, form: dict, expected_version: object, *, now=None
) -> int:
    """Save the form over the household read at `expected_version`; returns the new version."""
    acting, number, tambon, year, catalogue = household_context(engine, user, household_id)
    values = check_household_form(form, catalogue)
    return _save(engine, acting, number, tambon, year, catalogue, expected_version, now, "edited", values)


def remove_household(
    engine: Engine, user: User, household_id: object, reason: object, expected_version: object, *, now=None
) -> int:
    """Mark the household removed (moved away, duplicate, ...) with a reason; nothing is deleted."""
    acting, number, tambon, year, catalogue = household_context(engine, user, household_id)
    why = check_text(reason, "เหตุผลที่นำออก", "reason for removal", required=True, max_length=MAX_REASON)
    return _save(engine, acting, number, tambon, year, catalogue, expected_version, now, "removed", None, why)


def restore_version(
    engine: Engine, user: User, household_id: object, version: object, expected_version: object, *, now=None
) -> int:
    """An administrator puts an earlier version back, as a new version (the later ones stay in the
    history); returns the new version number."""
    acting, number, tambon, year, catalogue = household_context(engine, user, household_id)
    if not acting.is_admin:
        record(engine, acting.username, "access_denied", tambon, f"household={number} restore")
        raise Forbidden("เฉพาะผู้ดูแลระบบเท่านั้นที่คืนค่ารุ่นก่อนได้", "Only an administrator may restore a version")
    with engine.connect() as conn:
        old = _versions(conn, number, catalogue)
    chosen = old.loc[old["version"] == version, "snapshot"] if isinstance(version, int) else []
    if len(chosen) == 0:
        raise NotFound(f"ไม่พบรุ่นที่ {version} ของครัวเรือนนี้", f"No version {version} of this household")
    snapshot = chosen.iloc[0]
    values = {**{f: snapshot[f] for f in HOUSEHOLD_FIELDS}, "deprivations": snapshot["deprivations"]}
    return _save(
        engine, acting, number, tambon, year, catalogue, expected_version, now, "restored", values,
        snapshot["removed_reason"], restored_from=version,
    )  # fmt: skip


def household_history(engine: Engine, user: User, household_id: object) -> pd.DataFrame:
    """One row per changed field per version (`HISTORY_COLUMNS`), oldest first: who saved it, when,
    and the value before and after; the first version (imported or created) is one row with no field.
    A household never edited has its imported version only."""
    acting = acting_user(engine, user)
    number = household_number(household_id)
    with engine.connect() as conn:
        tambon, _ = check_household(conn, acting, number)
        versions = _versions(conn, number, indicator_catalogue(conn))
    record(engine, acting.username, "household_history", tambon, f"household={number}")
    rows = []
    previous: dict | None = None
    for v in versions.itertuples():
        changes = _changes(previous, v.snapshot) if previous is not None else [(None, None, None)]
        for field, old, new in changes:
            rows.append([v.version, v.saved_at, v.saved_by, v.action, field, old, new])
        previous = v.snapshot
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def field_label(field: str, lang: str, catalogue: pd.DataFrame | None = None) -> str:
    """A history row's field as a person reads it (an indicator's name for a deprivation answer)."""
    if field == "removed_reason":
        return in_language(("เหตุผลที่นำออก", "reason for removal"), lang)
    if field.startswith("deprivation:") and catalogue is not None:
        code = field.split(":", 1)[1]
        names = catalogue.set_index("code")[local_column(lang)]
        return str(names.get(code, code))
    return in_language((FIELDS_TH, FIELDS_EN), lang).get(field, field)


# --- writing --------------------------------------------------------------------------------------


def _save(
    engine, acting, number, tambon, year, catalogue, expected, now, action, values, removed=None, **extra
):
    """The version check, the write, the snapshot, the recompute and the audit row, all or nothing."""
    if isinstance(expected, bool) or not isinstance(expected, int) or expected < 0:
        raise DataError("ไม่ทราบรุ่นของข้อมูลที่แก้ไข กรุณาเปิดแบบฟอร์มใหม่", "The form has no version; open it again")
    try:
        with engine.begin() as conn:
            recheck_scope(conn, acting, number, tambon)
            current = _current(conn, number, catalogue)
            if current["version"] != expected:
                raise _stale(current)
            if values is None:  # removal: the values stay, the state changes
                values = {
                    **{f: current[f] for f in HOUSEHOLD_FIELDS},
                    "deprivations": current["deprivations"],
                }
            new_version = expected + 1
            if expected == 0:  # the first edit keeps the imported values as version 0
                _write_version(
                    conn, None, number, 0, "imported", _snapshot(current, None), now, new_record=False
                )
            conn.execute(
                update(household)
                .where(household.c.id == number)
                .values(**{f: values[f] for f in HOUSEHOLD_FIELDS})
            )
            _write_deprivations(conn, number, values["deprivations"])
            _write_version(
                conn, acting, number, new_version, action, _snapshot(values, removed), now,
                new_record=expected == 0, expected=expected,
            )  # fmt: skip
            recompute_fieldwork(conn, {(tambon, year)}, catalogue)
            changed = [
                f
                for f, _, _ in _changes(
                    _snapshot(current, current["removed_reason"]), _snapshot(values, removed)
                )
            ]
            detail = f"household={number} version={new_version} {action} fields={','.join(changed) or '-'}"
            if "restored_from" in extra:
                detail += f" from_version={extra['restored_from']}"
            record(conn, acting.username, "household_saved", tambon, detail)
    except IntegrityError as refused:  # a concurrent save took the same version number first
        with engine.connect() as conn:
            raise _stale(_current(conn, number, catalogue)) from refused
    return new_version


def _write_version(
    conn, acting, number, version, action, snapshot, now, *, new_record, expected=None
) -> None:
    moment = now or dt.datetime.now(dt.UTC)
    who = acting.username if acting is not None else None
    conn.execute(
        household_version.insert().values(
            household_id=number, version=version, saved_at=moment, saved_by=who, action=action,
            snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
        )
    )  # fmt: skip
    if version == 0:
        return
    state = {
        "version": version,
        "removed_reason": snapshot["removed_reason"],
        "changed_at": moment,
        "changed_by": who,
    }
    if new_record:  # a second concurrent first edit fails here on the primary key
        conn.execute(household_record.insert().values(household_id=number, **state))
        return
    changed = conn.execute(
        update(household_record)
        .where(household_record.c.household_id == number, household_record.c.version == expected)
        .values(**state)
    ).rowcount
    if changed != 1:
        raise IntegrityError("household_record version moved", None, Exception("stale version"))


def _write_deprivations(conn: Connection, number: int, answers: dict) -> None:
    conn.execute(household_deprivation.delete().where(household_deprivation.c.household_id == number))
    rows = [
        {"household_id": number, "indicator_code": code, "deprived": answer}
        for code, answer in sorted(answers.items())
        if answer != 0  # sparse: no row means assessed and not deprived
    ]
    if rows:
        conn.execute(household_deprivation.insert(), rows)


# --- reading --------------------------------------------------------------------------------------


def _current(conn: Connection, number: int, catalogue: pd.DataFrame) -> dict:
    row = conn.execute(
        select(household.c.tambon_code, household.c.survey_year, *household.c[HOUSEHOLD_FIELDS]).where(
            household.c.id == number
        )
    ).mappings().one()  # fmt: skip
    state = conn.execute(
        select(household_record.c.version, household_record.c.removed_reason, household_record.c.changed_at,
               household_record.c.changed_by)
        .where(household_record.c.household_id == number)
    ).mappings().first()  # fmt: skip
    flags = dict(
        conn.execute(
            select(household_deprivation.c.indicator_code, household_deprivation.c.deprived).where(
                household_deprivation.c.household_id == number
            )
        ).all()
    )
    codes = sorted(catalogue.loc[catalogue["is_deprivation"].astype(bool), "code"])
    current = {f: _plain(row[f]) for f in HOUSEHOLD_FIELDS}
    current["welfare_card"] = bool(current["welfare_card"])
    current["deprivations"] = {
        c: (None if flags[c] is None else int(flags[c])) if c in flags else 0 for c in codes
    }
    current.update(
        household_id=number,
        tambon_code=row["tambon_code"],
        survey_year=int(row["survey_year"]),
        version=int(state["version"]) if state else 0,
        removed_reason=state["removed_reason"] if state else None,
        changed_at=state["changed_at"] if state else None,
        changed_by=state["changed_by"] if state else None,
    )
    return current


def _versions(conn: Connection, number: int, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Stored versions oldest first, snapshots parsed; a never-edited household's imported values as v0."""
    statement = (
        select(household_version)
        .where(household_version.c.household_id == number)
        .order_by(household_version.c.version)
    )
    rows = conn.execute(statement).mappings().all()
    versions = [{**dict(r), "snapshot": json.loads(r["snapshot"])} for r in rows]
    if not versions:
        current = _current(conn, number, catalogue)
        versions = [{"version": 0, "saved_at": None, "saved_by": None, "action": "imported",
                     "snapshot": _snapshot(current, current["removed_reason"])}]  # fmt: skip
    return pd.DataFrame(versions)


def _snapshot(values: dict, removed: str | None) -> dict:
    snapshot = {f: _plain(values[f]) for f in HOUSEHOLD_FIELDS}
    snapshot["welfare_card"] = bool(snapshot["welfare_card"])
    snapshot["deprivations"] = dict(sorted(values["deprivations"].items()))
    snapshot["removed_reason"] = removed
    return snapshot


def _changes(before: dict | None, after: dict) -> list[tuple[str, object, object]]:
    """(field, old, new) for every field that differs; every field is "new" in the first version."""
    before = before or {}
    out = []
    for field in (*HOUSEHOLD_FIELDS, "removed_reason"):
        if before.get(field, _MISSING) != after.get(field):
            out.append((field, before.get(field), after.get(field)))
    old_answers = before.get("deprivations", {})
    for code, answer in sorted(after.get("deprivations", {}).items()):
        if old_answers.get(code, _MISSING) != answer:
            out.append((f"deprivation:{code}", old_answers.get(code), answer))
    return out


_MISSING = object()


def _plain(value: object):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value
    return value.item() if hasattr(value, "item") else value


# --- checks ---------------------------------------------------------------------------------------


def _visible_tambon(acting: User, tambon: str):
    return select(area.c.code).where(
        area.c.code == tambon, area.c.level == "tambon", visible_to(acting.id, area.c.code)
    )


def _tambon(engine: Engine, acting: User, tambon_code: object) -> str:
    if (
        not isinstance(tambon_code, str)
        or not tambon_code.isascii()
        or not tambon_code.isdigit()
        or len(tambon_code) != 6
    ):
        raise DataError("รหัสตำบลต้องเป็นตัวเลข 6 หลัก", "A tambon code has 6 digits")
    if not can_see_area(acting, tambon_code):
        record(
            engine, acting.username, "access_denied", tambon_code, "new household outside the user's scope"
        )
        raise out_of_scope(tambon_code)
    with engine.connect() as conn:
        if conn.execute(_visible_tambon(acting, tambon_code)).first() is None:
            raise NotFound(f"ไม่พบตำบลรหัส {tambon_code}", f"No tambon with code {tambon_code}")
    return tambon_code


def _year(survey_year: object) -> int:
    low, high = YEAR_RANGE
    if isinstance(survey_year, bool) or not isinstance(survey_year, int) or not low <= survey_year <= high:
        raise DataError(f"ปีสำรวจต้องเป็น พ.ศ. {low} ถึง {high}", f"The survey year must be B.E. {low} to {high}")
    return int(survey_year)


def _stale(current: dict) -> StaleVersion:
    who = current.get("changed_by") or "-"
    return StaleVersion(
        f"มีผู้อื่น ({who}) บันทึกครัวเรือนนี้ก่อนคุณ (รุ่นที่ {current['version']}) จึงไม่ได้บันทึกของคุณ "
        "ค่าล่าสุดแสดงด้านล่าง ตรวจสอบแล้วบันทึกอีกครั้ง",
        f"Someone else ({who}) saved this household before you (version {current['version']}), so yours was "
        "not saved; the newer values are shown below: check them and save again",
        current,
    )


def _refused(refused: IntegrityError) -> DataError:
    return DataError(
        "ฐานข้อมูลไม่ยอมรับการบันทึกนี้ จึงไม่ได้บันทึก กรุณาลองใหม่",
        f"The database refused this save, so nothing was saved; try again ({type(refused.orig).__name__})",
    )
