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
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from itertools import groupby

import pandas as pd
from sqlalchemy import Engine, func, select

from data_access.area_sets import ensure_area_sets
from data_access.assets import ensure_categories, refresh_values, shipped_categories
from data_access.bulk import bulk_insert
from data_access.catalogue import load_catalogue, read_indicators
from data_access.config import database_url, describe_url
from data_access.data_version import bump
from data_access.deferred import deferred_foreign_keys, deferred_indexes
from data_access.engine import make_engine
from data_access.fieldwork_setup import ensure_fieldwork
from data_access.poverty_profiles import FreshLoad
from data_access.schema import (
    area,
    community_asset,
    create_schema,
    data_version,
    dataset_info,
    household,
    household_deprivation,
    household_verification,
    indicator_value,
    referral,
)
from data_access.seed_pipeline import ReadyChunk, ready_chunks
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
    with engine.begin() as conn:  # asset categories and their indicators, on every start
        ensure_categories(conn)
    with engine.begin() as conn:  # the version row exists before any process compares or raises it
        if conn.execute(select(func.count()).select_from(data_version)).scalar_one() == 0:
            bump(conn)
    with engine.connect() as conn:
        has_households = conn.execute(select(func.count()).select_from(household)).scalar_one() > 0
    if demo and not has_households:
        stats.update(seed_demo(engine, scale=scale, provinces=provinces, log=log))
        if provinces is None:  # the community assets are the two demo provinces'
            stats.update(seed_demo_assets(engine, scale=scale, log=log))
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
    engine: Engine,
    scale: float = 1.0,
    provinces: list[str] | None = None,
    log=print,
    ahead: bool | None = None,
) -> dict[str, float]:
    """Generate the synthetic households one province and survey year at a time and write each before
    the next is made, its poverty aggregates stored as its year ends (`FreshLoad`: only the keys and
    classes of the year before stay for the moves), so memory follows the largest province-year, never
    the whole data set. One
    transaction: a seed that stops half-way leaves nothing (and the next seed starts again).
    `provinces` None is the two-province demo; a list of codes is the national generator's. `ahead`
    (default: for seeds of over `AHEAD_FROM_HOUSEHOLDS`) makes the next chunk in a child process."""
    from sample_data.demo_generator import PROFILES, SEED, province_years
    from sample_data.national_generator import national_years, profile

    profiles = PROFILES if provinces is None else [profile(code) for code in provinces]
    if provinces is None:
        make_chunks = partial(province_years, PROFILES, scale)
    else:
        make_chunks = partial(national_years, provinces, scale)
    if ahead is None:
        ahead = scale * sum(p.households for p in profiles) * 3 > AHEAD_FROM_HOUSEHOLDS
    totals: dict[str, float] = dict.fromkeys(SEED_COUNTS, 0)
    started = time.perf_counter()
    with _seed_transaction(engine) as conn:
        with deferred_foreign_keys(conn, SEEDED_TABLES), deferred_indexes(conn, SEEDED_TABLES):
            for province, years in groupby(
                ready_chunks(make_chunks, read_indicators(), ahead=ahead), key=lambda chunk: chunk.province
            ):
                province_started = time.perf_counter()
                households, aggregates = 0, FreshLoad(conn)
                for chunk in years:
                    for key, value in write_province_year(conn, chunk).items():
                        totals[key] += value
                    households += len(chunk.households)
                    aggregates.add_aggregates(chunk.year, chunk.aggregates)  # its year stored as it ends
                aggregates.finish()
                totals["profiles_s"] += aggregates.seconds
                seconds = time.perf_counter() - province_started
                log(f"province {province}: {households:,} households in {seconds:.1f} s")
            indexing = time.perf_counter()
        totals["index_s"] = time.perf_counter() - indexing
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
    totals["load_s"] = time.perf_counter() - started - totals["index_s"]
    if not ahead:  # made in turn: the writer's own time leaves the making out
        totals["load_s"] -= totals["generate_s"] + totals["materialise_s"]
    totals["ahead"] = float(ahead)
    log(
        f"loaded {int(totals['rows_loaded']):,} rows in {time.perf_counter() - started:.1f} s"
        f" (poverty aggregates {totals['profiles_s']:.1f} s)"
    )
    return totals


SEED_COUNTS = (
    "households",
    "deprivation_rows",
    "referrals",
    "indicator_values",
    "rows_loaded",
    "generate_s",
    "materialise_s",
    "profiles_s",
)
SEEDED_TABLES = (household, household_deprivation, referral, household_verification, indicator_value)
SQLITE_SEED_CACHE_KIB = 256 * 1024  # page cache while seeding: keeps index inserts off the disk
AHEAD_FROM_HOUSEHOLDS = 300_000  # household-years; smaller seeds (the tests') stay in one process


def write_province_year(conn, chunk: ReadyChunk) -> dict[str, float]:
    """Write one province-year: households, their flags, referrals, verifications and tambon values
    (tambon values need no other province or year); returns counts and timings."""
    rows = bulk_insert(conn, household, chunk.households)
    rows += bulk_insert(conn, household_deprivation, chunk.deprivations)
    rows += bulk_insert(conn, referral, chunk.referrals)
    rows += bulk_insert(conn, household_verification, demo_verifications(chunk.verifications))
    rows += bulk_insert(conn, indicator_value, chunk.values)
    return {
        "households": len(chunk.households),
        "deprivation_rows": len(chunk.deprivations),
        "referrals": len(chunk.referrals),
        "indicator_values": len(chunk.values),
        "rows_loaded": rows,
        "generate_s": chunk.seconds[0],
        "materialise_s": chunk.seconds[1],
    }


def seed_demo_assets(engine: Engine, scale: float = 1.0, log=print) -> dict[str, float]:
    """Synthetic Community Big Data records for every demo tambon and their derived indicators."""
    from sample_data.asset_generator import generate_assets

    t0 = time.perf_counter()
    items = generate_assets(shipped_categories(), scale=scale)
    with engine.begin() as conn:
        rows = bulk_insert(conn, community_asset, items)
        values = refresh_values(conn)
    seconds = time.perf_counter() - t0
    log(f"community assets: {rows:,} items, {values:,} indicator values in {seconds:.1f} s")
    return {"assets": rows, "asset_values": values, "assets_s": seconds}


@contextmanager
def _seed_transaction(engine: Engine):
    """One transaction for the whole seed. On SQLite the generated rows skip the per-row foreign-key
    lookups (checked once per table at the end instead: data_access.deferred) and get a
    larger page cache for their index inserts. The seed also writes through a rollback journal instead
    of the WAL: in WAL every page of a multi-gigabyte load is written twice (into the WAL, then copied
    by the checkpoint) and the WAL grows to the database's size; the journal holds only the few pages
    that existed before, and the one commit is synced in full (`synchronous=FULL`), so a seed that
    stops still leaves nothing. All are set back before the connection is pooled (journal_mode stays
    WAL if another connection has the file open: SQLite refuses the change, which is safe)."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        driver = conn.connection.driver_connection
        if sqlite:  # PRAGMA foreign_keys and journal_mode cannot change inside a transaction
            journal = driver.execute("PRAGMA journal_mode").fetchone()[0]
            synchronous = driver.execute("PRAGMA synchronous").fetchone()[0]
            if journal == "wal":
                driver.execute("PRAGMA journal_mode=DELETE")
            driver.execute("PRAGMA synchronous=FULL")
            driver.execute("PRAGMA foreign_keys=OFF")
            driver.execute(f"PRAGMA cache_size=-{SQLITE_SEED_CACHE_KIB}")
        try:
            with conn.begin():
                yield conn
        finally:
            if sqlite:
                driver.execute("PRAGMA cache_size=-2000")
                driver.execute("PRAGMA foreign_keys=ON")
                driver.execute(f"PRAGMA synchronous={int(synchronous)}")
                if journal == "wal":
                    driver.execute("PRAGMA journal_mode=WAL")


def demo_verifications(verifications: pd.DataFrame) -> pd.DataFrame:
    """The generator's verification states as stored rows, recorded at noon Thai time of their day."""
    rows = verifications.copy()
    noon = pd.to_datetime(rows["recorded_on"]).dt.tz_localize("Asia/Bangkok") + pd.Timedelta(hours=12)
    rows["recorded_at"] = noon.dt.tz_convert("UTC")
    rows["recorded_by"] = None
    rows["note"] = None
    return rows


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
