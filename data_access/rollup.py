"""Indicator values for the children of an area at any level, rolled up from tambon parts.

Tambon rows are stored; an amphoe or province value is `scale * sum(numerator) / sum(denominator)` over
its tambons (or `sum(numerator)` for counts), computed by `analysis.rates.values_from_parts`. This is
the only path from stored numbers to shown numbers, so map, table, chart and export agree.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from analysis.assets import is_asset_indicator, public_asset_rows, share_denominator
from analysis.disclosure import HOUSEHOLDS_CELL, companions, protect
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
    "suppressed",
]


def parts_select(level: str, indicator_codes: list[str], years: list[int], parent_code: str | None):
    """(select) tambon numerators and denominators summed per area at `level`, indicator and year.

    Only areas with stored rows come back; `indicator_values` adds the areas without data.
    """
    check_level(level)
    tambon_prefix = func.substr(indicator_value.c.area_code, 1, CODE_LENGTH[level])
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
    return parts


def areas_select(level: str, parent_code: str | None):
    """(select) the areas at `level` under `parent_code` (all of Thailand when None), by code."""
    check_level(level)
    query = select(area.c.code.label("area_code"), area.c.name_th, area.c.name_en, area.c.parent_code).where(
        area.c.level == level
    )
    if parent_code:
        query = query.where(area.c.code.startswith(parent_code, autoescape=True), area.c.code != parent_code)
    return query.order_by(area.c.code)


def indicator_values(
    engine: Engine,
    level: str,
    indicator_codes: list[str] | str,
    years: list[int] | int,
    parent_code: str | None = None,
    min_households: int | None = None,
) -> pd.DataFrame:
    """One row per area at `level` under `parent_code` (all of Thailand when None) x indicator x year:
    area_code, name_th, name_en, parent_code, indicator_code, year, numerator, denominator, value,
    tambons_with_data (0 = no data), suppressed.

    With `min_households` (public viewers), values resting on fewer households are emptied and marked
    `suppressed` and the rest rounded (`analysis.disclosure.protect`); the rows keep every sibling and
    the indicators linked to the ones asked for, so each parent and each linked group is seen whole."""
    asked = [indicator_codes] if isinstance(indicator_codes, str) else list(dict.fromkeys(indicator_codes))
    codes = companions(asked) if min_households else asked
    year_list = [int(years)] if isinstance(years, int) else sorted({int(y) for y in years})
    if parent_code is not None and len(parent_code) not in (2, 4):
        raise ValueError(
            f"parent_code must be a 2-digit province or 4-digit amphoe code, not {parent_code!r}"
        )
    if not codes or not year_list:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    with engine.connect() as conn:
        parts = pd.read_sql(parts_select(level, codes, year_list, parent_code), conn)
        areas = pd.read_sql(areas_select(level, parent_code), conn)
        meta = pd.read_sql(meta_select(codes), conn)
    frame = values_of_areas(areas, parts, meta, codes, year_list, min_households)
    if len(codes) > len(asked):  # the linked indicators were fetched to be protected with, not shown
        frame = frame[frame["indicator_code"].isin(asked)].reset_index(drop=True)
    return frame


def meta_select(codes: list[str]):
    """(select) what the rate rule and the disclosure rule need to know of each indicator."""
    return select(
        indicator.c.code.label("indicator_code"), indicator.c.aggregation, indicator.c.scale, indicator.c.unit
    ).where(indicator.c.code.in_(codes))


def values_of_areas(areas, parts, meta, codes, year_list, min_households) -> pd.DataFrame:
    """Every area x indicator x year of `areas` with its `parts` (numerator, denominator,
    tambons_with_data; missing = no data), the value by the one rate rule, hidden for public viewers.

    Joined in pandas, so areas without data still appear (a map shows them as "no data"): a SQL outer
    join against a grouped subquery scanned the parts once per area (over a minute for the national
    tambon table)."""
    meta = meta.set_index("indicator_code").reindex(codes).dropna(how="all").reset_index()
    keys = areas.merge(meta, how="cross").merge(pd.DataFrame({"year": year_list}), how="cross")
    frame = keys.merge(parts, on=["area_code", "indicator_code", "year"], how="left")
    frame["tambons_with_data"] = frame["tambons_with_data"].fillna(0).astype(int)
    frame["denominator"] = share_denominator(
        frame["indicator_code"], frame["denominator"], frame["tambons_with_data"]
    )
    frame = frame.sort_values(["area_code", "indicator_code", "year"], kind="stable", ignore_index=True)
    frame["value"] = values_from_parts(
        frame["numerator"], frame["denominator"], frame["aggregation"], frame["scale"]
    )
    frame["year"] = frame["year"].astype(int)
    return suppress_small_counts(frame, min_households)[VALUE_COLUMNS]


def suppress_small_counts(frame: pd.DataFrame, min_households: int | None) -> pd.DataFrame:
    """`frame` (rows with parent_code, indicator_code, year, numerator, denominator, value, aggregation,
    unit) as a public viewer may see it: the one place the query layer applies the disclosure rule
    (`analysis.disclosure.protect`), so areas, villages and reference rows are protected alike. No
    threshold: every row shown exactly, none marked. Community assets are not household data: their
    counts are shown exactly, a figure per 1,000 households over the households cell as published
    here (`analysis.assets.public_asset_rows`; `companions` brings that cell along)."""
    assets = frame["indicator_code"].map(is_asset_indicator).astype(bool)
    if not min_households or not assets.any():
        return protect(frame, min_households)
    protected = protect(frame[~assets], min_households)
    households = protected.loc[
        protected["indicator_code"] == HOUSEHOLDS_CELL, ["area_code", "year", "value", "suppressed"]
    ]
    return pd.concat([protected, public_asset_rows(frame[assets], households)]).sort_index()


SET_COLUMNS = ["indicator_code", "year", "numerator", "denominator", "value", "tambons_with_data"]


def set_values(
    engine: Engine, tambon_codes: list[str], indicator_codes: list[str] | str, years: list[int] | int
) -> pd.DataFrame:
    """The figures of a group of tambons taken together (an area set, or every tambon of an area):
    one row per indicator x year with the summed numerator and denominator and the value by the same
    rule as every other level (`values_from_parts`), never a mean of the members' rates."""
    codes = [indicator_codes] if isinstance(indicator_codes, str) else list(dict.fromkeys(indicator_codes))
    year_list = [int(years)] if isinstance(years, int) else sorted({int(y) for y in years})
    tambons = sorted({str(c) for c in tambon_codes})
    if not codes or not year_list or not tambons:
        return pd.DataFrame(columns=SET_COLUMNS)
    parts = (
        select(
            indicator_value.c.indicator_code,
            indicator_value.c.year,
            func.sum(indicator_value.c.numerator).label("numerator"),
            func.sum(indicator_value.c.denominator).label("denominator"),
            func.count(indicator_value.c.numerator).label("tambons_with_data"),
        )
        .where(
            indicator_value.c.area_code.in_(tambons),
            indicator_value.c.indicator_code.in_(codes),
            indicator_value.c.year.in_(year_list),
        )
        .group_by(indicator_value.c.indicator_code, indicator_value.c.year)
    )
    meta_query = select(indicator.c.code.label("indicator_code"), indicator.c.aggregation, indicator.c.scale)
    with engine.connect() as conn:
        found = pd.read_sql(parts, conn)
        meta = pd.read_sql(meta_query.where(indicator.c.code.in_(codes)), conn)
    keys = meta.merge(pd.DataFrame({"year": year_list}), how="cross")
    frame = keys.merge(found, on=["indicator_code", "year"], how="left")
    frame["tambons_with_data"] = frame["tambons_with_data"].fillna(0).astype(int)
    frame["denominator"] = share_denominator(
        frame["indicator_code"], frame["denominator"], frame["tambons_with_data"]
    )
    frame["value"] = values_from_parts(
        frame["numerator"], frame["denominator"], frame["aggregation"], frame["scale"]
    )
    frame["year"] = frame["year"].astype(int)
    return frame.sort_values(["indicator_code", "year"], ignore_index=True)[SET_COLUMNS]
