"""Importing a 300,000-household survey file (CSV) into a fresh embedded SQLite database.

The file is built from the deterministic demo generator (Si Sa Ket and Chachoengsao, one survey year,
trimmed to 300,000 households), written as the CSV an office would send. Times the dry run (read,
check, compare) and the commit (write households and flags, recompute tambon values, log), and
prints rows per second and peak memory. `BENCH_DATABASE_URL` times an empty PostgreSQL database.

Peak memory of a large household file (`BENCH_IMPORT_ROWS`, default 1,000,000 synthetic households
over the tambons of Si Sa Ket and Chachoengsao, about 100 MB of CSV) imported from disk, dry run and
commit, read whole (`importer.preview` on the bytes, the way before issue #18) against streamed
(`importer.preview_file`, 50,000 rows at a time), each in a fresh process on its own copy of an
empty SQLite database: `python -m bench.bench_import memory` runs only that part
(`BENCH_IMPORT_MODES=streamed`: only the streamed import).

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


MEMORY_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 1_000_000))
MEMORY_MODES = os.environ.get("BENCH_IMPORT_MODES", "whole,streamed").split(",")  # e.g. only "streamed"


def memory_bench() -> None:
    """Peak memory, CPU and wall time of a large file's dry run + commit, whole against streamed."""
    import shutil
    import subprocess

    from sqlalchemy import select

    from data_access.schema import area
    from tests.support.import_db import households_file

    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.sqlite"
        engine = make_engine(f"sqlite:///{template}")
        seed(engine, demo=False, log=lambda *_: None)
        with engine.connect() as conn:
            tambons = conn.execute(
                select(area.c.code).where(area.c.level == "tambon", area.c.province_code.in_(["24", "33"]))
            ).scalars()
            tambons = sorted(tambons)
        engine.dispose()
        path = households_file(Path(folder) / "households_2566.csv", MEMORY_ROWS, tuple(tambons))
        size = path.stat().st_size / 1e6
        print(f"large file         {MEMORY_ROWS:,} households, {size:.0f} MB CSV, {len(tambons)} tambons")
        for mode in MEMORY_MODES:
            database = Path(folder) / f"{mode}.sqlite"
            shutil.copy(template, database)
            command = [
                sys.executable,
                "-m",
                "bench.bench_import",
                "memory-one",
                mode,
                str(path),
                str(database),
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
            print(f"{mode:<18} {line}", flush=True)
    print(f"load average       {os.getloadavg()[0]:.1f} (1 min) at the end")


def memory_one(mode: str, path: str, database: str) -> None:
    """One dry run + commit of `path` into `database`, in this fresh process; prints its figures."""
    engine = make_engine(f"sqlite:///{database}")
    started, cpu = time.perf_counter(), time.process_time()
    if mode == "whole":
        checked = importer.preview(engine, Path(path).read_bytes(), Path(path).name, max_bytes=1 << 40)
    else:
        checked = importer.preview_file(engine, Path(path))
    checked_s = time.perf_counter() - started
    result = importer.commit(engine, checked, user="bench")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak {peak_mb:,.0f} MB; dry run {checked_s:.0f} s, dry run + commit "
        f"{time.perf_counter() - started:.0f} s wall, {time.process_time() - cpu:.0f} s CPU; "
        f"new {result.new:,}, rejected {result.rejected:,}"
    )


def main() -> None:
    if sys.argv[1:] == ["village"]:
        village_bench()
        return
    if sys.argv[1:2] == ["memory-one"]:
        memory_one(*sys.argv[2:5])
        return
    if sys.argv[1:] == ["memory"]:
        memory_bench()
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
    memory_bench()
    village_bench()


if __name__ == "__main__":
    main()
