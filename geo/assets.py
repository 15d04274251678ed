"""Boundary geometry as static GeoJSON files the browser map fetches once by URL and caches.

`ensure_built()` writes, once per version, into `static/geo/<version>/` (served by Streamlit's static
serving at `app/static/geo/<version>/`):

- `province.json`, `amphoe.json`, `tambon.json`: every area of the level in Thailand;
- `amphoe-<PP>.json`, `tambon-<PP>.json`: the areas of one province (`PP`, 2 digits);
- `index.json`: version, attribution, parameters, and feature count and byte size of every file.

Each feature's properties are exactly `c` (code without `TH`), `th`, `en` (names), `p` (parent code or
null) and `lp` ([lon, lat] label point). `<version>` is a hash of the source boundary files and the
parameters below, so a file's content never changes under its URL and browsers may cache it forever.

Build from the command line: `python -m geo.assets`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import shapely

from analysis.levels import LEVELS, check_level
from geo.boundaries import _FILES, ATTRIBUTION, GEO_DIR, area_records, strip_prefix
from geo.simplify import label_points, simplified_coverage, source_coverage

GEO_URL_ROOT = "app/static/geo"  # relative to the app's base URL (no leading slash so a base path works)
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

# Bump when what is written changes without a change of source or parameters (properties, layout).
FORMAT_VERSION = 1
# 4 decimals of a degree is about 11 m: below a pixel up to zoom 13, far finer than the source.
DECIMALS = 4
# Coverage-simplification tolerances in degrees (0.001 deg is about 110 m), per level and per scope:
# "national" for the whole-country files, "province" for the per-province files viewed zoomed in.
# Measured on the shipped files (4 decimals, compact JSON; `python -m bench bench_geometry`):
#   The source is already simplified with topology kept (mapthai, Visvalingam): tambon have a median
#   of 7 vertices and nearly every vertex is a node shared by three or more areas, which coverage
#   simplification must keep. So tolerances buy little, and the size savings come from rounding and
#   trimmed properties (tambon 4.07 MB -> 2.37 MB raw, 421 KB gzip).
#   province: 0.005 removes 8 % of vertices (7,107 -> 6,552; 143 -> 133 KB), no area changes > 0.05 %;
#     0.01 would move areas by up to 0.5 % to save another 13 KB.
#   amphoe: national 0.001 (22,332 -> 22,090 vertices, 573 -> 568 KB); 0.002 already moves two
#     Bangkok districts' areas by > 1 %, 0.005 by up to 17 %. Per province 0.0005, so the amphoe
#     outline drawn over a province's tambon agrees with them within 0.15 % of area (0.87 % at 0.001).
#   tambon: national 0.005 and per province 0.001 give nearly the same bytes (57,860 -> 57,812 / 57,834
#     vertices); 0.01 distorts small tambon by up to 55 %. Rounding alone changes 15 tiny tambon
#     (< 1 km2, e.g. 740103 Krok Krak, 0.02 km2, 14 %) by > 1 %, invisible below zoom 14.
TOLERANCES: dict[tuple[str, str], float] = {
    ("province", "national"): 0.005,
    ("amphoe", "national"): 0.001,
    ("amphoe", "province"): 0.0005,
    ("tambon", "national"): 0.005,
    ("tambon", "province"): 0.001,
}

_JSON = {"separators": (",", ":"), "ensure_ascii": False}


def asset_version(
    tolerances: Mapping[tuple[str, str], float] | None = None, decimals: int | None = None
) -> str:
    """Short hash of the source boundary files, the parameters and the GEOS version that simplifies."""
    params = {
        "format": FORMAT_VERSION,
        "decimals": DECIMALS if decimals is None else decimals,
        "tolerances": sorted(
            f"{level}/{scope}={tol!r}" for (level, scope), tol in (tolerances or TOLERANCES).items()
        ),
        "geos": shapely.geos_version_string,
    }
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode())
    digest.update(_source_digest())
    return digest.hexdigest()[:12]


@lru_cache
def ensure_built(static_dir: Path = STATIC_DIR) -> str:
    """Write the geometry files of the current version under `static_dir/geo/` unless there; the version.

    Atomic: files go to a temporary folder that is renamed into place, so a reader never sees half a
    version, and when two processes race the second rename fails harmlessly. Once per process.
    """
    version = asset_version()
    root = Path(static_dir) / "geo"
    target = root / version
    if (target / "index.json").is_file():
        return version
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=root))
    try:
        _write_version(staging, version)
        staging.chmod(0o755)  # mkdtemp makes it private; the server may run as another user
        os.rename(staging, target)
    except OSError as error:
        if not (target / "index.json").is_file():  # else another process renamed first: fine
            raise RuntimeError(f"cannot build {target} (if it exists, it is incomplete): {error}") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return version


def geometry_file(level: str, province_code: str | None) -> str:
    """Relative URL of a geometry file, built if missing: "app/static/geo/<v>/tambon-24.json".

    `province_code` None means the whole country; level "province" always gives the national file.
    """
    name = _file_name(level, province_code)  # validates before building
    return f"{GEO_URL_ROOT}/{ensure_built(STATIC_DIR)}/{name}"


def load_geometry(level: str, province_code: str | None) -> dict:
    """The FeatureCollection `geometry_file` serves, as a dict (for folium, PNG export, tests).

    Computed in memory, not read from `static/`; cached per process and shared: do not modify it.
    """
    check_level(level)
    return _collection(level, None if level == "province" else _province_code(province_code))


def main() -> None:
    started = time.perf_counter()
    already = (STATIC_DIR / "geo" / asset_version() / "index.json").is_file()
    version = ensure_built()
    seconds = time.perf_counter() - started
    index = json.loads((STATIC_DIR / "geo" / version / "index.json").read_text(encoding="utf-8"))
    total = sum(entry["bytes"] for entry in index["files"].values())
    print(f"version  {version}{' (already built)' if already else ''}")
    print(f"folder   {STATIC_DIR / 'geo' / version}")
    print(f"files    {len(index['files'])} + index.json, {total / 1e6:.1f} MB")
    print(f"seconds  {seconds:.2f}")


def _file_name(level: str, province_code: str | None) -> str:
    check_level(level)
    if level == "province" or province_code is None:
        return f"{level}.json"
    return f"{level}-{_province_code(province_code)}.json"


def _province_code(province_code: str | None) -> str | None:
    if province_code is None:
        return None
    code = strip_prefix(str(province_code))
    if code not in _province_codes():
        raise ValueError(f"province_code must be a 2-digit province code such as '24'; not {province_code!r}")
    return code


@lru_cache(maxsize=1)
def _province_codes() -> frozenset[str]:
    return frozenset(source_coverage("province")[0])


@lru_cache(maxsize=256)  # 3 national + 154 per-province collections, only those asked for
def _collection(level: str, province_code: str | None) -> dict:
    scope = "national" if province_code is None else "province"
    return _feature_collection(_cached_features(level, scope), province_code)


@lru_cache(maxsize=len(TOLERANCES))
def _cached_features(level: str, scope: str) -> list[dict]:
    return _features(level, scope)


def _feature_collection(features: list[dict], province_code: str | None) -> dict:
    if province_code is not None:
        features = [f for f in features if f["properties"]["c"][:2] == province_code]
    return {"type": "FeatureCollection", "features": features}


def _features(level: str, scope: str) -> list[dict]:
    codes, _ = source_coverage(level)
    geometries = simplified_coverage(level, TOLERANCES[(level, scope)], DECIMALS)
    labels = label_points(level, DECIMALS)
    records = area_records(level)
    if list(records["code"]) != list(codes):
        raise RuntimeError(f"{level}: boundary records and geometries are not in the same order")
    return [
        {
            "type": "Feature",
            "properties": {"c": code, "th": th, "en": en, "p": parent, "lp": [float(x), float(y)]},
            "geometry": json.loads(geometry),
        }
        for code, th, en, parent, (x, y), geometry in zip(
            codes.tolist(),
            records["name_th"],
            records["name_en"],
            records["parent_code"],
            labels,
            shapely.to_geojson(geometries),
        )
    ]


def _write_version(folder: Path, version: str) -> None:
    # Not through load_geometry's cache: a server that only hands out URLs should not hold ~50 MB of
    # feature dicts for the life of the process.
    files = {}
    for level, scope in TOLERANCES:
        features = _features(level, scope)
        for code in [None] if scope == "national" else sorted(_province_codes()):
            collection = _feature_collection(features, code)
            data = json.dumps(collection, **_JSON).encode("utf-8")
            name = _file_name(level, code)
            (folder / name).write_bytes(data)
            files[name] = {"features": len(collection["features"]), "bytes": len(data)}
    index = {
        "version": version,
        "attribution": ATTRIBUTION,
        "decimals": DECIMALS,
        "tolerances": {f"{level}/{scope}": tol for (level, scope), tol in TOLERANCES.items()},
        "files": files,
    }
    (folder / "index.json").write_text(json.dumps(index, indent=1, **_JSON), encoding="utf-8")


@lru_cache(maxsize=1)
def _source_digest() -> bytes:
    digest = hashlib.sha256()
    for level in LEVELS:
        digest.update((GEO_DIR / _FILES[level]).read_bytes())
    return digest.digest()


if __name__ == "__main__":
    main()
