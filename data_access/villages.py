"""Villages (หมู่บ้าน) below a tambon and municipal units (เทศบาล) beside them, as the import stores
them (issue #12), for the screens that show them. Village values are counts summed exactly into their
tambon's stored numerators, so a village table adds up to the tambon row."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data_access.importer.municipal import municipal_units as _municipal_units
from data_access.schema import village, village_value

VILLAGE_COLUMNS = [
    "village_code", "tambon_code", "moo", "name_th", "indicator_code", "year", "numerator", "denominator",
    "value",
]  # fmt: skip


def village_values(
    engine: Engine, tambon_code: str, indicator_codes: list[str] | str, years: list[int] | int
) -> pd.DataFrame:
    """One row per stored village of `tambon_code` x indicator x year with a value (VILLAGE_COLUMNS),
    ordered by หมู่ and code; `name_th` is None where no name was imported."""
    codes = [indicator_codes] if isinstance(indicator_codes, str) else list(indicator_codes)
    year_list = [int(years)] if isinstance(years, int) else [int(y) for y in years]
    statement = (
        select(
            village.c.code.label("village_code"),
            village.c.tambon_code,
            village.c.moo,
            village.c.name_th,
            village_value.c.indicator_code,
            village_value.c.year,
            village_value.c.numerator,
            village_value.c.denominator,
            village_value.c.value,
        )
        .join(village_value, village_value.c.village_code == village.c.code)
        .where(
            village.c.tambon_code == tambon_code,
            village_value.c.indicator_code.in_(codes),
            village_value.c.year.in_(year_list),
        )
        .order_by(village.c.moo, village.c.code, village_value.c.indicator_code, village_value.c.year)
    )
    with engine.connect() as conn:
        rows = conn.execute(statement).all()
    return pd.DataFrame(rows, columns=VILLAGE_COLUMNS)


def municipal_units(engine: Engine) -> pd.DataFrame:
    """Every municipal unit: area_code, name_th, name_en, parent_code (its amphoe), covers_tambon (the
    tambon polygon it covers, or None), source."""
    with engine.connect() as conn:
        return _municipal_units(conn)
