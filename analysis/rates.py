"""The one rule that turns numerators and denominators into the value a screen shows.

Every level above the tambon is computed by summing numerators and denominators of the tambons and
then applying this rule, never by averaging rates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def values_from_parts(
    numerator: pd.Series, denominator: pd.Series, aggregation: pd.Series | str, scale: pd.Series | float
) -> pd.Series:
    """`scale * numerator / denominator` for ratio indicators, `numerator` for counts (aggregation 'sum').

    A ratio with a missing or zero denominator has no value (NaN), never zero.
    """
    numerator = pd.to_numeric(numerator, errors="coerce").astype(float)
    denominator = pd.to_numeric(denominator, errors="coerce").astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(denominator > 0, numerator / denominator, np.nan) * np.asarray(scale, dtype=float)
    is_sum = np.asarray(aggregation) == "sum"
    return pd.Series(np.where(is_sum, numerator, ratio), index=numerator.index, dtype=float)
