"""What coordinates in a survey file say about themselves: degrees or metres, inside Thailand, swapped.

Thai survey files come in WGS 84 degrees, in UTM metres (zone 47N west of 102°E, 48N east of it) or on
the old Indian 1975 datum; some have latitude and longitude in each other's columns (a real highland
village file does). Pure: arrays in, masks out; the transformation itself is in `geo.points`.
"""

from __future__ import annotations

import numpy as np

# Thailand with a small margin (its extreme points are about 5.6-20.5°N, 97.3-105.7°E).
LAT_RANGE = (5.4, 20.7)
LON_RANGE = (97.2, 105.9)
WGS84 = 4326
# The reference systems a user may choose for a file that does not say its own.
CHOICES = {
    4326: ("WGS 84 (องศา ละติจูด/ลองจิจูด)", "WGS 84 (degrees latitude/longitude)"),
    32647: ("WGS 84 / UTM โซน 47N (เมตร)", "WGS 84 / UTM zone 47N (metres)"),
    32648: ("WGS 84 / UTM โซน 48N (เมตร)", "WGS 84 / UTM zone 48N (metres)"),
    4240: ("Indian 1975 (องศา)", "Indian 1975 (degrees)"),
    24047: ("Indian 1975 / UTM โซน 47N (เมตร)", "Indian 1975 / UTM zone 47N (metres)"),
    24048: ("Indian 1975 / UTM โซน 48N (เมตร)", "Indian 1975 / UTM zone 48N (metres)"),
}
PROJECTED = {32647, 32648, 24047, 24048}


def in_thailand(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """True where a WGS 84 point lies in Thailand's bounding box."""
    lat, lon = np.asarray(lat, float), np.asarray(lon, float)
    with np.errstate(invalid="ignore"):
        return (lat >= LAT_RANGE[0]) & (lat <= LAT_RANGE[1]) & (lon >= LON_RANGE[0]) & (lon <= LON_RANGE[1])


def swapped(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """True where the point is outside Thailand as written but inside with the two columns exchanged."""
    return ~in_thailand(lat, lon) & in_thailand(lon, lat)


def looks_projected(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """True where the numbers are too large for degrees (metres of a projected system such as UTM)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    with np.errstate(invalid="ignore"):
        return (np.abs(x) > 360) | (np.abs(y) > 360)


def utm_zone_for(lon: float) -> int:
    """The WGS 84 UTM EPSG code covering a longitude in Thailand (47N below 102°E, else 48N)."""
    return 32647 if lon < 102 else 32648
