"""The synthetic demo data: deterministic, scaled as documented, and shaped like the real geography."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data_access.rollup import indicator_values
from sample_data.demo_generator import PROFILES, SEED, SURVEY_YEARS, generate

SCALE = 0.01
TAMBONS = {"24": 93, "33": 206}


@pytest.fixture(scope="module")
def demo():
    return generate(scale=SCALE)


def test_same_seed_gives_identical_frames(demo):
    again = generate(scale=SCALE, seed=SEED)
    pd.testing.assert_frame_equal(demo.households, again.households)
    pd.testing.assert_frame_equal(demo.deprivations, again.deprivations)
    pd.testing.assert_frame_equal(demo.referrals, again.referrals)


def test_another_seed_gives_other_data(demo):
    other = generate(scale=SCALE, seed=SEED + 1)
    assert len(other.households) == len(demo.households)  # sizes follow the scale, not the seed
    assert not other.households["income_per_person"].equals(demo.households["income_per_person"])


def test_scale_arithmetic(demo):
    households = demo.households
    counts = households.groupby([households["tambon_code"].str[:2], "survey_year"]).size()
    for profile in PROFILES:
        # max(round(real households * scale), tambons): 275,192 -> 2,752 and 301,760 -> 3,018 at 0.01
        expected = max(round(profile.households * SCALE), TAMBONS[profile.code])
        for year in SURVEY_YEARS:
            assert counts[(profile.code, year)] == expected
    assert {p.code: round(p.households * SCALE) for p in PROFILES} == {"33": 2752, "24": 3018}
    assert len(households) == 3 * (2752 + 3018)


def test_every_tambon_of_both_provinces_has_households(demo):
    tambons = demo.households.groupby(demo.households["tambon_code"].str[:2])["tambon_code"].nunique()
    assert tambons.to_dict() == TAMBONS


def test_households_are_a_panel_across_survey_years(demo):
    by_year = demo.households.groupby("survey_year")["household_key"].apply(frozenset)
    assert by_year[2564] == by_year[2565] == by_year[2566]
    assert demo.households["id"].is_unique
    assert not demo.households.duplicated(["household_key", "survey_year"]).any()


def test_frames_line_up_and_hold_valid_values(demo):
    households, deprivations = demo.households, demo.deprivations
    assert deprivations.index.equals(households.index)
    assert set(np.unique(deprivations.to_numpy()[~np.isnan(deprivations.to_numpy())])) <= {0.0, 1.0}
    assert (households["members"] >= 1).all()
    capitals = households.filter(like="capital_")
    assert capitals.shape[1] == 5 and capitals.isin([1, 2, 3, 4]).all().all()
    assert demo.referrals["household_id"].isin(households["id"]).all()


def test_income_per_person_matches_the_calibration(demo):
    # The first survey year is calibrated to the published person-weighted mean income per province.
    first = demo.households[demo.households["survey_year"] == 2564]
    for profile in PROFILES:
        rows = first[first["tambon_code"].str.startswith(profile.code)]
        mean = (rows["income_per_person"] * rows["members"]).sum() / rows["members"].sum()
        assert mean == pytest.approx(profile.income_mean, rel=0.01)


def test_southern_khukhan_is_poorer_than_mueang_si_sa_ket(backend):
    values = indicator_values(backend, "amphoe", "target_poor_rate", 2565, parent_code="33")
    rate = values.set_index("area_code")["value"]
    assert rate["3305"] > rate["3301"]
    assert rate["3305"] > 2 * rate["3301"]  # not a coin toss: the south is markedly poorer
