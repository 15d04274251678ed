"""Follow-up figures against hand-computed cases: states from events, the worklist groups, and the
per-agency summary (open and resolved, median days to resolution, share resolved within the due date)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.referral_figures import referral_states, referral_summary, worklist_groups

TODAY = dt.date(2024, 6, 10)
D = dt.date


def cases() -> pd.DataFrame:
    referrals = pd.DataFrame(
        {
            "referral_id": [1, 2, 3, 4, 5, 6],
            "agency": ["A", "A", "A", "B", "B", "B"],
            "referred_on": [
                D(2024, 5, 1),
                D(2024, 5, 1),
                D(2024, 6, 1),
                D(2024, 4, 1),
                D(2024, 6, 5),
                D(2024, 3, 1),
            ],
            "due_on": [D(2024, 5, 31), D(2024, 6, 5), D(2024, 6, 20), None, D(2024, 6, 12), D(2024, 3, 31)],
        }
    )
    events = pd.DataFrame(
        [
            (1, 1, "referred", D(2024, 5, 1)), (2, 1, "accepted", D(2024, 5, 3)),
            (3, 1, "helped", D(2024, 5, 21)),
            (4, 2, "referred", D(2024, 5, 1)), (5, 2, "accepted", D(2024, 5, 10)),  # open, overdue
            (6, 3, "referred", D(2024, 6, 1)),  # open, due 20 June: after this week (10-16 June)
            (7, 4, "referred", D(2024, 4, 1)), (8, 4, "declined", D(2024, 4, 11)),  # resolved, no due date
            (9, 5, "referred", D(2024, 6, 5)),  # open, due this week, waiting
            (10, 6, "referred", D(2024, 3, 1)), (11, 6, "helped", D(2024, 4, 30)),
            (12, 6, "closed", D(2024, 5, 2)),
        ],
        columns=["id", "referral_id", "status", "happened_on"],
    )  # fmt: skip
    return referral_states(referrals, events)


def test_states_take_the_latest_status_and_the_first_outcome():
    states = cases().set_index("referral_id")
    assert states.loc[1, "status"] == "helped" and states.loc[1, "resolved_on"] == D(2024, 5, 21)
    assert states.loc[6, "status"] == "closed" and states.loc[6, "resolved_on"] == D(2024, 4, 30)
    assert states.loc[6, "helped_on"] == D(2024, 4, 30) and pd.isna(states.loc[4, "helped_on"])
    assert list(states.index[states["is_open"]]) == [2, 3, 5]


def test_worklist_groups():
    groups = worklist_groups(cases(), TODAY)
    assert list(groups["overdue"]["referral_id"]) == [2]
    assert list(groups["due_this_week"]["referral_id"]) == [5]  # due 12 June
    assert list(groups["waiting"]["referral_id"]) == [3, 5]


def test_summary_per_agency_by_hand():
    summary = referral_summary(cases(), "agency", TODAY).set_index("agency")
    a, b = summary.loc["A"], summary.loc["B"]
    # A: 1 helped in 20 days (due 31 May: within); 2 open and past due (counted, not within);
    # 3 open, not due yet (not counted).
    assert (a["referrals"], a["open"], a["resolved"], a["helped"]) == (3, 2, 1, 1)
    assert a["median_days_to_resolution"] == 20 and (a["due_counted"], a["resolved_within_due"]) == (2, 1)
    assert a["share_resolved_within_due"] == 50.0
    # B: 4 declined after 10 days (no due date), 6 helped after 60 days (due 31 March: late), 5 open.
    assert (b["referrals"], b["open"], b["resolved"], b["helped"]) == (3, 1, 2, 1)
    assert b["median_days_to_resolution"] == 35 and (b["due_counted"], b["resolved_within_due"]) == (1, 0)
    assert b["share_resolved_within_due"] == 0.0
