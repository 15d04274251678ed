"""One server process's resident memory after visiting every page for 5 provinces (issue 18: under
1.5 GB on national data).

Starts `serve.py` (one process, no warm-up) on a copy of the database and, for each of the five
provinces with the most households, opens a new tab (a protocol session, `serving/protocol.py`) that
runs every page a public viewer has: home, overview, map at tambon level and its previous year, table,
poverty, explorer, presentation, then the whole country's poverty page and tambon table. After each
province it reads the process's resident set (VmRSS) and its CPU seconds from /proc, and prints the
run times. Caches that grow with every province visited show as steps that do not level off.

    BENCH_MEMORY_URL=sqlite:////tmp/national-copy.sqlite .venv/bin/python -m bench bench_memory

`BENCH_MEMORY_URL` (a database the server may write sign-in and audit rows into: give it a copy, never
the original), else the database at `BENCH_MEMORY_SOURCE` (/work/national/national.sqlite) copied to a
temporary file; else a fresh full demo on SQLite. `BENCH_MEMORY_PROVINCES` (5); `BENCH_MEMORY_WARMUP=1`
lets the server tour every province at start first (serving/warmup.py), as `make run` does.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import tempfile
import time
from pathlib import Path

from serving.protocol import Session
from tests.support.app_server import server_process

TARGET_MB = 1536
PROVINCES = int(os.environ.get("BENCH_MEMORY_PROVINCES", "5"))
WARMUP = os.environ.get("BENCH_MEMORY_WARMUP", "0") == "1"  # the start-up tour of every province first
SOURCE = Path(os.environ.get("BENCH_MEMORY_SOURCE", "/work/national/national.sqlite"))


def tour(province: str, year: int, previous: int | None) -> list[tuple[str, str]]:
    place = f"province={province}&year={year}"
    stops = [
        ("", place),
        ("overview", place),
        ("map", f"{place}&level=tambon"),
        ("table", f"{place}&level=tambon"),
        ("poverty", place),
        ("explorer", f"{place}&level=tambon"),
        ("present", place),
    ]
    if previous is not None:  # the map's year changed: a new tab with the earlier year
        stops.insert(3, ("map", f"province={province}&year={previous}&level=tambon"))
    return stops


def country(year: int) -> list[tuple[str, str]]:
    return [("poverty", f"province=all&year={year}"), ("table", f"province=all&level=tambon&year={year}")]


def wait_for_warmup(process, timeout: float = 3600) -> None:
    """Until the server's log says its warm-up ended (serving/warmup.py prints one line)."""
    log = (
        Path(os.environ.get("TMPDIR", "/tmp"))
        / f"atlas-app-{process.args[process.args.index('--server.port') + 1]}.log"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        if "warm-up:" in text or "warm-up skipped" in text:
            print(next(line for line in text.splitlines() if line.startswith("warm-up")))
            return
        time.sleep(2)


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def visit(base: str, stops: list[tuple[str, str]]) -> list[tuple[str, float, bool]]:
    """Each stop in a tab of its own (a page's widgets would otherwise keep the last tab's place)."""
    runs = []
    for page, query in stops:
        async with Session(base, timeout=900) as session:
            run = await session.run(page, query)
        runs.append((f"/{page}?{query}", run.seconds, run.failed))
    return runs


def plan(url: str) -> tuple[list[str], int, int | None]:
    """The provinces with the most households in the latest year, that year and the one before."""
    from data_access import queries
    from data_access.engine import make_engine
    from data_access.poverty_profiles import country_profile_rows

    engine = make_engine(url)
    years = queries.survey_years(engine)
    sizes = country_profile_rows(engine, years[-1]).groupby("tambon_code")["households"].sum()
    engine.dispose()
    largest = sizes.sort_values(ascending=False).index[:PROVINCES]
    return [str(code) for code in largest], years[-1], (years[-2] if len(years) > 1 else None)


def measure(url: str) -> None:
    provinces, year, previous = plan(url)
    env = {"ATLAS_WARMUP": "1"} if WARMUP else None
    with server_process(url, env=env, timeout=300) as (base, process):
        pid = process.pid
        if WARMUP:
            wait_for_warmup(process)
        warm = "on" if WARMUP else "off"
        print(f"server pid {pid}: {resident_mb(pid):.0f} MB resident before any page (warm-up {warm})")
        print(f"{'after':<22} {'RSS MB':>8} {'CPU s':>7} {'load':>5}  slowest runs (s)")
        for label, stops in [
            *((f"province {p}", tour(p, year, previous)) for p in provinces),
            ("whole country", country(year)),
        ]:
            runs = asyncio.run(visit(base, stops))
            failed = [name for name, _, bad in runs if bad]
            slowest = sorted(runs, key=lambda run: -run[1])[:3]
            shown = ", ".join(f"{name.split('?')[0]} {seconds:.1f}" for name, seconds, _ in slowest)
            figures = f"{resident_mb(pid):8.0f} {cpu_seconds(pid):7.1f} {os.getloadavg()[0]:5.1f}"
            print(f"{label:<22} {figures}  {shown}" + (f"  FAILED: {failed}" if failed else ""), flush=True)
        time.sleep(2)
        final = resident_mb(pid)
        verdict = "OK" if final < TARGET_MB else "MISSED"
        print(f"resident after the tour: {final:.0f} MB (target under {TARGET_MB} MB: {verdict})")


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the source's write-ahead log included), read-only
    on the source."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer)


def main() -> None:
    url = os.environ.get("BENCH_MEMORY_URL")
    if url:
        measure(url)
        return
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "memory.sqlite"
        if SOURCE.exists():
            started = time.perf_counter()
            copy_sqlite(SOURCE, copy)
            size, seconds = copy.stat().st_size / 1e9, time.perf_counter() - started
            print(f"database           a copy of {SOURCE} ({size:.1f} GB, {seconds:.0f} s)")
        else:
            from data_access.engine import make_engine
            from data_access.seed import seed

            print(f"database           {SOURCE} missing: a fresh full demo instead")
            seed(make_engine(f"sqlite:///{copy}"), demo=True, log=lambda *_: None)
        measure(f"sqlite:///{copy}")


if __name__ == "__main__":
    main()
