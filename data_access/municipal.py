"""Municipal units (หน่วยเทศบาล): จปฐ./TPMAP "tambons" with a tambon part of 51 or more that the
boundary file has no polygon for. They are `area` rows under their amphoe (so every roll-up counts
them); this module says which they are, so screens and exports can mark them."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from data_access.schema import municipal_area

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


def units_with_data(values: pd.DataFrame, units: pd.DataFrame, prefix: str = "") -> int:
    """How many municipal units under `prefix` carry a value in `values` (rows of
    `rollup.indicator_values` at tambon level, or stored tambon rows): the number an amphoe or province
    total includes without a polygon to show for it."""
    codes = {c for c in units["area_code"] if str(c).startswith(prefix)}
    if not codes or values.empty:
        return 0
    has_data = values["tambons_with_data"] > 0 if "tambons_with_data" in values else values["value"].notna()
    return int(values.loc[has_data.to_numpy(), "area_code"].isin(codes).sum())
