"""Points to WGS 84 and into their tambon: a spatial join against the shipped source boundaries.

The join uses the source polygons of `sample_data/geo` (the ones the boundary files are built from),
not the simplified web copies, so a point near a boundary lands where the survey put it.
"""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import Transformer

from analysis.coordinates import WGS84
from geo.boundaries import GEO_DIR, strip_prefix


def to_wgs84(x: np.ndarray, y: np.ndarray, epsg: int) -> tuple[np.ndarray, np.ndarray]:
    """(lat, lon) of points given as x (easting or longitude) and y (northing or latitude) in `epsg`."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    if int(epsg) == WGS84:
        return y, x
    transformer = Transformer.from_crs(int(epsg), WGS84, always_xy=True)
    lon, lat = transformer.transform(x, y)
    return np.asarray(lat, float), np.asarray(lon, float)


@lru_cache(maxsize=1)
def tambon_polygons() -> gpd.GeoDataFrame:
    """The source tambon polygons (code, geometry) with their spatial index built, once per process."""
    frame = gpd.read_file(GEO_DIR / "th_tambon.geojson", columns=["adm3_pcode"], engine="pyogrio")
    frame = frame.assign(tambon_code=frame["adm3_pcode"].map(strip_prefix))[["tambon_code", "geometry"]]
    frame = frame.set_crs(WGS84, allow_override=True)
    _ = frame.sindex
    return frame


def tambon_of_points(lat: np.ndarray, lon: np.ndarray) -> pd.Series:
    """The tambon code each WGS 84 point falls in (NA outside every tambon), positionally."""
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    result = pd.Series(pd.NA, index=range(len(lat)), dtype=object)
    ok = ~(np.isnan(lat) | np.isnan(lon))
    if not ok.any():
        return result
    points = gpd.GeoDataFrame(
        {"position": np.flatnonzero(ok)}, geometry=gpd.points_from_xy(lon[ok], lat[ok]), crs=WGS84
    )
    joined = gpd.sjoin(points, tambon_polygons(), how="left", predicate="within")
    joined = joined.drop_duplicates("position")  # a point on a shared edge: the first polygon
    result.iloc[joined["position"].to_numpy()] = joined["tambon_code"].to_numpy()
    return result.where(result.notna(), pd.NA)
