"""What a presentation or an overview is about: an area set, or one province, amphoe or tambon (the
poverty page also the whole country), and its figures for one survey year and the one before (read
by `data_access.scope`).

Plain values, so the slide model (`exports.slides`) and the screens use them without the data layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.local_names import local_name
from analysis.units import small_count

HEADLINE_INDICATORS = (
    "households_surveyed",
    "target_poor_people",
    "target_poor_rate",
    "mpi_m0",
    "status_struggling_share",
    "status_hard_share",
    "status_getting_by_share",
    "status_well_share",
    "referral_coverage",
    "verification_coverage",
)
DIMENSION_INDICATORS = (
    "tp_health_rate",
    "tp_living_rate",
    "tp_education_rate",
    "tp_income_rate",
    "tp_access_rate",
)
UNIT_INDICATORS = (
    "households_surveyed",
    "target_poor_people",
    "target_poor_rate",
    "mpi_m0",
    "status_struggling_share",
    "referral_coverage",
    *DIMENSION_INDICATORS,
)
MAP_INDICATOR = "target_poor_rate"
UNIT_LEVEL = {"country": "province", "province": "amphoe", "amphoe": "tambon", "tambon": "tambon"}


@dataclass(frozen=True)
class Scope:
    kind: str  # "set", "area" or "country"
    key: str  # the set id (as text) or the area code ("" for the country)
    name_th: str
    name_en: str
    tambons: tuple[str, ...]  # every tambon the figures sum over
    unit_level: str  # level of the units: amphoe for a province, else tambon
    units: tuple[str, ...]  # areas with a slide each and on the map
    province: str  # the province it is compared with ("" for the country)

    def name(self, lang: str) -> str:
        return local_name(self, lang)


@dataclass(frozen=True)
class ScopeFigures:
    scope: Scope
    year: int
    previous_year: int | None
    totals: pd.DataFrame  # the scope: indicator_code, year, numerator, denominator, value
    province: pd.DataFrame  # the province, same columns
    province_name: tuple[str, str]  # (th, en)
    units: pd.DataFrame  # the units: area_code, name_th, name_en, indicator_code, year, value ...
    catalogue: pd.DataFrame  # code, name_th, name_en, unit, polarity of every indicator used
    min_households: int | None = None  # set when small counts are hidden from this viewer

    def total(self, indicator: str, year: int | None = None):
        return _value(self.totals, indicator, self.year if year is None else year)

    def province_value(self, indicator: str):
        return _value(self.province, indicator, self.year)

    def hidden_text(self, frame: str, indicator: str, area_code: str | None = None) -> str | None:
        """ "<5" when that figure ("totals", "province" or "units" with `area_code`) is hidden from
        this viewer, else None."""
        rows = getattr(self, frame)
        rows = rows[(rows["indicator_code"] == indicator) & (rows["year"] == self.year)]
        if area_code is not None:
            rows = rows[rows["area_code"] == area_code]
        if self.min_households and "suppressed" in rows and rows["suppressed"].astype(bool).any():
            return small_count(self.min_households)
        return None


def _value(frame: pd.DataFrame, indicator: str, year: int):
    rows = frame[(frame["indicator_code"] == indicator) & (frame["year"] == year)]
    return float(rows["value"].iloc[0]) if len(rows) and pd.notna(rows["value"].iloc[0]) else float("nan")
