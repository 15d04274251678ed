"""Alkire-Foster multidimensional poverty (adjusted headcount ratio M0).

Method (OPHI, Alkire & Foster 2011): each unit i has deprivations g_ij in {0, 1}; weights w_j sum to 1;
the deprivation score is c_i = sum_j w_j g_ij and the unit is poor when c_i >= k.

    H  = q / n                      incidence (share of units that are poor)
    A  = sum_{poor} c_i / q         intensity (mean score among the poor)
    M0 = H * A = sum_j w_j h_j      adjusted headcount; h_j is the censored headcount of indicator j

Missing values: a unit with any missing indicator is left out of every figure (complete-case rule)
and reported in `excluded`; its score and poor flag are NaN / False. Scores are compared with k after
rounding to 10 decimal places, so a unit exactly at the cutoff is poor despite float error.
Sample weights (e.g. household size) make person-weighted figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd


class MPIInputError(ValueError):
    """Weights, cutoff or deprivation data that the method cannot use."""


@dataclass(frozen=True)
class MPIResult:
    H: float
    A: float
    M0: float
    n: float
    q: float
    weights: pd.Series
    censored_headcount: pd.Series
    uncensored_headcount: pd.Series
    contribution: pd.Series
    score: pd.Series
    poor: pd.Series
    excluded: int


def normalise_weights(weights: Mapping[str, float], columns) -> pd.Series:
    """Weights as a Series over `columns`, scaled to sum to 1; rejects missing, extra or negative ones."""
    columns = list(columns)
    missing = [c for c in columns if c not in weights]
    extra = [c for c in weights if c not in columns]
    if missing or extra:
        raise MPIInputError(
            f"weights must name every indicator column exactly once; missing {missing}, unknown {extra}"
        )
    series = pd.Series({c: float(weights[c]) for c in columns}, dtype=float)
    if series.isna().any() or (series < 0).any():
        raise MPIInputError("weights must be non-negative numbers")
    total = series.sum()
    if not total > 0:
        raise MPIInputError("weights must not all be zero")
    return series / total


def alkire_foster(
    deprivations: pd.DataFrame,
    weights: Mapping[str, float],
    k: float,
    sample_weights: pd.Series | None = None,
) -> MPIResult:
    """H, A, M0, headcounts and contributions for `deprivations` (units x indicators, 0/1/bool/NaN).

    >>> g = pd.DataFrame({"water": [1, 1, 0, 0], "school": [1, 0, 0, 1]})
    >>> r = alkire_foster(g, {"water": 0.5, "school": 0.5}, k=0.5)
    >>> (r.H, r.A, r.M0)
    (0.75, 0.6666666666666666, 0.5)
    """
    if not isinstance(k, (int, float)) or not 0 < float(k) <= 1:
        raise MPIInputError(f"k is a share of total weight and must be in (0, 1], not {k!r}")
    w = normalise_weights(weights, deprivations.columns)
    values = deprivations.astype(float)
    if not values.isin([0.0, 1.0]).where(values.notna(), True).all().all():
        raise MPIInputError("deprivations must be 0 or 1 (or True/False); missing values as NaN")

    complete = values.notna().all(axis=1).to_numpy()
    sw = _sample_weights(sample_weights, values.index)
    g = values.to_numpy()
    score = np.where(complete, np.nan_to_num(g) @ w.to_numpy(), np.nan)
    poor = complete & (np.round(np.nan_to_num(score), 10) >= round(float(k), 10))

    n = float(sw[complete].sum())
    q = float(sw[poor].sum())
    g_complete = np.nan_to_num(g) * complete[:, None]
    if n > 0:
        uncensored = (g_complete * sw[:, None]).sum(axis=0) / n
        censored = (g_complete * (sw * poor)[:, None]).sum(axis=0) / n
    else:
        uncensored = censored = np.zeros(len(w))
    H = q / n if n > 0 else 0.0
    A = float((score[poor] * sw[poor]).sum() / q) if q > 0 else 0.0
    M0 = H * A
    contribution = w.to_numpy() * censored / M0 if M0 > 0 else np.zeros(len(w))
    return MPIResult(
        H=H,
        A=A,
        M0=M0,
        n=n,
        q=q,
        weights=w,
        censored_headcount=pd.Series(censored, index=w.index),
        uncensored_headcount=pd.Series(uncensored, index=w.index),
        contribution=pd.Series(contribution, index=w.index),
        score=pd.Series(score, index=values.index),
        poor=pd.Series(poor, index=values.index),
        excluded=int((~complete).sum()),
    )


def nested_weights(indicator_dimensions: Mapping[str, str]) -> dict[str, float]:
    """Equal weight per dimension, split equally among that dimension's indicators (the default)."""
    by_dimension: dict[str, list[str]] = {}
    for code, dim in indicator_dimensions.items():
        by_dimension.setdefault(dim, []).append(code)
    share = 1.0 / len(by_dimension)
    return {code: share / len(codes) for codes in by_dimension.values() for code in codes}


def _sample_weights(sample_weights: pd.Series | None, index: pd.Index) -> np.ndarray:
    if sample_weights is None:
        return np.ones(len(index))
    sw = pd.Series(sample_weights).reindex(index).astype(float).to_numpy()
    if np.isnan(sw).any() or (sw < 0).any():
        raise MPIInputError("sample weights must be non-negative numbers for every unit")
    return sw
