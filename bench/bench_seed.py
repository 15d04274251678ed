"""The seed's growth table: time, peak memory and database size at 0.1x, 1x and 3x the two-province demo
and for the national demo (`--provinces all`, 76 provinces calibrated on TPMAP 2561), on SQLite and on a
throwaway PostgreSQL server started the way the suite starts one.

Targets (issues 2 and 18): the 1x demo in at most 2 minutes; the national seed under 20 minutes on each
database on 2 cores; peak memory under 2 GB at every scale. Every seed runs in a fresh process, so each
peak is its own: the writer's and, for large seeds, the child that makes the next province-year ahead.

    .venv/bin/python -m bench bench_seed
    BENCH_SEED_RUNS=0.1,1 BENCH_SEED_BACKENDS=sqlite .venv/bin/python -m bench bench_seed
    .venv/bin/python -m bench.bench_seed one sqlite national     # one row, printed as JSON

`BENCH_SEED_RUNS` picks rows (scales of the demo, `national`, or `national:0.1` for a share of it);
by default the national rows are the kept measurement of `bench/national_seed.json` (`bench.kept_national`
records one from a timed national seed and its database), so `make bench` never seeds the country;
`BENCH_SEED_BACKENDS` picks databases. Memory should not grow with the number of provinces or
households, only with the largest province-year: compare `national:0.01`, `national:0.1` and `0.1`.
Page-time columns are filled by `PAGE_TIMES` (`bench.page_times`: the map and the poverty page of the
largest province, the national tambon table and the whole country's poverty page, each a cold first
view in AppTest, wall seconds with CPU seconds beside them, and the load average after the row).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import kept_national, page_times

TARGET_DEMO_SECONDS = 120
TARGET_NATIONAL_SECONDS = 20 * 60
TARGET_PEAK_MB = 2048
DEFAULT_RUNS = "0.1,1,3"  # the national rows are kept ones (`bench.kept_national`) unless asked for
DEFAULT_BACKENDS = "sqlite,postgresql"

# Hook for the page benchmarks: name -> function(database_url) -> seconds, measured on the database
# just seeded, after the seed's own peaks are read (its rows are printed as extra columns, each with
# its CPU seconds when `bench.page_times` kept them, and the load average after the row).
PAGE_TIMES: dict[str, Callable[[str], float]] = dict(page_times.PAGES)


def main() -> None:
    runs = os.environ.get("BENCH_SEED_RUNS", DEFAULT_RUNS).split(",")
    backends = os.environ.get("BENCH_SEED_BACKENDS", DEFAULT_BACKENDS).split(",")
    header = ["database", "run", "provinces", "household-years", "seed s", "cpu s", "peak MB"]
    header += ["maker peak MB", "size MB"]
    header += [*PAGE_TIMES, "load"] if PAGE_TIMES else ["page s"]
    print(" | ".join(header))
    kept = kept_national.kept_rows() if not any(run.startswith("national") for run in runs) else {}
    for backend in backends:
        for run in runs:
            row = _in_fresh_process(backend, run)
            print(" | ".join(_cells(backend, run, row)), flush=True)
        if backend in kept:
            print(" | ".join(_cells(backend, "national", kept[backend], label="national (kept)")))
    for backend in (b for b in backends if b in kept):
        measured = kept[backend]["measured"]
        print(
            f"kept {backend} national: measured {measured['at']} at {measured['commit']} "
            f"({measured['command']}), database {measured['database']}"
        )
    print(
        f"targets: national seed < {TARGET_NATIONAL_SECONDS // 60} min, 1x demo < {TARGET_DEMO_SECONDS} s, "
        f"peak < {TARGET_PEAK_MB} MB at any scale"
    )


def _cells(backend: str, run: str, row: dict, label: str | None = None) -> list[str]:
    if "error" in row:
        return [backend, run, f"failed: {row['error']}"]
    limit = TARGET_NATIONAL_SECONDS if run.startswith("national") else TARGET_DEMO_SECONDS
    seconds = f"{row['seconds']:.0f}" + (
        " MISSED" if run in ("1", "national") and row["seconds"] > limit else ""
    )
    peak = max(row["peak_mb"], row["maker_peak_mb"])
    cells = [
        backend,
        label or (run if run.startswith("national") else f"{run}x demo"),
        str(row["provinces"]),
        f"{int(row['households']):,}",
        seconds,
        f"{row['cpu_s']:.0f}" + (f" +{row['server_cpu_s']:.0f} server" if "server_cpu_s" in row else ""),
        f"{row['peak_mb']:.0f}" + (" MISSED" if peak > TARGET_PEAK_MB else ""),
        f"{row['maker_peak_mb']:.0f}" if row["maker_peak_mb"] else "-",
        f"{row['size_mb']:.0f}",
    ]
    pages, cpu = row.get("pages") or {}, row.get("pages_cpu") or {}
    shown = [
        f"{pages[name]:.2f}" + (f" (cpu {cpu[name]:.2f})" if name in cpu else "") if name in pages else "-"
        for name in PAGE_TIMES
    ]
    return cells + (shown + [row.get("load", "-")] if PAGE_TIMES else ["(hook: PAGE_TIMES)"])


def _in_fresh_process(backend: str, run: str) -> dict:
    command = [sys.executable, "-m", "bench.bench_seed", "one", backend, run]
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        return {"error": f"exit {result.returncode} (its messages are above)"}
    return json.loads(lines[-1])


def one(backend: str, run: str) -> dict:
    """Seed one fresh database of `backend` for `run` and measure it (this process only)."""
    from data_access.engine import make_engine
    from data_access.seed import seed
    from sample_data.national_generator import calibrated_provinces

    national = run.startswith("national")
    scale = float(run.split(":")[1]) if national and ":" in run else (1.0 if national else float(run))
    provinces = calibrated_provinces("all") if national else None
    with tempfile.TemporaryDirectory() as folder, _database(backend, folder) as url:
        engine = make_engine(url, statement_timeout=None)
        started, cpu = time.perf_counter(), time.process_time()
        stats = seed(engine, demo=True, scale=scale, provinces=provinces, log=_progress)
        seconds = time.perf_counter() - started
        cpu_s = time.process_time() - cpu + _children_cpu()
        size = _size_mb(engine, folder)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        maker_peak_mb = _children_peak_mb() if stats["ahead"] else 0
        engine.dispose()
        pages = {name: _page_seconds(name, measure, url) for name, measure in PAGE_TIMES.items()}
        load = "/".join(f"{value:.1f}" for value in os.getloadavg())
    return {
        "provinces": len(provinces) if provinces else 2,
        "households": stats["households"],
        "rows": stats["rows_loaded"],
        "seconds": seconds,
        "cpu_s": cpu_s,
        "generate_s": stats["generate_s"],
        "materialise_s": stats["materialise_s"],
        "load_s": stats["load_s"],
        "index_s": stats["index_s"],
        "peak_mb": peak_mb,
        "maker_peak_mb": maker_peak_mb,
        "size_mb": size,
        "pages": pages,
        "pages_cpu": {
            name: page_times.page_cpu_seconds[name] for name in pages if name in page_times.page_cpu_seconds
        },
        "load": load,
    }


def _page_seconds(name: str, measure, url: str) -> float:
    """A page's seconds, NaN (with the reason on stderr) when it failed: the row's seed figures stay."""
    try:
        return measure(url)
    except Exception as error:  # a bench row must not lose its seed figures to one page
        _progress(f"page {name} failed: {error!r}")
        return float("nan")


def _progress(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def _children_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class _database:
    """A fresh SQLite file in `folder`, or a throwaway PostgreSQL server (`tests.support.postgres`)."""

    def __init__(self, backend: str, folder: str):
        self.backend, self.folder, self.server = backend, folder, None

    def __enter__(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{Path(self.folder) / 'bench.sqlite'}"
        from tests.support.postgres import throwaway_postgres

        self.server = throwaway_postgres()
        return self.server.__enter__()

    def __exit__(self, *exc) -> None:
        if self.server is not None:
            self.server.__exit__(*exc)


def _size_mb(engine, folder: str) -> float:
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:  # the WAL's pages into the file, so the file is the size
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(p.stat().st_size for p in Path(folder).glob("bench.sqlite*")) / 1e6
    with engine.connect() as conn:
        return conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one() / 1e6


if __name__ == "__main__":
    if sys.argv[1:2] == ["one"]:
        print(json.dumps(one(sys.argv[2], sys.argv[3])))
    else:
        main()
