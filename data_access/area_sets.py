"""Named sets of tambons saved in the database: list, create, rename, delete, members.

A set holds tambons only, so its figures are a plain sum of its members' stored numerators and
denominators (`rollup.set_values`) and no area is ever counted twice. Names are unique; bad input
raises `DataError` with a Thai and an English message.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Engine, func, inspect, select
from sqlalchemy.exc import IntegrityError

from analysis.errors import DataError, NotFound
from data_access import data_version
from data_access.schema import area, area_set, area_set_member, dataset_info

MAX_NAME_LENGTH = 120
MOU_SET_NAME = "MOU เมืองศรีสะเกษ 15 อบต."
MOU_AMPHOE = "3301"
# The 2022 Si Sa Ket MOU (shared/docs/DOMAIN.md): looked up by name within Mueang Si Sa Ket.
MOU_TAMBON_NAMES = (
    "หมากเขียบ",
    "หนองครก",
    "หนองไฮ",
    "จาน",
    "หนองไผ่",
    "หนองแก้ว",
    "หญ้าปล้อง",
    "น้ำคำ",
    "ทุ่ม",
    "ซำ",
    "ตะดอบ",
    "คูซอด",
    "โพนค้อ",
    "โพนข่า",
    "โพนเขวา",
)
SEEDED_FLAG = "area_sets_seeded"  # dataset_info key: the demo set is offered once, never re-created


def ensure_area_sets(engine: Engine) -> None:
    """Create the set tables in a database made before they existed, and offer the MOU set once on
    demo data (a user who deletes it does not get it back)."""
    if not inspect(engine).has_table("area_set_member"):
        area_set.metadata.create_all(engine, tables=[area_set, area_set_member])
    with engine.connect() as conn:
        facts = dict(conn.execute(select(dataset_info.c.key, dataset_info.c.value)).all())
    if facts.get("is_demo") == "1" and SEEDED_FLAG not in facts:
        seed_mou_set(engine)


def seed_mou_set(engine: Engine) -> int | None:
    """Create the MOU set (the 15 tambons of DOMAIN.md) unless a set of that name exists; mark it seeded."""
    codes = mou_tambon_codes(engine)
    with engine.begin() as conn:
        exists = conn.execute(select(area_set.c.id).where(area_set.c.name == MOU_SET_NAME)).first()
        conn.execute(dataset_info.delete().where(dataset_info.c.key == SEEDED_FLAG))
        conn.execute(dataset_info.insert().values(key=SEEDED_FLAG, value="1"))
    return None if exists else create_set(engine, MOU_SET_NAME, codes)


def mou_tambon_codes(engine: Engine) -> list[str]:
    """Codes of the 15 MOU tambons, in DOMAIN.md order; DataError naming any that is missing."""
    query = select(area.c.name_th, area.c.code).where(
        area.c.level == "tambon", area.c.parent_code == MOU_AMPHOE, area.c.name_th.in_(MOU_TAMBON_NAMES)
    )
    with engine.connect() as conn:
        by_name = dict(conn.execute(query).all())
    missing = [name for name in MOU_TAMBON_NAMES if name not in by_name]
    if missing:
        raise DataError(
            f"ไม่พบตำบลในอำเภอ {MOU_AMPHOE}: {', '.join(missing)}",
            f"tambons not found in amphoe {MOU_AMPHOE}: {', '.join(missing)}",
        )
    return [by_name[name] for name in MOU_TAMBON_NAMES]


def list_sets(engine: Engine) -> pd.DataFrame:
    """One row per set, by name: id, name, created_at, members (number of tambons)."""
    members = func.count(area_set_member.c.area_code).label("members")
    query = (
        select(area_set.c.id, area_set.c.name, area_set.c.created_at, members)
        .outerjoin(area_set_member, area_set_member.c.set_id == area_set.c.id)
        .group_by(area_set.c.id, area_set.c.name, area_set.c.created_at)
        .order_by(area_set.c.name)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def set_members(engine: Engine, set_id: int) -> list[str]:
    """Tambon codes of the set, sorted; NotFound for an unknown set."""
    with engine.connect() as conn:
        _check_exists(conn, set_id)
        query = select(area_set_member.c.area_code).where(area_set_member.c.set_id == int(set_id))
        return sorted(str(code) for code in conn.execute(query).scalars())


def create_set(engine: Engine, name: str, tambon_codes: Iterable[str]) -> int:
    """A new set of these tambons; returns its id. DataError on a bad or duplicate name or a code that
    is not a tambon."""
    clean = check_name(name)
    with engine.begin() as conn:
        data_version.bump(conn)
        codes = _check_tambons(conn, tambon_codes)
        _check_free(conn, clean)
        try:
            new_id = conn.execute(
                area_set.insert().values(name=clean, created_at=datetime.now(UTC)).returning(area_set.c.id)
            ).scalar_one()
        except IntegrityError:  # another session took the name between the check and the insert
            raise _duplicate(clean) from None
        conn.execute(area_set_member.insert(), [{"set_id": new_id, "area_code": c} for c in codes])
    return int(new_id)


def rename_set(engine: Engine, set_id: int, name: str) -> None:
    clean = check_name(name)
    with engine.begin() as conn:
        data_version.bump(conn)
        _check_exists(conn, set_id)
        _check_free(conn, clean, except_id=set_id)
        conn.execute(area_set.update().where(area_set.c.id == int(set_id)).values(name=clean))


def replace_members(engine: Engine, set_id: int, tambon_codes: Iterable[str]) -> None:
    with engine.begin() as conn:
        data_version.bump(conn)
        _check_exists(conn, set_id)
        codes = _check_tambons(conn, tambon_codes)
        conn.execute(area_set_member.delete().where(area_set_member.c.set_id == int(set_id)))
        conn.execute(area_set_member.insert(), [{"set_id": int(set_id), "area_code": c} for c in codes])


def delete_set(engine: Engine, set_id: int) -> None:
    with engine.begin() as conn:
        data_version.bump(conn)
        _check_exists(conn, set_id)
        # Members first: SQLite enforces ON DELETE CASCADE only with its foreign_keys pragma on.
        conn.execute(area_set_member.delete().where(area_set_member.c.set_id == int(set_id)))
        conn.execute(area_set.delete().where(area_set.c.id == int(set_id)))


def check_name(name: str) -> str:
    """The name without surrounding spaces; DataError when empty or too long."""
    clean = " ".join(str(name or "").split())
    if not clean:
        raise DataError("ชื่อชุดพื้นที่ต้องไม่ว่าง", "An area set needs a name")
    if len(clean) > MAX_NAME_LENGTH:
        raise DataError(
            f"ชื่อชุดพื้นที่ยาวเกิน {MAX_NAME_LENGTH} ตัวอักษร",
            f"An area set name is at most {MAX_NAME_LENGTH} characters",
        )
    return clean


def _check_tambons(conn, tambon_codes: Iterable[str]) -> list[str]:
    codes = sorted({str(code).strip() for code in tambon_codes})
    if not codes:
        raise DataError("ชุดพื้นที่ต้องมีอย่างน้อยหนึ่งตำบล", "An area set needs at least one tambon")
    found = set(
        conn.execute(select(area.c.code).where(area.c.code.in_(codes), area.c.level == "tambon")).scalars()
    )
    unknown = [code for code in codes if code not in found]
    if unknown:
        shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
        raise DataError(f"ไม่ใช่รหัสตำบลที่มีในระบบ: {shown}", f"Not tambon codes in the database: {shown}")
    return codes


def _check_free(conn, name: str, except_id: int | None = None) -> None:
    query = select(area_set.c.id).where(area_set.c.name == name)
    if except_id is not None:
        query = query.where(area_set.c.id != int(except_id))
    if conn.execute(query).first():
        raise _duplicate(name)


def _duplicate(name: str) -> DataError:
    return DataError(f"มีชุดพื้นที่ชื่อ “{name}” อยู่แล้ว", f"An area set named “{name}” already exists")


def _check_exists(conn, set_id: int) -> None:
    if conn.execute(select(area_set.c.id).where(area_set.c.id == int(set_id))).first() is None:
        raise NotFound(f"ไม่พบชุดพื้นที่หมายเลข {set_id}", f"No area set number {set_id}")
