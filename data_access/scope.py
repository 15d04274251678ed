"""The figures of a scope (`analysis.scope`: an area set, or one province, amphoe or tambon) read
from the database, for one survey year and the one before.

A scope's figure is the sum of its tambons' numerators and denominators (`rollup.set_values`); its
units (the areas with a slide each and on its map) come from `rollup.indicator_values`, and so does
the province it is compared with. No other arithmetic happens here.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from analysis.disclosure import companions, complete_suppression
from analysis.errors import NotFound
from analysis.levels import level_of
from analysis.scope import HEADLINE_INDICATORS, UNIT_INDICATORS, UNIT_LEVEL, Scope, ScopeFigures
from data_access import area_sets, queries
from data_access.rollup import indicator_values, set_values, suppress_small_counts
from data_access.schema import area, area_set


def set_scope(engine: Engine, set_id: int) -> Scope:
    """The scope of a saved area set (its tambons are its units); NotFound for an unknown set."""
    with engine.connect() as conn:
        name = conn.execute(select(area_set.c.name).where(area_set.c.id == int(set_id))).scalar()
    if name is None:
        raise NotFound(f"ไม่พบชุดพื้นที่หมายเลข {set_id}", f"No area set number {set_id}")
    members = tuple(area_sets.set_members(engine, set_id))
    province = pd.Series([code[:2] for code in members]).mode().iloc[0] if members else ""
    return Scope("set", str(set_id), name, name, members, "tambon", members, province)


def area_scope(engine: Engine, area_code: str) -> Scope:
    """The scope of one province, amphoe or tambon: a province's units are its amphoe, an amphoe's its
    tambons, a tambon is its own single unit."""
    level = level_of(area_code)
    query = select(area.c.code, area.c.level, area.c.name_th, area.c.name_en).where(
        area.c.code.startswith(area_code, autoescape=True)
    )
    with engine.connect() as conn:
        rows = pd.read_sql(query, conn)
    own = rows[rows["code"] == area_code]
    if own.empty:
        raise NotFound(f"ไม่พบพื้นที่รหัส {area_code}", f"No area with code {area_code}")
    tambons = tuple(sorted(rows.loc[rows["level"] == "tambon", "code"]))
    unit_level = UNIT_LEVEL[level]
    units = (
        (area_code,) if level == "tambon" else tuple(sorted(rows.loc[rows["level"] == unit_level, "code"]))
    )
    name_th, name_en = own.iloc[0]["name_th"], own.iloc[0]["name_en"]
    return Scope("area", area_code, name_th, name_en, tambons, unit_level, units, area_code[:2])


COUNTRY_NAMES = ("ประเทศไทย", "Thailand")  # the place's name, as an area's comes from the gazetteer


def scope_of(engine: Engine, kind: str, key: str) -> Scope:
    """The scope a (kind, key) pair names: "set" and its id, "area" and its code, "country" and ""."""
    if kind == "set":
        return set_scope(engine, int(key))
    return country_scope(engine) if kind == "country" else area_scope(engine, key)


def country_scope(engine: Engine, name_th: str = COUNTRY_NAMES[0], name_en: str = COUNTRY_NAMES[1]) -> Scope:
    """The whole country: every tambon, the provinces as its units, no province to compare it with."""
    query = select(area.c.code, area.c.level).where(area.c.level.in_(["province", "tambon"]))
    with engine.connect() as conn:
        rows = pd.read_sql(query.order_by(area.c.code), conn)
    tambons = tuple(rows.loc[rows["level"] == "tambon", "code"])
    provinces = tuple(rows.loc[rows["level"] == "province", "code"])
    return Scope("country", "", name_th, name_en, tambons, "province", provinces, "")


def scope_figures(engine: Engine, scope: Scope, year: int, min_households: int | None = None) -> ScopeFigures:
    """Totals of the scope and its province for `year` and the survey year before, and the units'
    values for `year`. With `min_households` (public viewers) small counts are hidden everywhere,
    including a set member that the set's total minus the other members would give away."""
    earlier = [y for y in queries.survey_years(engine) if y < year]
    previous = earlier[-1] if earlier else None
    years = [y for y in (previous, year) if y is not None]
    wanted = list(dict.fromkeys([*HEADLINE_INDICATORS, *UNIT_INDICATORS]))
    catalogue = queries.catalogue(engine)
    linked = companions(wanted) if min_households else wanted
    totals = _hidden_totals(set_values(engine, list(scope.tambons), linked, years), catalogue, min_households)
    totals = totals[totals["indicator_code"].isin(wanted)].reset_index(drop=True)
    province_rows = indicator_values(engine, "province", wanted, [year], None, min_households)
    province_rows = province_rows[province_rows["area_code"] == scope.province]
    name = (
        (province_rows["name_th"].iloc[0], province_rows["name_en"].iloc[0])
        if len(province_rows)
        else ("", "")
    )
    catalogue = catalogue[catalogue["code"].isin(wanted)][["code", "name_th", "name_en", "unit", "polarity"]]
    return ScopeFigures(
        scope=scope,
        year=year,
        previous_year=previous,
        totals=totals,
        province=province_rows.reset_index(drop=True),
        province_name=name,
        units=unit_values(engine, scope, list(UNIT_INDICATORS), year, min_households),
        catalogue=catalogue.reset_index(drop=True),
        min_households=min_households,
    )


def unit_values(
    engine: Engine, scope: Scope, indicators: list[str], year: int, min_households: int | None = None
) -> pd.DataFrame:
    """The units' values (one query per parent area they fall in), only the scope's units; hidden as
    the map hides them and, for a set, as its total requires."""
    shown = _units(engine, scope, indicators, year, min_households)
    if not min_households or scope.kind != "set" or shown.empty:
        return shown
    # The set's pattern is judged with every linked indicator, as each parent's is.
    linked = companions(indicators)
    raw = _units(engine, scope, linked, year, None)
    public = _units(engine, scope, linked, year, min_households)
    hidden = complete_suppression(raw.assign(parent_code="set"), public["suppressed"], min_households)
    public.loc[hidden.to_numpy(), ["value", "numerator", "denominator"]] = float("nan")
    public["suppressed"] = hidden.to_numpy()
    return public[public["indicator_code"].isin(indicators)].reset_index(drop=True)


def _units(engine, scope: Scope, indicators, year, min_households) -> pd.DataFrame:
    if scope.unit_level == "province":  # the country's provinces: one query, no parent
        parents = [None]
    else:
        parents = sorted({code[: 2 if scope.unit_level == "amphoe" else 4] for code in scope.units})
    frames = [
        indicator_values(engine, scope.unit_level, indicators, [year], parent, min_households)
        for parent in parents
    ]
    if not frames:
        return indicator_values(engine, scope.unit_level, [], [year])
    values = pd.concat(frames, ignore_index=True)
    return values[values["area_code"].isin(scope.units)].reset_index(drop=True)


def _hidden_totals(totals: pd.DataFrame, catalogue: pd.DataFrame, min_households: int | None) -> pd.DataFrame:
    """A scope's own small counts hidden and its counts rounded by the query layer's one rule
    (`rollup.suppress_small_counts`; it has no siblings on screen); `suppressed` always present."""
    if not min_households:
        return totals.assign(suppressed=False)
    meta = catalogue.set_index("code").reindex(totals["indicator_code"])
    grouped = totals.assign(
        area_code="scope",
        parent_code="scope",
        **{column: meta[column].to_numpy() for column in ("aggregation", "unit", "scale")},
    )
    return suppress_small_counts(grouped, min_households)[[*totals.columns, "suppressed"]]


def scope_trend(
    engine: Engine, scope: Scope, indicators: list[str], min_households: int | None = None
) -> pd.DataFrame:
    """The scope's values in every survey year (indicator_code, year, value ...), oldest first."""
    linked = companions(indicators) if min_households else list(indicators)
    totals = set_values(engine, list(scope.tambons), linked, queries.survey_years(engine))
    shown = _hidden_totals(totals, queries.catalogue(engine), min_households)
    return shown[shown["indicator_code"].isin(indicators)].reset_index(drop=True)
