"""Create the schema and seed the database: every area of Thailand, the catalogue, and the demo data.

    python -m data_access.seed              # create + seed what is missing (what `make run` calls)
    python -m data_access.seed --scale 0.02 # a small demo, for tests
    python -m data_access.seed --no-demo    # areas and catalogue only, for real data

Seeding is idempotent: a database that already holds households is left alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime

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
from data_access.poverty_profiles import store_loaded
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


def seed(engine: Engine, demo: bool = True, scale: float = 1.0, log=print) -> dict[str, float]:
    """Bring the database to a usable state; returns timings and row counts for the benchmark."""
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
        stats.update(seed_demo(engine, scale=scale, log=log))
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


def seed_demo(engine: Engine, scale: float = 1.0, log=print) -> dict[str, float]:
    """Generate the synthetic households, load them in bulk and materialise tambon indicator values."""
    from sample_data.demo_generator import SEED, generate

    t0 = time.perf_counter()
    demo = generate(scale=scale)
    t1 = time.perf_counter()
    log(f"generated {len(demo.households):,} households in {t1 - t0:.1f} s")

    households = demo.households.copy()
    resolved = demo.referrals.loc[demo.referrals["status"] == "resolved", "household_id"]
    households["has_referral"] = households["id"].isin(demo.referrals["household_id"])
    households["has_resolved_referral"] = households["id"].isin(resolved)
    verified = demo.verifications.loc[demo.verifications["state"] == "verified", "household_id"]
    households["verified"] = households["id"].isin(verified)
    values = tambon_indicator_values(households, demo.deprivations, read_indicators())
    t2 = time.perf_counter()
    log(f"materialised {len(values):,} tambon indicator values in {t2 - t1:.1f} s")

    sparse = sparse_deprivations(demo.deprivations, demo.households["id"])
    with engine.begin() as conn:
        rows = bulk_insert(conn, household, demo.households)
        rows += bulk_insert(conn, household_deprivation, sparse)
        rows += bulk_insert(conn, referral, demo.referrals)
        rows += bulk_insert(conn, household_verification, demo_verifications(demo.verifications))
        rows += bulk_insert(conn, indicator_value, values)
        profiles_started = time.perf_counter()
        rows += store_loaded(conn, demo.households, demo.deprivations)  # the poverty page's aggregates
        profiles_s = time.perf_counter() - profiles_started
        if conn.dialect.name == "postgresql":
            # Referrals came in with their ids: move the id counter past them, or the next referral
            # recorded in the app would collide with one of them.
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('referral', 'id'), "
                "(SELECT COALESCE(MAX(id), 1) FROM referral))"
            )
        write_dataset_info(
            conn,
            {
                "is_demo": "1",
                "source": DEMO_SOURCE.format(seed=SEED, scale=scale),
                "seeded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
    t3 = time.perf_counter()
    log(f"loaded {rows:,} rows in {t3 - t2:.1f} s (poverty aggregates {profiles_s:.1f} s)")
    return {
        "households": len(demo.households),
        "deprivation_rows": len(sparse),
        "referrals": len(demo.referrals),
        "indicator_values": len(values),
        "rows_loaded": rows,
        "generate_s": t1 - t0,
        "materialise_s": t2 - t1,
        "load_s": t3 - t2,
        "profiles_s": profiles_s,
    }


def demo_verifications(verifications: pd.DataFrame) -> pd.DataFrame:
    """The generator's verification states as stored rows, recorded at noon Thai time of their day."""
    rows = verifications.copy()
    noon = pd.to_datetime(rows["recorded_on"]).dt.tz_localize("Asia/Bangkok") + pd.Timedelta(hours=12)
    rows["recorded_at"] = noon.dt.tz_convert("UTC")
    rows["recorded_by"] = None
    rows["note"] = None
    return rows


def sparse_deprivations(deprivations: pd.DataFrame, household_ids: pd.Series) -> pd.DataFrame:
    """Wide 0/1/NaN flags -> rows only where deprived (1) or not assessed (NULL), as stored."""
    wide = deprivations.copy()
    wide.index = household_ids.to_numpy()
    long = wide.stack(future_stack=True).rename("deprived").reset_index()
    long.columns = ["household_id", "indicator_code", "deprived"]
    long = long[long["deprived"].isna() | (long["deprived"] == 1)]
    long["deprived"] = long["deprived"].astype("Int64")
    return long.sort_values(["household_id", "indicator_code"], ignore_index=True)


def write_dataset_info(conn, facts: dict[str, str]) -> None:
    conn.execute(dataset_info.delete().where(dataset_info.c.key.in_(list(facts))))
    conn.execute(dataset_info.insert(), [{"key": k, "value": v} for k, v in facts.items()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-demo", action="store_true", help="areas and catalogue only")
    parser.add_argument("--scale", type=float, default=1.0, help="share of the real household counts (0-1]")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    url = database_url()
    print(f"database: {describe_url(url)}")
    stats = seed(make_engine(url, statement_timeout=None), demo=not args.no_demo, scale=args.scale)
    # Build the browser's boundary files now rather than on the first map view.
    from geo.assets import ensure_built

    print(f"map geometry: version {ensure_built()}")
    print(f"ready in {stats['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
