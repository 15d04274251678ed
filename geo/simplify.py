"""Coverage simplification of the shipped boundaries: shared borders stay shared, once per process.

A level (all provinces, all amphoe or all tambon of Thailand) is a polygon coverage: neighbours share
their border vertex for vertex. Simplifying polygons one by one moves each copy of a shared border
differently and opens gaps and slivers; `shapely.coverage_simplify` simplifies each shared edge once, so
neighbours keep matching. Rounding afterwards is done per vertex, so a shared vertex rounds identically
in both neighbours and borders still match.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from shapely.geometry import shape

from analysis.levels import check_level
from geo.boundaries import _KEYS, read_features, strip_prefix


@lru_cache(maxsize=3)
def source_coverage(level: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes (without `TH`) and shapely geometries of one level, sorted by code, read once per process."""
    check_level(level)
    features = read_features(level)
    codes = np.array([strip_prefix(f["properties"][f"{_KEYS[level]}_pcode"]) for f in features])
    geometries = np.array([shape(f["geometry"]) for f in features])
    order = np.argsort(codes, kind="stable")
    return codes[order], geometries[order]


@lru_cache(maxsize=8)
def simplified_coverage(level: str, tolerance: float, decimals: int) -> np.ndarray:
    """The level's geometries (in `source_coverage` order) simplified as one coverage, then rounded.

    `tolerance` is in degrees (0.001 deg is about 110 m in Thailand): roughly the square root of the
    largest triangle area Visvalingam-Whyatt may remove. Single-part multipolygons become polygons
    (shorter JSON). Computed once per (level, tolerance, decimals) per process.
    """
    if not hasattr(shapely, "coverage_simplify"):
        raise RuntimeError(
            "geo.simplify needs shapely >= 2.1 (coverage_simplify): pip install 'shapely>=2.1'"
        )
    _, geometries = source_coverage(level)
    simplified = shapely.coverage_simplify(geometries, tolerance) if tolerance > 0 else geometries
    rounded = round_coordinates(simplified, decimals)
    single = shapely.get_num_geometries(rounded) == 1
    rounded[single] = shapely.get_geometry(rounded[single], 0)
    return rounded


def round_coordinates(geometries: np.ndarray, decimals: int) -> np.ndarray:
    """Every vertex rounded to `decimals`; vertices that rounding made equal to the previous one dropped.

    Both neighbours hold the same vertices along a shared border, so both drop the same ones.
    """
    rounded = shapely.transform(geometries, lambda xy: np.round(xy, decimals))
    return shapely.remove_repeated_points(rounded, tolerance=0.0)


@lru_cache(maxsize=3)
def label_points(level: str, decimals: int) -> np.ndarray:
    """(n, 2) lon/lat label positions in `source_coverage` order: centres of the largest inscribed circle.

    Unlike the centroid it is always inside the area, and unlike `point_on_surface` it sits where the
    area is widest, which is where a label fits. Computed on the source geometry, once per level: the
    simplification moves borders by far less than the circle's radius. Searching to 1 % of each
    area's extent instead of GEOS's default 0.1 % halves the time and moves the centres negligibly.
    """
    _, geometries = source_coverage(level)
    xmin, ymin, xmax, ymax = shapely.bounds(geometries).T
    circles = shapely.maximum_inscribed_circle(geometries, np.maximum(xmax - xmin, ymax - ymin) / 100)
    return np.round(shapely.get_coordinates(shapely.get_point(circles, 0)), decimals)


def vertex_count(geometries: np.ndarray) -> int:
    return int(shapely.get_num_coordinates(geometries).sum())
