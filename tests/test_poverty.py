"""Per-area MPI, target poor and household status (analysis.poverty): hand-computed cases, consistency
with the whole-frame figures and with analysis.tambon_indicators on demo data, and refused inputs.

The hand-made survey year (2566). Catalogue: health {h1, h2}, living {l1}, education {e1}, plus
`income_note` (not a deprivation indicator, ignored). Weights from dimensions health 2, living 1,
education 1 -> shares 1/2, 1/4, 1/4; health split h1:h2 = 3:1 -> w = h1 3/8, h2 1/8, l1 1/4, e1 1/4.

unit tambon  members card  h1  h2  l1  e1   score c_i          poor at k = 3/8
u1   330101     2    yes   1   0   0   0    3/8                yes (tie)
u2   330101     1    no    0   1   1   0    1/8 + 1/4 = 3/8    yes (tie)
u3   330101     3    yes   0   0   0   1    1/4                no
u4   330101     4    yes   1   1   1   1    1                  yes
u5   330102     1    yes   0   1   0   0    1/8                no
u6   330102     1    no    0   0   0   0    0                  no
u7   330201     2    yes   0   0   1   1    1/2                yes
u8   330201     5    yes   -   0   1   0    left out (h1 not assessed)
u9   330201     3    no    1   0   0   1    3/8 + 1/4 = 5/8    yes
Amphoe 3301 = tambons 330101, 330102; amphoe 3302 = tambon 330201; all in province 33.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.capitals import CAPITAL_COLUMNS
from analysis.levels import LEVELS
from analysis.mpi import MPIInputError, alkire_foster
from analysis.poverty import (
    area_key,
    contributions_by_dimension,
    default_weights,
    mpi_by_area,
    status_distribution,
    status_transitions,
    target_poor_by_dimension,
    weights_from_dimensions,
)
from analysis.rates import values_from_parts
from analysis.tambon_indicators import DEFAULT_MPI_CUTOFF, TPMAP_DIMENSIONS, tambon_indicator_values
from data_access.catalogue import read_indicators
from sample_data.demo_generator import generate

approx = pytest.approx
CODES = ["h1", "h2", "l1", "e1"]
TIE = 3 / 8


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["h1", "h2", "l1", "e1", "income_note"],
            "dimension": ["health", "health", "living", "education", "income"],
            "is_deprivation": [True, True, True, True, False],
        }
    )


@pytest.fixture(scope="module")
def weights(catalogue) -> dict[str, float]:
    return weights_from_dimensions(catalogue, {"health": 2, "living": 1, "education": 1}, {"h1": 3, "h2": 1})


@pytest.fixture(scope="module")
def households() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(1, 10),
            "household_key": [f"u{i}" for i in range(1, 10)],
            "tambon_code": ["330101"] * 4 + ["330102"] * 2 + ["330201"] * 3,
            "survey_year": 2566,
            "members": [2, 1, 3, 4, 1, 1, 2, 5, 3],
            "welfare_card": [True, False, True, True, True, False, True, True, False],
        },
        index=range(101, 110),  # not 0..n-1: rows are matched by index, never by position
    )


@pytest.fixture(scope="module")
def deprivations(households) -> pd.DataFrame:
    rows = [
        [1, 0, 0, 0],
        [0, 1, 1, 0],
        [0, 0, 0, 1],
        [1, 1, 1, 1],
        [0, 1, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 1, 1],
        [np.nan, 0, 1, 0],
        [1, 0, 0, 1],
    ]
    return pd.DataFrame(rows, columns=CODES, index=households.index, dtype=float)


def by_code(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("area_code")


# --- weights ----------------------------------------------------------------------------------------


def test_weights_from_dimensions(weights):
    # dimensions 2:1:1 -> 1/2, 1/4, 1/4; health's 1/2 split 3:1 -> 3/8, 1/8
    assert weights == approx({"h1": 3 / 8, "h2": 1 / 8, "l1": 1 / 4, "e1": 1 / 4})
    assert list(weights) == CODES  # catalogue order, non-deprivation indicators left out


def test_weights_from_dimensions_equal_is_the_default(catalogue):
    # three dimensions of 1/3; health's split in two -> 1/6 each
    expected = {"h1": 1 / 6, "h2": 1 / 6, "l1": 1 / 3, "e1": 1 / 3}
    assert default_weights(catalogue) == approx(expected)
    assert weights_from_dimensions(catalogue, {"health": 5, "living": 5, "education": 5}) == approx(expected)


def test_a_dimension_of_weight_zero_drops_its_indicators(catalogue):
    # health 0, living 1, education 3 -> l1 1/4, e1 3/4, health's indicators 0 whatever their split
    weights = weights_from_dimensions(
        catalogue, {"health": 0, "living": 1, "education": 3}, {"h1": 0, "h2": 0}
    )
    assert weights == approx({"h1": 0.0, "h2": 0.0, "l1": 0.25, "e1": 0.75})


@pytest.mark.parametrize(
    ("dimension_weights", "indicator_weights", "message"),
    [
        ({"health": -1, "living": 1, "education": 1}, None, r"dimension weight for 'health' .* not -1"),
        ({"health": "x", "living": 1, "education": 1}, None, r"dimension weight for 'health' .* not 'x'"),
        ({"health": float("nan"), "living": 1, "education": 1}, None, "'health'"),
        ({"health": True, "living": 1, "education": 1}, None, "'health'"),
        ({"health": 1, "living": 1}, None, r"missing \['education'\]"),
        ({"health": 1, "living": 1, "education": 1, "access": 1}, None, r"unknown \['access'\]"),
        ({"health": 0, "living": 0, "education": 0}, None, "all be zero"),
        ({"health": 1, "living": 1, "education": 1}, {"zz": 1}, r"\['zz'\]"),
        ({"health": 1, "living": 1, "education": 1}, {"h2": -0.5}, r"indicator weight for 'h2' .* not -0.5"),
        ({"health": 1, "living": 1, "education": 1}, {"h1": 0, "h2": 0}, "dimension 'health' .* all its"),
    ],
)
def test_bad_weights_are_refused(catalogue, dimension_weights, indicator_weights, message):
    with pytest.raises(MPIInputError, match=message):
        weights_from_dimensions(catalogue, dimension_weights, indicator_weights)


def test_a_catalogue_without_deprivation_indicators_is_refused(catalogue):
    none = catalogue.assign(is_deprivation=False)
    with pytest.raises(MPIInputError, match="no deprivation indicators"):
        default_weights(none)
    with pytest.raises(MPIInputError, match="no deprivation indicators"):
        weights_from_dimensions(none, {})


# --- MPI by area, by hand -----------------------------------------------------------------------------


def test_mpi_by_tambon_with_unequal_weights_and_k_at_a_tie(households, deprivations, catalogue, weights):
    result = mpi_by_area(households, deprivations, catalogue, weights, TIE, "tambon")
    areas = by_code(result.by_area)
    assert list(areas.index) == ["330101", "330102", "330201"]
    # 330101: n = 4, poor u1, u2 (both exactly 3/8), u4 -> q = 3, H = 3/4;
    #   poor score sum 3/8 + 3/8 + 1 = 7/4: A = (7/4)/3 = 7/12, M0 = (7/4)/4 = 7/16
    #   censored: h1 {u1, u4} 2/4, h2 {u2, u4} 2/4, l1 {u2, u4} 2/4, e1 {u4} 1/4 (u3 is not poor)
    #   check: 3/8 * 1/2 + 1/8 * 1/2 + 1/4 * 1/2 + 1/4 * 1/4 = (3 + 1 + 2 + 1)/16 = 7/16
    t = areas.loc["330101"]
    assert (t.n, t.q, t.excluded) == (4, 3, 0)
    assert (t.H, t.A, t.M0) == (approx(3 / 4), approx(7 / 12), approx(7 / 16))
    assert [t[f"censored_{c}"] for c in CODES] == approx([1 / 2, 1 / 2, 1 / 2, 1 / 4])
    # 330102: u5 scores 1/8, u6 0: nobody poor -> H = A = M0 = 0 (A is 0, not missing)
    t = areas.loc["330102"]
    assert (t.n, t.q, t.H, t.A, t.M0) == (2, 0, 0.0, 0.0, 0.0)
    assert [t[f"censored_{c}"] for c in CODES] == [0.0] * 4
    # 330201: u8 left out -> n = 2, u7 (1/2) and u9 (5/8) poor: H = 1, A = M0 = (1/2 + 5/8)/2 = 9/16
    #   censored h1 {u9} 1/2, h2 0, l1 {u7} 1/2, e1 {u7, u9} 1; 3/16 + 0 + 2/16 + 4/16 = 9/16
    t = areas.loc["330201"]
    assert (t.n, t.q, t.excluded) == (2, 2, 1)
    assert (t.H, t.A, t.M0) == (approx(1.0), approx(9 / 16), approx(9 / 16))
    assert [t[f"censored_{c}"] for c in CODES] == approx([1 / 2, 0, 1 / 2, 1])
    # overall: n = 8, q = 5, H = 5/8; score sum 7/4 + 9/8 = 23/8: A = 23/40, M0 = 23/64; u8 excluded
    o = result.overall
    assert (o.n, o.q, o.excluded) == (8, 5, 1)
    assert (o.H, o.A, o.M0) == (approx(5 / 8), approx(23 / 40), approx(23 / 64))


def test_mpi_by_amphoe(households, deprivations, catalogue, weights):
    areas = by_code(mpi_by_area(households, deprivations, catalogue, weights, TIE, "amphoe").by_area)
    assert list(areas.index) == ["3301", "3302"]
    # 3301 = 330101 + 330102: n = 4 + 2 = 6, q = 3 + 0 = 3, H = 1/2; score sum 7/4: A = 7/12, M0 = 7/24
    #   censored: h1 2/6, h2 2/6, l1 2/6, e1 1/6; 3/8 * 1/3 + 1/8 * 1/3 + 1/4 * 1/3 + 1/4 * 1/6 = 7/24
    a = areas.loc["3301"]
    assert (a.n, a.q) == (6, 3)
    assert (a.H, a.A, a.M0) == (approx(1 / 2), approx(7 / 12), approx(7 / 24))
    assert [a[f"censored_{c}"] for c in CODES] == approx([1 / 3, 1 / 3, 1 / 3, 1 / 6])
    # 3302 is tambon 330201 alone
    assert (areas.loc["3302", "n"], areas.loc["3302", "M0"]) == (2, approx(9 / 16))


def test_an_area_with_every_household_left_out_has_no_value(households, deprivations, catalogue, weights):
    # u5 and u6 (all of 330102) not assessed on e1: n = 0 there, so H, A, M0 have no value (not 0)
    gaps = deprivations.copy()
    gaps.loc[[105, 106], "e1"] = np.nan
    areas = by_code(mpi_by_area(households, gaps, catalogue, weights, TIE, "tambon").by_area)
    t = areas.loc["330102"]
    assert (t.n, t.q, t.excluded) == (0, 0, 2)
    assert np.isnan([t.H, t.A, t.M0, t.censored_h1]).all()
    assert areas.loc["330101", "M0"] == approx(7 / 16)  # the others are untouched


def test_k_just_above_the_tie(households, deprivations, catalogue, weights):
    areas = by_code(mpi_by_area(households, deprivations, catalogue, weights, 0.4, "tambon").by_area)
    # u1 and u2 (3/8 = 0.375) are no longer poor: 330101 has u4 alone -> q = 1, H = 1/4, A = 1, M0 = 1/4
    assert (areas.loc["330101", "q"], areas.loc["330101", "A"]) == (1, 1.0)
    assert areas.loc["330101", "M0"] == approx(1 / 4)
    # 330201 keeps u7 (1/2) and u9 (5/8)
    assert areas.loc["330201", "M0"] == approx(9 / 16)


def test_person_weighted_figures(households, deprivations, catalogue, weights):
    result = mpi_by_area(households, deprivations, catalogue, weights, TIE, "tambon", sample_weight="members")
    areas = by_code(result.by_area)
    # 330101 people: n = 2 + 1 + 3 + 4 = 10, q = u1 2 + u2 1 + u4 4 = 7, H = 7/10;
    #   poor score sum 2 * 3/8 + 1 * 3/8 + 4 * 1 = 41/8: A = (41/8)/7 = 41/56, M0 = (41/8)/10 = 41/80
    t = areas.loc["330101"]
    assert (t.n, t.q) == (10, 7)
    assert (t.H, t.A, t.M0) == (approx(7 / 10), approx(41 / 56), approx(41 / 80))
    # censored e1: only u4 (4 people) of 10 -> 4/10
    assert t.censored_e1 == approx(0.4)
    # 330201: u8's 5 people are left out; n = 2 + 3 = 5, q = 5; score sum 2 * 1/2 + 3 * 5/8 = 23/8
    t = areas.loc["330201"]
    assert (t.n, t.q, t.excluded) == (5, 5, 1)
    assert (t.H, t.A, t.M0) == (1.0, approx(23 / 40), approx(23 / 40))
    # overall: n = 10 + 2 + 5 = 17, q = 7 + 5 = 12
    assert (result.overall.n, result.overall.q) == (17, 12)


def test_contributions_by_dimension(households, deprivations, catalogue, weights):
    result = mpi_by_area(households, deprivations, catalogue, weights, TIE, "tambon").overall
    # overall censored: h1 {u1, u4, u9} 3/8, h2 {u2, u4} 2/8, l1 {u2, u4, u7} 3/8, e1 {u4, u7, u9} 3/8
    # w_j h_j in 64ths: h1 9, h2 2, l1 6, e1 6 = 23 = 64 * M0
    # health (9 + 2)/23, living 6/23, education 6/23
    shares = contributions_by_dimension(result, catalogue)
    assert list(shares.index) == ["health", "living", "education"]
    assert shares.tolist() == approx([11 / 23, 6 / 23, 6 / 23])
    assert shares.sum() == approx(1.0)


def test_contributions_are_zero_without_poverty(households, deprivations, catalogue, weights):
    # k = 1: only u4 scores 1; without it nobody is poor, M0 = 0 and no dimension contributes
    rest = households.index != 104
    result = mpi_by_area(households[rest], deprivations[rest], catalogue, weights, 1, "tambon").overall
    assert result.M0 == 0
    assert contributions_by_dimension(result, catalogue).tolist() == [0.0, 0.0, 0.0]


# --- MPI by area on demo data: the areas add up to the whole ------------------------------------------


@pytest.fixture(scope="module")
def demo():
    data = generate(scale=0.01)
    year = data.households["survey_year"] == 2566
    return data.households[year], data.deprivations[year]


@pytest.fixture(scope="module")
def bmn() -> pd.DataFrame:
    return read_indicators()


@pytest.mark.parametrize("sample_weight", [None, "members"])
def test_province_figures_equal_recomputing_over_its_households(demo, bmn, sample_weight):
    households, deprivations = demo
    weights = weights_from_dimensions(
        bmn, {"health": 1, "living": 2, "education": 1, "income": 3, "access": 1}, {"bmn60_22": 4}
    )
    k = 0.1
    result = mpi_by_area(households, deprivations, bmn, weights, k, "province", sample_weight)
    assert list(result.by_area["area_code"]) == ["24", "33"]
    for row in result.by_area.itertuples():
        mine = (households["tambon_code"].str[:2] == row.area_code).to_numpy()
        sw = households.loc[mine, sample_weight] if sample_weight else None
        alone = alkire_foster(deprivations.loc[mine, list(weights)], weights, k, sw)
        assert alone.q > 0  # the test means something
        assert (row.n, row.q, row.H, row.A, row.M0) == approx((alone.n, alone.q, alone.H, alone.A, alone.M0))
        censored = [getattr(row, f"censored_{c}") for c in weights]
        assert censored == approx(alone.censored_headcount.tolist())


@pytest.mark.parametrize("sample_weight", [None, "members"])
def test_tambons_add_up_to_amphoes_and_areas_to_the_whole(demo, bmn, sample_weight):
    households, deprivations = demo
    weights = default_weights(bmn)
    tambon = mpi_by_area(households, deprivations, bmn, weights, 0.1, "tambon", sample_weight)
    amphoe = by_code(
        mpi_by_area(households, deprivations, bmn, weights, 0.1, "amphoe", sample_weight).by_area
    )
    t = tambon.by_area.assign(score_sum=lambda f: f.M0.fillna(0) * f.n)
    summed = t.groupby(t["area_code"].str[:4])[["n", "q", "score_sum", "excluded"]].sum()
    assert summed.index.tolist() == amphoe.index.tolist()
    assert summed["n"].tolist() == approx(amphoe["n"].tolist())
    assert summed["q"].tolist() == approx(amphoe["q"].tolist())
    assert summed["score_sum"].tolist() == approx((amphoe["M0"] * amphoe["n"]).tolist())
    assert summed["excluded"].tolist() == amphoe["excluded"].tolist()
    for level in (t, amphoe):
        # n-weighted sums of H and of n give the overall q and n
        assert (level["H"].fillna(0) * level["n"]).sum() == approx(tambon.overall.q)
        assert level["n"].sum() == approx(tambon.overall.n)
        # M0 = sum_j w_j censored_j in every area
        censored = level[[f"censored_{c}" for c in weights]].to_numpy()
        assert np.nan_to_num(censored @ np.array(list(weights.values()))) == approx(level["M0"].fillna(0))


def test_mpi_parts_agree_with_tambon_indicators(demo, bmn):
    households, deprivations = demo
    values = tambon_indicator_values(households, deprivations, bmn)
    parts = values.pivot(index="area_code", columns="indicator_code", values=["numerator", "denominator"])
    areas = by_code(
        mpi_by_area(households, deprivations, bmn, default_weights(bmn), DEFAULT_MPI_CUTOFF, "tambon").by_area
    )
    assert (parts["numerator", "mpi_h"] == areas["q"]).all()
    assert (parts["denominator", "mpi_h"] == areas["n"]).all()
    assert parts["numerator", "mpi_m0"].to_numpy() == approx((areas["M0"] * areas["n"]).to_numpy())


# --- target poor ---------------------------------------------------------------------------------------


def test_target_poor_by_amphoe_by_hand(households, deprivations, catalogue):
    # target poor = card and failing any indicator: u1 (h1), u3 (e1), u4 (all), u5 (h2), u7 (l1, e1),
    # u8 (l1; its h1 is not assessed, which counts as not failing). u2 and u9 have no card; u6 no deprivation.
    homes = by_code(target_poor_by_dimension(households, deprivations, catalogue, "amphoe", people=False))
    # 3301: 6 households, target poor u1, u3, u4, u5 = 4; health u1, u4, u5; living u4; education u3, u4
    a = homes.loc["3301"]
    assert (a.surveyed, a.target_poor, a.target_poor_rate) == (6, 4, approx(4 / 6))
    assert (a.health_count, a.living_count, a.education_count, a.income_count, a.access_count) == (
        3,
        1,
        2,
        0,
        0,
    )
    assert a.health_rate == approx(3 / 6)
    # 3302: 3 households, target poor u7, u8; health none; living u7, u8; education u7
    a = homes.loc["3302"]
    assert (a.surveyed, a.target_poor, a.health_count, a.living_count, a.education_count) == (3, 2, 0, 2, 1)
    # indicator counts are households whatever `people` is: h1 fails for u9 of u7, u9 assessed
    assert (a.h1_deprived, a.h1_assessed, a.l1_deprived, a.l1_assessed) == (1, 2, 2, 3)

    people = by_code(target_poor_by_dimension(households, deprivations, catalogue, "amphoe"))
    # 3301 people: 2 + 1 + 3 + 4 + 1 + 1 = 12; target poor u1 2 + u3 3 + u4 4 + u5 1 = 10
    #   health u1 2 + u4 4 + u5 1 = 7; living u4 4; education u3 3 + u4 4 = 7
    a = people.loc["3301"]
    assert (a.surveyed, a.target_poor, a.health_count, a.living_count, a.education_count) == (12, 10, 7, 4, 7)
    assert (a.target_poor_rate, a.education_rate) == (approx(10 / 12), approx(7 / 12))
    # 3302 people: 2 + 5 + 3 = 10; target poor u7 2 + u8 5 = 7, living 7, education u7 2
    a = people.loc["3302"]
    assert (a.surveyed, a.target_poor, a.living_count, a.education_count) == (10, 7, 7, 2)
    assert a.h1_deprived == 1


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("people", [True, False])
def test_target_poor_agrees_with_tambon_indicators_rolled_up(demo, bmn, level, people):
    households, deprivations = demo
    values = tambon_indicator_values(households, deprivations, bmn)
    # the roll-up rule of data_access.rollup: sum tambon parts by code prefix, then values_from_parts
    values["area_code"] = area_key(values["area_code"], level)
    parts = values.groupby(["area_code", "indicator_code"])[["numerator", "denominator"]].sum(min_count=1)
    numerator = parts["numerator"].unstack()
    denominator = parts["denominator"].unstack()
    mine = by_code(target_poor_by_dimension(households, deprivations, bmn, level, people))
    assert mine.index.tolist() == numerator.index.tolist()

    def same(column: pd.Series, expected: pd.Series) -> None:
        np.testing.assert_array_equal(column.to_numpy(dtype=float), expected.to_numpy(dtype=float))

    same(mine["surveyed"], numerator["people_surveyed" if people else "households_surveyed"])
    same(mine["target_poor"], numerator["target_poor_people" if people else "target_poor_households"])
    if people:
        same(mine["surveyed"], denominator["target_poor_rate"])
        rate = values_from_parts(numerator["target_poor_rate"], denominator["target_poor_rate"], "ratio", 100)
        assert (100 * mine["target_poor_rate"]).tolist() == approx(rate.tolist())
        for d in TPMAP_DIMENSIONS:
            same(mine[f"{d}_count"], numerator[f"tp_{d}_rate"])
            same(mine["surveyed"], denominator[f"tp_{d}_rate"])
    for code in default_weights(bmn):
        same(mine[f"{code}_deprived"], numerator[code])
        same(mine[f"{code}_assessed"], denominator[code])
    assert mine["target_poor"].sum() > 0 and mine[[f"{d}_count" for d in TPMAP_DIMENSIONS]].gt(0).any().all()


# --- status --------------------------------------------------------------------------------------------

# Every capital scores the same, so the mean is that score: 1 -> class 1, 2 -> 2, 3 -> 3, 4 -> 4.
#   key  tambon  2565        2566
#   A    330101  1 (1)       -            only before
#   B    330101  1 (1)       3 (3)        improved
#   C    330101  2 (2)       2 (2)        same
#   D    330102  3 (3)       2 (2)        worse
#   E    330102  4 (4)       4 (4)        same
#   F    330102  - (none)    2 (2)        matched but unclassified before
#   H    330102  1,2,2,2,2   2,2,2,1,1    mean 1.8 -> class 2, then 1.6 -> class 1: worse
#   G    330101  -           1 (1)        only after


def status_year(year: int, rows: dict[str, tuple[str, list[float]]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [[key, tambon, *scores] for key, (tambon, scores) in rows.items()],
        columns=["household_key", "tambon_code", *CAPITAL_COLUMNS],
    )
    return frame.assign(survey_year=year)


BEFORE = status_year(
    2565,
    {
        "A": ("330101", [1] * 5),
        "B": ("330101", [1] * 5),
        "C": ("330101", [2] * 5),
        "D": ("330102", [3] * 5),
        "E": ("330102", [4] * 5),
        "F": ("330102", [np.nan, 2, 2, 2, 2]),
        "H": ("330102", [1, 2, 2, 2, 2]),
    },
)
AFTER = status_year(  # a different order from BEFORE: matching is by key
    2566,
    {
        "G": ("330101", [1] * 5),
        "H": ("330102", [2, 2, 2, 1, 1]),
        "E": ("330102", [4] * 5),
        "D": ("330102", [2] * 5),
        "C": ("330101", [2] * 5),
        "B": ("330101", [3] * 5),
        "F": ("330102", [2] * 5),
    },
)


def test_status_distribution():
    areas = by_code(status_distribution(BEFORE, "tambon"))
    # 330101: A, B class 1, C class 2 -> 3 households, all classified: shares 2/3, 1/3, 0, 0
    t = areas.loc["330101"]
    assert (t.households, t.classified, t.status_struggling, t.status_hard, t.unclassified) == (3, 3, 2, 1, 0)
    assert [t.status_struggling_share, t.status_hard_share, t.status_getting_by_share] == approx(
        [2 / 3, 1 / 3, 0]
    )
    # 330102: D 3, E 4, H 2 (mean 1.8), F unclassified -> 4 households, 3 classified, 1/3 each of 2, 3, 4
    t = areas.loc["330102"]
    assert (t.households, t.classified, t.unclassified) == (4, 3, 1)
    assert (t.status_struggling, t.status_hard, t.status_getting_by, t.status_well) == (0, 1, 1, 1)
    assert [t.status_hard_share, t.status_getting_by_share, t.status_well_share] == approx([1 / 3] * 3)
    # province 33: the two together
    province = by_code(status_distribution(BEFORE, "province")).loc["33"]
    assert (province.households, province.status_struggling, province.status_struggling_share) == (
        7,
        2,
        approx(2 / 6),
    )


def test_status_transitions():
    moves = status_transitions(BEFORE, AFTER)
    # B 1 -> 3 improved; C 2 -> 2 and E 4 -> 4 same; D 3 -> 2 and H 2 -> 1 worse
    assert (moves.improved, moves.same, moves.worse) == (1, 2, 2)
    # matched B, C, D, E, F, H = 6, of which F has no class before; A only before, G only after
    assert (moves.matched, moves.unclassified, moves.unmatched_before, moves.unmatched_after) == (6, 1, 1, 1)
    expected = np.zeros((4, 4), dtype=int)
    for before, after in [(1, 3), (2, 2), (4, 4), (3, 2), (2, 1)]:
        expected[before - 1, after - 1] = 1
    np.testing.assert_array_equal(moves.matrix.to_numpy(), expected)
    assert moves.matrix.index.tolist() == [1, 2, 3, 4] and moves.matrix.columns.tolist() == [1, 2, 3, 4]


def test_transitions_refuse_reversed_years_and_repeated_keys():
    with pytest.raises(MPIInputError, match="earlier survey year"):
        status_transitions(AFTER, BEFORE)
    with pytest.raises(MPIInputError, match="'B' repeats"):
        status_transitions(pd.concat([BEFORE, BEFORE.iloc[[1]]]), AFTER)


# --- empty input, levels, refused input ---------------------------------------------------------------


def test_empty_input(households, deprivations, catalogue, weights):
    none_h, none_d = households.iloc[:0], deprivations.iloc[:0]
    result = mpi_by_area(none_h, none_d, catalogue, weights, TIE, "tambon", "members")
    assert result.by_area.empty and (result.overall.n, result.overall.M0) == (0, 0)
    assert list(result.by_area.columns[:6]) == ["area_code", "n", "q", "H", "A", "M0"]
    assert contributions_by_dimension(result.overall, catalogue).tolist() == [0.0, 0.0, 0.0]
    target = target_poor_by_dimension(none_h, none_d, catalogue, "amphoe")
    assert target.empty and "health_rate" in target and "e1_assessed" in target
    assert status_distribution(BEFORE.iloc[:0], "tambon").empty
    moves = status_transitions(BEFORE.iloc[:0], AFTER)
    assert (moves.matched, moves.unmatched_after, int(moves.matrix.to_numpy().sum())) == (0, 7, 0)


def test_area_key():
    codes = pd.Series(["330105", "240201"])
    assert area_key(codes, "province").tolist() == ["33", "24"]
    assert area_key(codes, "amphoe").tolist() == ["3301", "2402"]
    assert area_key(codes, "tambon").tolist() == ["330105", "240201"]
    with pytest.raises(MPIInputError, match="6-digit"):
        area_key(pd.Series(["33010", None]), "tambon")


def test_unknown_level_lists_the_valid_ones(households, deprivations, catalogue, weights):
    message = r"level must be one of \('province', 'amphoe', 'tambon'\), not 'village'"
    calls = [
        lambda: area_key(households["tambon_code"], "village"),
        lambda: mpi_by_area(households, deprivations, catalogue, weights, TIE, "village"),
        lambda: target_poor_by_dimension(households, deprivations, catalogue, "village"),
        lambda: status_distribution(BEFORE, "village"),
    ]
    for call in calls:
        with pytest.raises(ValueError, match=message):
            call()


def test_refused_input(households, deprivations, catalogue, weights):
    with pytest.raises(MPIInputError, match=r"missing \['e1'\]"):
        mpi_by_area(households, deprivations, catalogue, {"h1": 1, "h2": 1, "l1": 1}, TIE, "tambon")
    with pytest.raises(MPIInputError, match="k is a share"):
        mpi_by_area(households, deprivations, catalogue, weights, 0, "tambon")
    with pytest.raises(MPIInputError, match="same index"):
        mpi_by_area(households, deprivations.reset_index(drop=True), catalogue, weights, TIE, "tambon")
    with pytest.raises(MPIInputError, match=r"lack the catalogue's deprivation indicators \['l1'\]"):
        target_poor_by_dimension(households, deprivations.drop(columns="l1"), catalogue, "tambon")
    with pytest.raises(MPIInputError, match="0 or 1"):
        target_poor_by_dimension(households, deprivations.replace(1.0, 2.0), catalogue, "tambon")
    with pytest.raises(MPIInputError, match=r"lack columns \['people'\]"):
        mpi_by_area(households, deprivations, catalogue, weights, TIE, "tambon", sample_weight="people")
    with pytest.raises(MPIInputError, match=r"one survey year, not \[2565, 2566\]"):
        mpi_by_area(
            households.assign(survey_year=[2565] + [2566] * 8),
            deprivations,
            catalogue,
            weights,
            TIE,
            "tambon",
        )
    with pytest.raises(MPIInputError, match="welfare_card"):
        card = households.assign(welfare_card=[None] + [True] * 8)
        target_poor_by_dimension(card, deprivations, catalogue, "tambon")
    with pytest.raises(MPIInputError, match="members must be at least 1"):
        target_poor_by_dimension(households.assign(members=0), deprivations, catalogue, "tambon")
    with pytest.raises(MPIInputError, match="capital scores must be 1-4"):
        status_distribution(BEFORE.assign(capital_human=5), "tambon")
    with pytest.raises(MPIInputError, match="catalogue does not list"):
        result = mpi_by_area(households, deprivations, catalogue, weights, TIE, "tambon").overall
        contributions_by_dimension(result, catalogue[catalogue["code"] != "e1"])
