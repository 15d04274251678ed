"""Multidimensional poverty, target poor and household status per area, from household microdata.

Inputs are one survey year: `households` (one row per household: tambon_code, members, welfare_card,
capital_* ...), `deprivations` (same index, one 0/1/NaN column per deprivation indicator, NaN = not
assessed) and the indicator `catalogue` (code, dimension, is_deprivation), which alone says which
indicator belongs to which dimension. Rules:

- the area of a household at a level is the first 2 (province), 4 (amphoe) or 6 (tambon) digits of its
  tambon code; an area is listed when it has at least one household;
- every per-area figure is a sum of per-household parts computed once for the whole frame (one
  Alkire-Foster pass, then `np.bincount` over the area keys), so a level up is the same sums regrouped
  and the areas always add up to the whole;
- MPI (see `analysis.mpi`): n = households (or people) with every indicator assessed, q = the poor among
  them, H = q / n, A = mean score of the poor (0 where no one is poor), M0 = sum of the poor's scores / n
  = sum_j w_j censored_j. An area whose households all lack an indicator has n = 0 and no H, A or M0;
- target poor: deprived in at least one TPMAP dimension (fails any of its indicators; not assessed
  counts as not failing) and holding the welfare card, the rule of `analysis.tambon_indicators`;
- status: class 1-4 from the mean of the five capital scores (`analysis.capitals`), 0 = unclassified.

A bad level raises `ValueError` listing the valid ones; input the rules cannot use raises `MPIInputError`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.capitals import (
    CAPITAL_COLUMNS,
    DEFAULT_BANDS,
    STATUS_CLASSES,
    mean_capital_score,
    status_class,
)
from analysis.levels import code_length
from analysis.mpi import MPIInputError, MPIResult, alkire_foster, nested_weights
from analysis.tambon_indicators import TPMAP_DIMENSIONS, deprivation_dimensions, target_poor_flags

STATUS_LABELS = tuple(STATUS_CLASSES)  # 1, 2, 3, 4: the rows and columns of a transition matrix
ANY_TAMBON = "*"  # the tambon of households given without one (matching on the key alone)


@dataclass(frozen=True)
class MPIByArea:
    overall: MPIResult  # all households together
    by_area: pd.DataFrame  # area_code, n, q, H, A, M0, excluded, censored_<code> ...
    level: str


@dataclass(frozen=True)
class Transitions:
    matrix: pd.DataFrame  # households by class before (rows 1-4) and class after (columns 1-4)
    improved: int  # class went up (towards 4, "well")
    same: int
    worse: int
    matched: int  # households in both years, including those without a class in one of them
    unclassified: int  # matched but unclassified in either year, so not in the matrix
    unmatched_before: int  # only in the earlier year
    unmatched_after: int  # only in the later year


# --- areas ------------------------------------------------------------------------------------------


def area_key(tambon_codes: pd.Series, level: str) -> pd.Series:
    """Code of the area at `level` containing each tambon: the first 2 (province), 4 (amphoe) or all 6
    (tambon) digits of its 6-digit code. Rows already summed per province (the whole country's) carry
    the province's 2-digit code, which serves the province level.

    >>> area_key(pd.Series(["330105", "240201"]), "amphoe").tolist()
    ['3301', '2402']
    """
    length = code_length(level)
    codes = pd.Series(tambon_codes).astype("str")
    valid = codes.str.fullmatch(r"\d{6}|\d{2}" if length == 2 else r"\d{6}").fillna(False).astype(bool)
    if not valid.all():
        bad = codes[~valid].head(3).tolist()
        raise MPIInputError(
            f"tambon codes must be 6-digit strings (or province codes, at the province level); found {bad}"
        )
    return codes.str[:length].rename("area_code")


def _areas(households: pd.DataFrame, level: str) -> tuple[np.ndarray, pd.Index]:
    """Area number of each household (0..areas-1) and the area codes, sorted."""
    group, codes = pd.factorize(area_key(households["tambon_code"], level), sort=True)
    return group, pd.Index(codes, name="area_code", dtype="str")


def _summer(group: np.ndarray, areas: int):
    return lambda values: np.bincount(group, weights=values, minlength=areas)


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN (no value, never zero) where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


# --- weights ----------------------------------------------------------------------------------------


def default_weights(catalogue: pd.DataFrame) -> dict[str, float]:
    """Nested weights: each dimension of the catalogue's deprivation indicators gets an equal share,
    split equally among its indicators."""
    return nested_weights(_deprivation_dimensions(catalogue))


def weights_from_dimensions(
    catalogue: pd.DataFrame,
    dimension_weights: Mapping[str, float],
    indicator_weights: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Indicator weights summing to 1 from a weight per dimension (any non-negative numbers, scaled to
    sum to 1), each split among the dimension's indicators equally or in proportion to
    `indicator_weights` (relative within the dimension; an indicator not named counts 1).

    `dimension_weights` must name every dimension that has a deprivation indicator; a dimension of
    weight 0 gives its indicators 0.

    >>> cat = pd.DataFrame({"code": ["a", "b", "c"], "dimension": ["x", "x", "y"], "is_deprivation": True})
    >>> weights_from_dimensions(cat, {"x": 3, "y": 1}, {"a": 2})
    {'a': 0.5, 'b': 0.25, 'c': 0.25}
    """
    by_dimension: dict[str, list[str]] = {}
    dims = _deprivation_dimensions(catalogue)
    for code, dimension in dims.items():
        by_dimension.setdefault(dimension, []).append(code)
    missing = [d for d in by_dimension if d not in dimension_weights]
    unknown = [d for d in dimension_weights if d not in by_dimension]
    if missing or unknown:
        raise MPIInputError(
            f"dimension weights must name every dimension with a deprivation indicator; "
            f"missing {missing}, unknown {unknown}"
        )
    shares = {d: _weight("dimension", d, dimension_weights[d]) for d in by_dimension}
    total = sum(shares.values())
    if not total > 0:
        raise MPIInputError("dimension weights must not all be zero")
    relative = dict(indicator_weights or {})
    unknown = [c for c in relative if c not in dims]
    if unknown:
        raise MPIInputError(f"indicator weights name codes that are not deprivation indicators: {unknown}")

    weights: dict[str, float] = {}
    for dimension, codes in by_dimension.items():
        within = [_weight("indicator", c, relative.get(c, 1.0)) for c in codes]
        if shares[dimension] > 0 and not sum(within) > 0:
            raise MPIInputError(
                f"dimension '{dimension}' has weight {shares[dimension]} but all its indicator weights are 0"
            )
        for code, part in zip(codes, within):
            weights[code] = shares[dimension] / total * part / sum(within) if shares[dimension] > 0 else 0.0
    return weights


def _weight(kind: str, key: str, value) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
        or value < 0
    ):
        raise MPIInputError(f"{kind} weight for '{key}' must be a non-negative number, not {value!r}")
    return float(value)


def _deprivation_dimensions(catalogue: pd.DataFrame) -> dict[str, str]:
    missing = [c for c in ("code", "dimension", "is_deprivation") if c not in catalogue]
    if missing:
        raise MPIInputError(f"the catalogue lacks columns {missing}")
    dims = deprivation_dimensions(catalogue)
    if not dims:
        raise MPIInputError("the catalogue has no deprivation indicators (is_deprivation)")
    return dims


# --- MPI --------------------------------------------------------------------------------------------


def mpi_by_area(
    households: pd.DataFrame,
    deprivations: pd.DataFrame,
    catalogue: pd.DataFrame,
    weights: Mapping[str, float],
    k: float,
    level: str,
    sample_weight: str | None = None,
    count: str | None = None,
) -> MPIByArea:
    """Alkire-Foster MPI over all households (`overall`) and per area at `level` (`by_area`).

    With `count` each row stands for that many households of one deprivation profile (the stored
    `household_profile` rows): n, q and `excluded` are then counted in households, not rows.

    Scores and poor flags are computed once per household, then summed per area: n and q are households
    (or the `sample_weight` column, e.g. "members" for people) assessed in every indicator and poor;
    H = q / n, A = poor score sum / q (0 with no poor), M0 = poor score sum / n, censored_<code> = poor
    and deprived in <code> / n, so M0 = sum_j w_j censored_<code>. `excluded` counts households left
    out for a missing indicator. Weights must name every deprivation indicator of the catalogue.
    """
    code_length(level)
    columns = ["tambon_code"] + [c for c in (sample_weight, count) if c]
    _check_households(households, columns)
    codes = list(_deprivation_dimensions(catalogue))
    g = _deprivation_matrix(households, deprivations, codes)
    unit_column = sample_weight or count
    overall = alkire_foster(g, weights, k, households[unit_column] if unit_column else None)
    rows_count = households[count].to_numpy(dtype=float) if count else np.ones(len(households))
    complete = overall.score.notna().to_numpy()
    if count:
        overall = replace(overall, excluded=int(rows_count[~complete].sum()))

    group, area_codes = _areas(households, level)
    sums = _summer(group, len(area_codes))
    units = households[unit_column].to_numpy(dtype=float) if unit_column else np.ones(len(households))
    poor = overall.poor.to_numpy(dtype=bool)
    poor_units = units * poor
    n = sums(units * complete)
    q = sums(poor_units)
    poor_score = sums(poor_units * np.nan_to_num(overall.score.to_numpy()))

    frame = pd.DataFrame({"area_code": area_codes, "n": n, "q": q})
    frame["H"] = _ratio(q, n)
    frame["A"] = np.where(n > 0, np.where(q > 0, _ratio(poor_score, q), 0.0), np.nan)
    frame["M0"] = _ratio(poor_score, n)
    frame["excluded"] = sums(rows_count * ~complete).astype(int)
    # Only the poor enter a censored headcount, and they are few: sum over their rows alone.
    rows = np.flatnonzero(poor)
    g_poor = g.iloc[rows].to_numpy(dtype=float)
    sums_poor = _summer(group[rows], len(area_codes))
    censored = {
        f"censored_{code}": _ratio(sums_poor(poor_units[rows] * g_poor[:, j]), n)
        for j, code in enumerate(codes)
    }
    frame = pd.concat([frame, pd.DataFrame(censored)], axis=1)
    return MPIByArea(overall=overall, by_area=frame, level=level)


def contributions_by_dimension(result: MPIResult, catalogue: pd.DataFrame) -> pd.Series:
    """Share of M0 due to each dimension: the sum of w_j h_j / M0 over its indicators (the dimensions sum
    to 1 when M0 > 0, all 0 when M0 = 0). Dimensions in catalogue order."""
    dims = _deprivation_dimensions(catalogue)
    unknown = [c for c in result.contribution.index if c not in dims]
    if unknown:
        raise MPIInputError(
            f"the result has indicators the catalogue does not list as deprivations: {unknown}"
        )
    order = list(dict.fromkeys(dims.values()))
    by_dimension = result.contribution.groupby(result.contribution.index.map(dims)).sum()
    return by_dimension.reindex(order, fill_value=0.0).rename("contribution").rename_axis("dimension")


# --- target poor ------------------------------------------------------------------------------------


def target_poor_by_dimension(
    households: pd.DataFrame,
    deprivations: pd.DataFrame,
    catalogue: pd.DataFrame,
    level: str,
    people: bool = True,
    count: str | None = None,
) -> pd.DataFrame:
    """Target poor per area at `level`, counted in people (household members) or households.

    With `count` each row stands for that many households (a stored profile; `members` is then the
    members of them all).

    Columns: area_code; surveyed; target_poor (deprived in at least one TPMAP dimension AND holding the
    welfare card) and target_poor_rate = target_poor / surveyed; for each TPMAP dimension <dim>_count
    (target poor AND deprived in that dimension) and <dim>_rate = <dim>_count / surveyed; for each
    deprivation indicator <code>_deprived (households failing) and <code>_assessed (households assessed,
    the denominator of its deprivation rate). Rates are shares 0-1. A household is deprived in a
    dimension when it fails any of its indicators; not assessed counts as not failing.
    """
    code_length(level)
    needed = ["tambon_code", "welfare_card"] + (["members"] if people else []) + ([count] if count else [])
    _check_households(households, needed)
    dims = _deprivation_dimensions(catalogue)
    codes = list(dims)
    g = _deprivation_matrix(households, deprivations, codes).to_numpy(dtype=float)
    if not (np.isnan(g) | (g == 0) | (g == 1)).all():
        raise MPIInputError("deprivations must be 0 or 1 (or True/False); missing values as NaN")
    failed = g == 1.0
    assessed = ~np.isnan(g)
    in_dimension, target_poor = target_poor_flags(failed, dims, _welfare_card(households))
    rows_count = households[count].to_numpy(dtype=float) if count else np.ones(len(households))
    units = _members(households) if people else rows_count

    group, area_codes = _areas(households, level)
    sums = _summer(group, len(area_codes))
    surveyed = sums(units)
    poor_units = units * target_poor
    columns: dict[str, object] = {
        "area_code": area_codes,
        "surveyed": surveyed,
        "target_poor": sums(poor_units),
    }
    columns["target_poor_rate"] = _ratio(columns["target_poor"], surveyed)
    for d in TPMAP_DIMENSIONS:
        count = sums(poor_units * in_dimension[d])
        columns[f"{d}_count"] = count
        columns[f"{d}_rate"] = _ratio(count, surveyed)
    for j, code in enumerate(codes):
        columns[f"{code}_deprived"] = sums(rows_count * failed[:, j]).astype(int)
        columns[f"{code}_assessed"] = sums(rows_count * assessed[:, j]).astype(int)
    return pd.DataFrame(columns)


def _welfare_card(households: pd.DataFrame) -> np.ndarray:
    card = households["welfare_card"]
    if card.isna().any():
        raise MPIInputError("welfare_card must be True or False for every household; some are missing")
    return card.to_numpy(dtype=bool)


def _members(households: pd.DataFrame) -> np.ndarray:
    members = pd.to_numeric(households["members"], errors="coerce").to_numpy(dtype=float)
    bad = ~(members >= 1)
    if bad.any():
        first = households.index[bad][0]
        raise MPIInputError(f"members must be at least 1; household at row {first!r} has {members[bad][0]}")
    return members


# --- status -----------------------------------------------------------------------------------------


def status_distribution(
    households: pd.DataFrame, level: str, bands: tuple[float, float, float] = DEFAULT_BANDS
) -> pd.DataFrame:
    """Households per status class per area at `level`.

    Columns: area_code, households, classified (all five capitals scored), status_<class> for the four
    classes (struggling, hard, getting_by, well), unclassified, and status_<class>_share = households in
    the class / households classified (NaN when none is).
    """
    code_length(level)
    _check_households(households, ["tambon_code", *CAPITAL_COLUMNS])
    classes = _status_classes(households, bands)
    return status_from_counts(households[["tambon_code"]].assign(status_class=classes, households=1), level)


def status_from_counts(classes: pd.DataFrame, level: str) -> pd.DataFrame:
    """`status_distribution` from households counted per tambon and class (tambon_code, status_class
    0-4, households), as `household_status` stores them."""
    code_length(level)
    group, area_codes = _areas(classes, level)
    sums = _summer(group, len(area_codes))
    number = classes["status_class"].to_numpy(dtype=np.int64)
    size = classes["households"].to_numpy(dtype=float)
    counts = {f"status_{name}": sums(size * (number == n)).astype(int) for n, name in STATUS_CLASSES.items()}
    unclassified = sums(size * (number == 0)).astype(int)
    total = sums(size).astype(int)
    classified = total - unclassified
    shares = {f"{column}_share": _ratio(count, classified) for column, count in counts.items()}
    return pd.DataFrame(
        {
            "area_code": area_codes,
            "households": total,
            "classified": classified,
            **counts,
            "unclassified": unclassified,
            **shares,
        }
    )


def status_transitions(
    before: pd.DataFrame, after: pd.DataFrame, bands: tuple[float, float, float] = DEFAULT_BANDS
) -> Transitions:
    """Status class changes of the households surveyed in both years, matched on household_key.

    Only households present in both years are compared (the others are counted as unmatched); of those,
    households unclassified in either year are counted apart and left out of the 4 x 4 matrix. A class
    going up (towards 4, "well") is improved, down is worse. `before` must be the earlier survey year.
    """
    pairs = transition_pairs(before, after, bands)
    return transitions_from_pairs(pairs, (set(pairs["tambon_before"]) | set(pairs["tambon_after"])) - {""})


def transition_pairs(
    before: pd.DataFrame, after: pd.DataFrame, bands: tuple[float, float, float] = DEFAULT_BANDS
) -> pd.DataFrame:
    """Households of two survey years matched on household_key, counted per (tambon_before,
    tambon_after, class_before, class_after), as `household_transition` stores them: a household only
    in one year has "" as its tambon and -1 as its class in the other. Every household of either year
    is in exactly one row, so the transitions of any group of tambons are sums of these rows. A frame
    may carry its `status_class` (under `bands`) instead of the capital scores (a seed keeps only the
    keys and classes of the year before)."""
    for frame in (before, after):
        _check_households(frame, ["household_key", *([] if "status_class" in frame else CAPITAL_COLUMNS)])
    years = [_survey_year(frame) for frame in (before, after)]
    if None not in years and years[0] >= years[1]:
        raise MPIInputError(
            f"`before` must be an earlier survey year than `after`, not {years[0]} -> {years[1]}"
        )
    classes = [_classes_by_key(frame, bands) for frame in (before, after)]
    tambons = [
        frame["tambon_code"].to_numpy(dtype=object)
        if "tambon_code" in frame
        else np.full(len(frame), ANY_TAMBON)
        for frame in (before, after)
    ]
    # Keys as numbers (one factorisation of both years), so matching is array indexing, not a join.
    number, keys = pd.factorize(np.concatenate([c.index.to_numpy(dtype=object) for c in classes]))
    sides = (number[: len(classes[0])], number[len(classes[0]) :])
    columns = {}
    for side, name in enumerate(("before", "after")):
        tambon = np.full(len(keys), "", dtype=object)
        tambon[sides[side]] = tambons[side]
        status = np.full(len(keys), -1, dtype=np.int64)
        status[sides[side]] = classes[side].to_numpy()
        columns[f"tambon_{name}"], columns[f"class_{name}"] = tambon, status
    joined = pd.DataFrame(columns)
    order = ["tambon_before", "tambon_after", "class_before", "class_after"]
    return joined.groupby(order, sort=True).size().rename("households").reset_index()


def transitions_from_pairs(pairs: pd.DataFrame, tambons) -> Transitions:
    """`Transitions` of the households of `tambons` (any group of tambon codes) from `transition_pairs`
    rows: matched when in the group in both years, unmatched when in it in one year only."""
    tambons = set(tambons)
    was = pairs["tambon_before"].isin(tambons).to_numpy()
    now = pairs["tambon_after"].isin(tambons).to_numpy()
    size, b, a = (pairs[c].to_numpy(dtype=np.int64) for c in ("households", "class_before", "class_after"))
    found = was & now
    both = found & (b > 0) & (a > 0)
    n = len(STATUS_LABELS)
    cells = (
        np.bincount((b[both] - 1) * n + (a[both] - 1), weights=size[both], minlength=n * n)
        .astype(int)
        .reshape(n, n)
    )
    labels = list(STATUS_LABELS)
    return Transitions(
        matrix=pd.DataFrame(
            cells, index=pd.Index(labels, name="before"), columns=pd.Index(labels, name="after")
        ),
        improved=int(np.triu(cells, 1).sum()),
        same=int(np.trace(cells)),
        worse=int(np.tril(cells, -1).sum()),
        matched=int(size[found].sum()),
        unclassified=int(size[found & ~both].sum()),
        unmatched_before=int(size[was & ~now].sum()),
        unmatched_after=int(size[now & ~was].sum()),
    )


def _status_classes(households: pd.DataFrame, bands) -> np.ndarray:
    scores = households[list(CAPITAL_COLUMNS)].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    if not (np.isnan(scores) | ((scores >= 1) & (scores <= 4))).all():
        raise MPIInputError("capital scores must be 1-4 (or missing)")
    return status_class(mean_capital_score(households), bands).to_numpy()


def _classes_by_key(households: pd.DataFrame, bands) -> pd.Series:
    keys = households["household_key"]
    if keys.isna().any():
        raise MPIInputError("household_key is missing for some households")
    duplicated = keys[keys.duplicated()]
    if len(duplicated):
        raise MPIInputError(
            f"household_key must be unique within a survey year; {duplicated.iloc[0]!r} repeats"
        )
    if "status_class" in households:
        classes = households["status_class"].to_numpy(dtype=np.int64)
    else:
        classes = _status_classes(households, bands)
    return pd.Series(classes, index=pd.Index(keys.to_numpy()))


# --- shared checks ----------------------------------------------------------------------------------


def _check_households(households: pd.DataFrame, columns: list[str]) -> None:
    missing = [c for c in columns if c not in households]
    if missing:
        raise MPIInputError(f"households lack columns {missing}")
    _survey_year(households)


def _survey_year(households: pd.DataFrame) -> int | None:
    """The one survey year of `households` (None when empty or not recorded); mixing years is refused,
    since every figure here is for one survey round."""
    if "survey_year" not in households or households.empty:
        return None
    years = households["survey_year"].unique()
    if len(years) > 1:
        raise MPIInputError(f"households must be from one survey year, not {sorted(years.tolist())}")
    return int(years[0])


def _deprivation_matrix(
    households: pd.DataFrame, deprivations: pd.DataFrame, codes: list[str]
) -> pd.DataFrame:
    """The catalogue's deprivation columns, in catalogue order, row for row with `households`."""
    if not deprivations.index.equals(households.index):
        raise MPIInputError("deprivations must have the same index as households (one row per household)")
    if len(deprivations) == 0:
        return deprivations.reindex(columns=codes).astype(float)
    missing = [c for c in codes if c not in deprivations]
    if missing:
        raise MPIInputError(f"deprivations lack the catalogue's deprivation indicators {missing}")
    return deprivations[codes]
