"""Everything the poverty page shows for one area and year, computed from the aggregates the database
keeps (`data_access.poverty_profiles`: households per deprivation profile, per status class and per
status move), never from household rows, and cached; pure analysis lives in `analysis.poverty`.

The figures that do not depend on the MPI settings (target poor, status, transitions) are cached apart
from the MPI, so moving a weight or the cutoff k recomputes only the MPI.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analysis import disclosure_poverty, poverty
from analysis.levels import level_of
from analysis.mpi import MPIResult
from analysis.tambon_indicators import TPMAP_DIMENSIONS, deprivation_dimensions
from data_access import cached
from data_access.cached import CACHED
from data_access.scope import Scope

CHILD_LEVEL = {"province": "amphoe", "amphoe": "tambon", "tambon": "tambon"}
PARENT_LENGTH = {"province": None, "amphoe": 2, "tambon": 4}


@dataclass(frozen=True)
class AreaFigures:
    area_code: str | None  # None for an area set: its figures are its tambons' households together
    level: str
    year: int
    previous_year: int | None
    households: int
    target: pd.Series  # the area's row of target_poor_by_dimension (people)
    parent_target: pd.Series | None
    children: pd.DataFrame  # child areas (siblings for a tambon) with their target-poor figures
    status: pd.Series  # the area's row of status_distribution
    transitions: poverty.Transitions | None
    # The same target-poor figures in households: what the public rules judge people counts by.
    target_households: pd.Series | None
    parent_households: pd.Series | None
    children_households: pd.DataFrame | None


@dataclass(frozen=True)
class PovertyReport(AreaFigures):
    """The figures plus the MPI under the chosen settings; `children` also carries H, A and M0."""

    mpi: MPIResult
    dimension_contributions: pd.Series
    scope: Scope | None = None  # what the report is about (its name on the page)


def poverty_report(url: str, scope: Scope, year: int, weights: tuple, k: float) -> PovertyReport | None:
    """The report of an area or an area set, or None when it has no households that year."""
    if scope.kind == "set":
        figures = set_figures(url, scope.tambons, year)
        mpi_of = set_mpi(url, scope.tambons, year, weights, k) if figures is not None else None
    else:
        figures = area_figures(url, scope.key, year)
        mpi_of = area_mpi(url, scope.key, year, weights, k) if figures is not None else None
    if figures is None:
        return None
    mpi, children_mpi, contributions = mpi_of
    children = figures.children.merge(children_mpi, on="area_code", how="left")
    return PovertyReport(
        **{**vars(figures), "children": children}, mpi=mpi, dimension_contributions=contributions, scope=scope
    )


def _scope(profiles: pd.DataFrame, area_code: str):
    """Rows of the area and of the areas ranked beside it (its children; a tambon's siblings)."""
    level = level_of(area_code)
    scope = area_code[:4] if level == "tambon" else area_code
    codes = profiles["tambon_code"]
    return codes.str.startswith(area_code).to_numpy(), codes.str.startswith(scope).to_numpy()


COUNT = "households"  # each profile row stands for this many households


@CACHED.data(max_entries=64)
def area_figures(url: str, area_code: str, year: int) -> AreaFigures | None:
    catalogue = cached.catalogue(url)
    profiles, deprivations = cached.poverty_profiles(url, area_code[:2], year)
    in_area, in_scope = _scope(profiles, area_code)
    if not in_area.any():
        return None
    level = level_of(area_code)
    hh, dep = profiles[in_area], deprivations[in_area]
    parent_target = parent_households = None
    if PARENT_LENGTH[level]:
        parent = area_code[: PARENT_LENGTH[level]]
        rows = profiles["tambon_code"].str.startswith(parent).to_numpy()
        parent_target, parent_households = _both_units(
            profiles[rows], deprivations[rows], catalogue, level_of(parent)
        )
        parent_target, parent_households = parent_target.iloc[0], parent_households.iloc[0]
    children, children_households = _both_units(
        profiles[in_scope], deprivations[in_scope], catalogue, CHILD_LEVEL[level]
    )
    target, target_households = _both_units(hh, dep, catalogue, level)
    status = cached.household_status(url, area_code[:2], year)
    status = status[status["tambon_code"].str.startswith(area_code)]
    earlier = [y for y in cached.survey_years(url) if y < year]
    transitions = None
    if earlier:
        pairs = _pairs(url, [area_code[:2]], earlier[-1], year, status)
        in_area = _tambons_of(pairs, lambda code: code.startswith(area_code))
        transitions = poverty.transitions_from_pairs(pairs, in_area)
    return AreaFigures(
        area_code=area_code,
        level=level,
        year=year,
        previous_year=earlier[-1] if earlier else None,
        households=int(hh[COUNT].sum()),
        target=target.iloc[0],
        parent_target=parent_target,
        children=children,
        status=poverty.status_from_counts(status, level).iloc[0],
        transitions=transitions,
        target_households=target_households.iloc[0],
        parent_households=parent_households,
        children_households=children_households,
    )


def _pairs(url: str, provinces, year_before: int, year: int, status: pd.DataFrame) -> pd.DataFrame:
    """Stored status moves touching `provinces` between the two years; when `year_before` has no
    households, every household of `status` (the later year's classes) is new."""
    parts = [cached.household_transitions(url, p, year_before, year) for p in sorted(set(provinces))]
    if any(part is None for part in parts):
        return status.rename(columns={"tambon_code": "tambon_after", "status_class": "class_after"}).assign(
            tambon_before="", class_before=-1
        )
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def _tambons_of(pairs: pd.DataFrame, keep) -> set[str]:
    codes = set(pairs["tambon_before"]) | set(pairs["tambon_after"])
    return {code for code in codes if code and keep(code)}


def _both_units(profiles, deprivations, catalogue, level):
    """Target poor per area at `level` in people and in households."""
    return tuple(
        poverty.target_poor_by_dimension(profiles, deprivations, catalogue, level, people=people, count=COUNT)
        for people in (True, False)
    )


@CACHED.data(max_entries=128)
def area_mpi(url: str, area_code: str, year: int, weights: tuple, k: float):
    """(MPI of the area, H/A/M0 of the ranked areas, contributions by dimension) for these settings."""
    catalogue = cached.catalogue(url)
    profiles, deprivations = cached.poverty_profiles(url, area_code[:2], year)
    in_area, in_scope = _scope(profiles, area_code)
    weights_map = dict(weights)
    level = level_of(area_code)
    ranked = poverty.mpi_by_area(
        profiles[in_scope], deprivations[in_scope], catalogue, weights_map, k, CHILD_LEVEL[level], count=COUNT
    )
    # A province or amphoe is the sum of the areas ranked in it: one pass gives both.
    area = ranked if level != "tambon" else None
    if area is None:
        area = poverty.mpi_by_area(
            profiles[in_area], deprivations[in_area], catalogue, weights_map, k, level, count=COUNT
        )
    children = ranked.by_area[["area_code", "H", "A", "M0", "n", "q"]]
    return area.overall, children, poverty.contributions_by_dimension(area.overall, catalogue)


def _members_profiles(url: str, members: tuple[str, ...], year: int):
    parts = [cached.poverty_profiles(url, p, year) for p in sorted({m[:2] for m in members})]
    profiles = pd.concat([h for h, _ in parts], ignore_index=True)
    deprivations = pd.concat([d for _, d in parts], ignore_index=True)
    keep = profiles["tambon_code"].isin(members).to_numpy()
    return profiles[keep].reset_index(drop=True), deprivations[keep].reset_index(drop=True)


def _members_status(url: str, members: tuple[str, ...], year: int) -> pd.DataFrame:
    parts = [cached.household_status(url, p, year) for p in sorted({m[:2] for m in members})]
    status = pd.concat(parts, ignore_index=True)
    return status[status["tambon_code"].isin(members)].reset_index(drop=True)


@CACHED.data(max_entries=16)
def set_figures(url: str, members: tuple[str, ...], year: int) -> AreaFigures | None:
    catalogue = cached.catalogue(url)
    hh, dep = _members_profiles(url, members, year)
    if hh.empty:
        return None
    province = pd.Series([m[:2] for m in members]).mode().iloc[0]
    province_hh, province_dep = cached.poverty_profiles(url, province, year)
    status = _members_status(url, members, year)
    earlier = [y for y in cached.survey_years(url) if y < year]
    transitions = None
    if earlier:
        pairs = _pairs(url, [m[:2] for m in members], earlier[-1], year, status)
        transitions = poverty.transitions_from_pairs(pairs, set(members))
    parent_target, parent_households = _both_units(province_hh, province_dep, catalogue, "province")
    children, children_households = _both_units(hh, dep, catalogue, "tambon")
    return AreaFigures(
        area_code=None,
        level="amphoe",  # its ranked areas are tambons, as an amphoe's are
        year=year,
        previous_year=earlier[-1] if earlier else None,
        households=int(hh[COUNT].sum()),
        target=_together(children, TARGET_RATES),
        parent_target=parent_target.iloc[0],
        children=children,
        status=_together(poverty.status_from_counts(status, "tambon"), STATUS_SHARES),
        transitions=transitions,
        target_households=_together(children_households, TARGET_RATES),
        parent_households=parent_households.iloc[0],
        children_households=children_households,
    )


@CACHED.data(max_entries=64)
def set_mpi(url: str, members: tuple[str, ...], year: int, weights: tuple, k: float):
    catalogue = cached.catalogue(url)
    hh, dep = _members_profiles(url, members, year)
    members_mpi = poverty.mpi_by_area(hh, dep, catalogue, dict(weights), k, "tambon", count=COUNT)
    children = members_mpi.by_area[["area_code", "H", "A", "M0", "n", "q"]]
    return members_mpi.overall, children, poverty.contributions_by_dimension(members_mpi.overall, catalogue)


# A set's own row is its members' rows summed, each rate the summed numerator over the summed denominator.
TARGET_RATES = {
    "target_poor_rate": ("target_poor", "surveyed"),
    **{f"{d}_rate": (f"{d}_count", "surveyed") for d in TPMAP_DIMENSIONS},
}
STATUS_SHARES = {f"status_{c}_share": (f"status_{c}", "classified") for c in poverty.STATUS_CLASSES.values()}


def _together(rows: pd.DataFrame, rates: dict[str, tuple[str, str]]) -> pd.Series:
    """The rows of the member tambons as one row (no area code: a set is not an area)."""
    total = rows.drop(columns=["area_code", *rates]).sum()
    for rate, (numerator, denominator) in rates.items():
        total[rate] = total[numerator] / total[denominator] if total[denominator] else float("nan")
    return total


def public_report(report: PovertyReport, catalogue: pd.DataFrame, k: int | None) -> PovertyReport:
    """The report as a viewer who is not signed in may see it (`analysis.disclosure_poverty`):
    unchanged for officers (k None)."""
    if not k:
        return report
    mpi, by_dimension = disclosure_poverty.public_mpi(report.mpi, deprivation_dimensions(catalogue), k)
    parent = report.parent_target
    return replace(
        report,
        target=disclosure_poverty.public_target(report.target, report.target_households, k),
        parent_target=None
        if parent is None
        else disclosure_poverty.public_target(parent, report.parent_households, k),
        children=disclosure_poverty.public_children(report.children, report.children_households, k),
        status=disclosure_poverty.public_status(report.status, k),
        transitions=None
        if report.transitions is None
        else disclosure_poverty.public_transitions(report.transitions, k),
        mpi=mpi,
        dimension_contributions=by_dimension,
        target_households=None,
        parent_households=None,
        children_households=None,
    )
