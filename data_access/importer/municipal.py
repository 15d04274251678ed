"""Municipal units (เทศบาล) that จปฐ./TPMAP report as their own "tambon" with a tambon part of 51 or
more (240151, 330451): at commit each becomes an `area` row at tambon level under its amphoe (so the
roll-up counts it in amphoe and province totals) and a `municipal_area` row marking it.

Names are generated ("หน่วยเทศบาล 240151 (อ.เมืองฉะเชิงเทรา)") unless the editable mapping file
`sample_data/municipal_units.csv` gives one; the same file may tie a unit to the tambon polygon it
covers (`covers_tambon`), left empty where the evidence is not clear. Any other unknown code is a row
error: never dropped, never forced onto another code.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, select

from data_access.bulk import bulk_insert
from data_access.schema import area, municipal_area

MAPPING_FILE = Path(__file__).resolve().parents[2] / "sample_data" / "municipal_units.csv"
FIRST_MUNICIPAL_PART = 51
UNIT_COLUMNS = ["area_code", "amphoe_code", "name_th", "name_en", "covers_tambon"]


def read_mapping(path: Path = MAPPING_FILE) -> pd.DataFrame:
    """The shipped mapping (code, name_th, name_en, covers_tambon), blanks as empty strings."""
    if not path.exists():
        return pd.DataFrame(columns=["code", "name_th", "name_en", "covers_tambon"])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.set_index("code")


def is_municipal_code(code: str) -> bool:
    """A 6-digit code whose tambon part is 51 or more."""
    return len(code) == 6 and code.isdigit() and int(code[4:]) >= FIRST_MUNICIPAL_PART


def plan_units(codes: set[str], areas: pd.DataFrame, mapping: pd.DataFrame | None = None) -> pd.DataFrame:
    """The municipal units to create for the unknown tambon `codes` whose amphoe exists: one row each
    (UNIT_COLUMNS). `areas` is the area table (code, level, name_th, name_en)."""
    mapping = read_mapping() if mapping is None else mapping
    by_code = areas.set_index("code")
    rows = []
    for code in sorted(codes):
        amphoe = code[:4]
        if not is_municipal_code(code) or code in by_code.index:
            continue
        if amphoe not in by_code.index or by_code.at[amphoe, "level"] != "amphoe":
            continue
        given = mapping.loc[code] if code in mapping.index else None
        covers = (given["covers_tambon"] if given is not None else "") or None
        if covers is not None and covers not in by_code.index:
            covers = None
        rows.append(
            {
                "area_code": code,
                "amphoe_code": amphoe,
                "name_th": (given["name_th"] if given is not None else "")
                or f"หน่วยเทศบาล {code} (อ.{by_code.at[amphoe, 'name_th']})",
                "name_en": (given["name_en"] if given is not None else "")
                or f"Municipal unit {code} ({by_code.at[amphoe, 'name_en']})",
                "covers_tambon": covers,
            }
        )
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def write_units(conn: Connection, units: pd.DataFrame, source: str) -> int:
    """Create the planned units not yet in the database (inside the import's transaction)."""
    if units.empty:
        return 0
    existing = set(
        conn.execute(select(area.c.code).where(area.c.code.in_(list(units["area_code"])))).scalars()
    )
    todo = units[~units["area_code"].isin(existing)]
    bulk_insert(
        conn,
        area,
        pd.DataFrame(
            {
                "code": todo["area_code"],
                "level": "tambon",
                "parent_code": todo["amphoe_code"],
                "province_code": todo["area_code"].str[:2],
                "name_th": todo["name_th"],
                "name_en": todo["name_en"],
            }
        ),
    )
    bulk_insert(
        conn,
        municipal_area,
        pd.DataFrame(
            {"area_code": todo["area_code"], "covers_tambon": todo["covers_tambon"], "source": source}
        ),
    )
    return len(todo)


def municipal_units(conn: Connection) -> pd.DataFrame:
    """Every stored municipal unit: area_code, name_th, name_en, parent_code, covers_tambon, source."""
    statement = select(
        municipal_area.c.area_code,
        area.c.name_th,
        area.c.name_en,
        area.c.parent_code,
        municipal_area.c.covers_tambon,
        municipal_area.c.source,
    ).join(area, area.c.code == municipal_area.c.area_code)
    rows = conn.execute(statement.order_by(municipal_area.c.area_code)).all()
    return pd.DataFrame(
        rows, columns=["area_code", "name_th", "name_en", "parent_code", "covers_tambon", "source"]
    )
