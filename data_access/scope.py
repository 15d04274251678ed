"""What a presentation or an overview is about: an area set, or one province, amphoe or tambon, and
its figures for one survey year and the one before.

A scope's figure is the sum of its tambons' numerators and denominators (`rollup.set_values`); its
units (the areas with a slide each and on its map) come from `rollup.indicator_values`, and so does
the province it is compared with. No other arithmetic happens here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, select

from analysis.disclosure import companions, complete_suppression, protect
from analysis.levels import level_of
from analysis.local_names import local_name
from analysis.units import small_count
from data_access import area_sets, queries
from data_access.errors import NotFound
from data_access.rollup import indicator_values, set_values
from data_access.schema import area, area_set

HEADLINE_INDICATORS = (
    "households_surveyed",
    "target_poor_people",
    "target_poor_rate",
    "mpi_m0",
    "status_struggling_share",
    "status_hard_share",
    "status_getting_by_share",
    "status_well_share",
    "referral_coverage",
    "verification_coverage",
)
DIMENSION_INDICATORS = (
    "tp_health_rate",
    "tp_living_rate",
    "tp_education_rate",
    "tp_income_rate",
    "tp_access_rate",
)
UNIT_INDICATORS = (
    "households_surveyed",
    "target_poor_people",
    "target_poor_rate",
    "mpi_m0",
    "status_struggling_share",
    "referral_coverage",
    *DIMENSION_INDICATORS,
)
MAP_INDICATOR = "target_poor_rate"
UNIT_LEVEL = {"province": "amphoe", "amphoe": "tambon", "tambon": "tambon"}


@dataclass(frozen=True)
class Scope:
    kind: str  # "set" or "area"
    key: str  # the set id (as text) or the area code
    name_th: str
    name_en: str
    tambons: tuple[str, ...]  # every tambon the figures sum over
    unit_level: str  # level of the units: amphoe for a province, else tambon
    units: tuple[str, ...]  # areas with a slide each and on the map
    province: str  # the province it is compared with

    def name(self, lang: str) -> str:
        return local_name(self, lang)


@dataclass(frozen=True)
class ScopeFigures:
    scope: Scope
    year: int
    previous_year: int | None
    totals: pd.DataFrame  # the scope: indicator_code, year, numerator, denominator, value
    province: pd.DataFrame  # the province, same columns
    province_name: tuple[str, str]  # (th, en)
    units: pd.DataFrame  # the units: area_code, name_th, name_en, indicator_code, year, value ...
    catalogue: pd.DataFrame  # code, name_th, name_en, unit, polarity of every indicator used
    min_households: int | None = None  # set when small counts are hidden from this viewer

    def total(self, indicator: str, year: int | None = None):
        return _value(self.totals, indicator, self.year if year is None else year)

    def province_value(self, indicator: str):
        return _value(self.province, indicator, self.year)

    def hidden_text(self, frame: str, indicator: str, area_code: str | None = None) -> str | None:
        """ "<5" when that figure ("totals", "province" or "units" with `area_code`) is hidden from
        this viewer, else None."""
        rows = getattr(self, frame)
        rows = rows[(rows["indicator_code"] == indicator) & (rows["year"] == self.year)]
        if area_code is not None:
            rows = rows[rows["area_code"] == area_code]
        if self.min_households and "suppressed" in rows and rows["suppressed"].astype(bool).any():
            return small_count(self.min_households)
        return None


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
    """A scope's own small counts hidden and its counts rounded (`protect`; it has no siblings on
    screen); `suppressed` always present."""
    if not min_households:
        return totals.assign(suppressed=False)
    meta = catalogue.set_index("code").reindex(totals["indicator_code"])
    grouped = totals.assign(
        area_code="scope",
        parent_code="scope",
        **{column: meta[column].to_numpy() for column in ("aggregation", "unit", "scale")},
    )
    return protect(grouped, min_households)[[*totals.columns, "suppressed"]]


def _value(frame: pd.DataFrame, indicator: str, year: int):
    rows = frame[(frame["indicator_code"] == indicator) & (frame["year"] == year)]
    return float(rows["value"].iloc[0]) if len(rows) and pd.notna(rows["value"].iloc[0]) else float("nan")


def scope_trend(
    engine: Engine, scope: Scope, indicators: list[str], min_households: int | None = None
) -> pd.DataFrame:
    """The scope's values in every survey year (indicator_code, year, value ...), oldest first."""
    linked = companions(indicators) if min_households else list(indicators)
    totals = set_values(engine, list(scope.tambons), linked, queries.survey_years(engine))
    shown = _hidden_totals(totals, queries.catalogue(engine), min_households)
    return shown[shown["indicator_code"].isin(indicators)].reset_index(drop=True)
