"""The poverty report of an area or an area set assembled from the kept aggregates: households per
deprivation profile (`count` column), per status class and per status move. Pure: the page fetches the
frames (`components.poverty.report`, cached) and these functions turn them into the figures it shows.

A set is not an area: its own row is its member tambons' rows summed (each rate the summed numerator over
the summed denominator) and its MPI the overall MPI of its households, never a made-up area code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from analysis import disclosure_poverty, poverty
from analysis.levels import level_of
from analysis.mpi import MPIResult
from analysis.scope import Scope
from analysis.tambon_indicators import TPMAP_DIMENSIONS, deprivation_dimensions

COUNT = "households"  # each profile row stands for this many households

CHILD_LEVEL = {"country": "province", "province": "amphoe", "amphoe": "tambon", "tambon": "tambon"}
PARENT_LENGTH = {"province": None, "amphoe": 2, "tambon": 4}


@dataclass(frozen=True)
class AreaFigures:
    area_code: str | None  # None for an area set (its tambons' households together) or the country
    level: str  # "country", province, amphoe or tambon ("amphoe" for a set: its ranked areas are tambons)
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


def combined(figures: AreaFigures, mpi_of, scope: Scope) -> PovertyReport:
    """The figures with the MPI under the chosen settings (`area_mpi_of` / `set_mpi_of`)."""
    mpi, children_mpi, contributions = mpi_of
    children = figures.children.merge(children_mpi, on="area_code", how="left")
    return PovertyReport(
        **{**vars(figures), "children": children}, mpi=mpi, dimension_contributions=contributions, scope=scope
    )


def area_rows(profiles: pd.DataFrame, area_code: str):
    """Rows of the area and of the areas ranked beside it (its children; a tambon's siblings)."""
    level = level_of(area_code)
    scope = area_code[:4] if level == "tambon" else area_code
    codes = profiles["tambon_code"]
    return codes.str.startswith(area_code).to_numpy(), codes.str.startswith(scope).to_numpy()


def both_units(profiles, deprivations, catalogue, level):
    """Target poor per area at `level` in people and in households."""
    return tuple(
        poverty.target_poor_by_dimension(profiles, deprivations, catalogue, level, people=people, count=COUNT)
        for people in (True, False)
    )


def moves_or_all_new(parts: list, status: pd.DataFrame) -> pd.DataFrame:
    """Stored status moves (one frame per province); when the earlier year has no households (a part is
    None), every household of `status` (the later year's classes) is new."""
    if any(part is None for part in parts):
        return status.rename(columns={"tambon_code": "tambon_after", "status_class": "class_after"}).assign(
            tambon_before="", class_before=-1
        )
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def tambons_of(pairs: pd.DataFrame, keep) -> set[str]:
    codes = set(pairs["tambon_before"]) | set(pairs["tambon_after"])
    return {code for code in codes if code and keep(code)}


def area_figures_of(
    catalogue, profiles, deprivations, status, pairs, area_code: str, year: int, previous_year: int | None
) -> AreaFigures | None:
    """The figures of a province, amphoe or tambon from its province's profile rows, status counts and
    (with an earlier year) status moves; None when it has no households."""
    in_area, in_scope = area_rows(profiles, area_code)
    if not in_area.any():
        return None
    level = level_of(area_code)
    hh, dep = profiles[in_area], deprivations[in_area]
    parent_target = parent_households = None
    if PARENT_LENGTH[level]:
        parent = area_code[: PARENT_LENGTH[level]]
        rows = profiles["tambon_code"].str.startswith(parent).to_numpy()
        parent_target, parent_households = both_units(
            profiles[rows], deprivations[rows], catalogue, level_of(parent)
        )
        parent_target, parent_households = parent_target.iloc[0], parent_households.iloc[0]
    children, children_households = both_units(
        profiles[in_scope], deprivations[in_scope], catalogue, CHILD_LEVEL[level]
    )
    target, target_households = both_units(hh, dep, catalogue, level)
    status = status[status["tambon_code"].str.startswith(area_code)]
    transitions = None
    if pairs is not None:
        transitions = poverty.transitions_from_pairs(
            pairs, tambons_of(pairs, lambda code: code.startswith(area_code))
        )
    return AreaFigures(
        area_code=area_code,
        level=level,
        year=year,
        previous_year=previous_year,
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


def area_mpi_of(catalogue, profiles, deprivations, area_code: str, weights: dict, k: float):
    """(MPI of the area, H/A/M0 of the ranked areas, contributions by dimension) for these settings."""
    in_area, in_scope = area_rows(profiles, area_code)
    level = level_of(area_code)
    ranked = poverty.mpi_by_area(
        profiles[in_scope], deprivations[in_scope], catalogue, weights, k, CHILD_LEVEL[level], count=COUNT
    )
    # A province or amphoe is the sum of the areas ranked in it: one pass gives both.
    area = ranked if level != "tambon" else None
    if area is None:
        area = poverty.mpi_by_area(
            profiles[in_area], deprivations[in_area], catalogue, weights, k, level, count=COUNT
        )
    children = ranked.by_area[["area_code", "H", "A", "M0", "n", "q"]]
    return area.overall, children, poverty.contributions_by_dimension(area.overall, catalogue)


def set_figures_of(
    catalogue,
    members,
    profiles,
    deprivations,
    province_profiles,
    province_deprivations,
    status,
    pairs,
    year: int,
    previous_year: int | None,
) -> AreaFigures | None:
    """The figures of an area set from its members' profile rows and status counts, compared with the
    province most members are in (its profile rows); the ranked areas are the members."""
    if profiles.empty:
        return None
    transitions = None if pairs is None else poverty.transitions_from_pairs(pairs, set(members))
    parent_target, parent_households = both_units(
        province_profiles, province_deprivations, catalogue, "province"
    )
    children, children_households = both_units(profiles, deprivations, catalogue, "tambon")
    return AreaFigures(
        area_code=None,
        level="amphoe",  # its ranked areas are tambons, as an amphoe's are
        year=year,
        previous_year=previous_year,
        households=int(profiles[COUNT].sum()),
        target=_together(children, TARGET_RATES),
        parent_target=parent_target.iloc[0],
        children=children,
        status=_together(poverty.status_from_counts(status, "tambon"), STATUS_SHARES),
        transitions=transitions,
        target_households=_together(children_households, TARGET_RATES),
        parent_households=parent_households.iloc[0],
        children_households=children_households,
    )


def set_mpi_of(catalogue, profiles, deprivations, weights: dict, k: float):
    members_mpi = poverty.mpi_by_area(profiles, deprivations, catalogue, weights, k, "tambon", count=COUNT)
    children = members_mpi.by_area[["area_code", "H", "A", "M0", "n", "q"]]
    return members_mpi.overall, children, poverty.contributions_by_dimension(members_mpi.overall, catalogue)


def country_figures_of(
    catalogue, profiles, deprivations, status, pairs, year: int, previous_year: int | None
) -> AreaFigures | None:
    """The whole country's figures from its profile rows, status counts and status moves summed per
    province (`tambon_code` a province code): its own row is the provinces' rows summed, the ranked
    areas are the provinces, and it has no parent to compare with."""
    if profiles.empty:
        return None
    children, children_households = both_units(profiles, deprivations, catalogue, "province")
    provinces = set(children["area_code"])
    transitions = None if pairs is None else poverty.transitions_from_pairs(pairs, provinces)
    return AreaFigures(
        area_code=None,
        level="country",
        year=year,
        previous_year=previous_year,
        households=int(profiles[COUNT].sum()),
        target=_together(children, TARGET_RATES),
        parent_target=None,
        children=children,
        status=_together(poverty.status_from_counts(status, "province"), STATUS_SHARES),
        transitions=transitions,
        target_households=_together(children_households, TARGET_RATES),
        parent_households=None,
        children_households=children_households,
    )


def country_mpi_of(catalogue, profiles, deprivations, weights: dict, k: float):
    """(MPI of the country, H/A/M0 of its provinces, contributions by dimension): one pass."""
    provinces = poverty.mpi_by_area(profiles, deprivations, catalogue, weights, k, "province", count=COUNT)
    children = provinces.by_area[["area_code", "H", "A", "M0", "n", "q"]]
    return provinces.overall, children, poverty.contributions_by_dimension(provinces.overall, catalogue)


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
