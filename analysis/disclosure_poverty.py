"""The poverty page's figures as a public viewer may see them: the rules of `analysis.disclosure`
applied to figures computed from household microdata (target poor by dimension, MPI H/A/M0 and
contributions, status classes, transitions), judged by the households behind each figure.

- target poor (people) rest on the target-poor households: hidden when those, or the other
  households of the area, are fewer than `k` (not zero); a dimension likewise by its own households;
  hidden with the area's target-poor figures;
- H, A, M0 and every contribution rest on the poor households: all hidden together when those (or
  the non-poor) are fewer than `k`; a contribution also when the poor households deprived in that
  indicator are; a dimension's contribution when any of its indicators' is;
- status classes partition the classified households: all four hidden when any class is small;
- transitions: each cell and each of improved / same / worse hidden when small.

What is shown is rounded: counts to `ROUNDING_BASE`, rates from the rounded counts, H, A and M0 and
shares to a few decimals. Hidden figures are NaN; the page says "<k".
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from analysis.capitals import STATUS_CLASSES
from analysis.disclosure import round_count
from analysis.poverty import Transitions
from analysis.tambon_indicators import TPMAP_DIMENSIONS


def _small(value, k: int) -> bool:
    return bool(pd.notna(value) and 0 < value < k)


def _rate(count: float, total: float) -> float:
    return round(float(count) / float(total), 4) if pd.notna(total) and total > 0 else np.nan


def public_target(people: pd.Series, households: pd.Series, k: int) -> pd.Series:
    """One area's row of `target_poor_by_dimension` (people), protected by its households row."""
    shown = people.copy().astype(object)
    surveyed_hh = households["surveyed"]
    poor_hh = households["target_poor"]
    area_hidden = _small(surveyed_hh, k)
    group_hidden = area_hidden or _small(poor_hh, k) or _small(surveyed_hh - poor_hh, k)
    surveyed = np.nan if area_hidden else float(round_count(float(people["surveyed"])))
    shown["surveyed"] = surveyed
    poor = np.nan if group_hidden else float(round_count(float(people["target_poor"])))
    shown["target_poor"], shown["target_poor_rate"] = poor, _rate(poor, surveyed)
    for d in TPMAP_DIMENSIONS:
        d_hh = households[f"{d}_count"]
        hidden = group_hidden or _small(d_hh, k) or _small(surveyed_hh - d_hh, k)
        count = np.nan if hidden else float(round_count(float(people[f"{d}_count"])))
        shown[f"{d}_count"], shown[f"{d}_rate"] = count, _rate(count, surveyed)
    for column in shown.index:
        if column.endswith(("_deprived", "_assessed")):
            shown[column] = np.nan  # not on the page: nothing to publish
    return shown


def public_children(people: pd.DataFrame, households: pd.DataFrame, k: int) -> pd.DataFrame:
    """Child areas' target-poor rows (with H, A, M0, n, q when present) protected row by row, then
    against "parent minus the others": while one child is hidden, or the hidden add up to fewer than
    `k` target-poor households, the child with the fewest goes too."""
    by_code = households.set_index("area_code")
    rows = [public_target(row, by_code.loc[row["area_code"]], k) for _, row in people.iterrows()]
    shown = pd.DataFrame(rows, columns=people.columns).reset_index(drop=True)
    poor_hh = by_code.reindex(shown["area_code"])["target_poor"].to_numpy(float)
    hidden = shown["target_poor"].isna().to_numpy() & (poor_hh > 0)
    order = [i for i in np.argsort(poor_hh, kind="stable") if not hidden[i] and poor_hh[i] > 0]
    while hidden.any() and order and (hidden.sum() == 1 or poor_hh[hidden].sum() < k):
        hidden[order.pop(0)] = True
    columns = [
        "target_poor",
        "target_poor_rate",
        *[f"{d}_{p}" for d in TPMAP_DIMENSIONS for p in ("count", "rate")],
    ]
    shown.loc[hidden, columns] = np.nan
    if {"n", "q"} <= set(people.columns):
        for i, row in people.reset_index(drop=True).iterrows():
            mpi_hidden = (
                hidden[i] or _small(row["q"], k) or _small(row["n"] - row["q"], k) or _small(row["n"], k)
            )
            q, n = round_count(float(row["q"])), round_count(float(row["n"]))
            shown.loc[i, "H"] = np.nan if mpi_hidden else _rate(q, n)
            shown.loc[i, "A"] = np.nan if mpi_hidden else round(float(row["A"]), 4)
            shown.loc[i, "M0"] = np.nan if mpi_hidden else round(float(row["M0"]), 4)
            shown.loc[i, ["n", "q"]] = np.nan
    return shown


def public_mpi(result, catalogue_dims: dict[str, str], k: int):
    """(MPIResult, dimension contributions) as published: H from rounded counts, A and M0 rounded,
    contributions from the rounded censored counts; everything NaN when the poor (or non-poor)
    households are fewer than `k`."""
    n, q = float(result.n), float(result.q)
    hidden = _small(q, k) or _small(n - q, k) or _small(n, k)
    censored = (result.censored_headcount * n).round()
    total = float((result.weights * censored).sum())
    if hidden:
        contribution = result.contribution * np.nan
    else:
        rounded = censored.map(lambda c: np.nan if _small(c, k) else float(round_count(c)))
        contribution = (result.weights * rounded / total).round(3) if total > 0 else result.contribution * 0
    dims = pd.Series(catalogue_dims).reindex(contribution.index)
    order = list(dict.fromkeys(catalogue_dims.values()))
    by_dimension = contribution.groupby(dims).sum(min_count=1)
    any_hidden = contribution.isna().groupby(dims).any()
    by_dimension = (
        by_dimension.where(~any_hidden).reindex(order).rename("contribution").rename_axis("dimension")
    )
    shown = replace(
        result,
        H=np.nan if hidden else _rate(round_count(q), round_count(n)),
        A=np.nan if hidden else round(float(result.A), 4),
        M0=np.nan if hidden else round(float(result.M0), 4),
        n=np.nan if _small(n, k) else float(round_count(n)),
        q=np.nan if hidden else float(round_count(q)),
        censored_headcount=result.censored_headcount * np.nan,
        uncensored_headcount=result.uncensored_headcount * np.nan,
        contribution=contribution,
        score=result.score.iloc[:0],
        poor=result.poor.iloc[:0],
    )
    return shown, by_dimension


def public_status(status: pd.Series, k: int) -> pd.Series:
    """One area's status row: the four classes hidden together when any is small, else rounded."""
    shown = status.copy().astype(object)
    names = [f"status_{name}" for name in STATUS_CLASSES.values()]
    hidden = any(_small(status[c], k) for c in names) or _small(status["classified"], k)
    classified = float(round_count(float(status["classified"])))
    for column in ("households", "classified", "unclassified"):
        shown[column] = (
            np.nan if hidden or _small(status[column], k) else float(round_count(float(status[column])))
        )
    for column in names:
        count = np.nan if hidden else float(round_count(float(status[column])))
        shown[column], shown[f"{column}_share"] = count, _rate(count, classified)
    return shown


def public_transitions(moves: Transitions, k: int) -> Transitions:
    """The matrix and its three sums, each cell hidden when small (NaN) and rounded otherwise."""

    def one(value):
        return np.nan if _small(value, k) else float(round_count(float(value)))

    matrix = moves.matrix.astype(float).map(one)
    return replace(
        moves,
        matrix=matrix,
        improved=one(moves.improved),
        same=one(moves.same),
        worse=one(moves.worse),
        matched=one(moves.matched),
        unclassified=one(moves.unclassified),
        unmatched_before=one(moves.unmatched_before),
        unmatched_after=one(moves.unmatched_after),
    )
