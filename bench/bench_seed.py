"""Seeding the full demo (575,000 households x 3 survey years) into a fresh embedded SQLite database.

Target (issue 2): at most 2 minutes on the 2-core machine. Prints rows per second, phase timings,
database size and peak memory. `BENCH_DATABASE_URL=postgresql+psycopg://...` times an empty
PostgreSQL database instead.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path

from data_access.engine import make_engine
from data_access.seed import seed

TARGET_SECONDS = 120


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        engine = make_engine(url)
        started = time.perf_counter()
        stats = seed(engine, demo=True, scale=1.0, log=lambda *_: None)
        total = time.perf_counter() - started
        engine.dispose()
        size = _size_mb(url, folder)
    rows = stats["rows_loaded"]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"backend            {url.split(':')[0]}")
    print(f"households         {stats['households']:,}")
    print(f"rows loaded        {rows:,} (households, deprivation flags, referrals, tambon values)")
    print(f"generate           {stats['generate_s']:.1f} s")
    print(f"materialise        {stats['materialise_s']:.1f} s")
    print(f"bulk load          {stats['load_s']:.1f} s ({rows / stats['load_s']:,.0f} rows/s)")
    print(
        f"total seed         {total:.1f} s (target {TARGET_SECONDS} s: {_verdict(total <= TARGET_SECONDS)})"
    )
    if size is not None:
        print(f"database size      {size:.0f} MB")
    print(f"peak memory        {peak_mb:.0f} MB")


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def _size_mb(url: str, folder: str) -> float | None:
    if not url.startswith("sqlite"):
        return None
    return sum(p.stat().st_size for p in Path(folder).glob("bench.sqlite*")) / 1e6


if __name__ == "__main__":
    main()
