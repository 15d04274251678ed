"""Household microdata -> tambon-level numerators and denominators for every catalogue indicator.

Everything the app shows about an area starts here. Rules, per tambon and survey year:

- deprivation rate of a BMN indicator: households failing / households assessed;
- a household is deprived in a TPMAP dimension when it fails any of the dimension's indicators
  (not-assessed counts as not failing); it is *target poor* when deprived in at least one dimension
  and it holds the state welfare card. Target-poor rates are per person (household members);
- MPI: Alkire-Foster over the deprivation indicators with nested weights and cutoff `k`; households
  with a missing indicator are left out (see `analysis.mpi`);
- income per person: total income / people, capital means: score sum / households scored,
  status shares: households in class / households classified;
- referral coverage: target-poor households with a resolved referral / target-poor households;
- verification coverage: target-poor households verified in the field (สอบทาน) / target-poor households.

The indicator -> dimension mapping comes from the catalogue (data, not code).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.capitals import CAPITAL_COLUMNS, STATUS_CLASSES, mean_capital_score, status_class
from analysis.mpi import alkire_foster, nested_weights
from analysis.rates import values_from_parts

TPMAP_DIMENSIONS = ("health", "living", "education", "income", "access")
DEFAULT_MPI_CUTOFF = 0.26  # NESDC's cutoff for Thailand's national MPI
VERIFICATION_INDICATOR = "verification_coverage"

Parts = tuple[np.ndarray, np.ndarray | None]


def deprivation_dimensions(catalogue: pd.DataFrame) -> dict[str, str]:
    """Deprivation indicator code -> TPMAP dimension, as the catalogue says."""
    rows = catalogue[catalogue["is_deprivation"].astype(bool)]
    return dict(zip(rows["code"], rows["dimension"]))


def target_poor_flags(
    failed: np.ndarray, dims: dict[str, str], card: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The TPMAP rule, per household: deprived in each dimension (fails any of its indicators; the
    columns of `failed` follow the order of `dims`) and target poor (deprived in at least one dimension
    and holding the welfare card). Every screen's target-poor figure goes through here."""
    failed = np.asarray(failed, dtype=bool)
    codes = list(dims)
    in_dimension = {
        d: failed[:, [j for j, c in enumerate(codes) if dims[c] == d]].any(axis=1) for d in TPMAP_DIMENSIONS
    }
    return in_dimension, card & np.logical_or.reduce(list(in_dimension.values()))


def household_parts(
    households: pd.DataFrame,
    deprivations: pd.DataFrame,
    catalogue: pd.DataFrame,
    mpi_cutoff: float = DEFAULT_MPI_CUTOFF,
) -> dict[str, Parts]:
    """Per-household numerator and denominator arrays for each indicator (denominator None = count)."""
    dims = deprivation_dimensions(catalogue)
    if not deprivations.index.equals(households.index):
        raise ValueError("deprivations must have the same index (same households, same order) as households")
    dep = deprivations.reindex(columns=list(dims)).astype(float)
    failed = (dep.to_numpy() == 1.0).astype(float)
    assessed = (~np.isnan(dep.to_numpy())).astype(float)
    members = households["members"].to_numpy(dtype=float)
    ones = np.ones(len(households))
    # A missing welfare-card flag is not a card (NaN would otherwise become True).
    card = households["welfare_card"].astype("boolean").fillna(False).to_numpy(dtype=bool)

    dim_deprived, target_poor = target_poor_flags(failed, dims, card)
    parts: dict[str, Parts] = {code: (failed[:, i], assessed[:, i]) for i, code in enumerate(dims)}
    parts["households_surveyed"] = (ones, None)
    parts["people_surveyed"] = (members, None)
    parts["welfare_card_rate"] = (card.astype(float), ones)
    parts["target_poor_people"] = (members * target_poor, None)
    parts["target_poor_households"] = (target_poor.astype(float), None)
    parts["target_poor_rate"] = (members * target_poor, members)
    for d in TPMAP_DIMENSIONS:
        parts[f"tp_{d}_rate"] = (members * (target_poor & dim_deprived[d]), members)

    mpi = alkire_foster(dep, nested_weights(dims), mpi_cutoff)
    complete = (~mpi.score.isna()).to_numpy(dtype=float)
    poor = mpi.poor.to_numpy(dtype=float)
    poor_score = np.nan_to_num(mpi.score.to_numpy()) * poor
    parts["mpi_h"] = (poor, complete)
    parts["mpi_a"] = (poor_score, poor)
    parts["mpi_m0"] = (poor_score, complete)

    income = households["income_per_person"].to_numpy(dtype=float)
    has_income = ~np.isnan(income)
    parts["income_per_person"] = (np.where(has_income, income * members, 0.0), members * has_income)

    for column in CAPITAL_COLUMNS:
        score = households[column].to_numpy(dtype=float)
        parts[column] = (np.nan_to_num(score), (~np.isnan(score)).astype(float))
    classes = status_class(mean_capital_score(households)).to_numpy()
    classified = (classes > 0).astype(float)
    for number, name in STATUS_CLASSES.items():
        parts[f"status_{name}_share"] = ((classes == number).astype(float), classified)

    resolved = _flag(households, "has_resolved_referral")
    parts["referral_coverage"] = ((target_poor & resolved).astype(float), target_poor.astype(float))
    parts["referred_households"] = (_flag(households, "has_referral").astype(float), None)
    if "verified" in households:  # only callers that read verification states (seed, field work):
        # the importer's recompute does not, and must leave the stored coverage alone rather than zero it
        parts[VERIFICATION_INDICATOR] = verification_parts(households, target_poor)
    return parts


def verification_parts(households: pd.DataFrame, target_poor: np.ndarray) -> Parts:
    """Verification coverage per household: verified target poor / target poor."""
    verified = _flag(households, "verified")
    return (np.asarray(target_poor) & verified).astype(float), np.asarray(target_poor).astype(float)


def household_target_poor(
    households: pd.DataFrame, deprivations: pd.DataFrame, catalogue: pd.DataFrame
) -> np.ndarray:
    """The TPMAP target-poor flag per household alone (cheaper than every indicator's parts)."""
    dims = deprivation_dimensions(catalogue)
    failed = deprivations.reindex(columns=list(dims)).to_numpy(dtype=float) == 1.0
    card = households["welfare_card"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    return target_poor_flags(failed, dims, card)[1]


def tambon_indicator_values(
    households: pd.DataFrame,
    deprivations: pd.DataFrame,
    catalogue: pd.DataFrame,
    mpi_cutoff: float = DEFAULT_MPI_CUTOFF,
) -> pd.DataFrame:
    """Long frame: area_code, indicator_code, year, numerator, denominator, value (one row per
    tambon x survey year x catalogue indicator that the microdata can compute)."""
    if households.empty:
        return pd.DataFrame(
            columns=["area_code", "indicator_code", "year", "numerator", "denominator", "value"]
        )
    parts = household_parts(households, deprivations, catalogue, mpi_cutoff)
    keys = pd.MultiIndex.from_arrays([households["tambon_code"], households["survey_year"]])
    group, uniques = pd.factorize(keys)
    sum_by_group: Callable[[np.ndarray], np.ndarray] = lambda a: np.bincount(  # noqa: E731
        group, weights=a, minlength=len(uniques)
    )
    known = catalogue.set_index("code")
    frames = []
    for code, (num, den) in parts.items():
        if code not in known.index:
            continue
        frames.append(
            pd.DataFrame(
                {
                    "area_code": uniques.get_level_values(0),
                    "indicator_code": code,
                    "year": uniques.get_level_values(1).astype(int),
                    "numerator": sum_by_group(num),
                    "denominator": sum_by_group(den) if den is not None else np.nan,
                }
            )
        )
    result = pd.concat(frames, ignore_index=True)
    meta = known.loc[result["indicator_code"]]
    result["value"] = values_from_parts(
        result["numerator"], result["denominator"], meta["aggregation"].to_numpy(), meta["scale"].to_numpy()
    ).to_numpy()
    return result


def _flag(households: pd.DataFrame, column: str) -> np.ndarray:
    if column not in households:
        return np.zeros(len(households), dtype=bool)
    return households[column].fillna(False).to_numpy(dtype=bool)
