"""Importing a 300,000-household survey file (CSV) into a fresh embedded SQLite database.

The file is built from the deterministic demo generator (Si Sa Ket and Chachoengsao, one survey year,
trimmed to 300,000 households), written as the CSV an office would send. Times the dry run (read,
check, compare) and the commit (write households and flags, recompute tambon values, log), and
prints rows per second and peak memory. `BENCH_DATABASE_URL` times an empty PostgreSQL database.

Then the real TPMAP 2561 village file of Si Sa Ket (2,754 villages, `../shared/data/real`, issue #12;
target: dry run and commit under 5 s each), into an empty database. `python -m bench.bench_import
village` runs only that part.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from data_access import importer
from data_access.engine import make_engine
from data_access.seed import seed

HOUSEHOLDS = 300_000
YEAR = 2566


def survey_csv(households: int = HOUSEHOLDS) -> bytes:
    """A household file of `households` rows from the demo generator, as CSV bytes."""
    from sample_data.demo_generator import generate

    demo = generate(scale=0.55)
    in_year = (demo.households["survey_year"] == YEAR).to_numpy()
    frame = pd.concat([demo.households[in_year].drop(columns="id"), demo.deprivations[in_year]], axis=1)
    frame = frame.head(households)
    frame["welfare_card"] = frame["welfare_card"].astype(int)
    return frame.to_csv(index=False).encode("utf-8")


VILLAGE_FILE = "61_33_village_11111.csv"
VILLAGE_TARGET_S = 5.0


def village_bench() -> None:
    """Dry run and commit of the Si Sa Ket village file, then the same file again (all unchanged)."""
    from tests.support.real_data import REAL_DATA

    path = REAL_DATA / VILLAGE_FILE
    if not path.exists():
        print(f"village file       skipped: {path} not found (set ATLAS_REAL_DATA)")
        return
    files = [(VILLAGE_FILE, path.read_bytes())]
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'village.sqlite'}"
        engine = make_engine(url)
        seed(engine, demo=False, log=lambda *_: None)
        t0 = time.perf_counter()
        checked = importer.preview_files(engine, files)
        t1 = time.perf_counter()
        result = importer.commit(engine, checked, user="bench")
        t2 = time.perf_counter()
        again = importer.preview_files(engine, files)
        t3 = time.perf_counter()
        engine.dispose()
    rows = checked.rows_total
    verdict = lambda s: "ok" if s < VILLAGE_TARGET_S else f"over the {VILLAGE_TARGET_S:.0f} s target"  # noqa: E731
    print(f"village file       {VILLAGE_FILE}: {rows:,} rows, problems {len(checked.errors):,}")
    print(f"village dry run    {t1 - t0:.2f} s ({verdict(t1 - t0)})")
    print(f"village commit     {t2 - t1:.2f} s ({verdict(t2 - t1)}); new {result.new:,} values")
    print(f"village again      {t3 - t2:.2f} s: unchanged {again.counts['unchanged']:,}")


def main() -> None:
    if sys.argv[1:] == ["village"]:
        village_bench()
        return
    started = time.perf_counter()
    data = survey_csv()
    built = time.perf_counter() - started
    rows = data.count(b"\n") - 1
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        engine = make_engine(url)
        seed(engine, demo=False, log=lambda *_: None)
        t0 = time.perf_counter()
        checked = importer.preview(engine, data, "survey_2566.csv")
        t1 = time.perf_counter()
        result = importer.commit(engine, checked, user="bench")
        t2 = time.perf_counter()
        again = importer.preview(engine, data, "survey_2566.csv")
        t3 = time.perf_counter()
        engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"backend            {url.split(':')[0]}")
    print(f"file               {rows:,} households, {len(data) / 1e6:.1f} MB CSV (built in {built:.1f} s)")
    print(f"problems           {len(checked.errors):,}")
    print(f"dry run            {t1 - t0:.1f} s ({rows / (t1 - t0):,.0f} rows/s)")
    print(
        f"commit             {t2 - t1:.1f} s ({rows / (t2 - t1):,.0f} rows/s); new {result.new:,}, "
        f"tambon values recomputed {result.recomputed_values:,}"
    )
    print(
        f"dry run again      {t3 - t2:.1f} s: unchanged {again.counts['unchanged']:,}, "
        f"new {again.counts['new']:,}"
    )
    print(f"dry run + commit   {t2 - t0:.1f} s ({rows / (t2 - t0):,.0f} rows/s)")
    print(f"peak memory        {peak_mb:.0f} MB")
    village_bench()


if __name__ == "__main__":
    main()
