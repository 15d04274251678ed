"""Local Moran's I on hand-built lattices: statistics by the formula, classes by quadrant and p-value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.hotspots import HotSpotError, _square_grid, local_moran

CODES = [chr(ord("a") + i) for i in range(25)]


def queen_neighbours(n: int) -> dict[str, list[str]]:
    """Hand-built queen contiguity of an n x n grid (what libpysal must find from the polygons)."""
    out = {}
    for row in range(n):
        for col in range(n):
            out[CODES[row * n + col]] = [
                CODES[r * n + c]
                for r in range(row - 1, row + 2)
                for c in range(col - 1, col + 2)
                if 0 <= r < n and 0 <= c < n and (r, c) != (row, col)
            ]
    return out


def expected_local_i(values: pd.Series, neighbours: dict[str, list[str]]) -> pd.Series:
    """I_i = z_i / m2 * mean of the neighbours' z (row-standardised), m2 = sum(z^2) / (n - 1)."""
    z = values - values.mean()
    m2 = (z**2).sum() / (len(z) - 1)
    return pd.Series({code: z[code] / m2 * z[neighbours[code]].mean() for code in values.index})


def test_local_statistics_equal_the_formula_on_a_5x5_grid():
    values = pd.Series(np.arange(25, dtype=float) % 7, index=CODES)
    spots = local_moran(values, _square_grid(5), permutations=199)
    expected = expected_local_i(values, queen_neighbours(5))
    assert np.allclose(spots.local_i[CODES], expected[CODES])


def test_a_hot_corner_and_a_cold_corner_are_found_and_the_rest_is_not_significant():
    # High block top-left, low block bottom-right, middling noise between.
    grid = np.full((5, 5), 5.0)
    grid[:2, :2] = 20.0
    grid[3:, 3:] = 0.0
    grid[2, 2] = 5.5
    values = pd.Series(grid.ravel(), index=CODES)
    spots = local_moran(values, _square_grid(5), permutations=999, seed=7)
    assert spots.classes["a"] == "HH" and spots.classes["y"] == "LL"
    z = values - values.mean()
    lag = pd.Series({c: z[n].mean() for c, n in queen_neighbours(5).items()})
    for code, name in spots.classes.items():
        if name in ("HH", "LL", "HL", "LH"):
            quadrant = ("H" if z[code] > 0 else "L") + ("H" if lag[code] > 0 else "L")
            assert (name, spots.p_values[code] <= 0.05) == (quadrant, True)
        else:
            assert name == "ns" and spots.p_values[code] > 0.05
    assert spots.global_i > 0 and spots.global_p <= 0.05


def test_the_same_seed_draws_the_same_map_and_the_counts_add_up():
    values = pd.Series(np.random.default_rng(1).normal(size=25), index=CODES)
    first = local_moran(values, _square_grid(5), seed=11)
    again = local_moran(values, _square_grid(5), seed=11)
    assert first.classes.equals(again.classes) and first.p_values.equals(again.p_values)
    assert sum(first.counts().values()) == 25


def test_areas_without_a_value_are_left_out_and_an_area_without_neighbours_is_an_island():
    grid = _square_grid(3)
    grid["features"].append(
        {
            "type": "Feature",
            "properties": {"c": "far"},
            "geometry": {"type": "Polygon", "coordinates": [[[10, 10], [11, 10], [11, 11], [10, 10]]]},
        }
    )
    values = pd.Series([9, 9, 1, 9, np.nan, 1, 1, 1, 1, 4], index=[*CODES[:9], "far"])
    spots = local_moran(values, grid, permutations=99)
    assert "e" not in spots.classes.index
    assert spots.classes["far"] == "island" and np.isnan(spots.local_i["far"])
    assert spots.areas == 8


def test_constant_values_have_no_clusters_and_too_few_areas_are_refused():
    spots = local_moran(pd.Series(3.0, index=CODES[:9]), _square_grid(3), permutations=99)
    assert set(spots.classes) == {"ns"}
    with pytest.raises(HotSpotError):
        local_moran(pd.Series([1.0, 2.0], index=["a", "b"]), _square_grid(3))
