"""The poverty page's report for the whole country, an area or an area set: the kept aggregates
fetched and cached here, assembled by `analysis.poverty_report` (pure). No household rows are read
per request; the whole country's are summed per province in SQL.

The figures that do not depend on the MPI settings (target poor, status, transitions) are cached apart
from the MPI, so moving a weight or the cutoff k recomputes only the MPI.
"""

from __future__ import annotations

import pandas as pd

from analysis import poverty_report as assemble
from analysis.poverty_report import AreaFigures, PovertyReport
from analysis.scope import Scope
from data_access import cached
from data_access.cached import CACHED


def poverty_report(url: str, scope: Scope, year: int, weights: tuple, k: float) -> PovertyReport | None:
    """The report of the whole country, an area or an area set, or None when it has no households
    that year."""
    if scope.kind == "country":
        figures = country_figures(url, year)
        mpi_of = country_mpi(url, year, weights, k) if figures is not None else None
    elif scope.kind == "set":
        figures = set_figures(url, scope.tambons, year)
        mpi_of = set_mpi(url, scope.tambons, year, weights, k) if figures is not None else None
    else:
        figures = area_figures(url, scope.key, year)
        mpi_of = area_mpi(url, scope.key, year, weights, k) if figures is not None else None
    return None if figures is None else assemble.combined(figures, mpi_of, scope)


@CACHED.data(max_entries=128)
def shown_report(
    url: str, scope: Scope, year: int, weights: tuple, k: float, min_households: int | None
) -> PovertyReport | None:
    """`poverty_report` as a viewer with this threshold may see it (`public_report`), kept: the
    disclosure rules over the children ranking cost more than the rest of a warm rerun."""
    report = poverty_report(url, scope, year, weights, k)
    return None if report is None else assemble.public_report(report, cached.catalogue(url), min_households)


def _previous_year(url: str, year: int) -> int | None:
    earlier = [y for y in cached.survey_years(url) if y < year]
    return earlier[-1] if earlier else None


def _moves(url: str, provinces, year: int, status: pd.DataFrame) -> pd.DataFrame | None:
    before = _previous_year(url, year)
    if before is None:
        return None
    parts = [cached.household_transitions(url, p, before, year) for p in sorted(set(provinces))]
    return assemble.moves_or_all_new(parts, status)


@CACHED.data(max_entries=64)
def area_figures(url: str, area_code: str, year: int) -> AreaFigures | None:
    profiles, deprivations = cached.poverty_profiles(url, area_code[:2], year)
    status = cached.household_status(url, area_code[:2], year)
    in_area = status[status["tambon_code"].str.startswith(area_code)]
    return assemble.area_figures_of(
        cached.catalogue(url),
        profiles,
        deprivations,
        status,
        _moves(url, [area_code[:2]], year, in_area),
        area_code,
        year,
        _previous_year(url, year),
    )


@CACHED.data(max_entries=128)
def area_mpi(url: str, area_code: str, year: int, weights: tuple, k: float):
    profiles, deprivations = cached.poverty_profiles(url, area_code[:2], year)
    return assemble.area_mpi_of(cached.catalogue(url), profiles, deprivations, area_code, dict(weights), k)


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
    profiles, deprivations = _members_profiles(url, members, year)
    if profiles.empty:
        return None
    province = pd.Series([m[:2] for m in members]).mode().iloc[0]
    province_profiles, province_deprivations = cached.poverty_profiles(url, province, year)
    status = _members_status(url, members, year)
    return assemble.set_figures_of(
        cached.catalogue(url),
        members,
        profiles,
        deprivations,
        province_profiles,
        province_deprivations,
        status,
        _moves(url, [m[:2] for m in members], year, status),
        year,
        _previous_year(url, year),
    )


@CACHED.data(max_entries=64)
def set_mpi(url: str, members: tuple[str, ...], year: int, weights: tuple, k: float):
    profiles, deprivations = _members_profiles(url, members, year)
    return assemble.set_mpi_of(cached.catalogue(url), profiles, deprivations, dict(weights), k)


@CACHED.data(max_entries=8)
def country_figures(url: str, year: int) -> AreaFigures | None:
    profiles, deprivations = cached.country_profiles(url, year)
    before = _previous_year(url, year)
    pairs = None
    if before is not None:
        status = cached.country_status(url, year)
        pairs = assemble.moves_or_all_new([cached.country_transitions(url, before, year)], status)
    return assemble.country_figures_of(
        cached.catalogue(url),
        profiles,
        deprivations,
        cached.country_status(url, year),
        pairs,
        year,
        before,
    )


@CACHED.data(max_entries=64)
def country_mpi(url: str, year: int, weights: tuple, k: float):
    profiles, deprivations = cached.country_profiles(url, year)
    return assemble.country_mpi_of(cached.catalogue(url), profiles, deprivations, dict(weights), k)
