"""Create the schema and seed the database: every area of Thailand, the catalogue, and the demo data.

    python -m data_access.seed              # create + seed what is missing (what `make run` calls)
    python -m data_access.seed --scale 0.02 # a small demo, for tests
    python -m data_access.seed --no-demo    # areas and catalogue only, for real data
    python -m data_access.seed --provinces all  # every จปฐ. province, calibrated on TPMAP 2561
    python -m data_access.seed --provinces 24,33 --scale 0.1

Seeding is idempotent: a database that already holds households is left alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from itertools import groupby

import numpy as np
import pandas as pd
from sqlalchemy import Engine, func, select

from analysis.tambon_indicators import tambon_indicator_values
from data_access.area_sets import ensure_area_sets
from data_access.bulk import bulk_insert
from data_access.catalogue import load_catalogue, read_indicators
from data_access.config import database_url, describe_url
from data_access.data_version import bump
from data_access.engine import make_engine
from data_access.fieldwork_setup import ensure_fieldwork
from data_access.schema import (
    area,
    create_schema,
    data_version,
    dataset_info,
    household,
    household_deprivation,
    household_verification,
    indicator_value,
    referral,
)
from geo.boundaries import all_area_records

DEMO_SOURCE = "ข้อมูลสาธิต (สังเคราะห์) / synthetic demo data — Tambon Atlas generator, seed {seed}, scale {scale}"


def seed(
    engine: Engine, demo: bool = True, scale: float = 1.0, log=print, provinces: list[str] | None = None
) -> dict[str, float]:
    """Bring the database to a usable state; returns timings and row counts for the benchmark.
    `provinces` (codes) seeds the national generator's provinces instead of the two-province demo."""
    stats: dict[str, float] = {}
    started = time.perf_counter()
    create_schema(engine)
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(area)).scalar_one() == 0:
            stats["areas"] = bulk_insert(conn, area, all_area_records())
            log(f"areas: {int(stats['areas']):,}")
        else:
            renamed = refresh_area_names(conn)
            if renamed:
                log(f"area names brought up to date: {renamed:,}")
    stats["indicators"] = load_catalogue(engine)
    with engine.begin() as conn:  # the version row exists before any process compares or raises it
        if conn.execute(select(func.count()).select_from(data_version)).scalar_one() == 0:
            bump(conn)
    with engine.connect() as conn:
        has_households = conn.execute(select(func.count()).select_from(household)).scalar_one() > 0
    if demo and not has_households:
        stats.update(seed_demo(engine, scale=scale, provinces=provinces, log=log))
    ensure_area_sets(engine)  # the demo ships the MOU set; real data starts with none
    ensure_fieldwork(engine)  # managed agencies and referral events from the referrals so far
    stats["seconds"] = time.perf_counter() - started
    return stats


def refresh_area_names(conn) -> int:
    """Names of existing areas set to the shipped boundary files' (a database seeded before the full
    Thai names were restored keeps names cut at 16 characters otherwise); returns how many changed."""
    shipped = all_area_records().set_index("code")[["name_th", "name_en"]]
    stored = pd.DataFrame(conn.execute(select(area.c.code, area.c.name_th, area.c.name_en)).all())
    if stored.empty:
        return 0
    stored = stored.set_index("code").reindex(shipped.index)
    changed = shipped[(stored["name_th"] != shipped["name_th"]) | (stored["name_en"] != shipped["name_en"])]
    changed = changed[stored.loc[changed.index, "name_th"].notna()]
    for code, row in changed.iterrows():
        conn.execute(
            area.update().where(area.c.code == code).values(name_th=row["name_th"], name_en=row["name_en"])
        )
    return len(changed)


def seed_demo(
    engine: Engine, scale: float = 1.0, provinces: list[str] | None = None, log=print
) -> dict[str, float]:
    """Generate the synthetic households one province and survey year at a time and write each before
    the next is made, so memory follows the largest province, never the whole data set. One
    transaction: a seed that stops half-way leaves nothing (and the next seed starts again).
    `provinces` None is the two-province demo; a list of codes is the national generator's."""
    from sample_data.demo_generator import PROFILES, SEED, province_years
    from sample_data.national_generator import national_years

    chunks = province_years(PROFILES, scale) if provinces is None else national_years(provinces, scale)
    catalogue = read_indicators()
    totals: dict[str, float] = dict.fromkeys(SEED_COUNTS, 0)
    started = time.perf_counter()
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_SEED_CACHE_KIB}")
        for province, years in groupby(_timed(chunks, totals), key=lambda chunk: chunk.province):
            province_started = time.perf_counter()
            households = 0
            for chunk in years:
                written = write_province_year(conn, chunk, catalogue)
                households += len(chunk.households)
                for key, value in written.items():
                    totals[key] += value
            province_written(conn, province)
            seconds = time.perf_counter() - province_started
            log(f"province {province}: {households:,} households in {seconds:.1f} s")
        if conn.dialect.name == "postgresql":
            # Referrals came in with their ids: move the id counter past them, or the next referral
            # recorded in the app would collide with one of them.
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('referral', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM referral))"
            )
        source = DEMO_SOURCE.format(seed=SEED, scale=scale)
        if provinces is not None:
            source += f", {len(provinces)} provinces calibrated on TPMAP 2561 (NESDC/NECTEC)"
        write_dataset_info(
            conn,
            {"is_demo": "1", "source": source, "seeded_at": datetime.now(UTC).isoformat(timespec="seconds")},
        )
    totals["load_s"] = time.perf_counter() - started - totals["generate_s"] - totals["materialise_s"]
    log(f"loaded {int(totals['rows_loaded']):,} rows in {time.perf_counter() - started:.1f} s")
    return totals


SEED_COUNTS = (
    "households",
    "deprivation_rows",
    "referrals",
    "indicator_values",
    "rows_loaded",
    "generate_s",
    "materialise_s",
)
SQLITE_SEED_CACHE_KIB = 256 * 1024  # page cache while seeding: keeps index inserts off the disk


def write_province_year(conn, chunk, catalogue: pd.DataFrame) -> dict[str, float]:
    """Write one province-year of generated households, their flags, referrals, verifications and
    tambon values (tambon values need no other province or year); returns counts and timings."""
    t0 = time.perf_counter()
    households = chunk.households.copy()
    referrals, verifications = chunk.referrals, chunk.verifications
    resolved = referrals.loc[referrals["status"] == "resolved", "household_id"]
    households["has_referral"] = households["id"].isin(referrals["household_id"])
    households["has_resolved_referral"] = households["id"].isin(resolved)
    verified = verifications.loc[verifications["state"] == "verified", "household_id"]
    households["verified"] = households["id"].isin(verified)
    deprivations = chunk.deprivations.set_axis(households.index)
    values = tambon_indicator_values(households, deprivations, catalogue)
    sparse = sparse_deprivations(chunk.deprivations, chunk.households["id"])
    t1 = time.perf_counter()
    rows = bulk_insert(conn, household, chunk.households)
    rows += bulk_insert(conn, household_deprivation, sparse)
    rows += bulk_insert(conn, referral, referrals)
    rows += bulk_insert(conn, household_verification, demo_verifications(verifications))
    rows += bulk_insert(conn, indicator_value, values)
    return {
        "households": len(households),
        "deprivation_rows": len(sparse),
        "referrals": len(referrals),
        "indicator_values": len(values),
        "rows_loaded": rows,
        "generate_s": 0.0,
        "materialise_s": t1 - t0,
    }


def _timed(chunks, totals: dict[str, float]):
    """The chunks as they come, with the time spent making them added to `generate_s`."""
    chunks = iter(chunks)
    while True:
        started = time.perf_counter()
        chunk = next(chunks, None)
        totals["generate_s"] += time.perf_counter() - started
        if chunk is None:
            return
        yield chunk


def province_written(conn, province_code: str) -> None:
    """Called once per province, inside the seed's transaction, after all its survey years are
    written: the place for anything kept per province that is derived from its households (the stored
    deprivation profiles of #18). Nothing yet."""


def demo_verifications(verifications: pd.DataFrame) -> pd.DataFrame:
    """The generator's verification states as stored rows, recorded at noon Thai time of their day."""
    rows = verifications.copy()
    noon = pd.to_datetime(rows["recorded_on"]).dt.tz_localize("Asia/Bangkok") + pd.Timedelta(hours=12)
    rows["recorded_at"] = noon.dt.tz_convert("UTC")
    rows["recorded_by"] = None
    rows["note"] = None
    return rows


def sparse_deprivations(deprivations: pd.DataFrame, household_ids: pd.Series) -> pd.DataFrame:
    """Wide 0/1/NaN flags -> rows only where deprived (1) or not assessed (NULL), as stored, ordered by
    household and indicator (found in the array, never as a long frame of every flag)."""
    codes = sorted(deprivations.columns)
    flags = deprivations[codes].to_numpy(dtype=float)
    rows, columns = np.nonzero(np.isnan(flags) | (flags == 1))
    kept = flags[rows, columns]
    return pd.DataFrame(
        {
            "household_id": household_ids.to_numpy()[rows],
            "indicator_code": np.asarray(codes, dtype=object)[columns],
            "deprived": pd.Series(kept).astype("Int64"),
        }
    )


def write_dataset_info(conn, facts: dict[str, str]) -> None:
    conn.execute(dataset_info.delete().where(dataset_info.c.key.in_(list(facts))))
    conn.execute(dataset_info.insert(), [{"key": k, "value": v} for k, v in facts.items()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-demo", action="store_true", help="areas and catalogue only")
    parser.add_argument("--scale", type=float, default=1.0, help="share of the real household counts (0-1]")
    parser.add_argument(
        "--provinces",
        help="'all' (every จปฐ. province, calibrated on TPMAP 2561) or codes such as 24,33; "
        "default: the two-province demo",
    )
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    provinces = None
    if args.provinces is not None:
        from sample_data.national_generator import calibrated_provinces

        try:
            provinces = calibrated_provinces(args.provinces)
        except ValueError as unknown:
            parser.error(str(unknown))
    url = database_url()
    print(f"database: {describe_url(url)}")
    engine = make_engine(url, statement_timeout=None)
    stats = seed(engine, demo=not args.no_demo, scale=args.scale, provinces=provinces)
    # Build the browser's boundary files now rather than on the first map view.
    from geo.assets import ensure_built

    print(f"map geometry: version {ensure_built()}")
    print(f"ready in {stats['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
