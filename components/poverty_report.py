"""Everything the poverty page shows for one area and year, computed from household data once per
(area, year, weights, k) and cached; pure analysis lives in `analysis.poverty`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis import poverty
from analysis.mpi import MPIResult
from data_access import cached

CHILD_LEVEL = {"province": "amphoe", "amphoe": "tambon", "tambon": "tambon"}
PARENT_LENGTH = {"province": None, "amphoe": 2, "tambon": 4}


@dataclass(frozen=True)
class PovertyReport:
    area_code: str
    level: str
    year: int
    previous_year: int | None
    households: int
    target: pd.Series  # the area's row of target_poor_by_dimension (people)
    parent_target: pd.Series | None
    children: pd.DataFrame  # child areas (siblings for a tambon): target poor and MPI columns
    mpi: MPIResult
    dimension_contributions: pd.Series
    status: pd.Series  # the area's row of status_distribution
    transitions: poverty.Transitions | None


def level_of(code: str) -> str:
    return {2: "province", 4: "amphoe", 6: "tambon"}[len(code)]


@st.cache_data(ttl=600, show_spinner=False, max_entries=64)
def poverty_report(url: str, area_code: str, year: int, weights: tuple, k: float) -> PovertyReport | None:
    """The report, or None when the area has no households that year."""
    catalogue = cached.catalogue(url)
    province = area_code[:2]
    households, deprivations = cached.household_microdata(url, province, year)
    in_area = households["tambon_code"].str.startswith(area_code).to_numpy()
    if not in_area.any():
        return None
    level = level_of(area_code)
    hh, dep = households[in_area], deprivations[in_area]
    target = poverty.target_poor_by_dimension(hh, dep, catalogue, level).iloc[0]
    parent_target = None
    if PARENT_LENGTH[level]:
        parent = area_code[: PARENT_LENGTH[level]]
        parent_rows = households["tambon_code"].str.startswith(parent).to_numpy()
        parent_target = poverty.target_poor_by_dimension(
            households[parent_rows], deprivations[parent_rows], catalogue, level_of(parent)
        ).iloc[0]
    # A tambon has no child areas here: rank it among the tambons of its amphoe instead.
    scope = area_code[:4] if level == "tambon" else area_code
    in_scope = households["tambon_code"].str.startswith(scope).to_numpy()
    child_level = CHILD_LEVEL[level]
    children = poverty.target_poor_by_dimension(
        households[in_scope], deprivations[in_scope], catalogue, child_level
    )
    weights_map = dict(weights)
    child_mpi = poverty.mpi_by_area(
        households[in_scope], deprivations[in_scope], catalogue, weights_map, k, child_level
    ).by_area[["area_code", "H", "A", "M0"]]
    children = children.merge(child_mpi, on="area_code", how="left")
    area_mpi = poverty.mpi_by_area(hh, dep, catalogue, weights_map, k, level)
    status = poverty.status_distribution(hh, level).iloc[0]
    years = cached.survey_years(url)
    earlier = [y for y in years if y < year]
    transitions = None
    if earlier:
        before, _ = cached.household_microdata(url, province, earlier[-1])
        before = before[before["tambon_code"].str.startswith(area_code).to_numpy()]
        transitions = poverty.status_transitions(before, hh)
    return PovertyReport(
        area_code=area_code,
        level=level,
        year=year,
        previous_year=earlier[-1] if earlier else None,
        households=int(in_area.sum()),
        target=target,
        parent_target=parent_target,
        children=children,
        mpi=area_mpi.overall,
        dimension_contributions=poverty.contributions_by_dimension(area_mpi.overall, catalogue),
        status=status,
        transitions=transitions,
    )
