"""Did life get better after help? Households helped before a later survey against comparable ones
that were not, between two survey years. Descriptive only: who gets referred and helped is not
random, so a difference here is not the effect of the help (not a causal estimate).

Comparable: target poor in the base year, surveyed again in the later year, not removed. Helped: a
referral of the base-year record that reached 'helped' (status resolved). Because helped households
may start worse off, the not-helped group is also shown re-weighted to the helped group's mix of
base-year status classes (direct standardisation), so the two start from the same classes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

GROUPS = ("helped", "not_helped", "not_helped_standardised")
OUTCOME_COLUMNS = [
    "group", "households", "improved_share", "worsened_share", "mean_class_change",
    "mean_deprivation_change", "left_target_poor_share",
]  # fmt: skip


def household_changes(base: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """One row per comparable household: key, helped, class_before, class_change, deprivation_change,
    left_target_poor. `base` and `later` have key, status_class (0 = unclassified),
    deprived_indicators, target_poor and (base only) helped."""
    eligible = base[base["target_poor"].astype(bool)]
    pairs = eligible.merge(later, on="key", suffixes=("_before", "_after"))
    classified = (pairs["status_class_before"] > 0) & (pairs["status_class_after"] > 0)
    pairs = pairs[classified]
    return pd.DataFrame(
        {
            "key": pairs["key"],
            "helped": pairs["helped"].astype(bool),
            "class_before": pairs["status_class_before"].astype(int),
            "class_change": (pairs["status_class_after"] - pairs["status_class_before"]).astype(int),
            "deprivation_change": (
                pairs["deprived_indicators_after"] - pairs["deprived_indicators_before"]
            ).astype(int),
            "left_target_poor": ~pairs["target_poor_after"].astype(bool),
        }
    ).reset_index(drop=True)


def outcome_summary(changes: pd.DataFrame) -> pd.DataFrame:
    """`OUTCOME_COLUMNS` for helped, not helped, and not helped re-weighted to the helped households'
    base-year classes (NaN where a group is empty or a class of the helped has no comparison)."""
    helped = changes[changes["helped"]]
    others = changes[~changes["helped"]]
    rows = [_row("helped", helped, None), _row("not_helped", others, None)]
    mix = helped["class_before"].value_counts(normalize=True)
    weights = others["class_before"].map(mix).fillna(0.0)
    per_class = others.groupby("class_before").size()
    weights = weights / others["class_before"].map(per_class)  # each class weighs its share, however many
    covered = set(mix.index) <= set(per_class.index)
    rows.append(
        _row(
            "not_helped_standardised", others, weights if covered and len(helped) else None, empty=not covered
        )
    )
    return pd.DataFrame(rows, columns=OUTCOME_COLUMNS)


def _row(name: str, group: pd.DataFrame, weights: pd.Series | None, empty: bool = False) -> list:
    if group.empty or empty:
        return [name, len(group), *([np.nan] * 5)]
    w = np.ones(len(group)) / len(group) if weights is None else weights.to_numpy(dtype=float)
    w = w / w.sum()
    change = group["class_change"].to_numpy()
    return [
        name,
        len(group),
        float((w * (change > 0)).sum() * 100),
        float((w * (change < 0)).sum() * 100),
        float((w * change).sum()),
        float((w * group["deprivation_change"].to_numpy()).sum()),
        float((w * group["left_target_poor"].to_numpy()).sum() * 100),
    ]
