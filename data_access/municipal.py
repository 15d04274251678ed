"""Municipal units (หน่วยเทศบาล): จปฐ./TPMAP "tambons" with a tambon part of 51 or more that the
boundary file has no polygon for. They are `area` rows under their amphoe (so every roll-up counts
them); this module says which they are, so screens and exports can mark them."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.schema import indicator_value, municipal_area

MUNICIPAL_COLUMNS = ["area_code", "covers_tambon", "source"]


def municipal_units(engine: Engine, prefix: str | None = None) -> pd.DataFrame:
    """Every municipal unit (under the area `prefix`, a province or amphoe code, when given):
    area_code, covers_tambon (the tambon polygon it covers, or None), source; sorted by code."""
    query = select(municipal_area.c.area_code, municipal_area.c.covers_tambon, municipal_area.c.source)
    if prefix:
        query = query.where(municipal_area.c.area_code.startswith(prefix, autoescape=True))
    with engine.connect() as conn:
        found = pd.read_sql(query.order_by(municipal_area.c.area_code), conn)
    found = found.reindex(columns=MUNICIPAL_COLUMNS).astype(object)
    return found.where(found.notna(), None)


def units_with_values(engine: Engine, indicator_code: str, year: int, prefix: str = "") -> int:
    """How many municipal units under the area `prefix` ("" = the country) have a stored value of the
    indicator in `year`: the number a map's amphoe and province totals include with no polygon."""
    query = (
        select(func.count())
        .select_from(
            municipal_area.join(indicator_value, indicator_value.c.area_code == municipal_area.c.area_code)
        )
        .where(
            indicator_value.c.indicator_code == indicator_code,
            indicator_value.c.year == int(year),
            indicator_value.c.numerator.is_not(None),
        )
    )
    if prefix:
        query = query.where(municipal_area.c.area_code.startswith(prefix, autoescape=True))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
