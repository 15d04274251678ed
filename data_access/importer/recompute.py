"""After households or referrals change, recompute the tambon indicator values they feed, and the
poverty page's aggregates (`data_access.poverty_profiles`).

The same rules as the seed (`analysis.tambon_indicators`), over every household of each affected
tambon and survey year as the import's own transaction sees them, so the map agrees with the
microdata the moment the import commits.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, func, select

from analysis.tambon_indicators import tambon_indicator_values
from data_access.bulk import bulk_insert
from data_access.households import HOUSEHOLD_COLUMNS
from data_access.importer.kinds import chunks
from data_access.poverty_profiles import rebuild_transitions, store_year, sum_provinces
from data_access.schema import household, household_deprivation, household_record, indicator_value, referral

BATCH_HOUSEHOLDS = 50_000


def recompute_tambon_years(
    conn: Connection, tambon_years: set[tuple[str, int]], catalogue: pd.DataFrame
) -> int:
    """Replace the household-derived values of `tambon_years`; returns the number of values written."""
    written = 0
    by_year: dict[int, list[str]] = {}
    for tambon, year in tambon_years:
        by_year.setdefault(int(year), []).append(tambon)
    for year, tambons in sorted(by_year.items()):
        for batch in household_batches(conn, sorted(tambons), year):
            households, deprivations = _microdata(conn, batch, year, catalogue)
            # The poverty page's aggregates; the provinces' sums once the year's tambons are all in.
            store_year(conn, batch, year, households, deprivations, provinces=False)
            values = tambon_indicator_values(households, deprivations, catalogue)
            codes = sorted(set(values["indicator_code"])) if not values.empty else []
            if codes:
                conn.execute(
                    indicator_value.delete().where(
                        and_(
                            indicator_value.c.year == year,
                            indicator_value.c.area_code.in_(batch),
                            indicator_value.c.indicator_code.in_(codes),
                        )
                    )
                )
                written += bulk_insert(conn, indicator_value, values)
        sum_provinces(conn, {code[:2] for code in tambons}, year)
        rebuild_transitions(conn, sorted(tambons), [year])
    return written


def household_batches(conn: Connection, tambons: list[str], year: int, most: int | None = None):
    """`tambons` in runs of about `most` households of `year` (a tambon larger than that alone), at
    most 400 tambons a run: memory follows a run, not the import (a run of 400 large tambons read
    with their deprivation flags was over a gigabyte)."""
    most = most or BATCH_HOUSEHOLDS
    counts: dict[str, int] = {}
    for part in chunks(tambons, 400):
        counts.update(
            conn.execute(
                select(household.c.tambon_code, func.count())
                .where(household.c.survey_year == year, household.c.tambon_code.in_(part))
                .group_by(household.c.tambon_code)
            ).all()
        )
    batch, size = [], 0
    for tambon in tambons:
        n = counts.get(tambon, 0)
        if batch and (size + n > most or len(batch) >= 400):
            yield batch
            batch, size = [], 0
        batch.append(tambon)
        size += n
    if batch:
        yield batch


def _microdata(conn: Connection, tambons: list[str], year: int, catalogue: pd.DataFrame):
    """Households (with referral flags) and their wide deprivation flags, as `seed` builds them. A
    household removed in field work (a state with a reason, `household_record`) no longer counts."""
    removed = select(household_record.c.household_id).where(household_record.c.removed_reason.is_not(None))
    in_scope = (
        household.c.tambon_code.in_(tambons)
        & (household.c.survey_year == year)
        & household.c.id.not_in(removed)
    )
    households = read_frame(
        conn, select(*[household.c[c] for c in HOUSEHOLD_COLUMNS]).where(in_scope).order_by(household.c.id)
    )
    flags = read_frame(
        conn,
        select(
            household_deprivation.c.household_id,
            household_deprivation.c.indicator_code,
            household_deprivation.c.deprived,
        )
        .join(household, household.c.id == household_deprivation.c.household_id)
        .where(in_scope),
    )
    referrals = read_frame(
        conn,
        select(referral.c.household_id, referral.c.status)
        .join(household, household.c.id == referral.c.household_id)
        .where(in_scope),
    )
    households["welfare_card"] = households["welfare_card"].astype(bool)
    households["has_referral"] = households["id"].isin(referrals["household_id"])
    resolved = referrals.loc[referrals["status"] == "resolved", "household_id"]
    households["has_resolved_referral"] = households["id"].isin(resolved)
    codes = sorted(catalogue.loc[catalogue["is_deprivation"].astype(bool), "code"])
    wide = pd.DataFrame(0.0, index=households["id"].to_numpy(), columns=codes)
    flags = flags[flags["indicator_code"].isin(codes)]
    if not flags.empty:
        values = wide.to_numpy(copy=True)
        rows = wide.index.get_indexer(flags["household_id"])
        columns = wide.columns.get_indexer(flags["indicator_code"])
        values[rows, columns] = (
            pd.to_numeric(flags["deprived"]).astype(float).to_numpy()
        )  # NULL: not assessed
        wide = pd.DataFrame(values, index=wide.index, columns=codes)
    wide.index = households.index
    return households, wide


def read_frame(conn: Connection, statement) -> pd.DataFrame:
    """Like `data_access.households.read_frame` (the driver's cursor on SQLite, for speed), but with IN
    lists expanded first, which that one does not do."""
    if conn.dialect.name != "sqlite":
        return pd.read_sql(statement, conn)
    compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    values = compiled.construct_params()
    cursor = conn.connection.driver_connection.execute(
        str(compiled), [values[n] for n in compiled.positiontup]
    )
    return pd.DataFrame.from_records(cursor.fetchall(), columns=[d[0] for d in cursor.description])
