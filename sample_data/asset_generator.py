"""Synthetic Community Big Data records for the demo provinces, every point inside its own tambon.

Each tambon x category gets a Poisson count around the national per-tambon average (U2T national
records / about 3,000 tambons) times a tambon-category factor (log-normal, so some tambons stand
out in some categories, as real strengths do). Points are drawn uniformly inside the tambon's
source polygon by rejection sampling. Deterministic from a fixed seed; labelled synthetic.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.boundaries import read_features, strip_prefix

SEED = 2564
SURVEY_YEAR = 2564  # the U2T records date from 2564 (national count of November 2564)
NATIONAL_TAMBONS = 3000
MIN_SCALE = 0.1
SPREAD = 0.6  # sigma of the log-normal tambon-category factor
SOURCE = "ข้อมูลสาธิต (สังเคราะห์) / synthetic demo data — Tambon Atlas asset generator, seed {seed}"
# People, not places: recorded by village only, never as a point on a public map.
UNLOCATED = ("covid_returnees",)
ATTRIBUTES = {
    "water_sources": ("kind", ["สระน้ำ", "บ่อบาดาล", "ฝาย", "คลอง", "อ่างเก็บน้ำ"]),
    "farmers": ("crop", ["ข้าว", "มันสำปะหลัง", "อ้อย", "ยางพารา", "ผัก"]),
    "tourist_sites": ("kind", ["วัด", "ตลาดชุมชน", "ธรรมชาติ", "ประวัติศาสตร์"]),
    "lodging": ("kind", ["โฮมสเตย์", "รีสอร์ต", "โรงแรม"]),
}


def generate_assets(
    categories: pd.DataFrame, scale: float = 1.0, provinces: tuple[str, ...] = ("24", "33"), seed: int = SEED
) -> pd.DataFrame:
    """One row per item: category_code, name, tambon_code, village_no, lat, lon, attributes,
    survey_year, source, is_synthetic. `categories`: code, name_th, national_records. `scale` as the
    households' but at least `MIN_SCALE`, so a small demo still has strengths to show."""
    rng = np.random.default_rng(seed)
    means = categories.set_index("code")["national_records"].astype(float) / NATIONAL_TAMBONS
    means *= max(min(scale, 1.0), MIN_SCALE)
    names = categories.set_index("code")["name_th"]
    tambons = [
        (strip_prefix(f["properties"]["adm3_pcode"]), f["geometry"])
        for f in read_features("tambon")
        if strip_prefix(f["properties"]["adm3_pcode"])[:2] in provinces
    ]
    parts: dict[str, list[np.ndarray]] = {
        "category_code": [],
        "tambon_code": [],
        "village_no": [],
        "lat": [],
        "lon": [],
    }
    for code, geometry in sorted(tambons, key=lambda t: t[0]):
        factor = rng.lognormal(-(SPREAD**2) / 2, SPREAD, len(means))
        counts = rng.poisson(means.to_numpy() * factor)
        total = int(counts.sum())
        if total == 0:
            continue
        lon, lat = points_inside(shape(geometry), total, rng)
        parts["category_code"].append(np.repeat(means.index.to_numpy(), counts))
        parts["tambon_code"].append(np.full(total, code))
        parts["village_no"].append(rng.integers(1, rng.integers(5, 16) + 1, total))
        parts["lat"].append(lat)
        parts["lon"].append(lon)
    items = pd.DataFrame({name: np.concatenate(arrays) for name, arrays in parts.items()})
    number = items.groupby(["tambon_code", "category_code"]).cumcount() + 1
    items["name"] = (
        items["category_code"].map(names)
        + " "
        + number.astype(str)
        + " หมู่ "
        + items["village_no"].astype(str)
    )
    items["attributes"] = _attributes(items["category_code"], rng)
    items["lat"], items["lon"] = items["lat"].round(6), items["lon"].round(6)
    people = items["category_code"].isin(UNLOCATED)
    items.loc[people, ["lat", "lon"]] = np.nan
    items["survey_year"] = SURVEY_YEAR
    items["source"] = SOURCE.format(seed=seed)
    items["is_synthetic"] = True
    return items


def points_inside(polygon, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n` uniform points inside `polygon` (lon, lat arrays): drawn in its bounding box in batches,
    those outside thrown away."""
    minx, miny, maxx, maxy = polygon.bounds
    shapely.prepare(polygon)
    xs, ys, have = [], [], 0
    while have < n:
        batch = max(64, int((n - have) * 2.5))
        x, y = rng.uniform(minx, maxx, batch), rng.uniform(miny, maxy, batch)
        inside = shapely.contains_xy(polygon, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        have += int(inside.sum())
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def _attributes(category: pd.Series, rng: np.random.Generator) -> pd.Series:
    """A small JSON object of category-specific facts where the demo has some, else None."""
    result = pd.Series(None, index=category.index, dtype=object)
    for code, (key, options) in ATTRIBUTES.items():
        rows = category.index[category == code]
        texts = np.array([json.dumps({key: option}, ensure_ascii=False) for option in options], dtype=object)
        result[rows] = texts[rng.integers(len(options), size=len(rows))]
    return result
