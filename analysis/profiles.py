"""Households grouped by deprivation profile: Alkire-Foster figures for any weights and cutoff from
counts, not from household rows.

Two households of one area that fail the same indicators (and miss the same answers) have the same
deprivation score under any weights, so they are poor or not together. Keeping, per area (and any
other key), one row per distinct profile with the number of households (and the sum of their sample
weights, e.g. members) loses nothing the method needs: a new weighting or cutoff is a sum over
profiles. An area of 12,000 households has a few hundred distinct profiles, so a province's poverty
figures stop growing with its households (issue #18 keeps these rows in the database).

`alkire_foster_profiles` equals `analysis.mpi.alkire_foster` on the households the profiles came from
(tests prove it on random data and on the example of Alkire & Foster's paper), including the
complete-case rule: a profile with a missing answer is excluded and counted in `excluded`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.mpi import MPIInputError, normalise_weights

MISSING = -1  # a missing answer, in the stored profile (NaN cannot be a group key everywhere)
COUNT, WEIGHT = "households", "weight"


def deprivation_profiles(
    deprivations: pd.DataFrame,
    keys: pd.DataFrame | None = None,
    sample_weights: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per distinct (keys, profile): the key columns, one column per indicator (1 deprived,
    0 not, MISSING not answered), `households` and `weight` (sum of `sample_weights`, else households).

    >>> g = pd.DataFrame({"water": [1, 1, 0, np.nan], "school": [1, 1, 0, 1]})
    >>> deprivation_profiles(g).to_dict("records")[0]
    {'water': -1, 'school': 1, 'households': 1, 'weight': 1.0}
    """
    values = deprivations.astype(float)
    if not values.isin([0.0, 1.0]).where(values.notna(), True).all().all():
        raise MPIInputError("deprivations must be 0 or 1 (or True/False); missing values as NaN")
    frame = values.fillna(MISSING).astype("int8")
    key_columns = [] if keys is None else list(keys.columns)
    if key_columns:
        frame = pd.concat([keys.reset_index(drop=True), frame.reset_index(drop=True)], axis=1)
    else:
        frame = frame.reset_index(drop=True)
    weights = np.ones(len(frame)) if sample_weights is None else np.asarray(sample_weights, dtype=float)
    if np.isnan(weights).any() or (weights < 0).any():
        raise MPIInputError("sample weights must be non-negative numbers for every unit")
    frame[COUNT] = 1
    frame[WEIGHT] = weights
    by = [*key_columns, *deprivations.columns]
    grouped = frame.groupby(by, sort=True, dropna=False, observed=True)[[COUNT, WEIGHT]].sum()
    return grouped.reset_index()


def alkire_foster_profiles(
    profiles: pd.DataFrame,
    weights: Mapping[str, float],
    k: float,
    by: Sequence[str] = (),
    weighted: bool = False,
) -> pd.DataFrame:
    """H, A, M0, n, q, excluded and each indicator's censored headcount and contribution, one row per
    group of `by` (one row for all when empty). `weighted` uses the sample weights (person-weighted
    figures), else households count one each.

    >>> g = pd.DataFrame({"water": [1, 1, 0, 0], "school": [1, 0, 0, 1]})
    >>> r = alkire_foster_profiles(deprivation_profiles(g), {"water": 0.5, "school": 0.5}, k=0.5)
    >>> r.loc[0, ["H", "A", "M0"]].tolist()
    [0.75, 0.6666666666666666, 0.5]
    """
    if not isinstance(k, (int, float)) or not 0 < float(k) <= 1:
        raise MPIInputError(f"k is a share of total weight and must be in (0, 1], not {k!r}")
    by = list(by)
    indicators = [c for c in profiles.columns if c not in (*by, COUNT, WEIGHT)]
    w = normalise_weights(weights, indicators)
    g = profiles[indicators].to_numpy(dtype=float)
    complete = (g != MISSING).all(axis=1)
    g = np.where(g == MISSING, 0.0, g)
    score = g @ w.to_numpy()
    poor = complete & (np.round(score, 10) >= round(float(k), 10))
    size = profiles[WEIGHT if weighted else COUNT].to_numpy(dtype=float)
    parts = pd.DataFrame(
        {
            "n": size * complete,
            "q": size * poor,
            "score_sum": size * poor * score,
            "excluded": profiles[COUNT].to_numpy() * ~complete,
        }
    )
    censored = pd.DataFrame(g * (size * poor)[:, None], columns=indicators)
    table = pd.concat([parts, censored], axis=1)
    if by:
        table.index = pd.MultiIndex.from_frame(profiles[by]) if len(by) > 1 else pd.Index(profiles[by[0]])
        sums = table.groupby(level=list(range(len(by))), sort=True).sum()
    else:
        sums = table.sum().to_frame().T
    n, q = sums["n"].to_numpy(), sums["q"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        H = np.where(n > 0, q / n, 0.0)
        A = np.where(q > 0, sums["score_sum"].to_numpy() / q, 0.0)
        headcount = np.where(n[:, None] > 0, sums[indicators].to_numpy() / n[:, None], 0.0)
    M0 = H * A
    with np.errstate(invalid="ignore", divide="ignore"):
        contribution = np.where(M0[:, None] > 0, w.to_numpy() * headcount / M0[:, None], 0.0)
    result = pd.DataFrame({"H": H, "A": A, "M0": M0, "n": n, "q": q}, index=sums.index)
    result["excluded"] = sums["excluded"].astype(int).to_numpy()
    for i, code in enumerate(indicators):
        result[f"censored_{code}"] = headcount[:, i]
        result[f"contribution_{code}"] = contribution[:, i]
    return result.reset_index(drop=not by)


def profile_frames(rows: pd.DataFrame, codes: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stored profile rows (deprived and not-assessed codes as space-separated text, as
    `household_profile` keeps them) -> the (households, deprivations) pair `analysis.poverty` takes:
    the rows' other columns, and one 0/1/NaN column per indicator of `codes`, row for row. A code the
    text does not name is assessed and not failed, as a household with no stored row for it."""
    codes = list(codes)
    position = {code: j for j, code in enumerate(codes)}
    parts = []
    for column in ("deprived", "not_assessed"):
        # Hashing, not sorting: a country's rows repeat a few thousand long texts.
        inverse, texts = pd.factorize(rows[column].to_numpy(dtype=object))
        named = np.zeros((len(texts), len(codes)), dtype=bool)  # one row per distinct text
        for i, text in enumerate(texts):
            named[i, [position[c] for c in str(text).split() if c in position]] = True
        parts.append(named[inverse])
    matrix = np.where(parts[1], np.nan, parts[0].astype(float))
    frame = rows.drop(columns=["deprived", "not_assessed"]).reset_index(drop=True)
    return frame, pd.DataFrame(matrix, columns=codes, index=frame.index)
