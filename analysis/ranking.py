"""Ranks of areas within their parent area, oriented so that 1 is the area most in need."""

from __future__ import annotations

import pandas as pd


def rank_within_parent(values: pd.DataFrame, polarity: str) -> pd.DataFrame:
    """`values` has area_code, parent_code, value; returns it with `rank` (1 = worst, NaN without a value)
    and `rank_of` (areas with a value under the same parent).

    Worst means the highest value when higher is worse, the lowest when higher is better; ties share
    the better (smaller) rank.
    """
    if polarity not in ("higher_worse", "higher_better"):
        raise ValueError(f"polarity must be higher_worse or higher_better, not {polarity!r}")
    result = values.copy()
    parent = result["parent_code"].fillna("")
    result["rank"] = result.groupby(parent)["value"].rank(
        method="min", ascending=polarity == "higher_better", na_option="keep"
    )
    result["rank_of"] = result.groupby(parent)["value"].transform("count")
    return result
