"""A database for the poverty page benchmark: the Si Sa Ket demo at full scale, its households tiled
`copies` times (new keys and ids, the same tambons), for 2565 and 2566, with the aggregates kept as the
seed keeps them. Three copies make about 825,000 households a year, the province size of issue #18."""

from __future__ import annotations

import time

import pandas as pd

from analysis.tambon_indicators import tambon_indicator_values
from data_access.bulk import bulk_insert
from data_access.catalogue import read_indicators
from data_access.engine import make_engine
from data_access.poverty_profiles import store_loaded
from data_access.schema import household, household_deprivation, indicator_value
from data_access.seed import seed
from data_access.seed_pipeline import sparse_deprivations
from sample_data.demo_generator import generate

PROVINCE = "33"
YEARS = (2565, 2566)


def build(url: str, copies: int = 3, log=print) -> None:
    started = time.perf_counter()
    engine = make_engine(url, statement_timeout=None)
    seed(engine, demo=False, log=lambda *_: None)
    data = generate(scale=1.0)
    keep = (data.households["tambon_code"].str[:2] == PROVINCE) & data.households["survey_year"].isin(YEARS)
    base, base_dep = data.households[keep].reset_index(drop=True), data.deprivations[keep.to_numpy()]
    base_dep = base_dep.reset_index(drop=True)
    del data
    tiles, tile_dep = [], []
    for copy in range(copies):
        tile = base.copy()
        tile["id"] = tile["id"] + copy * 10_000_000
        tile["household_key"] = tile["household_key"] + f"-{copy}"
        tiles.append(tile)
        tile_dep.append(base_dep)
    households = pd.concat(tiles, ignore_index=True)
    deprivations = pd.concat(tile_dep, ignore_index=True)
    log(f"bench data: {len(households):,} household-years of province {PROVINCE} ({copies} copies)")
    counted = households.assign(has_referral=False, has_resolved_referral=False)
    values = tambon_indicator_values(counted, deprivations, read_indicators())
    values = values[values["indicator_code"].isin(["households_surveyed", "target_poor_rate"])]
    with engine.begin() as conn:
        bulk_insert(conn, household, households)
        bulk_insert(conn, household_deprivation, sparse_deprivations(deprivations, households["id"]))
        bulk_insert(conn, indicator_value, values)
        store_loaded(conn, households, deprivations)
    engine.dispose()
    log(f"bench database built in {time.perf_counter() - started:.0f} s")
