"""Household microdata -> tambon numerators, denominators and values, checked by hand on five households.

id tambon  year members income card capitals         deprived in (TPMAP dimension)   referral
h1 330105  2565   4     30,000  yes  1,1,2,2,1 (1.4)  bmn60_22 (income)                resolved
h2 330105  2565   2     50,000  no   3,3,3,3,3 (3.0)  bmn60_08 (living)                -
h3 330105  2565   1     -       yes  4,4,4,4,4 (4.0)  none; bmn60_01 not assessed      -
h4 330106  2565   3     40,000  yes  2,2,2,2,2 (2.0)  bmn60_01, 15, 20, 27, 28         referred only
h5 330105  2566   5     20,000  no   -,2,2,2,2        bmn60_22 (income)                -
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.tambon_indicators import deprivation_dimensions, tambon_indicator_values
from data_access.catalogue import read_indicators


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return read_indicators()


@pytest.fixture(scope="module")
def households_frames(catalogue) -> tuple[pd.DataFrame, pd.DataFrame]:
    households = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "tambon_code": ["330105", "330105", "330105", "330106", "330105"],
            "survey_year": [2565, 2565, 2565, 2565, 2566],
            "members": [4, 2, 1, 3, 5],
            "income_per_person": [30_000.0, 50_000.0, np.nan, 40_000.0, 20_000.0],
            "capital_human": [1, 3, 4, 2, np.nan],
            "capital_physical": [1, 3, 4, 2, 2],
            "capital_economic": [2, 3, 4, 2, 2],
            "capital_natural": [2, 3, 4, 2, 2],
            "capital_social": [1, 3, 4, 2, 2],
            "welfare_card": [True, False, True, True, False],
            "has_referral": [True, False, False, True, False],
            "has_resolved_referral": [True, False, False, False, False],
            "verified": [False, True, False, True, False],  # h2 is verified but not target poor
        }
    )
    codes = sorted(deprivation_dimensions(catalogue))
    deprivations = pd.DataFrame(0.0, index=households.index, columns=codes)
    deprivations.loc[0, "bmn60_22"] = 1
    deprivations.loc[1, "bmn60_08"] = 1
    deprivations.loc[2, "bmn60_01"] = np.nan
    deprivations.loc[3, ["bmn60_01", "bmn60_15", "bmn60_20", "bmn60_27", "bmn60_28"]] = 1
    deprivations.loc[4, "bmn60_22"] = 1
    return households, deprivations


@pytest.fixture(scope="module")
def values(catalogue, households_frames) -> pd.DataFrame:
    households, deprivations = households_frames
    return tambon_indicator_values(households, deprivations, catalogue)


def row(values: pd.DataFrame, tambon: str, indicator: str, year: int = 2565) -> pd.Series:
    match = values[
        (values["area_code"] == tambon) & (values["indicator_code"] == indicator) & (values["year"] == year)
    ]
    assert len(match) == 1, (tambon, indicator, year)
    return match.iloc[0]


def parts(values, tambon, indicator, year=2565) -> tuple[float, float, float]:
    r = row(values, tambon, indicator, year)
    return r["numerator"], r["denominator"], r["value"]


def test_one_row_per_tambon_year_and_catalogue_indicator(values, catalogue):
    # (330105, 2565), (330106, 2565), (330105, 2566) x the 44 indicators microdata can compute; the
    # indicators only TPMAP files carry (the 14 other BMN indicators, welfare-card and TPMAP counts,
    # target poor per indicator) have no household rule.
    computable = catalogue[~catalogue["source"].str.contains("TPMAP 2561 column")]
    assert len(computable) == 44
    assert len(values) == 3 * len(computable)
    assert set(values["indicator_code"]) == set(computable["code"])
    assert not values.duplicated(["area_code", "indicator_code", "year"]).any()


def test_survey_counts(values):
    # 330105 in 2565: h1, h2, h3 = 3 households, 4 + 2 + 1 = 7 people
    assert row(values, "330105", "households_surveyed")["value"] == 3
    assert row(values, "330105", "people_surveyed")["value"] == 7
    assert row(values, "330106", "people_surveyed")["value"] == 3
    assert row(values, "330105", "people_surveyed", 2566)["value"] == 5
    # welfare card: h1 and h3 of 3 households = 66.67 %
    assert parts(values, "330105", "welfare_card_rate") == (2, 3, pytest.approx(200 / 3))


def test_target_poor_people_and_rate(values):
    # 330105/2565: h1 has the card and an income deprivation -> 4 target-poor people of 7.
    # h2 is deprived but has no card; h3 has the card but no deprivation.
    assert row(values, "330105", "target_poor_people")["value"] == 4
    assert row(values, "330105", "target_poor_households")["value"] == 1
    assert parts(values, "330105", "target_poor_rate") == (4, 7, pytest.approx(400 / 7))
    # 330106: h4, card and deprived, is all 3 people -> 100 %
    assert parts(values, "330106", "target_poor_rate") == (3, 3, pytest.approx(100.0))
    # 330105/2566: h5 deprived without a card -> 0 of 5, a real zero (not missing)
    assert parts(values, "330105", "target_poor_rate", 2566) == (0, 5, 0.0)


def test_dimension_rates_of_target_poor_people(values):
    # h1 is target poor through income only: income 4/7, every other dimension 0/7
    assert parts(values, "330105", "tp_income_rate") == (4, 7, pytest.approx(400 / 7))
    for dimension in ("health", "living", "education", "access"):
        assert parts(values, "330105", f"tp_{dimension}_rate") == (0, 7, 0.0)  # h2's living: no card
    # h4 is deprived in health, education, income and access but not living
    for dimension in ("health", "education", "income", "access"):
        assert row(values, "330106", f"tp_{dimension}_rate")["value"] == pytest.approx(100.0)
    assert row(values, "330106", "tp_living_rate")["value"] == 0.0


def test_indicator_deprivation_rates_count_assessed_households(values):
    # bmn60_08 (living): h2 fails, 3 assessed -> 1/3
    assert parts(values, "330105", "bmn60_08") == (1, 3, pytest.approx(100 / 3))
    # bmn60_01: h3 not assessed -> 0 failing of 2 assessed
    assert parts(values, "330105", "bmn60_01") == (0, 2, 0.0)
    assert parts(values, "330106", "bmn60_01") == (1, 1, 100.0)


def test_income_per_person(values):
    # (30,000 * 4 + 50,000 * 2) / (4 + 2) people; h3 reported no income and is left out of both sums
    assert parts(values, "330105", "income_per_person") == (220_000, 6, pytest.approx(220_000 / 6))
    assert row(values, "330106", "income_per_person")["value"] == pytest.approx(40_000)


def test_capital_means(values):
    # human: (1 + 3 + 4)/3 households scored
    assert parts(values, "330105", "capital_human") == (8, 3, pytest.approx(8 / 3))
    # 2566: h5 has no human score -> nothing scored: no value, not zero
    numerator, denominator, value = parts(values, "330105", "capital_human", 2566)
    assert denominator == 0 and np.isnan(value)
    assert row(values, "330105", "capital_physical", 2566)["value"] == 2


def test_status_shares(values):
    # mean scores h1 1.4 -> struggling, h2 3.0 -> getting by, h3 4.0 -> well; 3 classified households
    expected = {"struggling": 1, "hard": 0, "getting_by": 1, "well": 1}
    for status, count in expected.items():
        assert parts(values, "330105", f"status_{status}_share") == (count, 3, pytest.approx(100 * count / 3))
    # h4 2.0 -> hard
    assert row(values, "330106", "status_hard_share")["value"] == pytest.approx(100.0)
    # h5 is missing a capital score, so it is unclassified and the shares have no value
    assert np.isnan(row(values, "330105", "status_hard_share", 2566)["value"])


def test_mpi_with_nested_weights(values):
    # Nested weights: 1/5 per TPMAP dimension, split within it: health, living, education have 4
    # indicators (1/20 each), income 3 (1/15 each), access 2 (1/10 each). Cutoff k = 0.26.
    # h4: bmn60_01 1/20 + bmn60_15 1/20 + bmn60_20 1/15 + bmn60_27 1/10 + bmn60_28 1/10 = 11/30 -> poor
    assert parts(values, "330106", "mpi_h") == (1, 1, 100.0)
    assert row(values, "330106", "mpi_a")["value"] == pytest.approx(100 * 11 / 30)
    assert row(values, "330106", "mpi_m0")["value"] == pytest.approx(11 / 30)
    # 330105: h1 scores 1/15, h2 1/20 (not poor); h3 is left out (not assessed on bmn60_01)
    assert parts(values, "330105", "mpi_h") == (0, 2, 0.0)
    assert np.isnan(row(values, "330105", "mpi_a")["value"])  # no poor households: intensity undefined
    assert row(values, "330105", "mpi_m0")["value"] == 0.0


def test_referrals(values):
    # 330105: the one target-poor household (h1) has a resolved referral -> 100 %
    assert parts(values, "330105", "referral_coverage") == (1, 1, 100.0)
    # 330106: h4 was referred but nothing is resolved yet -> 0 %
    assert parts(values, "330106", "referral_coverage") == (0, 1, 0.0)
    assert row(values, "330106", "referred_households")["value"] == 1
    # 2566: no target poor -> coverage undefined, not 0 %
    assert np.isnan(row(values, "330105", "referral_coverage", 2566)["value"])


def test_verification_coverage_counts_verified_target_poor_only(values, catalogue, households_frames):
    # 330105 in 2565: h1 is the target poor and not verified (h2, verified, is not target poor) -> 0 %
    assert parts(values, "330105", "verification_coverage") == (0, 1, 0.0)
    # 330106: h4 is target poor and verified -> 100 %
    assert parts(values, "330106", "verification_coverage") == (1, 1, 100.0)
    # Without verification states (the importer's recompute) the indicator is left out, not zeroed.
    households, deprivations = households_frames
    plain = tambon_indicator_values(households.drop(columns="verified"), deprivations, catalogue)
    assert "verification_coverage" not in set(plain["indicator_code"])


def test_no_households_gives_an_empty_frame(catalogue):
    empty = tambon_indicator_values(
        pd.DataFrame(columns=["tambon_code", "survey_year"]), pd.DataFrame(), catalogue
    )
    assert empty.empty
    assert list(empty.columns) == ["area_code", "indicator_code", "year", "numerator", "denominator", "value"]


def test_misaligned_deprivations_are_refused_and_missing_cards_are_not_cards():
    import numpy as np
    import pandas as pd

    from analysis.tambon_indicators import household_parts
    from data_access.catalogue import read_indicators

    catalogue = read_indicators()
    codes = catalogue.loc[catalogue["is_deprivation"], "code"].tolist()
    households = pd.DataFrame(
        {
            "tambon_code": ["240101", "240101"],
            "survey_year": [2566, 2566],
            "members": [2, 3],
            "income_per_person": [50_000.0, 20_000.0],
            **{f"capital_{c}": [2, 3] for c in ("human", "physical", "economic", "natural", "social")},
            "welfare_card": [None, True],
        }
    )
    deprivations = pd.DataFrame(1.0, index=households.index, columns=codes)
    parts = household_parts(households, deprivations, catalogue)
    np.testing.assert_array_equal(parts["target_poor_households"][0], [0.0, 1.0])
    with pytest.raises(ValueError):
        household_parts(households, deprivations.iloc[::-1], catalogue)
