"""Read-only queries for the screens. Every function takes an engine and returns plain data."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, inspect, select

from data_access.rollup import indicator_values
from data_access.schema import (
    area,
    create_schema,
    dataset_info,
    dimension,
    household,
    indicator,
    indicator_value,
)

OVERVIEW_INDICATORS = ["households_surveyed", "people_surveyed", "target_poor_people", "target_poor_rate"]


def is_ready(engine: Engine) -> bool:
    """True when the schema exists and areas are loaded (the app can show something). A database made
    by an older version gets the tables added since (`create_schema` only creates what is missing), so
    an upgrade needs no step of its own."""
    if not inspect(engine).has_table("indicator_value"):
        return False
    create_schema(engine)
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(area)).scalar_one() > 0


def dataset_facts(engine: Engine) -> dict[str, str]:
    """Key/value facts about the loaded data (is_demo, source, seeded_at)."""
    with engine.connect() as conn:
        return dict(conn.execute(select(dataset_info.c.key, dataset_info.c.value)).all())


def area_counts(engine: Engine) -> dict[str, int]:
    """Number of areas per level, e.g. {'province': 77, 'amphoe': 928, 'tambon': 7425}."""
    with engine.connect() as conn:
        rows = conn.execute(select(area.c.level, func.count()).group_by(area.c.level)).all()
    return {level: int(count) for level, count in rows}


def survey_years(engine: Engine) -> list[int]:
    """Buddhist Era years that have indicator values, oldest first.

    A loose scan of the (indicator, year) index, one statement per year found: the next year after
    the last is the least of each catalogue indicator's next one, a seek per indicator, where
    `DISTINCT year` read every stored value (0.26 s of CPU on a national database, on each first view
    after a data change)."""
    years: list[int] = []
    with engine.connect() as conn:
        while True:
            after = years[-1] if years else -1
            following = (
                select(func.min(indicator_value.c.year))
                .where(indicator_value.c.indicator_code == indicator.c.code, indicator_value.c.year > after)
                .scalar_subquery()
            )
            per_indicator = select(following.label("year")).select_from(indicator).subquery()
            year = conn.execute(select(func.min(per_indicator.c.year))).scalar()
            if year is None:
                return years
            years.append(int(year))


def household_records(engine: Engine) -> int:
    """Rows of household microdata (households x survey years)."""
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(household)).scalar_one())


def provinces_with_data(engine: Engine) -> list[str]:
    """Province codes that have at least one indicator value (in the province or an area of it).

    Per province, the first stored value of one of its areas (an index seek each) rather than every
    stored value's prefix (0.44 s of CPU on a national database)."""
    province, member = area.alias("province"), area.alias("member")
    has_value = (
        select(indicator_value.c.area_code)
        .join(member, member.c.code == indicator_value.c.area_code)
        .where(member.c.province_code == province.c.code)
        .exists()
    )
    query = select(province.c.code).where(province.c.level == "province", has_value).order_by(province.c.code)
    with engine.connect() as conn:
        return [str(c) for c in conn.execute(query).scalars()]


def province_overview(engine: Engine, min_households: int | None = None) -> pd.DataFrame:
    """One row per province with data and survey year: households, people, target poor (count, rate),
    tambons with data, from the same roll-up (and, for public viewers, the same protection) every
    screen uses."""
    years = survey_years(engine)
    if not years:
        return pd.DataFrame()
    values = indicator_values(engine, "province", OVERVIEW_INDICATORS, years, None, min_households)
    values = values[values["tambons_with_data"] > 0]
    wide = values.pivot_table(
        index=["area_code", "name_th", "name_en", "year"], columns="indicator_code", values="value"
    ).reset_index()
    coverage = values.groupby(["area_code", "year"])["tambons_with_data"].max().rename("tambons_with_data")
    wide = wide.merge(coverage.reset_index(), on=["area_code", "year"])
    # Imported data may hold only some of these indicators: a missing one is a column of no values.
    wide = wide.reindex(columns=[*wide.columns, *[c for c in OVERVIEW_INDICATORS if c not in wide.columns]])
    wide.columns.name = None
    return wide.sort_values(["area_code", "year"], ignore_index=True)


def catalogue(engine: Engine) -> pd.DataFrame:
    """The indicator catalogue with dimension names, in dimension order."""
    query = (
        select(
            indicator,
            dimension.c.name_th.label("dimension_th"),
            dimension.c.name_en.label("dimension_en"),
            dimension.c.sort_order.label("dimension_order"),
        )
        .join(dimension, indicator.c.dimension == dimension.c.code)
        .order_by(dimension.c.sort_order, indicator.c.code)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def dimensions(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql(select(dimension).order_by(dimension.c.sort_order), conn)


def areas(engine: Engine) -> pd.DataFrame:
    """Every area (code, level, parent_code, province_code, name_th, name_en), sorted by code."""
    with engine.connect() as conn:
        return pd.read_sql(select(area).order_by(area.c.code), conn)


def area_profile(
    engine: Engine, tambon_code: str, year: int, min_households: int | None = None
) -> pd.DataFrame:
    """Every indicator for one tambon beside its amphoe and province, for one year.

    Columns: indicator_code, tambon, amphoe, province, plus the tambon's numerator, denominator and
    `suppressed` flag. All three levels come from the same roll-up (and the same suppression for
    public viewers), so they agree with the map and tables.
    """
    codes = catalogue(engine)["code"].tolist()
    amphoe_code, province_code = tambon_code[:4], tambon_code[:2]
    levels = {
        "tambon": indicator_values(engine, "tambon", codes, year, amphoe_code, min_households),
        "amphoe": indicator_values(engine, "amphoe", codes, year, province_code, min_households),
        "province": indicator_values(engine, "province", codes, year, None, min_households),
    }
    own = {"tambon": tambon_code, "amphoe": amphoe_code, "province": province_code}
    frames = []
    for level, frame in levels.items():
        rows = frame[frame["area_code"] == own[level]].set_index("indicator_code")
        frames.append(rows["value"].rename(level))
        if level == "tambon":
            frames += [rows["numerator"], rows["denominator"], rows["suppressed"]]
    return pd.concat(frames, axis=1).reindex(codes).rename_axis("indicator_code").reset_index()
