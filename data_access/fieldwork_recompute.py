"""After field work changes a household, a verification or a referral: recompute its tambon-year in
the same transaction, with the importer's `recompute_tambon_years` (the rules imports use), then the
one indicator that importer does not know, verification coverage, by the same `tambon_indicators`
rules (target poor, verification parts) over the same microdata plus the verified flags."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, select

from analysis.rates import values_from_parts
from analysis.tambon_indicators import VERIFICATION_INDICATOR, household_target_poor, verification_parts
from data_access.assets import refresh_household_figures
from data_access.data_version import bump
from data_access.importer.recompute import _microdata, recompute_tambon_years
from data_access.schema import household, household_verification, indicator_value


def recompute_fieldwork(conn: Connection, tambon_years: set[tuple[str, int]], catalogue: pd.DataFrame) -> int:
    """Every household-derived value of `tambon_years`, verification coverage and the community assets'
    per-1,000-households figures (over the households surveyed) included; values written. Raises the
    data version (`data_version.bump`) so every server process drops its cached figures."""
    bump(conn)
    written = recompute_tambon_years(conn, tambon_years, catalogue)
    written += refresh_household_figures(conn, tambon_years)
    known = catalogue.set_index("code")
    if VERIFICATION_INDICATOR not in known.index:
        return written
    meta = known.loc[VERIFICATION_INDICATOR]
    for tambon, year in sorted(tambon_years):
        households, deprivations = _microdata(conn, [tambon], int(year), catalogue)
        verified = conn.execute(
            select(household_verification.c.household_id)
            .join(household, household.c.id == household_verification.c.household_id)
            .where(
                household.c.tambon_code == tambon,
                household.c.survey_year == int(year),
                household_verification.c.state == "verified",
            )
        ).scalars()
        households["verified"] = households["id"].isin(set(verified))
        target_poor = household_target_poor(households, deprivations, catalogue)
        numerator, denominator = (float(part.sum()) for part in verification_parts(households, target_poor))
        value = values_from_parts(
            pd.Series([numerator]),
            pd.Series([denominator]),
            meta["aggregation"],
            meta["scale"],
        ).iloc[0]
        conn.execute(
            indicator_value.delete().where(
                and_(
                    indicator_value.c.area_code == tambon,
                    indicator_value.c.year == int(year),
                    indicator_value.c.indicator_code == VERIFICATION_INDICATOR,
                )
            )
        )
        conn.execute(
            indicator_value.insert().values(
                area_code=tambon,
                indicator_code=VERIFICATION_INDICATOR,
                year=int(year),
                numerator=numerator,
                denominator=denominator,
                value=None if pd.isna(value) else float(value),
            )
        )
        written += 1
    return written
