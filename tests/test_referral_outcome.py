"""Outcome figures against a hand-computed case: helped households against comparable ones not
helped, plain and re-weighted to the helped households' base-year classes."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.referral_outcome import household_changes, outcome_summary


def test_changes_and_summary_by_hand():
    base = pd.DataFrame(
        {
            "key": ["a", "b", "c", "d", "e", "f", "g"],
            "status_class": [1, 1, 2, 1, 2, 2, 1],
            "deprived_indicators": [3, 2, 1, 2, 1, 1, 4],
            "target_poor": [True, True, True, True, True, True, False],  # g: not comparable
            "helped": [True, True, False, False, False, False, True],
        }
    )
    later = pd.DataFrame(
        {
            "key": ["a", "b", "c", "d", "e", "f", "g"],
            "status_class": [2, 1, 2, 1, 1, 3, 4],
            "deprived_indicators": [1, 2, 1, 3, 2, 0, 0],
            "target_poor": [False, True, True, True, True, False, False],
        }
    )
    changes = household_changes(base, later).set_index("key")
    assert list(changes.index) == ["a", "b", "c", "d", "e", "f"]
    assert changes.loc["a", "class_change"] == 1 and changes.loc["a", "deprivation_change"] == -2
    summary = outcome_summary(changes.reset_index()).set_index("group")
    helped = summary.loc["helped"]  # a: +1, -2, left; b: 0, 0, stayed
    assert helped["households"] == 2 and helped["improved_share"] == 50 and helped["worsened_share"] == 0
    assert helped["mean_class_change"] == 0.5 and helped["mean_deprivation_change"] == -1
    assert helped["left_target_poor_share"] == 50
    plain = summary.loc["not_helped"]  # c: 0,0 ; d: 0,+1 ; e: -1,+1 ; f: +1,-1,left
    assert plain["households"] == 4 and plain["improved_share"] == 25 and plain["worsened_share"] == 25
    assert plain["mean_class_change"] == 0 and plain["mean_deprivation_change"] == 0.25
    # The helped all started in class 1, so the standardised comparison is d alone (class 1 not helped).
    standardised = summary.loc["not_helped_standardised"]
    assert standardised["improved_share"] == 0 and standardised["mean_deprivation_change"] == pytest.approx(1)
    assert standardised["left_target_poor_share"] == 0
