"""Deterministic synthetic household microdata for Chachoengsao (24) and Si Sa Ket (33).

Nothing here describes a real household: keys are hashes of synthetic serial numbers and there are no
names. The data are calibrated to the public figures in the domain notes so screens look like the real
thing: households and people per province, income per person, a target-poor rate near TPMAP's (Si Sa Ket
2565: 3.08 % of people), poorer south and west in Si Sa Ket and poorer east in Chachoengsao, seats of
province better off, deprivations that go together (one latent hardship drives them all), and drift
between the survey years 2564, 2565 and 2566 (most tambons improve, some do not).

`generate(scale=...)` shrinks household counts for fast tests; the same seed gives the same data.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist

import numpy as np
import pandas as pd

from geo.boundaries import tambon_centroids

SEED = 2565
SURVEY_YEARS = (2564, 2565, 2566)
MOU_AMPHOE = "3301"


@dataclass(frozen=True)
class ProvinceProfile:
    code: str
    households: int  # per survey year at scale 1
    members_mean: float
    income_mean: float  # baht per person per year in the first survey year
    hardship_offset: float  # shifts every deprivation: higher = poorer province
    card_intercept: float  # log-odds of holding the welfare card at average hardship
    east_weight: float  # how much being further east raises hardship
    north_weight: float  # how much being further north raises hardship


PROFILES = (
    # Si Sa Ket: jpt. 2564 275,192 households, 937,400 people, 61,932.86 baht per person.
    ProvinceProfile("33", 275_192, 937_400 / 275_192, 61_932.86, 0.0, -1.3, -0.30, -0.35),
    # Chachoengsao: NSO 2564 301,760 households, 2.1 persons each; jpt. 2561 87,687.60 baht per person.
    ProvinceProfile("24", 301_760, 2.1, 87_687.60, -0.65, -1.95, 0.45, 0.0),
)

# Base share of households failing each indicator at average hardship (Si Sa Ket level), and how
# strongly hardship drives it. The income indicator (22) is derived from income itself.
INDICATOR_BASE = {
    "bmn60_01": (0.0025, 0.7),
    "bmn60_04": (0.003, 0.9),
    "bmn60_05": (0.0025, 0.8),
    "bmn60_07": (0.012, 0.6),
    "bmn60_08": (0.005, 1.2),
    "bmn60_09": (0.004, 1.1),
    "bmn60_10": (0.005, 1.1),
    "bmn60_11": (0.006, 1.0),
    "bmn60_15": (0.0025, 0.9),
    "bmn60_16": (0.0012, 1.0),
    "bmn60_17": (0.005, 1.1),
    "bmn60_19": (0.003, 1.0),
    "bmn60_20": (0.006, 1.2),
    "bmn60_21": (0.014, 1.0),
    "bmn60_27": (0.0025, 0.9),
    "bmn60_28": (0.0016, 0.8),
}
INCOME_THRESHOLD = 38_000.0  # BMN 22, 2561 criterion
NOT_ASSESSED_SHARE = 0.003  # households with one indicator not assessed
REFERENCE_HARDSHIP_VARIANCE = 1.25
# Calibrates the Si Sa Ket target-poor rate to about 3 % of people.
BASE_RATE_FACTOR = 0.6

AGENCIES = (
    "องค์การบริหารส่วนตำบล",
    "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด",
    "โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "สำนักงานพัฒนาชุมชนอำเภอ",
    "สำนักงานเกษตรอำเภอ",
    "ศูนย์ส่งเสริมการเรียนรู้ (สกร.) อำเภอ",
)
KIND_BY_DIMENSION = {
    "health": "ดูแลสุขภาพ/เยี่ยมบ้าน",
    "living": "ซ่อมแซมที่อยู่อาศัย",
    "education": "ทุนการศึกษา",
    "income": "ฝึกและส่งเสริมอาชีพ",
    "access": "เบี้ยยังชีพ/สงเคราะห์",
}
AGENCY_BY_DIMENSION = {"health": 2, "living": 0, "education": 5, "income": 4, "access": 1}


@dataclass(frozen=True)
class DemoData:
    households: pd.DataFrame  # one row per household per survey year
    deprivations: pd.DataFrame  # same index as households; one column per indicator, 0/1/NaN
    referrals: pd.DataFrame
    verifications: pd.DataFrame  # household_id, state, recorded_on: field verification (สอบทาน)


@dataclass(frozen=True)
class ProvinceYear:
    """One province's households of one survey year, with ids given: the unit a seed writes at a time,
    so memory follows the largest province rather than the whole data set."""

    province: str
    year: int
    households: pd.DataFrame  # with `id`
    deprivations: pd.DataFrame  # indexed by household id; one column per indicator, 0/1/NaN
    referrals: pd.DataFrame  # with `id`
    verifications: pd.DataFrame


# A province's survey rounds: (profile, panel, rng) -> (year, households, deprivations) per year.
Rounds = Callable[["ProvinceProfile", pd.DataFrame, np.random.Generator], Iterator[tuple]]


def generate(scale: float = 1.0, seed: int = SEED) -> DemoData:
    """All provinces in PROFILES for all SURVEY_YEARS; `scale` < 1 shrinks household counts."""
    chunks = list(province_years(PROFILES, scale, seed))
    hh_all = pd.concat([c.households for c in chunks], ignore_index=True)
    dep_all = pd.concat([c.deprivations for c in chunks])
    dep_all.index = hh_all.index
    return DemoData(
        hh_all,
        dep_all,
        pd.concat([c.referrals for c in chunks], ignore_index=True),
        pd.concat([c.verifications for c in chunks], ignore_index=True),
    )


def province_years(
    profiles, scale: float = 1.0, seed: int = SEED, rounds: Rounds | None = None
) -> Iterator[ProvinceYear]:
    """The households of each province and survey year in turn, ids running on across provinces.
    `rounds` makes the survey years of one province (default: the demo's `_demo_rounds`)."""
    rounds = rounds or _demo_rounds
    rng = np.random.default_rng(seed)
    tambons = _centroids(tuple(p.code for p in profiles))
    next_id, next_referral = 1, 1
    for profile in profiles:
        panel = _household_panel(profile, tambons[tambons.code.str[:2] == profile.code], scale, rng)
        for year, hh, dep in rounds(profile, panel, rng):
            hh.insert(0, "id", np.arange(next_id, next_id + len(hh)))
            dep.index = hh["id"].to_numpy()
            next_id += len(hh)
            referrals = _referrals(hh, dep, year, rng)
            referrals.insert(0, "id", np.arange(next_referral, next_referral + len(referrals)))
            next_referral += len(referrals)
            # A generator of its own, so adding verification left every other demo figure as it was.
            verifications = _verifications(hh, dep, year, np.random.default_rng([seed, year, next_id]))
            yield ProvinceYear(profile.code, year, hh, dep, referrals, verifications)


@lru_cache(maxsize=4)
def _centroids(codes: tuple[str, ...]) -> pd.DataFrame:
    """Tambon points of `codes`, read once per process (every seed and test of the same provinces
    would otherwise parse the whole boundary file again). Callers only filter it, never change it."""
    return tambon_centroids(list(codes))


def _demo_rounds(profile: ProvinceProfile, panel: pd.DataFrame, rng) -> Iterator[tuple]:
    for year_index, year in enumerate(SURVEY_YEARS):
        yield (year, *_survey_year(profile, panel, year_index, year, rng))


def _household_panel(profile: ProvinceProfile, tambons: pd.DataFrame, scale: float, rng) -> pd.DataFrame:
    """The households of one province (persisting across years) with their lasting hardship."""
    x = (tambons.lon - tambons.lon.mean()) / tambons.lon.std()
    y = (tambons.lat - tambons.lat.mean()) / tambons.lat.std()
    amphoe = tambons.code.str[:4]
    amphoe_effect = amphoe.map({a: rng.normal(0, 0.25) for a in sorted(amphoe.unique())})
    seat = (amphoe.str[2:] == "01").to_numpy()
    tambon_hardship = (
        profile.hardship_offset
        + profile.east_weight * x
        + profile.north_weight * y
        + amphoe_effect
        + rng.normal(0, 0.2, len(tambons))
        - 0.45 * seat
    ).to_numpy()
    tambon_trend = rng.normal(-0.07, 0.06, len(tambons))  # change of hardship per survey year

    size_weight = rng.lognormal(0, 0.45, len(tambons)) * np.where(seat, 1.6, 1.0)
    counts = _allocate(max(int(round(profile.households * scale)), len(tambons)), size_weight)
    tambon_index = np.repeat(np.arange(len(tambons)), counts)
    n = len(tambon_index)
    villages = np.clip(np.round(counts / 110), 4, 28).astype(int)
    village_no = (rng.random(n) * villages[tambon_index]).astype(int) + 1
    codes = tambons.code.to_numpy()[tambon_index]
    keys = [
        hashlib.blake2b(f"tambon-atlas-demo|{c}|{i}".encode(), digest_size=8).hexdigest()
        for i, c in enumerate(codes)
    ]
    return pd.DataFrame(
        {
            "household_key": keys,
            "tambon_code": codes,
            "village_no": village_no,
            "lasting": tambon_hardship[tambon_index] + rng.normal(0, 1.0, n),
            "trend": tambon_trend[tambon_index],
            "size_noise": rng.random(n),
        }
    )


def _survey_year(profile: ProvinceProfile, panel: pd.DataFrame, year_index: int, year: int, rng):
    """One survey round: members, income, capitals, welfare card and deprivation flags."""
    n = len(panel)
    hardship = panel.lasting.to_numpy() + panel.trend.to_numpy() * year_index + rng.normal(0, 0.35, n)
    members = _members(profile.members_mean, panel.size_noise.to_numpy(), hardship, year_index, rng)

    log_income = -0.11 * hardship + rng.normal(0, 0.19, n)
    income = np.exp(log_income)
    weights = members / members.sum()
    growth = 1.035**year_index
    income = np.round(income * profile.income_mean * growth / float((income * weights).sum()), -1)

    capitals = _capitals(hardship, rng)
    card_odds = profile.card_intercept + 1.0 * hardship
    welfare_card = rng.random(n) < 1 / (1 + np.exp(-card_odds))

    dep = {}
    for code, (base, loading) in INDICATOR_BASE.items():
        cutoff = base_cutoff(base, loading)
        dep[code] = (loading * hardship + rng.normal(0, 1.0, n) > cutoff).astype(float)
    dep["bmn60_22"] = (income < INCOME_THRESHOLD).astype(float)
    columns = sorted(dep)
    flags = np.column_stack([dep[c] for c in columns])
    not_assessed = np.flatnonzero(rng.random(n) < NOT_ASSESSED_SHARE)
    flags[not_assessed, rng.integers(0, len(columns), len(not_assessed))] = np.nan
    dep = pd.DataFrame(flags, columns=columns)

    households = pd.DataFrame(
        {
            "household_key": panel.household_key.to_numpy(),
            "survey_year": year,
            "tambon_code": panel.tambon_code.to_numpy(),
            "village_no": panel.village_no.to_numpy(),
            "members": members,
            "income_per_person": income,
            **{f"capital_{name}": score for name, score in capitals.items()},
            "welfare_card": welfare_card,
        }
    )
    return households, dep


def base_cutoff(base: float, loading: float) -> float:
    """Cut-off on an indicator's latent hardship, fixed against a reference spread of hardship, so a
    harder-up province fails more."""
    return np.sqrt(1 + loading**2 * REFERENCE_HARDSHIP_VARIANCE) * NormalDist().inv_cdf(
        1 - base * BASE_RATE_FACTOR
    )


def _capitals(hardship: np.ndarray, rng) -> dict[str, np.ndarray]:
    """The five capitals scored 1-4, lower where hardship is higher."""
    n = len(hardship)
    return {
        name: np.clip(np.round(2.75 - 0.45 * hardship + rng.normal(0, 0.55, n) + shift), 1, 4).astype(int)
        for name, shift in (
            ("human", 0.1),
            ("physical", 0.2),
            ("economic", -0.2),
            ("natural", 0.0),
            ("social", 0.25),
        )
    }


def _members(mean: float, size_noise: np.ndarray, hardship: np.ndarray, year_index: int, rng) -> np.ndarray:
    """Household size: 1 + a Poisson count, a little larger in harder-up households, stable over years."""
    lam = (mean - 1) * np.exp(0.06 * hardship)
    base = _poisson_quantile(lam, size_noise)
    change = rng.random(len(lam)) < 0.04 * year_index
    return np.maximum(1, base + 1 + change * rng.choice([-1, 1], len(lam))).astype(int)


def _poisson_quantile(lam: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Inverse Poisson CDF, so a household keeps its size rank from one year to the next."""
    k = np.zeros(len(lam), dtype=int)
    term = np.exp(-lam)
    cdf = term.copy()
    for i in range(1, 15):
        below = u > cdf
        if not below.any():
            break
        k += below
        term = term * lam / i
        cdf += term
    return k


def _referrals(households: pd.DataFrame, dep: pd.DataFrame, year: int, rng) -> pd.DataFrame:
    """Referrals of target-poor households to agencies; more of them in the MOU amphoe from 2565."""
    failed = dep.fillna(0).to_numpy() == 1
    target_poor = households.welfare_card.to_numpy() & failed.any(axis=1)
    in_mou = households.tambon_code.str[:4].to_numpy() == MOU_AMPHOE
    chance = np.where(in_mou & (year >= 2565), 0.75, 0.40)
    chosen = np.flatnonzero(target_poor & (rng.random(len(households)) < chance))
    if len(chosen) == 0:
        return pd.DataFrame(
            columns=["household_id", "agency", "kind", "status", "referred_on", "resolved_on", "note"]
        )
    first_failed = failed[chosen].argmax(axis=1)
    dimension = [dimension_of(dep.columns[j]) for j in first_failed]
    status = rng.choice(
        ["resolved", "in_progress", "referred", "declined"], len(chosen), p=[0.55, 0.2, 0.15, 0.1]
    )
    start = np.datetime64(f"{year - 543}-01-15")
    referred_on = start + rng.integers(0, 300, len(chosen)).astype("timedelta64[D]")
    resolved_on = referred_on + rng.integers(10, 120, len(chosen)).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "household_id": households.id.to_numpy()[chosen],
            "agency": [AGENCIES[AGENCY_BY_DIMENSION[d]] for d in dimension],
            "kind": [KIND_BY_DIMENSION[d] for d in dimension],
            "status": status,
            "referred_on": pd.to_datetime(referred_on).date,
            "resolved_on": np.where(status == "resolved", pd.to_datetime(resolved_on).date, None),
            "note": None,
        }
    )


VERIFICATION_SHARES = {  # state -> share of target-poor households (the rest: not visited)
    "verified": (0.35, 0.70),  # (elsewhere, MOU amphoe from 2565)
    "visited": (0.10, 0.10),
    "not_found": (0.03, 0.02),
    "moved": (0.02, 0.02),
}


def _verifications(households: pd.DataFrame, dep: pd.DataFrame, year: int, rng) -> pd.DataFrame:
    """Field verification of target-poor households; the MOU amphoe verifies more from 2565."""
    target_poor = households.welfare_card.to_numpy() & (dep.fillna(0).to_numpy() == 1).any(axis=1)
    in_mou = (households.tambon_code.str[:4].to_numpy() == MOU_AMPHOE) & (year >= 2565)
    draw = rng.random(len(households))
    state = np.full(len(households), None, dtype=object)
    low = np.zeros(len(households))
    for name, (elsewhere, mou) in VERIFICATION_SHARES.items():
        high = low + np.where(in_mou, mou, elsewhere)
        state[target_poor & (draw >= low) & (draw < high)] = name
        low = high
    chosen = np.flatnonzero(state != None)  # noqa: E711  (elementwise on an object array)
    start = np.datetime64(f"{year - 543}-02-01")
    days = rng.integers(0, 280, len(chosen)).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "household_id": households.id.to_numpy()[chosen],
            "state": state[chosen].astype(str),
            "recorded_on": pd.to_datetime(start + days).date,
        }
    )


_DIMENSION_OF_NUMBER = {
    1: "health",
    4: "health",
    5: "health",
    7: "health",
    8: "living",
    9: "living",
    10: "living",
    11: "living",
    15: "education",
    16: "education",
    17: "education",
    19: "education",
    20: "income",
    21: "income",
    22: "income",
    27: "access",
    28: "access",
}


def dimension_of(code: str) -> str:
    # Only used to pick a plausible kind of help; the catalogue remains the source of the mapping.
    return _DIMENSION_OF_NUMBER[int(code.split("_")[1])]


def _allocate(total: int, weights: np.ndarray) -> np.ndarray:
    """Split `total` into integer counts proportional to `weights`, at least one each, summing exactly."""
    raw = weights / weights.sum() * total
    counts = np.maximum(np.floor(raw).astype(int), 1)
    remainder = total - counts.sum()
    order = np.argsort(-(raw - np.floor(raw)))
    counts[order[: max(remainder, 0)]] += 1
    return counts
