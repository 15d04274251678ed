"""Five capitals and the household status classes of the provincial poverty research programme.

Each household scores 1-4 on five capitals; the mean score puts it in a status class. The score
bands are configurable because the ones in use (1.00-1.74, 1.75-2.49, 2.50-3.24, 3.25-4.00) are
unverified.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CAPITALS = ("human", "physical", "economic", "natural", "social")
CAPITAL_COLUMNS = tuple(f"capital_{c}" for c in CAPITALS)

# Class number -> code; 1 is the worst.
STATUS_CLASSES = {1: "struggling", 2: "hard", 3: "getting_by", 4: "well"}
STATUS_NAMES_TH = {1: "อยู่ลำบาก", 2: "อยู่ยาก", 3: "อยู่พอได้", 4: "อยู่ดี"}
STATUS_NAMES_EN = {1: "Struggling", 2: "Hard", 3: "Getting by", 4: "Well"}
DEFAULT_BANDS = (1.75, 2.50, 3.25)


def mean_capital_score(households: pd.DataFrame) -> pd.Series:
    """Mean of the five capital scores per household (NaN when any score is missing)."""
    return households[list(CAPITAL_COLUMNS)].astype(float).mean(axis=1, skipna=False)


def status_class(mean_score: pd.Series, bands: tuple[float, float, float] = DEFAULT_BANDS) -> pd.Series:
    """Status class 1-4 from the mean capital score: class c when the score is below band c (lower bound
    inclusive upward); 0 where the score is missing."""
    if list(bands) != sorted(bands) or len(bands) != 3:
        raise ValueError(f"bands must be three increasing cut points, not {bands!r}")
    values = mean_score.to_numpy(dtype=float)
    classes = np.searchsorted(np.asarray(bands), np.round(values, 10), side="right") + 1
    return pd.Series(np.where(np.isnan(values), 0, classes), index=mean_score.index, dtype=int)
