"""Indicator values for the children of an area at any level, rolled up from tambon parts.

Tambon rows are stored; an amphoe or province value is `scale * sum(numerator) / sum(denominator)` over
its tambons (or `sum(numerator)` for counts), computed by `analysis.rates.values_from_parts`. This is
the only path from stored numbers to shown numbers, so map, table, chart and export agree.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, and_, func, literal, select

from analysis.levels import CODE_LENGTH, check_level
from analysis.rates import values_from_parts
from data_access.schema import area, indicator, indicator_value

VALUE_COLUMNS = [
    "area_code",
    "name_th",
    "name_en",
    "parent_code",
    "indicator_code",
    "year",
    "numerator",
    "denominator",
    "value",
    "tambons_with_data",
]


def rollup_select(level: str, indicator_codes: list[str], years: list[int], parent_code: str | None):
    """(select statement) summing tambon parts to `level` for areas under `parent_code` (None = all).

    Areas with no data still appear (LEFT JOIN) so a map can show them as "no data".
    """
    check_level(level)
    length = CODE_LENGTH[level]
    tambon_prefix = func.substr(indicator_value.c.area_code, 1, length)
    parts = (
        select(
            tambon_prefix.label("area_code"),
            indicator_value.c.indicator_code,
            indicator_value.c.year,
            func.sum(indicator_value.c.numerator).label("numerator"),
            func.sum(indicator_value.c.denominator).label("denominator"),
            func.count(indicator_value.c.numerator).label("tambons_with_data"),
        )
        .where(indicator_value.c.indicator_code.in_(indicator_codes), indicator_value.c.year.in_(years))
        .group_by(tambon_prefix, indicator_value.c.indicator_code, indicator_value.c.year)
    )
    if parent_code:
        parts = parts.where(indicator_value.c.area_code.startswith(parent_code, autoescape=True))
    parts = parts.subquery("parts")
    keys = (
        select(
            area.c.code,
            area.c.name_th,
            area.c.name_en,
            area.c.parent_code,
            indicator.c.code.label("indicator_code"),
            indicator.c.aggregation,
            indicator.c.scale,
        )
        .select_from(area.join(indicator, literal(True)))
        .where(area.c.level == level, indicator.c.code.in_(indicator_codes))
    )
    if parent_code:
        keys = keys.where(area.c.code.startswith(parent_code, autoescape=True), area.c.code != parent_code)
    keys = keys.subquery("keys")
    year_rows = [select(literal(int(y)).label("year")) for y in years]
    year_select = year_rows[0].union_all(*year_rows[1:]) if len(year_rows) > 1 else year_rows[0]
    year_table = year_select.subquery("years")
    return (
        select(
            keys.c.code.label("area_code"),
            keys.c.name_th,
            keys.c.name_en,
            keys.c.parent_code,
            keys.c.indicator_code,
            year_table.c.year,
            parts.c.numerator,
            parts.c.denominator,
            func.coalesce(parts.c.tambons_with_data, 0).label("tambons_with_data"),
            keys.c.aggregation,
            keys.c.scale,
        )
        .select_from(keys.join(year_table, literal(True)))
        .outerjoin(
            parts,
            and_(
                parts.c.area_code == keys.c.code,
                parts.c.indicator_code == keys.c.indicator_code,
                parts.c.year == year_table.c.year,
            ),
        )
        .order_by(keys.c.code, keys.c.indicator_code, year_table.c.year)
    )


def indicator_values(
    engine: Engine,
    level: str,
    indicator_codes: list[str] | str,
    years: list[int] | int,
    parent_code: str | None = None,
) -> pd.DataFrame:
    """One row per area at `level` under `parent_code` (all of Thailand when None) x indicator x year:
    area_code, name_th, name_en, parent_code, indicator_code, year, numerator, denominator, value,
    tambons_with_data (0 = no data)."""
    codes = [indicator_codes] if isinstance(indicator_codes, str) else list(dict.fromkeys(indicator_codes))
    year_list = [int(years)] if isinstance(years, int) else sorted({int(y) for y in years})
    if parent_code is not None and len(parent_code) not in (2, 4):
        raise ValueError(
            f"parent_code must be a 2-digit province or 4-digit amphoe code, not {parent_code!r}"
        )
    if not codes or not year_list:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    with engine.connect() as conn:
        frame = pd.read_sql(rollup_select(level, codes, year_list, parent_code), conn)
    frame["value"] = values_from_parts(
        frame["numerator"], frame["denominator"], frame["aggregation"], frame["scale"]
    )
    frame["year"] = frame["year"].astype(int)
    return frame[VALUE_COLUMNS]
