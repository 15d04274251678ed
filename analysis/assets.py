"""Community assets (U2T Community Big Data) as indicators, and a tambon's strengths and problems.

Each asset category gives three catalogue indicators, named from the category's code so an office's
own category gets them too: the count of items, items per 1,000 surveyed households, and the tambon's
share of its province's items. Pure: frames in, frames out; the SQL is in `data_access.assets`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.disclosure import PER_HOUSEHOLDS_SUFFIX, round_count

ASSET_PREFIX = "asset_"
ASSET_DIMENSION = "assets"
KINDS = ("count", "per_1000hh", "share")
# Strengths need both a clear lead over the province and enough items to rest on.
STRENGTH_MIN_LQ = 1.25
STRENGTH_MIN_COUNT = 3
TOP = 3


def asset_indicator_code(category: str, kind: str) -> str:
    """`asset_water_sources_per_1000hh`: the catalogue code of one derived figure of a category."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    return f"{ASSET_PREFIX}{category}_{kind}"


def is_asset_indicator(code: str) -> bool:
    return str(code).startswith(ASSET_PREFIX)


def is_share_indicator(code: str) -> bool:
    return is_asset_indicator(code) and str(code).endswith("_share")


def catalogue_rows(categories: pd.DataFrame) -> pd.DataFrame:
    """Catalogue rows (the `indicator` table's columns) for each category (code, name_th, name_en)."""
    rows = []
    for cat in categories.itertuples():
        common = {
            "set_version": "u2t-cbd",
            "dimension": ASSET_DIMENSION,
            "polarity": "higher_better",
            "is_deprivation": False,
            "bmn_number": None,
            "source": "Community Big Data (U2T) records; demo records synthetic",
        }
        rows += [
            {
                **common,
                "code": asset_indicator_code(cat.code, "count"),
                "name_th": f"{cat.name_th}: จำนวน",
                "name_en": f"{cat.name_en}: count",
                "unit": "count",
                "aggregation": "sum",
                "scale": 1.0,
                "description_th": f"จำนวนรายการ{cat.name_th}ที่บันทึกในฐานข้อมูลชุมชน (Community Big Data) "
                "นับรายการที่สำรวจในปีนั้นหรือก่อนหน้า",
                "description_en": f"Items of {cat.name_en.lower()} recorded in the Community Big Data, "
                "counting items surveyed in that year or before.",
            },
            {
                **common,
                "code": asset_indicator_code(cat.code, "per_1000hh"),
                "name_th": f"{cat.name_th}: ต่อ 1,000 ครัวเรือน",
                "name_en": f"{cat.name_en} per 1,000 households",
                "unit": "score",
                "aggregation": "ratio",
                "scale": 1000.0,
                "description_th": f"จำนวนรายการ{cat.name_th} ÷ จำนวนครัวเรือนที่สำรวจ จปฐ. × 1,000",
                "description_en": f"Items of {cat.name_en.lower()} ÷ households surveyed (BMN) × 1,000.",
            },
            {
                **common,
                "code": asset_indicator_code(cat.code, "share"),
                "name_th": f"{cat.name_th}: ร้อยละของทั้งจังหวัด",
                "name_en": f"{cat.name_en}: share of the province",
                "unit": "percent",
                "aggregation": "ratio",
                "scale": 100.0,
                "description_th": f"จำนวนรายการ{cat.name_th}ของพื้นที่ ÷ จำนวนของทั้งจังหวัด × 100",
                "description_en": f"The area's items of {cat.name_en.lower()} ÷ the province's × 100.",
            },
        ]
    return pd.DataFrame(rows)


def asset_values(
    items: pd.DataFrame, households: pd.DataFrame, tambons: list[str], categories: list[str], years: list[int]
) -> pd.DataFrame:
    """Stored rows (area_code, indicator_code, year, numerator, denominator, value) of every derived
    figure for every tambon of `tambons`, category and year.

    `items`: tambon_code, category_code, survey_year, one row per item. An inventory stands until it is
    surveyed again, so a year counts the items surveyed in it or before. `households`: area_code,
    year, households (surveyed); a tambon-year without households has no per-1,000 value. The share's
    denominator is the province's count, the same on every tambon row of the province (the query
    layer takes it once per area, `share_denominator`)."""
    if not tambons or not categories or not years:
        return pd.DataFrame(
            columns=["area_code", "indicator_code", "year", "numerator", "denominator", "value"]
        )
    grid = pd.MultiIndex.from_product(
        [sorted(tambons), sorted(categories), sorted(years)], names=["area_code", "category_code", "year"]
    ).to_frame(index=False)
    counted = items.groupby(["tambon_code", "category_code", "survey_year"]).size().rename("n").reset_index()
    frames = []
    for year in sorted(years):
        upto = counted[counted["survey_year"] <= year]
        per = upto.groupby(["tambon_code", "category_code"])["n"].sum().reset_index()
        per["year"] = year
        frames.append(per)
    counts = pd.concat(frames).rename(columns={"tambon_code": "area_code", "n": "count"})
    grid = grid.merge(counts, on=["area_code", "category_code", "year"], how="left")
    grid["count"] = grid["count"].fillna(0).astype(float)
    grid["province"] = grid["area_code"].str[:2]
    grid["province_count"] = grid.groupby(["province", "category_code", "year"])["count"].transform("sum")
    grid = grid.merge(households.rename(columns={"households": "hh"}), on=["area_code", "year"], how="left")
    out = []
    for kind in KINDS:
        part = pd.DataFrame(
            {
                "area_code": grid["area_code"],
                "indicator_code": ASSET_PREFIX + grid["category_code"] + "_" + kind,
                "year": grid["year"].astype(int),
                "numerator": grid["count"],
            }
        )
        if kind == "count":
            part["denominator"], part["value"] = np.nan, grid["count"]
        elif kind == "per_1000hh":
            part["denominator"] = grid["hh"]
            part["value"] = np.where(grid["hh"] > 0, 1000 * grid["count"] / grid["hh"], np.nan)
            part = part[grid["hh"].notna().to_numpy()]
        else:
            part["denominator"] = grid["province_count"]
            part["value"] = np.where(
                grid["province_count"] > 0, 100 * grid["count"] / grid["province_count"], np.nan
            )
        out.append(part)
    return pd.concat(out, ignore_index=True)


def share_denominator(codes: pd.Series, denominator: pd.Series, tambons_with_data: pd.Series) -> pd.Series:
    """The denominator of a share-of-province figure for an area summed from its tambons: each tambon
    row carries the province's count, so the area's is their mean (the sum over the tambons counted);
    other indicators keep their sum."""
    share = codes.map(is_share_indicator).astype(bool) & (tambons_with_data > 0)
    mean = denominator / tambons_with_data.where(tambons_with_data > 0)
    return denominator.where(~share, mean)


def location_quotients(counts: pd.DataFrame) -> pd.DataFrame:
    """`counts` (area_code, category_code, count, one province) with `lq`: the category's share of the
    tambon's items over its share of the province's items (1 = as the province; NaN without items)."""
    frame = counts.copy()
    area_total = frame.groupby("area_code")["count"].transform("sum")
    province_share = frame.groupby("category_code")["count"].transform("sum") / frame["count"].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["lq"] = np.where(
            (area_total > 0) & (province_share > 0), frame["count"] / area_total / province_share, np.nan
        )
    return frame


def strengths(counts: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """Per tambon, its categories that stand out against the province: location quotient at least
    `STRENGTH_MIN_LQ` on at least `STRENGTH_MIN_COUNT` items, highest first, at most `top`."""
    frame = location_quotients(counts)
    keep = (frame["lq"] >= STRENGTH_MIN_LQ) & (frame["count"] >= STRENGTH_MIN_COUNT)
    frame = frame[keep].sort_values(["area_code", "lq", "count"], ascending=[True, False, False])
    return frame.groupby("area_code", sort=False).head(top).reset_index(drop=True)


def problems(
    values: pd.DataFrame, reference: pd.DataFrame, polarity: pd.Series, top: int = TOP
) -> pd.DataFrame:
    """Per area, the indicators where it is furthest worse than the `reference` (the province):
    `values` (area_code, indicator_code, value), `reference` (indicator_code, value), `polarity` by
    indicator code. The gap is in the indicator's own unit (percentage points for rates), worse
    positive; only gaps above zero, largest first, at most `top`."""
    frame = values.merge(reference.rename(columns={"value": "reference"}), on="indicator_code")
    sign = frame["indicator_code"].map(polarity).map({"higher_worse": 1.0, "higher_better": -1.0})
    frame["gap"] = sign * (frame["value"] - frame["reference"])
    frame = frame[frame["gap"] > 0].sort_values(["area_code", "gap"], ascending=[True, False])
    return frame.groupby("area_code", sort=False).head(top).reset_index(drop=True)


def public_asset_rows(rows: pd.DataFrame, households: pd.DataFrame | None = None) -> pd.DataFrame:
    """Asset figures as a viewer who is not signed in sees them. Items are not households, so counts
    and shares are exact. A per-1,000-households figure is divided by a household count, so its
    denominator is the published `households` cell of the same area-year (area_code, year, value,
    suppressed: households surveyed after the disclosure rule), never the true count, and it is hidden
    wherever that cell is hidden; its value is computed from that denominator. An area-year without a
    published households row keeps its own denominator rounded as every public count is."""
    result = rows.copy()
    per_household = result["indicator_code"].astype(str).str.endswith(PER_HOUSEHOLDS_SUFFIX)
    den = round_count(pd.to_numeric(result["denominator"], errors="coerce").astype(float))
    hidden = pd.Series(False, index=result.index)
    if households is not None and not households.empty:
        cell = households.drop_duplicates(["area_code", "year"]).set_index(["area_code", "year"])
        keys = pd.MultiIndex.from_arrays([result["area_code"], result["year"].astype(int)])
        published = cell["value"].reindex(keys).to_numpy(float)
        known = cell["suppressed"].reindex(keys).notna().to_numpy()
        hidden = pd.Series(cell["suppressed"].reindex(keys).fillna(False).to_numpy(bool), index=result.index)
        den = den.where(~known, pd.Series(published, index=result.index))
    num = pd.to_numeric(result["numerator"], errors="coerce").astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        recomputed = pd.Series(np.round(np.where(den > 0, 1000 * num / den, np.nan), 2), index=result.index)
    result.loc[per_household, "denominator"] = den[per_household]
    result.loc[per_household, "value"] = recomputed[per_household]
    hidden &= per_household
    result.loc[hidden, ["value", "numerator", "denominator"]] = np.nan
    result["suppressed"] = hidden.to_numpy(bool)
    return result
