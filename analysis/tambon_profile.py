"""The tambon profiles of a presentation: for each tambon with a profile slide, its strengths
(community-asset categories that stand out against its province, by location quotient, with the
counts behind them) and its problems (its BMN indicators furthest worse than the province, with both
values). The ranking rules are `analysis.assets`; this module only chooses the tambons and puts the
published figures beside them. Pure: frames in, frames out (`data_access.tambon_profiles` reads them).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.assets import problems, strengths
from analysis.ranking import rank_within_parent
from analysis.scope import Scope

# A province's deck has an amphoe per unit slide; of its tambons only those most in need get a
# profile slide (as the overview lists ten), else a deck of Si Sa Ket would run past 200 slides.
PROVINCE_PROFILES = 10
STRENGTH_COLUMNS = [
    "area_code",
    "category_code",
    "name_th",
    "name_en",
    "count",
    "lq",
    "per_1000",
    "per_1000_hidden",
    "province_count",
    "province_per_1000",
]
PROBLEM_COLUMNS = ["area_code", "indicator_code", "value", "reference", "gap"]


@dataclass(frozen=True)
class TambonProfiles:
    tambons: pd.DataFrame  # area_code, name_th, name_en, amphoe_th, amphoe_en, province_th, province_en
    strengths: pd.DataFrame  # STRENGTH_COLUMNS, strongest first within each tambon
    problems: pd.DataFrame  # PROBLEM_COLUMNS, worst first within each tambon
    catalogue: pd.DataFrame  # code, name_th, name_en, unit of the problem indicators

    def codes(self) -> list[str]:
        return list(self.tambons["area_code"])


def profile_tambons(scope: Scope, rates: pd.DataFrame, polarity: str) -> list[str]:
    """The tambons with a profile slide: every unit when the units are tambons (an area set, an amphoe,
    a tambon), else the `PROVINCE_PROFILES` tambons most in need by `rates` (area_code, value: the map
    indicator as this viewer sees it; hidden values rank last), most in need first."""
    if scope.unit_level == "tambon":
        return list(scope.units)
    ranked = rank_within_parent(rates[["area_code", "value"]].assign(parent_code="scope"), polarity)
    ranked = ranked.sort_values(["rank", "area_code"], na_position="last")
    return list(ranked["area_code"].head(PROVINCE_PROFILES))


def tambon_strengths(
    counts: pd.DataFrame,
    per_1000: pd.DataFrame,
    province_per_1000: pd.Series,
    categories: pd.DataFrame,
    tambons: list[str],
    hidden_households: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The strengths of `tambons` with the counts behind them.

    `counts`: area_code, category_code, count of every tambon of one province (the location quotient
    compares with the whole province); `per_1000`: the tambons' published per-1,000-households rows
    (area_code, category_code, value, suppressed); `province_per_1000`: by category; `categories`:
    code, name_th, name_en. A tambon in `hidden_households` (its households figure hidden on the same
    slides, e.g. by an area set's own rule) has its per-1,000 figure hidden too: that figure's
    denominator is the households cell."""
    if counts.empty:
        return pd.DataFrame(columns=STRENGTH_COLUMNS)
    found = strengths(counts)
    found = found[found["area_code"].isin(tambons)]
    province_count = counts.groupby("category_code")["count"].sum()
    per = per_1000.set_index(["area_code", "category_code"])
    keys = pd.MultiIndex.from_arrays([found["area_code"], found["category_code"]])
    hidden = per["suppressed"].reindex(keys).fillna(False).astype(bool).to_numpy(copy=True)
    hidden |= found["area_code"].isin(list(hidden_households)).to_numpy()
    names = categories.set_index("code")
    found = found.assign(
        name_th=found["category_code"].map(names["name_th"]).fillna(found["category_code"]),
        name_en=found["category_code"].map(names["name_en"]).fillna(found["category_code"]),
        per_1000=per["value"].reindex(keys).to_numpy(float),
        per_1000_hidden=hidden,
        province_count=found["category_code"].map(province_count).to_numpy(float),
        province_per_1000=found["category_code"].map(province_per_1000).to_numpy(float),
    )
    found.loc[found["per_1000_hidden"], "per_1000"] = float("nan")
    return found[STRENGTH_COLUMNS].reset_index(drop=True)


def tambon_problems(
    values: pd.DataFrame, reference: pd.DataFrame, polarity: pd.Series, tambons: list[str]
) -> pd.DataFrame:
    """The problems of `tambons`: `values` (area_code, indicator_code, value, published; hidden ones
    are not ranked), `reference` (indicator_code, value of the province)."""
    shown = values[values["area_code"].isin(tambons)][["area_code", "indicator_code", "value"]].dropna()
    if shown.empty:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    return problems(shown, reference, polarity)[PROBLEM_COLUMNS]
