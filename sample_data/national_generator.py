"""Synthetic households for any of TPMAP's 76 provinces, calibrated on its real 2561 province table.

`province_calibration.csv` holds public aggregate counts per province from TPMAP 2561 (NESDC and NECTEC,
the จปฐ. 2561 survey crossed with the 2560 state-welfare-card register; files of the NEWKNP/TPMAP
repository, commit d7341f8): households and people surveyed, people holding a verified welfare card,
people assessed and failing on income (จปฐ. 22), target poor in all and per dimension. Only these
figures are shipped, with this attribution; `tests/test_province_calibration.py` proves they equal the
real files. Nothing here describes a real household.

The first survey year (2564) of each province is calibrated on its own draws, in expectation exactly:
households per province (to the rounding of `scale`); people (mean household size); the share of people
holding the welfare card; the share of people under the income line; and the target poor per dimension
(a shift of the dimension's indicator cut-offs). The target poor in all then follows from how the
dimensions overlap, as in the real table. Later years keep the first year's cut-offs, so the drift of
the demo shows. Bangkok is not in จปฐ., so it has areas but no households.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from sample_data.demo_generator import (
    INCOME_THRESHOLD,
    INDICATOR_BASE,
    NOT_ASSESSED_SHARE,
    SEED,
    SURVEY_YEARS,
    ProvinceProfile,
    ProvinceYear,
    _capitals,
    _members,
    base_cutoff,
    dimension_of,
    province_years,
)

CALIBRATION_FILE = Path(__file__).with_name("province_calibration.csv")
DIMENSIONS = ("health", "living", "education", "income", "access")
INCOME_INDICATOR = "bmn60_22"
# Lasting hardship moves with the province's target-poor rate (relative to Si Sa Ket's 4.2 %), so the
# capitals and status classes of a poorer province are lower too, not only its deprivation flags.
REFERENCE_RATE = 0.042
HARDSHIP_PER_LOG_RATE = 0.5


@cache
def read_calibration() -> pd.DataFrame:
    """One row per province (code as text): the real 2561 counts the generator is calibrated on."""
    return pd.read_csv(CALIBRATION_FILE, dtype={"province_code": str}).set_index("province_code")


def calibrated_provinces(spec: str) -> list[str]:
    """`all` or comma-separated codes -> province codes; raises ValueError naming an unknown code."""
    known = list(read_calibration().index)
    if spec.strip().lower() == "all":
        return known
    codes = [c.strip() for c in spec.split(",") if c.strip()]
    unknown = [c for c in codes if c not in known]
    if unknown or not codes:
        raise ValueError(
            f"unknown province code {', '.join(unknown) or '(none given)'}: "
            f"TPMAP 2561 has {known[0]}..{known[-1]} (no 10, Bangkok)"
        )
    return sorted(set(codes), key=known.index)


def profile(code: str) -> ProvinceProfile:
    row = read_calibration().loc[code]
    rate = row["target_poor"] / row["people"]
    return ProvinceProfile(
        code=code,
        households=int(row["households"]),
        members_mean=row["people"] / row["households"],
        income_mean=0.0,  # solved from the income line, see `_calibrate`
        hardship_offset=HARDSHIP_PER_LOG_RATE * float(np.log(max(rate, 1e-4) / REFERENCE_RATE)),
        card_intercept=0.0,  # solved from the welfare-card share
        east_weight=0.0,
        north_weight=0.0,
    )


def national_years(codes: list[str], scale: float = 1.0, seed: int = SEED) -> Iterator[ProvinceYear]:
    """The calibrated households of `codes`, one province and survey year at a time."""
    return province_years([profile(c) for c in codes], scale, seed, rounds=_calibrated_rounds)


def _calibrated_rounds(profile: ProvinceProfile, panel: pd.DataFrame, rng) -> Iterator[tuple]:
    target = read_calibration().loc[profile.code]
    params = None
    for year_index, year in enumerate(SURVEY_YEARS):
        draws = _draw(profile, panel, year_index, rng)
        if params is None:
            params = _calibrate(draws, target)
        yield (year, *_assemble(panel, draws, params, year, year_index))


def _draw(profile: ProvinceProfile, panel: pd.DataFrame, year_index: int, rng) -> dict:
    """Every random quantity of one survey round, before any calibrated cut-off is applied."""
    n = len(panel)
    hardship = panel.lasting.to_numpy() + panel.trend.to_numpy() * year_index + rng.normal(0, 0.35, n)
    # The size mean is corrected for the hardship tilt, so people per household match the table.
    lean = 1 + (profile.members_mean - 1) / float(np.mean(np.exp(0.06 * hardship)))
    members = _members(lean, panel.size_noise.to_numpy(), hardship, year_index, rng)
    income_shape = np.exp(-0.11 * hardship + rng.normal(0, 0.19, n))
    capitals = _capitals(hardship, rng)
    card_u = rng.random(n)
    codes = list(INDICATOR_BASE)
    latent = np.column_stack(
        [
            INDICATOR_BASE[c][1] * hardship + rng.normal(0, 1.0, n) - base_cutoff(*INDICATOR_BASE[c])
            for c in codes
        ]
    )
    not_assessed = np.flatnonzero(rng.random(n) < NOT_ASSESSED_SHARE)
    not_assessed_column = rng.integers(0, len(codes) + 1, len(not_assessed))
    return {
        "hardship": hardship,
        "members": members,
        "income_shape": income_shape,
        "capitals": capitals,
        # Card when logit(u) - hardship < intercept: the demo's logistic rule with the intercept free.
        "card_score": np.log(card_u / (1 - card_u)) - hardship,
        "codes": codes,
        "latent": latent,  # above 0 = failing at the demo's base cut-off
        "not_assessed": (not_assessed, not_assessed_column),
    }


def _calibrate(draws: dict, target: pd.Series) -> dict:
    """Intercept, income scale and per-dimension cut-off shifts that hit the table on these draws."""
    members = draws["members"].astype(float)
    people = members.sum()
    per_person = people / target["people"]  # our people per real person: the scale, in effect
    card_people = target["welfare_card_people"] * per_person
    card_intercept = -_cut_for_count(-draws["card_score"], members, card_people)
    card = draws["card_score"] < card_intercept
    income_share = target["income_failed_people"] / target["income_assessed_people"]
    income_scale = INCOME_THRESHOLD / _weighted_quantile(draws["income_shape"], members, income_share)
    poor_income = draws["income_shape"] * income_scale < INCOME_THRESHOLD
    shifts = {}
    for dimension in DIMENSIONS:
        columns = [j for j, c in enumerate(draws["codes"]) if dimension_of(c) == dimension]
        score = draws["latent"][:, columns].max(axis=1)
        wanted = target[f"target_poor_{dimension}"] * per_person
        eligible = card.copy()
        if dimension == "income":  # households under the income line count already
            wanted -= members[card & poor_income].sum()
            eligible &= ~poor_income
        shifts[dimension] = _cut_for_count(score[eligible], members[eligible], wanted)
    return {"card_intercept": card_intercept, "income_scale": income_scale, "shifts": shifts}


def _assemble(panel: pd.DataFrame, draws: dict, params: dict, year: int, year_index: int):
    """Households and 0/1/NaN deprivation flags of one round under the calibrated cut-offs."""
    codes = draws["codes"]
    shift = np.array([params["shifts"][dimension_of(c)] for c in codes])
    flags = {c: (draws["latent"][:, j] > shift[j]).astype(float) for j, c in enumerate(codes)}
    income = np.round(draws["income_shape"] * params["income_scale"] * 1.035**year_index, -1)
    flags[INCOME_INDICATOR] = (income < INCOME_THRESHOLD).astype(float)
    columns = sorted(flags)
    matrix = np.column_stack([flags[c] for c in columns])
    rows, picked = draws["not_assessed"]
    matrix[rows, picked] = np.nan
    households = pd.DataFrame(
        {
            "household_key": panel.household_key.to_numpy(),
            "survey_year": year,
            "tambon_code": panel.tambon_code.to_numpy(),
            "village_no": panel.village_no.to_numpy(),
            "members": draws["members"],
            "income_per_person": income,
            **{f"capital_{name}": score for name, score in draws["capitals"].items()},
            "welfare_card": draws["card_score"] < params["card_intercept"],
        }
    )
    return households, pd.DataFrame(matrix, columns=columns)


def _cut_for_count(score: np.ndarray, weights: np.ndarray, count: float) -> float:
    """A cut c such that the weights of `score > c` add up to `count` (as near as whole units allow)."""
    if len(score) == 0 or count <= 0:
        return float(score.max()) + 1.0 if len(score) else np.inf
    order = np.argsort(-score, kind="stable")
    cumulative = np.cumsum(weights[order])
    i = int(np.searchsorted(cumulative, count))
    if i >= len(score) - 1:
        return float(score.min()) - 1.0
    return float((score[order[i]] + score[order[i + 1]]) / 2)


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, share: float) -> float:
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order]) / weights.sum()
    return float(values[order[min(int(np.searchsorted(cumulative, share)), len(values) - 1)]])
