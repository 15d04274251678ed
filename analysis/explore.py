"""Statistics of the indicator explorer: correlation with a fitted line, a correlation matrix, and
the two-year comparison behind slope charts. Areas without both values are left out and counted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_PAIRS = 3


@dataclass(frozen=True)
class Fit:
    """Pearson r, Spearman rho and the least-squares line y = slope * x + intercept over `n` areas."""

    n: int
    r: float
    rho: float
    slope: float
    intercept: float
    left_out: int  # areas without both values

    def line(self, x_min: float, x_max: float) -> tuple[list[float], list[float]]:
        return [x_min, x_max], [self.slope * x_min + self.intercept, self.slope * x_max + self.intercept]


def fit_pair(x: pd.Series, y: pd.Series) -> Fit | None:
    """The fit of y on x over areas with both values; None with fewer than 3 such areas or no spread.

    >>> f = fit_pair(pd.Series([1.0, 2, 3, 4]), pd.Series([2.0, 4, 6, 8.5]))
    >>> round(f.r, 3), round(f.slope, 2), f.n
    (0.998, 2.15, 4)
    """
    both = pd.DataFrame({"x": pd.to_numeric(x, errors="coerce"), "y": pd.to_numeric(y, errors="coerce")})
    both = both.dropna()
    left_out = len(x) - len(both)
    if len(both) < MIN_PAIRS or both["x"].nunique() < 2 or both["y"].nunique() < 2:
        return None
    xs, ys = both["x"].to_numpy(float), both["y"].to_numpy(float)
    slope, intercept = np.polyfit(xs, ys, 1)
    r = float(np.corrcoef(xs, ys)[0, 1])
    rho = float(both["x"].rank().corr(both["y"].rank()))
    return Fit(len(both), r, rho, float(slope), float(intercept), left_out)


def correlation_matrix(wide: pd.DataFrame, codes: Sequence[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(Pearson r, pairs used) for every pair of `codes`, each pair over the areas having both values."""
    values = wide[list(codes)].apply(pd.to_numeric, errors="coerce")
    present = values.notna().astype(int)
    pairs = present.T @ present
    return values.corr(method="pearson", min_periods=MIN_PAIRS), pairs


def year_pairs(before: pd.Series, after: pd.Series, polarity: str) -> pd.DataFrame:
    """Per area: before, after, change and whether it improved (lower when higher is worse).

    Areas missing a year have no change and no direction."""
    frame = pd.DataFrame({"before": before, "after": after})
    frame["change"] = frame["after"] - frame["before"]
    better = frame["change"] < 0 if polarity == "higher_worse" else frame["change"] > 0
    worse = frame["change"] > 0 if polarity == "higher_worse" else frame["change"] < 0
    frame["direction"] = np.select([better, worse], ["better", "worse"], default="same")
    frame.loc[frame["change"].isna(), "direction"] = None
    return frame
