"""The outcome of referrals for an area: households helped before a later survey year against
comparable households that were not (`analysis.referral_outcome`), inside the user's scope. Staff
only and exact (officers see their scope's figures); household keys match the two years here and
never leave this module."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, select

from analysis.errors import DataError
from analysis.referral_outcome import household_changes, outcome_summary
from data_access.access.audit import record
from data_access.access.auth import User
from data_access.access.household_access import scoped_households, visible_to
from data_access.importer.recompute import read_frame
from data_access.schema import household


def referral_outcome(
    engine: Engine, user: User, area_code: str, year_from: int, year_to: int
) -> pd.DataFrame:
    """`referral_outcome.OUTCOME_COLUMNS`, one row per group, for the area between two survey years."""
    if not isinstance(year_from, int) or not isinstance(year_to, int) or year_from >= year_to:
        raise DataError("ปีหลังต้องมาหลังปีฐาน", "The later survey year must come after the base year")
    base, acting = scoped_households(engine, user, area_code, year_from)
    later, _ = scoped_households(engine, user, area_code, year_to)
    ids = [int(i) for i in pd.concat([base["household_id"], later["household_id"]])]
    with engine.connect() as conn:
        keys = read_frame(
            conn,
            select(household.c.id, household.c.household_key).where(
                household.c.id.in_(ids), visible_to(acting.id, household.c.tambon_code)
            ),
        )
    key_of = dict(zip(keys["id"], keys["household_key"]))
    columns = ["key", "status_class", "deprived_indicators", "target_poor"]
    base = base.assign(key=base["household_id"].map(key_of), helped=base["referral_state"] == "resolved")
    later = later.assign(key=later["household_id"].map(key_of))
    summary = outcome_summary(household_changes(base[[*columns, "helped"]], later[columns]))
    counts = " ".join(f"{g}={n}" for g, n in zip(summary["group"], summary["households"]))
    record(engine, acting.username, "fieldwork_list", area_code, f"outcome {year_from}->{year_to} {counts}")
    return summary
