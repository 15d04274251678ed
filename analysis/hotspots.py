"""Spatial clusters for researchers: local Moran's I (LISA) with queen contiguity, and global Moran's I.

Which tambons are high among high neighbours (a hot spot), low among low (a cold spot), or an outlier
(high among low, low among high)? Local Moran's I answers with a permutation test: each area's value
is compared with its neighbours' weighted mean, and the pseudo p-value is (m + 1) / (permutations + 1),
where m counts the random re-shuffles of the other values that give a statistic at least as extreme in
the observed direction (conditional permutation, PySAL's `esda`, one-sided "directed" test). Areas
whose p-value is above the significance level are "not significant", never a weak hot spot.

Neighbours are areas sharing a border or a corner (queen contiguity) among the areas shown that have a
value; weights are row-standardised. An area with no neighbour among them is an "island" and gets no
class. The random seed is fixed, so the same link always draws the same map.

Limits (also on the methodology page): with many areas some are significant by chance (at 5 %, about
one in twenty when there is no pattern at all; no correction for multiple tests is applied); classes
depend on which areas are shown (a province's edge tambons lose their neighbours across the border);
a rate resting on few people is noisy and can look like an outlier.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

CLASSES = ("HH", "LL", "HL", "LH", "ns", "island")
DEFAULT_PERMUTATIONS = 999
DEFAULT_SEED = 2565
DEFAULT_ALPHA = 0.05
_QUADRANT = {1: "HH", 2: "LH", 3: "LL", 4: "HL"}  # esda's quadrant numbers


@dataclass(frozen=True)
class HotSpots:
    """Per area (index = area code): class (one of CLASSES), local I, pseudo p-value; and the global
    Moran's I of the same lattice with its permutation p-value."""

    classes: pd.Series
    local_i: pd.Series
    p_values: pd.Series
    global_i: float
    global_p: float
    areas: int
    permutations: int
    seed: int
    alpha: float

    def counts(self) -> dict[str, int]:
        return {name: int((self.classes == name).sum()) for name in CLASSES}

    def frame(self) -> pd.DataFrame:
        """One row per area: area_code, hot_spot (class), local_i, p_value; for tables and exports."""
        return pd.DataFrame(
            {
                "area_code": self.classes.index.astype(str),
                "hot_spot": self.classes.to_numpy(),
                "local_i": self.local_i.reindex(self.classes.index).to_numpy(),
                "p_value": self.p_values.reindex(self.classes.index).to_numpy(),
            }
        )


class HotSpotError(ValueError):
    """Too few areas with values and neighbours to test for clusters."""


def local_moran(
    values: pd.Series,
    geometry: dict,
    permutations: int = DEFAULT_PERMUTATIONS,
    seed: int = DEFAULT_SEED,
    alpha: float = DEFAULT_ALPHA,
) -> HotSpots:
    """LISA classes of `values` (index = area code) over `geometry` (a GeoJSON FeatureCollection whose
    features carry the code in properties "c", as the map's boundary files do).

    >>> grid = _square_grid(3)
    >>> spots = local_moran(pd.Series([9, 9, 1, 9, 9, 1, 1, 1, 1], index=list("abcdefghi")), grid, 99)
    >>> spots.classes["a"], round(float(spots.local_i["e"]), 4)  # the centre: high among mostly low
    ('HH', -0.1389)
    """
    from esda.moran import Moran, Moran_Local
    from libpysal.weights import Queen

    values = pd.to_numeric(values, errors="coerce").dropna()
    frame = _polygons(geometry, values.index)
    if len(frame) < 3:
        raise HotSpotError("need at least three areas with a value")
    weights = Queen.from_dataframe(frame, use_index=True, silence_warnings=True)
    islands = set(weights.islands)
    linked = [code for code in frame.index if code not in islands]
    if len(linked) < 3:
        raise HotSpotError("need at least three areas with a value that share a border")
    if islands:
        weights = Queen.from_dataframe(frame.loc[linked], use_index=True, silence_warnings=True)
    weights.transform = "r"
    y = values.loc[linked].astype(float).to_numpy()
    if np.ptp(y) == 0:  # nothing varies: no cluster can be told apart, and the statistics are undefined
        return _flat(frame.index, linked, permutations, seed, alpha)
    with warnings.catch_warnings():  # esda 2.9 announces a change of its default test; we state ours
        warnings.simplefilter("ignore", DeprecationWarning)
        local = Moran_Local(y, weights, permutations=permutations, seed=seed)
    np.random.seed(seed)  # esda's global test draws from numpy's global generator
    overall = Moran(y, weights, permutations=permutations)
    significant = local.p_sim <= alpha
    classes = pd.Series("island", index=frame.index, dtype=object)
    classes.loc[linked] = [
        _QUADRANT[int(q)] if hit else "ns" for q, hit in zip(local.q, significant, strict=True)
    ]
    return HotSpots(
        classes=classes,
        local_i=pd.Series(local.Is, index=linked, dtype=float).reindex(frame.index),
        p_values=pd.Series(local.p_sim, index=linked, dtype=float).reindex(frame.index),
        global_i=float(overall.I),
        global_p=float(overall.p_sim),
        areas=len(linked),
        permutations=permutations,
        seed=seed,
        alpha=alpha,
    )


def _flat(index: pd.Index, linked: list[str], permutations: int, seed: int, alpha: float) -> HotSpots:
    classes = pd.Series("island", index=index, dtype=object)
    classes.loc[linked] = "ns"
    empty = pd.Series(np.nan, index=index, dtype=float)
    return HotSpots(classes, empty, empty, float("nan"), float("nan"), len(linked), permutations, seed, alpha)


def _polygons(geometry: dict, codes: pd.Index):
    """A GeoDataFrame of the features whose code has a value, indexed by code, in the values' order."""
    import geopandas as gpd
    from shapely.geometry import shape

    wanted = set(map(str, codes))
    shapes = {
        feature["properties"]["c"]: shape(feature["geometry"])
        for feature in geometry["features"]
        if feature["properties"]["c"] in wanted
    }
    order = [str(code) for code in codes if str(code) in shapes]
    return gpd.GeoDataFrame(geometry=[shapes[code] for code in order], index=pd.Index(order, name="code"))


def _square_grid(n: int) -> dict:
    """An n x n lattice of unit squares coded a, b, c ... row by row (for examples and tests)."""
    features = []
    for row in range(n):
        for col in range(n):
            ring = [[col, -row], [col + 1, -row], [col + 1, -row - 1], [col, -row - 1], [col, -row]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"c": chr(ord("a") + row * n + col)},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            )
    return {"type": "FeatureCollection", "features": features}
