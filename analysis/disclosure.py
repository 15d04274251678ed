"""Small-count suppression for public viewers (PDPA): no number shown to someone who is not signed in
may rest on fewer than `k` households, directly or by differencing.

Primary: a value is suppressed when its numerator counts fewer than `k` units (0 < numerator < k:
households or people, as the indicator stores them), when its complement is that small (a rate of
nearly everyone: 0 < denominator - numerator < k), or when the area itself has fewer than `k` units
behind the value (0 < denominator < k; for means such as income per person). The numerator rules
apply only where the numerator is a count (a percentage or count indicator with a whole numerator;
not an index, score, amount of baht or MPI intensity). A zero is shown: it discloses nothing about a
household.

Secondary: every parent's total is shown elsewhere (the parent's own row, the level above), so within
each parent, indicator and year the suppressed children must not be recoverable as "parent minus the
others": while only one child is suppressed, or the suppressed children add up to fewer than `k`,
the unsuppressed child with the smallest positive numerator is suppressed too.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_MIN_HOUSEHOLDS = 5
COUNT_UNITS = ("percent", "count")
SUPPRESSED_TEXT = "<{k}"


def suppression_mask(
    values: pd.DataFrame, k: int, aggregation: pd.Series | None = None, units: pd.Series | None = None
) -> pd.Series:
    """True where the row of `values` (parent_code, indicator_code, year, numerator, denominator) must
    not be shown. `aggregation` ('ratio' or 'sum', aligned with `values`) marks counts, which have no
    denominator; `units` (catalogue units) tells which numerators can be counts; rows without data
    are never marked (they show as no data).

    >>> rows = pd.DataFrame({"parent_code": "2401", "indicator_code": "x", "year": 2566,
    ...                      "numerator": [2.0, 40.0, 30.0, 0.0], "denominator": [50.0, 60.0, 90.0, 10.0]})
    >>> suppression_mask(rows, 5).tolist()  # 2 is small; 30, the smallest other positive, goes too
    [True, False, True, False]
    """
    if k <= 1 or values.empty:
        return pd.Series(False, index=values.index)
    numerator = pd.to_numeric(values["numerator"], errors="coerce").to_numpy(float)
    denominator = pd.to_numeric(values["denominator"], errors="coerce").to_numpy(float)
    is_ratio = np.ones(len(values), bool) if aggregation is None else (np.asarray(aggregation) != "sum")
    counted = np.ones(len(values), bool) if units is None else np.isin(np.asarray(units), COUNT_UNITS)
    counted &= np.isnan(numerator) | (numerator == np.round(numerator))
    with np.errstate(invalid="ignore"):
        small = counted & (numerator > 0) & (numerator < k)
        rest = denominator - numerator
        small |= counted & is_ratio & (rest > 0) & (rest < k)
        small |= is_ratio & (denominator > 0) & (denominator < k)
    # What differencing would reveal: the count itself, or for a non-count value the units behind it.
    basis = np.where(counted, numerator, denominator)
    return pd.Series(_complementary(values, basis, small.copy(), k), index=values.index)


def complete_suppression(values: pd.DataFrame, hidden: pd.Series, k: int) -> pd.Series:
    """`hidden` widened so that no group of `values` (by parent_code, indicator, year; numerators not
    yet emptied) gives a hidden cell away by differencing: used when areas are shown as members of a
    group other than their parent, e.g. the tambons of an area set beside the set's total."""
    numerator = pd.to_numeric(values["numerator"], errors="coerce").to_numpy(float)
    mask = hidden.to_numpy(bool).copy()
    return pd.Series(_complementary(values, numerator, mask, k), index=values.index)


def _complementary(values: pd.DataFrame, numerator: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    groups = values.groupby(
        [values["parent_code"].fillna("TH"), values["indicator_code"], values["year"]], sort=False
    ).indices
    for rows in groups.values():
        hidden = mask[rows]
        if not hidden.any():
            continue
        counts = np.nan_to_num(numerator[rows])
        order = [i for i in np.argsort(counts, kind="stable") if not hidden[i] and counts[i] > 0]
        while order and (hidden.sum() == 1 or counts[hidden].sum() < k):
            hidden[order.pop(0)] = True
        mask[rows] = hidden
    return mask


def apply_suppression(
    values: pd.DataFrame, k: int, aggregation: pd.Series | None = None, units: pd.Series | None = None
) -> pd.DataFrame:
    """`values` with suppressed rows emptied (value, numerator, denominator = NaN) and a boolean
    `suppressed` column, so every screen and export can say "<k" instead of "no data"."""
    mask = suppression_mask(values, k, aggregation, units)
    result = values.copy()
    result.loc[mask.to_numpy(), ["value", "numerator", "denominator"]] = np.nan
    result["suppressed"] = mask.to_numpy()
    return result


def suppressed_text(k: int) -> str:
    return SUPPRESSED_TEXT.format(k=k)
