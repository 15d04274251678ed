"""Numbers as Thai offices type them: "1,234", "๑๒.๕", "12.5%", blank for missing.

A lone dash ("-", "–", "—") is also missing: Thai reports print it for "no data". Otherwise
`parse_numbers` never guesses: "1.234,5", "12 ครัวเรือน" or "n/a" are errors for the caller to
report, not NaN.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_access.importer.normalise import THAI_DIGITS

MISSING_MARKS = ("", "-", "–", "—")
# Plain digits, or thousands grouped by commas; optional decimals and exponent (XLSX floats).
_NUMBER = r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$"


@dataclass
class ParsedNumbers:
    values: pd.Series  # float; NaN where blank or bad
    blank: pd.Series  # bool: the cell was empty (missing, not an error)
    bad: pd.Series  # bool: text that is not a number
    percent: pd.Series  # bool: written with a % sign
    half_step: pd.Series  # float: half a unit of the last digit written (rounding tolerance)


def parse_numbers(text: pd.Series) -> ParsedNumbers:
    """Parse a column of cell text; the index is kept, so results line up with row numbers."""
    cleaned = text.astype(str).str.translate(THAI_DIGITS).str.replace("\u00a0", " ").str.strip()
    blank = cleaned.isin(MISSING_MARKS)
    percent = cleaned.str.endswith("%")
    body = cleaned.str.rstrip("%").str.strip()
    well_formed = body.str.match(_NUMBER) & body.str.contains(r"\d", regex=True)
    plain = body.str.replace(",", "", regex=False).where(well_formed, None)
    values = pd.to_numeric(plain, errors="coerce").astype(float)
    bad = ~blank & (values.isna() | ~np.isfinite(values.fillna(0)))
    decimals = body.str.extract(r"\.(\d+)(?:[eE]|$)", expand=False).str.len().fillna(0)
    has_exponent = body.str.contains(r"[eE]", regex=True)
    half_step = (0.5 * 10.0 ** (-decimals.astype(float))).where(~has_exponent, 1e-9)
    return ParsedNumbers(values.where(~bad), blank, bad, percent & ~blank, half_step)


def is_whole(values: pd.Series) -> pd.Series:
    """True where the value is a whole number (NaN counts as whole: missing is checked elsewhere)."""
    return values.isna() | (values == values.round())
