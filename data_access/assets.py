"""Community assets in the database: categories (data), their catalogue indicators, the per-tambon
values derived from the records, and the points a map draws.

The derived values are stored as `indicator_value` rows like every other tambon figure, written in
the same transaction as the records that change them, so the one query layer (`rollup`) serves them
to the map, tables, explorer, overview, exports and area sets unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Connection, Engine, delete, select

from analysis.assets import ASSET_PREFIX, KINDS, asset_indicator_code, asset_values, catalogue_rows
from analysis.errors import DataError
from data_access.bulk import bulk_insert
from data_access.catalogue import upsert_by_code
from data_access.schema import area, asset_category, community_asset, indicator, indicator_value
from geo.point_files import points_file, points_payload

CATEGORIES_CSV = Path(__file__).resolve().parent.parent / "sample_data" / "asset_categories.csv"
POINT_COLUMNS = ["id", "category_code", "name", "tambon_code", "village_no", "lat", "lon"]


def shipped_categories() -> pd.DataFrame:
    """The ten U2T categories with the national record counts used to calibrate the demo."""
    return pd.read_csv(CATEGORIES_CSV, dtype={"code": str}, encoding="utf-8")


def ensure_categories(conn: Connection) -> int:
    """Add the shipped categories that are missing (an office's own and its renamings stay) and the
    catalogue indicators of every category; returns how many categories exist."""
    existing = set(conn.execute(select(asset_category.c.code)).scalars())
    shipped = shipped_categories()[["code", "name_th", "name_en", "sort"]]
    bulk_insert(conn, asset_category, shipped[~shipped["code"].isin(existing)])
    return _ensure_indicators(conn)


def add_category(conn: Connection, code: str, name_th: str, name_en: str, sort: int | None = None) -> None:
    """An office's own category (e.g. community products): stored with its three indicators."""
    code = str(code).strip().lower()
    if not code.replace("_", "").isalnum() or not code.isascii() or len(code) > 32:
        raise DataError(
            f"รหัสหมวด '{code}' ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ _ ไม่เกิน 32 ตัว",
            f"category code '{code}' may hold only ASCII letters, digits and _, at most 32",
        )
    if not str(name_th).strip() or not str(name_en).strip():
        raise DataError("หมวดต้องมีชื่อทั้งภาษาไทยและอังกฤษ", "a category needs a Thai and an English name")
    if conn.execute(select(asset_category.c.code).where(asset_category.c.code == code)).first():
        raise DataError(f"มีหมวด '{code}' อยู่แล้ว", f"category '{code}' exists already")
    if sort is None:
        sort = len(list(conn.execute(select(asset_category.c.code)))) + 1
    conn.execute(asset_category.insert().values(code=code, name_th=name_th, name_en=name_en, sort=sort))
    _ensure_indicators(conn)


def _ensure_indicators(conn: Connection) -> int:
    categories = pd.DataFrame(conn.execute(select(asset_category)).mappings().all())
    if categories.empty:
        return 0
    upsert_by_code(conn, indicator, catalogue_rows(categories.sort_values("sort")))
    return len(categories)


def categories(engine: Engine) -> pd.DataFrame:
    """code, name_th, name_en, sort: every category in display order."""
    with engine.connect() as conn:
        return pd.read_sql(
            select(asset_category).order_by(asset_category.c.sort, asset_category.c.code), conn
        )


def refresh_values(conn: Connection, province_codes: list[str] | None = None) -> int:
    """Recompute the stored asset indicators of every tambon of the provinces (all with records
    when None), inside the caller's transaction; returns the rows written."""
    if province_codes is None:
        tambons = conn.execute(select(community_asset.c.tambon_code).distinct()).scalars()
        province_codes = sorted({str(code)[:2] for code in tambons})
    written = 0
    cats = list(conn.execute(select(asset_category.c.code)).scalars())
    codes = [asset_indicator_code(cat, kind) for cat in cats for kind in KINDS]
    for province in province_codes:
        in_province = indicator_value.c.area_code.startswith(province, autoescape=True)
        conn.execute(delete(indicator_value).where(indicator_value.c.indicator_code.in_(codes), in_province))
        items = pd.DataFrame(
            conn.execute(
                select(
                    community_asset.c.tambon_code,
                    community_asset.c.category_code,
                    community_asset.c.survey_year,
                ).where(community_asset.c.tambon_code.startswith(province, autoescape=True))
            ).all(),
            columns=["tambon_code", "category_code", "survey_year"],
        )
        if items.empty:
            continue
        households = pd.DataFrame(
            conn.execute(
                select(
                    indicator_value.c.area_code, indicator_value.c.year, indicator_value.c.numerator
                ).where(in_province, indicator_value.c.indicator_code == "households_surveyed")
            ).all(),
            columns=["area_code", "year", "households"],
        )
        tambons = list(
            conn.execute(
                select(area.c.code).where(area.c.level == "tambon", area.c.province_code == province)
            ).scalars()
        )
        years = sorted(set(households["year"].astype(int)) | set(items["survey_year"].astype(int)))
        rows = asset_values(items, households, tambons, cats, years)
        written += bulk_insert(conn, indicator_value, rows)
    return written


def refresh_household_figures(conn: Connection, tambon_years: set[tuple[str, int]]) -> int:
    """The per-1,000-households figures of `tambon_years` after their households changed (a field
    save adds, corrects or removes one), inside the caller's transaction; returns the rows written.

    Only those tambon-years move: an item count and a share of the province rest on the records
    alone. The rows equal what `refresh_values` writes for the whole province (a test holds that);
    a province without records has no asset figures to refresh."""
    cats = list(conn.execute(select(asset_category.c.code)).scalars())
    tambons = sorted({str(tambon) for tambon, _ in tambon_years})
    provinces = {
        province
        for province in {code[:2] for code in tambons}
        if conn.execute(
            select(community_asset.c.id).where(community_asset.c.tambon_code.startswith(province)).limit(1)
        ).first()
    }
    touched = {(str(t), int(y)) for t, y in tambon_years if str(t)[:2] in provinces}
    if not cats or not touched:
        return 0
    codes = [asset_indicator_code(cat, "per_1000hh") for cat in cats]
    tambons, years = sorted({t for t, _ in touched}), sorted({y for _, y in touched})
    for tambon, year in sorted(touched):
        conn.execute(
            delete(indicator_value).where(
                indicator_value.c.area_code == tambon,
                indicator_value.c.year == year,
                indicator_value.c.indicator_code.in_(codes),
            )
        )
    items = pd.DataFrame(
        conn.execute(
            select(
                community_asset.c.tambon_code, community_asset.c.category_code, community_asset.c.survey_year
            ).where(community_asset.c.tambon_code.in_(tambons))
        ).all(),
        columns=["tambon_code", "category_code", "survey_year"],
    )
    households = pd.DataFrame(
        conn.execute(
            select(indicator_value.c.area_code, indicator_value.c.year, indicator_value.c.numerator).where(
                indicator_value.c.area_code.in_(tambons),
                indicator_value.c.year.in_(years),
                indicator_value.c.indicator_code == "households_surveyed",
            )
        ).all(),
        columns=["area_code", "year", "households"],
    )
    rows = asset_values(items, households, tambons, cats, years)
    keep = rows["indicator_code"].isin(codes) & pd.Series(
        list(zip(rows["area_code"], rows["year"].astype(int))), index=rows.index
    ).isin(touched)
    return bulk_insert(conn, indicator_value, rows[keep])


def points(engine: Engine, parent_code: str, category_codes: list[str]) -> pd.DataFrame:
    """The located items of the categories under a province or amphoe (`POINT_COLUMNS`), by id."""
    if not category_codes:
        return pd.DataFrame(columns=POINT_COLUMNS)
    query = (
        select(*(community_asset.c[name] for name in POINT_COLUMNS))
        .where(
            community_asset.c.tambon_code.startswith(str(parent_code), autoescape=True),
            community_asset.c.category_code.in_(list(category_codes)),
            community_asset.c.lat.is_not(None),
            community_asset.c.lon.is_not(None),
        )
        .order_by(community_asset.c.id)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def tambon_counts(engine: Engine, province_code: str, year: int) -> pd.DataFrame:
    """area_code, category_code, count: items per tambon of a province as of `year`, every category."""
    query = select(
        indicator_value.c.area_code, indicator_value.c.indicator_code, indicator_value.c.numerator
    ).where(
        indicator_value.c.area_code.startswith(str(province_code)[:2], autoescape=True),
        indicator_value.c.indicator_code.startswith(ASSET_PREFIX),
        indicator_value.c.indicator_code.endswith("_count"),
        indicator_value.c.year == int(year),
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["category_code"] = frame["indicator_code"].str[len(ASSET_PREFIX) : -len("_count")]
    return frame.rename(columns={"numerator": "count"})[["area_code", "category_code", "count"]]


def points_file_for(engine: Engine, province_code: str, category: str) -> tuple[str, int]:
    """(relative URL, points) of the static file with one category's located items in a province."""
    located = points(engine, province_code, [category])
    with engine.connect() as conn:
        names = pd.read_sql(
            select(area.c.code, area.c.name_th, area.c.name_en).where(
                area.c.level == "tambon", area.c.province_code == str(province_code)[:2]
            ),
            conn,
        )
    return points_file(points_payload(located, names), f"{category}-{province_code}"), len(located)
