"""Server CPU per warm rerun of each page the load bench loops (and the national table and map): what
bounds how many runs per second a machine serves (cores / CPU per run), whatever the load average.

One app process (no warm-up), one protocol-level session (serving/protocol.py). Each step runs once
cold, then `BENCH_REPEATS` (5) times warm; reported per step: the server process's CPU seconds per warm
run (user + system, from /proc, the server otherwise idle), the script thread's share of it, wall time
and bytes sent. `BENCH_PROFILE=1` also prints the functions with the most cumulative time over the
warm runs of each step (cProfile in the script thread: slower, so CPU figures are then inflated).
Database: `BENCH_DATABASE_URL`, else data/tambon_atlas.sqlite. `BENCH_NATIONAL=1` adds the national
tambon table and map (`province=all`), which need a national seed (`--provinces all`).
"""

from __future__ import annotations

import asyncio
import io
import os
import pstats
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.bench_load import cpu_seconds
from data_access.config import DEFAULT_SQLITE_PATH
from serving.protocol import Session, widget_with_key
from tests.support.app_server import server_process

REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
NATIONAL = os.environ.get("BENCH_NATIONAL") == "1"
LOOPED = os.environ.get("BENCH_LOOPED", "1") != "0"
PROVINCE, YEAR = os.environ.get("BENCH_PROVINCE", "24"), int(os.environ.get("BENCH_YEAR", "2566"))
TOP = int(os.environ.get("BENCH_TOP", "25"))
FILTER = os.environ.get("BENCH_FILTER", "")  # e.g. "wt-load/(components|analysis)": only those lines


@dataclass
class Step:
    label: str
    page: str
    query: str
    change: str | None = None  # selectbox key to cycle through on every run (a change, not a rerun)
    toggle: str | None = None  # a toggle's key switched on first (the map's values table)
    cpu: list[float] = field(default_factory=list)
    script: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    runs: list[int] = field(default_factory=list)  # the profiled_serve run numbers of the warm runs

    def line(self) -> str:
        return (
            f"  {self.label:<22} CPU {statistics.median(self.cpu):6.3f} s/run "
            f"(script {statistics.median(self.script):6.3f})  wall {statistics.median(self.wall):6.3f} s  "
            f"sent {statistics.median(self.sent) / 1000:7.1f} KB"
        )


def steps() -> list[Step]:
    place = f"province={PROVINCE}&year={YEAR}"
    tambons = f"{place}&level=tambon"
    found = []
    if LOOPED:
        found += [
            Step("overview", "overview", place),
            Step("map", "map", tambons),
            Step("map change (year)", "map", tambons, change="map_year"),
            Step("table", "table", tambons),
            Step("poverty", "poverty", place),
        ]
    if NATIONAL:
        national = f"province=all&year={YEAR}&level=tambon"
        found += [
            Step("national table", "table", national),
            Step("national map", "map", national),
            Step("national map (year)", "map", national, change="map_year"),
            Step("national map (indic.)", "map", national, change="map_indicator"),
            Step("nat. map (indic.+table)", "map", national, change="map_indicator", toggle="map_show_table"),
        ]
    only = os.environ.get("BENCH_STEPS")  # e.g. "poverty,table": only those steps
    return [step for step in found if not only or step.label in only.split(",")]


def script_seconds(folder: Path) -> dict[int, float]:
    log = folder / "runs.log"
    lines = log.read_text().splitlines() if log.exists() else []
    return {int(n): float(cpu) for n, _page, cpu, _wall in (line.split() for line in lines)}


async def logged(folder: Path, runs: int, timeout: float = 30.0) -> dict[int, float]:
    """The run log once it holds `runs` lines (each written after its run's clean-up), and a moment
    more for the event loop to finish sending."""
    deadline = time.monotonic() + timeout
    while len(script_seconds(folder)) < runs and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    return script_seconds(folder)


async def measure(base: str, pid: int, folder: Path, found: list[Step]) -> None:
    """Each step cold (a change step: once through every option, so the warm runs find its data
    cached), then REPEATS warm runs."""
    made = 0  # script runs asked for so far (each logs one line when its clean-up is done)
    async with Session(base, timeout=600) as session:
        for step in found:
            first = await session.run(step.page, step.query)
            made += 1
            if step.toggle:
                first = await session.run(step.page, step.query, {widget_with_key(first, step.toggle): True})
                made += 1
            widget = widget_with_key(first, step.change) if step.change else ""
            options = first.selectboxes[widget] if step.change else []
            for option in options[1:] + options[:1]:
                await session.run(step.page, step.query, {widget: option})
                made += 1
            for repeat in range(REPEATS):
                changes = {widget: options[(repeat + 1) % len(options)]} if options else None
                before_runs = len(await logged(folder, made))
                before = cpu_seconds([pid])
                started = time.perf_counter()
                run = await session.run(step.page, step.query, changes)
                made += 1
                wall = time.perf_counter() - started
                seen = await logged(folder, made)
                cpu = cpu_seconds([pid]) - before
                if run.failed:
                    print(f"  {step.label}: {run.exceptions + run.errors}")
                numbers = sorted(seen)[before_runs:]
                step.cpu.append(cpu)
                step.script.append(sum(seen[n] for n in numbers))
                step.wall.append(wall)
                step.sent.append(run.received_bytes)
                step.runs.extend(numbers)
            print(step.line(), flush=True)


def top_functions(folder: Path, step: Step) -> str:
    files = [str(folder / f"run-{n}.prof") for n in step.runs if (folder / f"run-{n}.prof").exists()]
    if not files:
        return ""
    out = io.StringIO()
    stats = pstats.Stats(*files, stream=out)
    stats.sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(FILTER, TOP)
    return out.getvalue()


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}")
    print(f"load average {os.getloadavg()[0]:.2f}; database {url.split('@')[-1]}; {REPEATS} warm runs each")
    found = steps()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = {"ATLAS_PROFILE_DIR": name, "ATLAS_PROFILE": "1" if PROFILE else "0", "ATLAS_WARMUP": "0"}
        command = ("bench/profiled_serve.py",)
        with server_process(url, command, env, folder / "server.log", timeout=180) as (base, process):
            asyncio.run(measure(base, process.pid, folder, found))
            total = sum(statistics.median(step.cpu) for step in found if step.label in LOOP_LABELS)
            if LOOPED and not os.environ.get("BENCH_STEPS"):
                print(f"  one tour of the load bench's loop: {total:.3f} s CPU")
        if PROFILE:
            for step in found:
                print(f"==== {step.label}\n{top_functions(folder, step)}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


LOOP_LABELS = {"overview", "map", "map change (year)", "table", "poverty"}

if __name__ == "__main__":
    main()
