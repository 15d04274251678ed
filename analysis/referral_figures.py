"""Referral follow-up figures from one row per referral: what is open, what is late, how long help
takes. Pure pandas, so the rules are tested on hand-made frames.

A referral is *resolved* on its first outcome event (helped, declined or closed) and *open* before
that; *helped* when one of its events is 'helped'. Days to resolution run from the referral date to
the resolution date. "Resolved within the due date" is counted over referrals that have a due date
and are either resolved or already past it, so a referral still inside its time does not count
against anyone.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

OUTCOME_STATUSES = ("helped", "declined", "closed")
OPEN_STATUSES = ("referred", "accepted", "in_progress")
WEEK = dt.timedelta(days=6)  # today and the six days after it
SUMMARY_COLUMNS = [
    "referrals", "open", "resolved", "helped", "median_days_to_resolution", "due_counted",
    "resolved_within_due", "share_resolved_within_due",
]  # fmt: skip


def referral_states(referrals: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """`referrals` (referral_id, referred_on, due_on, ...) with status (the latest event's), resolved_on
    (first outcome), helped_on (first 'helped') and is_open, from `events` (referral_id, status,
    happened_on, id), oldest first by date then id."""
    out = referrals.copy()
    ordered = events.sort_values(["referral_id", "happened_on", "id"])
    latest = ordered.groupby("referral_id")["status"].last()
    outcome = ordered[ordered["status"].isin(OUTCOME_STATUSES)].groupby("referral_id")["happened_on"].first()
    helped = ordered[ordered["status"] == "helped"].groupby("referral_id")["happened_on"].first()
    out["status"] = out["referral_id"].map(latest).fillna("referred")
    out["resolved_on"] = out["referral_id"].map(outcome)
    out["helped_on"] = out["referral_id"].map(helped)
    out["is_open"] = out["resolved_on"].isna()
    return out


def worklist_groups(states: pd.DataFrame, today: dt.date) -> dict[str, pd.DataFrame]:
    """Open referrals that are overdue (due before today), due this week (today to six days on) and
    waiting for the agency's answer (still 'referred', nothing since)."""
    open_ = states[states["is_open"]]
    due = pd.to_datetime(open_["due_on"])
    has_due = due.notna()
    start, end = pd.Timestamp(today), pd.Timestamp(today + WEEK)
    return {
        "overdue": open_[has_due & (due < start)].sort_values("due_on"),
        "due_this_week": open_[has_due & (due >= start) & (due <= end)].sort_values("due_on"),
        "waiting": open_[open_["status"] == "referred"].sort_values("referred_on"),
    }


def referral_summary(states: pd.DataFrame, by: str | list[str], today: dt.date) -> pd.DataFrame:
    """Per group (`by`: agency, tambon, ...): `SUMMARY_COLUMNS`; shares are counts over counts."""
    frame = states.copy()
    referred = pd.to_datetime(frame["referred_on"])
    resolved = pd.to_datetime(frame["resolved_on"])
    due = pd.to_datetime(frame["due_on"])
    frame["days"] = (resolved - referred).dt.days
    frame["resolved"] = ~frame["is_open"]
    frame["helped"] = frame["helped_on"].notna()
    frame["due_counted"] = due.notna() & (frame["resolved"] | (due < pd.Timestamp(today)))
    frame["within_due"] = frame["due_counted"] & frame["resolved"] & (resolved <= due)
    grouped = frame.groupby(by, dropna=False)
    summary = pd.DataFrame(
        {
            "referrals": grouped.size(),
            "open": grouped["is_open"].sum(),
            "resolved": grouped["resolved"].sum(),
            "helped": grouped["helped"].sum(),
            "median_days_to_resolution": grouped["days"].median(),
            "due_counted": grouped["due_counted"].sum(),
            "resolved_within_due": grouped["within_due"].sum(),
        }
    )
    counted = summary["due_counted"].to_numpy(dtype=float)
    summary["share_resolved_within_due"] = np.where(
        counted > 0, summary["resolved_within_due"] / np.where(counted > 0, counted, 1) * 100, np.nan
    )
    for column in ("referrals", "open", "resolved", "helped", "due_counted", "resolved_within_due"):
        summary[column] = summary[column].astype(int)
    return summary[SUMMARY_COLUMNS].reset_index()
