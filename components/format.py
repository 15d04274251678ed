"""Number formatting for display: thousands separators, units, no-data marks."""

from __future__ import annotations

import math

NO_DATA = "–"


def format_number(value, decimals: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    return f"{value:,.{decimals}f}"


def format_percent(value, decimals: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    return f"{value:,.{decimals}f} %"
