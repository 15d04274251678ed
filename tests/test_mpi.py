"""Alkire-Foster M0: hand-computed cases, identities on random data, and refused inputs.

Notation (OPHI): g_ij deprivation of unit i in indicator j, w_j weights summing to 1, score
c_i = sum_j w_j g_ij, poor when c_i >= k; H = q/n, A = mean score of the poor, M0 = H*A = sum_j w_j h_j.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.mpi import MPIInputError, alkire_foster, nested_weights, normalise_weights

approx = pytest.approx


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


# --- hand-computed cases --------------------------------------------------------------------------

TWO = frame(water=[1, 1, 0, 0], school=[1, 0, 0, 1])
EQUAL = {"water": 0.5, "school": 0.5}
EQUAL_AB = {"a": 0.5, "b": 0.5}


@pytest.mark.parametrize(
    ("k", "H", "A", "M0", "poor"),
    [
        # scores c = [1, 0.5, 0, 0.5]
        # k = 0.25 and 0.5: units 1, 2, 4 poor; H = 3/4; A = (1 + .5 + .5)/3 = 2/3; M0 = 3/4 * 2/3 = 1/2
        (0.25, 3 / 4, 2 / 3, 1 / 2, [True, True, False, True]),
        (0.5, 3 / 4, 2 / 3, 1 / 2, [True, True, False, True]),
        # k = 0.75 and 1: only unit 1 (c = 1); H = 1/4; A = 1; M0 = 1/4
        (0.75, 1 / 4, 1.0, 1 / 4, [True, False, False, False]),
        (1, 1 / 4, 1.0, 1 / 4, [True, False, False, False]),
    ],
)
def test_equal_weights_at_several_cutoffs(k, H, A, M0, poor):
    result = alkire_foster(TWO, EQUAL, k=k)
    assert (result.H, result.A, result.M0) == (approx(H), approx(A), approx(M0))
    assert result.poor.tolist() == poor
    assert result.score.tolist() == approx([1.0, 0.5, 0.0, 0.5])
    assert (result.n, result.q, result.excluded) == (4, sum(poor), 0)
    # uncensored: water 2/4, school 2/4 whatever k is
    assert result.uncensored_headcount.tolist() == approx([0.5, 0.5])
    # each indicator is equally present among the poor, so each contributes half
    assert result.contribution.tolist() == approx([0.5, 0.5])


# Unequal weights, given unnormalised as 2:1:1 -> w = (1/2, 1/4, 1/4).
#        a  b  c   score c_i
# u1     1  0  0   1/2
# u2     0  1  1   1/4 + 1/4 = 1/2
# u3     0  1  0   1/4
# u4     1  1  1   1
# u5     0  0  0   0
UNEQUAL = frame(a=[1, 0, 0, 1, 0], b=[0, 1, 1, 1, 0], c=[0, 1, 0, 1, 0])
UNEQUAL_WEIGHTS = {"a": 2, "b": 1, "c": 1}


def test_unequal_weights_k_half():
    r = alkire_foster(UNEQUAL, UNEQUAL_WEIGHTS, k=0.5)
    assert r.weights.tolist() == approx([0.5, 0.25, 0.25])
    assert r.score.tolist() == approx([0.5, 0.5, 0.25, 1.0, 0.0])
    # poor: u1, u2, u4 -> q = 3, n = 5, H = 3/5; A = (1/2 + 1/2 + 1)/3 = 2/3; M0 = 3/5 * 2/3 = 2/5
    assert (r.q, r.n) == (3, 5)
    assert (r.H, r.A, r.M0) == (approx(0.6), approx(2 / 3), approx(0.4))
    # censored headcounts: a {u1,u4} 2/5, b {u2,u4} 2/5 (u3 is deprived but not poor), c {u2,u4} 2/5
    assert r.censored_headcount.tolist() == approx([0.4, 0.4, 0.4])
    # uncensored: a {u1,u4} 2/5, b {u2,u3,u4} 3/5, c {u2,u4} 2/5
    assert r.uncensored_headcount.tolist() == approx([0.4, 0.6, 0.4])
    # sum_j w_j h_j = .5*.4 + .25*.4 + .25*.4 = .4 = M0; contributions .2/.4, .1/.4, .1/.4
    assert r.contribution.tolist() == approx([0.5, 0.25, 0.25])


def test_unequal_weights_k_quarter():
    r = alkire_foster(UNEQUAL, UNEQUAL_WEIGHTS, k=0.25)
    # poor: u1..u4 -> H = 4/5; A = (.5 + .5 + .25 + 1)/4 = 2.25/4 = .5625; M0 = .8 * .5625 = .45
    assert (r.H, r.A, r.M0) == (approx(0.8), approx(0.5625), approx(0.45))
    # censored: a 2/5, b {u2,u3,u4} 3/5, c 2/5; M0 = .5*.4 + .25*.6 + .25*.4 = .2 + .15 + .1 = .45
    assert r.censored_headcount.tolist() == approx([0.4, 0.6, 0.4])
    # contributions: .2/.45 = 4/9, .15/.45 = 1/3, .1/.45 = 2/9
    assert r.contribution.tolist() == approx([4 / 9, 1 / 3, 2 / 9])


def test_unequal_weights_k_above_every_partial_score():
    r = alkire_foster(UNEQUAL, UNEQUAL_WEIGHTS, k=0.6)
    # only u4 (c = 1) is poor: H = 1/5, A = 1, M0 = 1/5; every censored headcount 1/5
    assert (r.H, r.A, r.M0) == (approx(0.2), approx(1.0), approx(0.2))
    assert r.poor.tolist() == [False, False, False, True, False]
    assert r.censored_headcount.tolist() == approx([0.2, 0.2, 0.2])
    # contributions are then the weights themselves
    assert r.contribution.tolist() == approx([0.5, 0.25, 0.25])


def test_a_score_exactly_at_the_cutoff_is_poor():
    # weights 1/3 each, k = 1/3: one deprivation scores exactly 1/3 and counts as poor.
    g = frame(a=[1, 0, 1], b=[0, 0, 1], c=[0, 0, 0])
    r = alkire_foster(g, {"a": 1, "b": 1, "c": 1}, k=1 / 3)
    # scores 1/3, 0, 2/3 -> poor u1, u3: H = 2/3, A = (1/3 + 2/3)/2 = 1/2, M0 = 1/3
    assert r.poor.tolist() == [True, False, True]
    assert (r.H, r.A, r.M0) == (approx(2 / 3), approx(1 / 2), approx(1 / 3))


def test_a_score_at_the_cutoff_despite_float_error_is_poor():
    # w = (.1, .2, .7); deprived in b and c: 0.2 + 0.7 is 0.8999999999999999 in binary floating point,
    # which is below k = 0.9 unless compared after rounding (the documented rule).
    g = frame(a=[0, 1], b=[1, 0], c=[1, 0])
    assert (g.to_numpy(dtype=float) @ np.array([0.1, 0.2, 0.7]))[0] < 0.9
    r = alkire_foster(g, {"a": 0.1, "b": 0.2, "c": 0.7}, k=0.9)
    assert r.poor.tolist() == [True, False]
    assert (r.H, r.A, r.M0) == (approx(0.5), approx(0.9), approx(0.45))


def test_every_unit_deprived_in_everything():
    g = frame(a=[1, 1, 1], b=[1, 1, 1])
    r = alkire_foster(g, {"a": 0.3, "b": 0.7}, k=1)
    # everyone poor with score 1: H = 1, A = 1, M0 = 1; contributions are the weights
    assert (r.H, r.A, r.M0) == (1.0, approx(1.0), approx(1.0))
    assert r.contribution.tolist() == approx([0.3, 0.7])
    assert r.censored_headcount.tolist() == [1.0, 1.0]


def test_every_unit_poor_with_different_scores():
    g = frame(a=[1, 0, 1], b=[0, 1, 1], c=[0, 0, 1], d=[0, 0, 1])
    r = alkire_foster(g, {"a": 1, "b": 1, "c": 1, "d": 1}, k=0.25)
    # scores 1/4, 1/4, 1 -> all poor: H = 1, A = (1/4 + 1/4 + 1)/3 = 1/2, M0 = 1/2
    assert (r.H, r.A, r.M0) == (1.0, approx(0.5), approx(0.5))
    # censored: a 2/3, b 2/3, c 1/3, d 1/3; contributions (.25 * 2/3)/.5 = 1/3, 1/3, 1/6, 1/6
    assert r.contribution.tolist() == approx([1 / 3, 1 / 3, 1 / 6, 1 / 6])


def test_nobody_deprived():
    g = frame(a=[0, 0, 0], b=[0, 0, 0])
    r = alkire_foster(g, {"a": 0.5, "b": 0.5}, k=0.5)
    assert (r.H, r.A, r.M0, r.q, r.n) == (0.0, 0.0, 0.0, 0.0, 3.0)
    assert r.contribution.tolist() == [0.0, 0.0]
    assert r.censored_headcount.tolist() == [0.0, 0.0]
    assert not r.poor.any()


def test_deprived_but_nobody_reaches_the_cutoff():
    g = frame(a=[1, 0, 0], b=[0, 1, 0])
    r = alkire_foster(g, {"a": 0.5, "b": 0.5}, k=1)
    # scores .5, .5, 0 < 1: no one poor; the uncensored headcounts still show the deprivations
    assert (r.H, r.A, r.M0) == (0.0, 0.0, 0.0)
    assert r.contribution.tolist() == [0.0, 0.0]
    assert r.uncensored_headcount.tolist() == approx([1 / 3, 1 / 3])


def test_units_with_a_missing_indicator_are_left_out():
    # u1 is missing b: excluded from every figure even though a alone would make it poor (.5 >= .5).
    g = frame(a=[1, 1, 0, 1], b=[np.nan, 0, 0, 1])
    r = alkire_foster(g, EQUAL_AB, k=0.5)
    assert r.excluded == 1
    assert np.isnan(r.score.iloc[0]) and not r.poor.iloc[0]
    # complete units u2 (.5), u3 (0), u4 (1): n = 3, q = 2, H = 2/3, A = (.5 + 1)/2 = .75, M0 = .5
    assert (r.n, r.q) == (3, 2)
    assert (r.H, r.A, r.M0) == (approx(2 / 3), approx(0.75), approx(0.5))
    # uncensored a counts u2, u4 only: 2/3 (u1's deprivation is not counted)
    assert r.uncensored_headcount.tolist() == approx([2 / 3, 1 / 3])


def test_booleans_are_deprivations():
    g = frame(a=[True, False], b=[True, True])
    r = alkire_foster(g, EQUAL_AB, k=1)
    assert r.poor.tolist() == [True, False]


def test_sample_weights_make_person_weighted_figures():
    # u1 (1,1) 4 people, u2 (1,0) 1 person, u3 (0,0) 5 people; w = (.5, .5), k = .5
    g = frame(a=[1, 1, 0], b=[1, 0, 0])
    people = pd.Series([4, 1, 5])
    r = alkire_foster(g, EQUAL_AB, k=0.5, sample_weights=people)
    # n = 10, q = 4 + 1 = 5, H = .5; A = (4*1 + 1*.5)/5 = .9; M0 = .45
    assert (r.n, r.q) == (10, 5)
    assert (r.H, r.A, r.M0) == (approx(0.5), approx(0.9), approx(0.45))
    # censored: a (4 + 1)/10 = .5, b 4/10 = .4; M0 = .5*.5 + .5*.4 = .45; contributions 5/9, 4/9
    assert r.censored_headcount.tolist() == approx([0.5, 0.4])
    assert r.contribution.tolist() == approx([5 / 9, 4 / 9])


def test_sample_weights_follow_the_index_not_the_position():
    g = pd.DataFrame({"a": [1, 0], "b": [1, 0]}, index=[101, 102])
    r = alkire_foster(g, EQUAL_AB, k=0.5, sample_weights=pd.Series({102: 3.0, 101: 1.0}))
    assert (r.n, r.q, r.H) == (4, 1, approx(0.25))


def test_nested_weights_split_each_dimension_equally():
    weights = nested_weights(
        {"w1": "health", "w2": "health", "e1": "education", "i1": "income", "i2": "income"}
    )
    # three dimensions of 1/3; health and income split theirs in two
    assert weights == approx({"w1": 1 / 6, "w2": 1 / 6, "e1": 1 / 3, "i1": 1 / 6, "i2": 1 / 6})


# --- identities on random data ---------------------------------------------------------------------


def reference_mpi(g: np.ndarray, w: np.ndarray, k: float, sw: np.ndarray) -> tuple[float, float]:
    """H and A by plain loops over units, written from the definitions (no vectorised shortcuts)."""
    n = q = score_sum = 0.0
    for i in range(g.shape[0]):
        if np.isnan(g[i]).any():
            continue
        n += sw[i]
        c = sum(w[j] * g[i, j] for j in range(g.shape[1]))
        if round(c, 10) >= round(k, 10):
            q += sw[i]
            score_sum += sw[i] * c
    return (q / n if n else 0.0), (score_sum / q if q else 0.0)


@pytest.mark.parametrize("seed", range(12))
def test_identities_hold_on_random_data(seed):
    rng = np.random.default_rng(seed)
    units, indicators = rng.integers(5, 400), rng.integers(1, 12)
    columns = [f"i{j}" for j in range(indicators)]
    g = (rng.random((units, indicators)) < rng.uniform(0.05, 0.6)).astype(float)
    g[rng.random((units, indicators)) < 0.02] = np.nan
    raw_weights = rng.uniform(0, 3, indicators)
    raw_weights[rng.random(indicators) < 0.2] = 0.0
    raw_weights[0] = max(raw_weights[0], 0.1)  # never all zero
    k = float(rng.choice([rng.uniform(0.01, 1.0), 1 / 3, 0.26, 1.0]))
    sw = rng.integers(1, 9, units).astype(float) if seed % 2 else np.ones(units)

    r = alkire_foster(pd.DataFrame(g, columns=columns), dict(zip(columns, raw_weights)), k, pd.Series(sw))

    w = raw_weights / raw_weights.sum()
    assert r.weights.to_numpy() == approx(w)
    assert r.weights.sum() == approx(1.0)
    H, A = reference_mpi(g, w, k, sw)
    assert (r.H, r.A) == (approx(H), approx(A))
    assert r.M0 == approx(r.H * r.A)
    assert r.M0 == approx(float((r.weights * r.censored_headcount).sum()))
    assert (r.censored_headcount <= r.uncensored_headcount + 1e-12).all()
    assert 0 <= r.H <= 1 and 0 <= r.M0 <= r.H + 1e-12
    assert r.excluded == int(np.isnan(g).any(axis=1).sum())
    if r.q > 0:
        assert r.contribution.sum() == approx(1.0)
        assert r.A >= k - 1e-9  # every poor unit scores at least k
    else:
        assert r.M0 == 0 and (r.contribution == 0).all()


# --- refused inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"a": -0.5, "b": 1.5}, "non-negative"),
        ({"a": 0.5, "b": 0.5, "c": 0.1}, r"unknown \['c'\]"),
        ({"a": 1.0}, r"missing \['b'\]"),
        ({"a": 0, "b": 0.0}, "all be zero"),
        ({"a": float("nan"), "b": 1}, "non-negative"),
    ],
)
def test_bad_weights_are_refused(weights, message):
    with pytest.raises(MPIInputError, match=message):
        alkire_foster(frame(a=[1, 0], b=[0, 1]), weights, k=0.5)


def test_normalise_weights_refuses_the_same_way():
    with pytest.raises(MPIInputError):
        normalise_weights({"a": 1}, ["a", "b"])


@pytest.mark.parametrize("k", [0, 0.0, 1.5, -0.2, "x", None, float("nan")])
def test_bad_cutoff_is_refused(k):
    with pytest.raises(MPIInputError, match=r"k .*\(0, 1\]"):
        alkire_foster(frame(a=[1, 0], b=[0, 1]), EQUAL_AB, k=k)


@pytest.mark.parametrize("bad", [2, -1, 0.5])
def test_deprivations_must_be_zero_or_one(bad):
    with pytest.raises(MPIInputError, match="0 or 1"):
        alkire_foster(frame(a=[1, bad], b=[0, 1]), EQUAL_AB, k=0.5)


def test_bad_sample_weights_are_refused():
    with pytest.raises(MPIInputError, match="sample weights"):
        alkire_foster(frame(a=[1, 0], b=[0, 1]), EQUAL_AB, k=0.5, sample_weights=pd.Series([1.0, -2.0]))
    with pytest.raises(MPIInputError, match="sample weights"):
        alkire_foster(frame(a=[1, 0], b=[0, 1]), EQUAL_AB, k=0.5, sample_weights=pd.Series([1.0]))
