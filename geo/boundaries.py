"""The shipped boundary files: read once, codes without the `TH` prefix, names in Thai and English."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

GEO_DIR = Path(__file__).resolve().parent.parent / "sample_data" / "geo"

_FILES = {"province": "th_province.geojson", "amphoe": "th_amphoe.geojson", "tambon": "th_tambon.geojson"}
_KEYS = {"province": "adm1", "amphoe": "adm2", "tambon": "adm3"}
_PARENT = {"province": None, "amphoe": "adm1", "tambon": "adm2"}

ATTRIBUTION = (
    "Boundaries: OCHA HDX COD-AB Thailand (Royal Thai Survey Department, 2019), CC BY-IGO; "
    "simplified by the mapthai R package (MIT)."
)


def strip_prefix(pcode: str) -> str:
    """`TH240101` -> `240101`: the DOPA code used in Thai government data."""
    return pcode[2:] if pcode.upper().startswith("TH") else pcode


@lru_cache(maxsize=3)
def read_features(level: str) -> tuple[dict, ...]:
    """The raw GeoJSON features of one level, read from disk once per process."""
    if level not in _FILES:
        raise ValueError(f"level must be one of {sorted(_FILES)}, not {level!r}")
    with open(GEO_DIR / _FILES[level], encoding="utf-8") as handle:
        return tuple(json.load(handle)["features"])


def area_records(level: str) -> pd.DataFrame:
    """One row per area of `level`: code, level, parent_code, province_code, name_th, name_en."""
    key, parent = _KEYS[level], _PARENT[level]
    rows = []
    for feature in read_features(level):
        props = feature["properties"]
        code = strip_prefix(props[f"{key}_pcode"])
        rows.append(
            {
                "code": code,
                "level": level,
                "parent_code": strip_prefix(props[f"{parent}_pcode"]) if parent else None,
                "province_code": code[:2],
                "name_th": props[f"{key}_th"].strip(),
                "name_en": props[f"{key}_en"].strip(),
            }
        )
    return pd.DataFrame(rows).sort_values("code", ignore_index=True)


def all_area_records() -> pd.DataFrame:
    """Every province, amphoe and tambon, parents before children (safe insert order)."""
    return pd.concat([area_records(level) for level in ("province", "amphoe", "tambon")], ignore_index=True)


def tambon_centroids(province_codes: list[str]) -> pd.DataFrame:
    """Representative point (lon, lat) of each tambon in the given provinces; used by the demo generator."""
    from shapely.geometry import shape

    rows = []
    for feature in read_features("tambon"):
        code = strip_prefix(feature["properties"]["adm3_pcode"])
        if code[:2] in province_codes:
            point = shape(feature["geometry"]).representative_point()
            rows.append({"code": code, "lon": point.x, "lat": point.y})
    return pd.DataFrame(rows).sort_values("code", ignore_index=True)
