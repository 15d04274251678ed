"""Villages (หมู่บ้าน) below a tambon: their values in the shape of `rollup.indicator_values`, so the
table and detail panel show them with the same builders, rates and small-count rule as every area.

A village's rate is `scale * numerator / denominator` of its stored parts (`values_from_parts`), and
the import stores each tambon's numerator as the sum of its villages', so the villages of a tambon
add up to the tambon row exactly."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.rollup import VALUE_COLUMNS, meta_select, values_of_areas
from data_access.schema import village, village_value


def village_values(
    engine: Engine,
    tambon_code: str,
    indicator_codes: list[str] | str,
    years: list[int] | int,
    min_households: int | None = None,
) -> pd.DataFrame:
    """One row per village of `tambon_code` x indicator x year, columns as `rollup.VALUE_COLUMNS`
    (area_code = the village code, parent_code = the tambon, tambons_with_data = 1 where the village
    has a value). Villages without a value for an indicator still appear, as no data. No villages:
    an empty frame."""
    codes = [indicator_codes] if isinstance(indicator_codes, str) else list(dict.fromkeys(indicator_codes))
    year_list = [int(years)] if isinstance(years, int) else sorted({int(y) for y in years})
    if not codes or not year_list:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    parts = (
        select(
            village_value.c.village_code.label("area_code"),
            village_value.c.indicator_code,
            village_value.c.year,
            village_value.c.numerator,
            village_value.c.denominator,
        )
        .join(village, village.c.code == village_value.c.village_code)
        .where(
            village.c.tambon_code == tambon_code,
            village_value.c.indicator_code.in_(codes),
            village_value.c.year.in_(year_list),
        )
    )
    with engine.connect() as conn:
        villages = pd.read_sql(
            select(village.c.code.label("area_code"), village.c.moo, village.c.name_th)
            .where(village.c.tambon_code == tambon_code)
            .order_by(village.c.code),
            conn,
        )
        found = pd.read_sql(parts, conn)
        meta = pd.read_sql(meta_select(codes), conn)
    if villages.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    villages = villages.drop(columns="moo").assign(parent_code=tambon_code, **village_names(villages))
    found["tambons_with_data"] = found["numerator"].notna().astype(int)
    return values_of_areas(villages, found, meta, codes, year_list, min_households)


def village_names(villages: pd.DataFrame) -> dict[str, list[str]]:
    """name_th and name_en per village (rows with moo, name_th): the stored name where the source gave
    one, else "หมู่ที่ N" / "Village N" (with the sub-village suffix of a 10-digit code).

    >>> village_names(pd.DataFrame({"area_code": ["33010501", "3301050302"], "moo": [1, 3],
    ...                             "name_th": ["บ้านจาน", None]}))
    {'name_th': ['บ้านจาน', 'หมู่ที่ 3 (2)'], 'name_en': ['บ้านจาน', 'Village 3 (2)']}
    """
    name_th, name_en = [], []
    for code, moo, name in zip(villages["area_code"], villages["moo"], villages["name_th"]):
        suffix = str(code)[8:10]
        part = f" ({int(suffix)})" if suffix.isdigit() and int(suffix) > 0 else ""
        given = None if pd.isna(name) or not str(name).strip() else str(name).strip()
        name_th.append(given or f"หมู่ที่ {int(moo)}{part}")
        name_en.append(given or f"Village {int(moo)}{part}")
    return {"name_th": name_th, "name_en": name_en}


def tambons_with_villages(engine: Engine, prefix: str) -> list[str]:
    """Tambon codes under `prefix` (a province, amphoe or tambon code) that have village rows."""
    query = (
        select(village.c.tambon_code)
        .where(village.c.tambon_code.startswith(prefix, autoescape=True))
        .group_by(village.c.tambon_code)
        .having(func.count() > 0)
        .order_by(village.c.tambon_code)
    )
    with engine.connect() as conn:
        return [str(c) for c in conn.execute(query).scalars()]
