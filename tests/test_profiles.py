"""Poverty figures from deprivation profiles equal the household-level Alkire-Foster computation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.mpi import alkire_foster
from analysis.profiles import alkire_foster_profiles, deprivation_profiles


def test_the_example_of_alkire_and_foster_2011():
    """Four people, four dimensions, cutoffs z = (13, 12, 3, 1) on y (their paper's example): g0 below,
    scores (0, 2, 4, 1); with k = 2 of 4, H = 1/2, A = 3/4, M0 = 6/16."""
    g0 = pd.DataFrame(
        {"income": [0, 0, 1, 0], "schooling": [0, 1, 1, 1], "calories": [0, 0, 1, 0], "health": [0, 1, 1, 0]}
    )
    equal = dict.fromkeys(g0.columns, 0.25)
    row = alkire_foster_profiles(deprivation_profiles(g0), equal, k=0.5).iloc[0]
    assert (row["H"], row["A"], row["M0"]) == (0.5, 0.75, 0.375)
    assert row["censored_schooling"] == 0.5 and row["censored_income"] == 0.25
    assert sum(row[f"contribution_{c}"] for c in g0.columns) == pytest.approx(1.0)


def random_case(rng, households=400, indicators=6, areas=5):
    g = pd.DataFrame(
        rng.random((households, indicators)) < rng.uniform(0.05, 0.6, indicators),
        columns=[f"i{j}" for j in range(indicators)],
    ).astype(float)
    g = g.mask(rng.random(g.shape) < 0.02)  # a few answers missing
    area = pd.Series(rng.integers(0, areas, households), name="area")
    members = pd.Series(rng.integers(1, 7, households), dtype=float)
    weights = dict(zip(g.columns, rng.uniform(0, 1, indicators)))
    return g, area, members, weights, float(rng.choice([0.1, 0.2, 1 / 3, 0.5, 0.75]))


@pytest.mark.parametrize("seed", range(25))
def test_profiles_equal_households_for_random_weights_cutoffs_and_areas(seed):
    rng = np.random.default_rng(seed)
    g, area, members, weights, k = random_case(rng)
    profiles = deprivation_profiles(g, keys=area.to_frame(), sample_weights=members)
    assert len(profiles) < len(g) and profiles["households"].sum() == len(g)
    for weighted in (False, True):
        by_area = alkire_foster_profiles(profiles, weights, k, by=["area"], weighted=weighted).set_index(
            "area"
        )
        for code, rows in g.groupby(area):
            expected = alkire_foster(rows, weights, k, members[rows.index] if weighted else None)
            got = by_area.loc[code]
            assert got[["H", "A", "M0", "n", "q"]].tolist() == pytest.approx(
                [expected.H, expected.A, expected.M0, expected.n, expected.q], abs=1e-12
            )
            assert got["excluded"] == expected.excluded
            for column in g.columns:
                assert got[f"censored_{column}"] == pytest.approx(
                    expected.censored_headcount[column], abs=1e-12
                )
                assert got[f"contribution_{column}"] == pytest.approx(
                    expected.contribution[column], abs=1e-12
                )


def test_a_unit_exactly_at_the_cutoff_is_poor_as_in_the_household_computation():
    g = pd.DataFrame({"a": [1, 0, 1], "b": [0, 1, 1], "c": [0, 0, 0]}, dtype=float)
    weights = {"a": 0.1, "b": 0.2, "c": 0.7}
    expected = alkire_foster(g, weights, k=0.3)
    got = alkire_foster_profiles(deprivation_profiles(g), weights, k=0.3).iloc[0]
    assert (got["q"], got["H"]) == (expected.q, expected.H) == (1.0, 1 / 3)
