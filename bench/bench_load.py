"""Under load: concurrent sessions speaking Streamlit's own websocket protocol (no browser), against one
app process and against several behind nginx (the recipe in deploy/nginx/atlas.conf).

Every session loops the pages a provincial office opens: overview, map, a change of the map's year,
the tambon table and the poverty page, for one of the demo's provinces (sessions alternate), and times
each run from its request to the server's `script_finished` (so time waiting behind other sessions
counts). Reported at 1, 5, 10 and 20 sessions: runs, errors (exceptions or error boxes drawn, sessions
closed), median, p95 and worst run, runs per second and the server processes' CPU seconds per run
(what bounds a machine's throughput: at best cores / CPU per run runs per second). Goal (issue 18):
no error and p95 at most 1 s at 20 sessions on this 2-core machine.

The processes warm themselves at start (serving/warmup.py) and the bench waits for that, as a
deployment does before it takes traffic; `BENCH_WARMUP=0` measures cold processes instead (then the
first round of the first load level pays for every cold query). `BENCH_PROCESSES` (2) processes sit
behind nginx; `BENCH_SESSIONS` ("1,5,10,20"), `BENCH_ROUNDS` (3 tours per session),
`BENCH_SETUPS` ("one,nginx"), `BENCH_THINK` (0 s between a run and the next: every session asks
again at once, the hardest case; a person reading a page waits some seconds: with THINK > 0 each pause
is drawn between half and one and a half times THINK and sessions start spread over one THINK, as
people do not click in step; a fixed seed keeps runs comparable). Database:
`BENCH_DATABASE_URL` (e.g. PostgreSQL), else a fresh full demo on SQLite (`BENCH_REUSE_DB=1` uses
data/tambon_atlas.sqlite).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from serving.health import answers
from serving.nginx import running_nginx
from serving.protocol import ProtocolError, Session, widget_with_key
from tests.support.app_server import free_port, server_process

PROVINCES = ("24", "33")
YEAR = 2566
SESSIONS = [int(n) for n in os.environ.get("BENCH_SESSIONS", "1,5,10,20").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PROCESSES = int(os.environ.get("BENCH_PROCESSES", "2"))
WARMUP = os.environ.get("BENCH_WARMUP", "1") != "0"
SETUPS = os.environ.get("BENCH_SETUPS", "one,nginx").split(",")
THINK = float(os.environ.get("BENCH_THINK", "0"))  # seconds a person looks at a page before the next


@dataclass
class Level:
    sessions: int
    seconds: list[float] = field(default_factory=list)  # every run's time
    per_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    cpu: float = 0.0  # CPU seconds the server processes spent meanwhile
    client_cpu: float = 0.0  # CPU seconds this bench (the sessions' client) spent: it shares the cores

    def line(self) -> str:
        runs = sorted(self.seconds)
        if not runs:
            return (
                f"{self.sessions:>3} sessions  no run finished; errors {len(self.errors)}: {self.errors[:3]}"
            )
        p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
        return (
            f"{self.sessions:>3} sessions  {len(runs):>4} runs  errors {len(self.errors):>2}  median "
            f"{statistics.median(runs):5.2f} s  p95 {p95:5.2f} s  max {runs[-1]:5.2f} s  "
            f"{len(runs) / self.wall:5.1f} runs/s  server CPU {self.cpu / len(runs):.3f} s per run "
            f"({self.cpu / self.wall:.2f} cores; client {self.client_cpu / self.wall:.2f})"
        )

    def slowest_pages(self) -> str:
        medians = {page: statistics.median(times) for page, times in self.per_page.items()}
        return ", ".join(
            f"{page} {seconds:.2f}" for page, seconds in sorted(medians.items(), key=lambda x: -x[1])
        )


async def one_session(base: str, index: int, level: Level, cookie: str | None) -> None:
    province = PROVINCES[index % len(PROVINCES)]
    pauses = random.Random(index)  # the same pauses for session `index` in every run

    def pause() -> float:
        return THINK * pauses.uniform(0.5, 1.5)

    await asyncio.sleep(THINK * pauses.random())  # people arrive spread out, not all at once
    place, tambons = f"province={province}&year={YEAR}", f"province={province}&year={YEAR}&level=tambon"
    try:
        async with Session(base, cookie=cookie, timeout=180) as session:

            async def step(label: str, page: str, query: str, changes: dict[str, str] | None = None):
                run = await session.run(page, query, changes)
                level.seconds.append(run.seconds)
                level.per_page.setdefault(label, []).append(run.seconds)
                level.errors.extend(f"{label}: {text}" for text in run.exceptions + run.errors)
                await asyncio.sleep(pause())
                return run

            for round_ in range(ROUNDS):
                await step("overview", "overview", place)
                shown = await step("map", "map", tambons)
                year = widget_with_key(shown, "map_year")
                options = shown.selectboxes[year]
                await step("map change", "map", tambons, {year: options[(round_ + index) % len(options)]})
                await step("table", "table", tambons)
                await step("poverty", "poverty", place)
    except (ProtocolError, OSError) as error:
        level.errors.append(f"session {index}: {error}")


def route_cookie(base: str) -> str | None:
    """The cookie nginx gives a new browser (its process); None straight at a process."""
    with urllib.request.urlopen(f"{base}/", timeout=30) as response:
        cookies = [value.split(";", 1)[0] for key, value in response.headers.items() if key == "Set-Cookie"]
    return "; ".join(cookies) or None


async def load(base: str, sessions: int, pids: list[int]) -> Level:
    level = Level(sessions)
    cookies = [route_cookie(base) for _ in range(sessions)]
    started, cpu, client = time.perf_counter(), cpu_seconds(pids), time.process_time()
    await asyncio.gather(*(one_session(base, index, level, cookies[index]) for index in range(sessions)))
    level.wall, level.cpu = time.perf_counter() - started, cpu_seconds(pids) - cpu
    level.client_cpu = time.process_time() - client
    return level


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of the processes so far."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def app_pids(pid: int) -> list[int]:
    """The process and its children (the supervisor's app processes)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *(int(child) for child in children.read_text().split())] if children.exists() else [pid]


@contextlib.contextmanager
def one_process(url: str, log: Path) -> Iterator[tuple[str, list[int]]]:
    env = {"ATLAS_WARMUP": "1" if WARMUP else "0"}
    with server_process(url, ("serve.py",), env, log, timeout=180) as (base, process):
        wait_warm(log, 1)
        yield base, [process.pid]


@contextlib.contextmanager
def behind_nginx(url: str, log: Path) -> Iterator[tuple[str, list[int]]]:
    env = {"ATLAS_WARMUP": "1" if WARMUP else "0"}
    command = ("serve.py", "--processes", str(PROCESSES))
    with server_process(url, command, env, log, timeout=180) as (base, process):
        first = int(base.rsplit(":", 1)[1])
        ports = [first + index for index in range(PROCESSES)]
        for port in ports[1:]:
            wait_up(f"http://127.0.0.1:{port}")
        wait_warm(log, PROCESSES)
        with running_nginx(free_port(), ports) as front:
            yield front, app_pids(process.pid)


def wait_up(base: str, timeout: float = 180.0) -> None:
    if not answers(base, timeout):
        raise RuntimeError(f"{base} did not answer within {timeout} s")


def wait_warm(log: Path, processes: int, timeout: float = 900.0) -> None:
    """Wait until every process printed its warm-up line (nothing to wait for with BENCH_WARMUP=0)."""
    if not WARMUP:
        return
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        lines = [line for line in log.read_text().splitlines() if line.startswith("warm-up")]
        if len(lines) >= processes:
            for line in lines:
                print(f"  {line}", flush=True)
            return
        time.sleep(1)
    raise RuntimeError(f"the processes did not finish warming within {timeout} s")


def database() -> contextlib.AbstractContextManager[str]:
    if os.environ.get("BENCH_DATABASE_URL"):
        print(f"database           {os.environ['BENCH_DATABASE_URL'].split('@')[-1]} (BENCH_DATABASE_URL)")
        return contextlib.nullcontext(os.environ["BENCH_DATABASE_URL"])
    from bench.bench_map import database as demo_database

    return demo_database()


def main() -> None:
    print(f"load average       {os.getloadavg()[0]:.2f} at start ({os.cpu_count()} cores)", flush=True)
    setups = {
        "one": ("one process", one_process),
        "nginx": (f"{PROCESSES} processes behind nginx", behind_nginx),
    }
    with database() as url, tempfile.TemporaryDirectory() as folder:
        for name in SETUPS:
            title, start = setups[name]
            warm = "on" if WARMUP else "off"
            print(f"-- {title} (warm-up {warm}, {ROUNDS} tours per session, think {THINK:g} s)", flush=True)
            started = time.perf_counter()
            with start(url, Path(folder) / f"{name}.log") as (base, pids):
                print(f"  ready in {time.perf_counter() - started:.0f} s", flush=True)
                for sessions in SESSIONS:
                    level = asyncio.run(load(base, sessions, pids))
                    print(f"  {level.line()}", flush=True)
                    print(f"      median by page: {level.slowest_pages()}", flush=True)
                    for error in level.errors[:3]:
                        print(f"      error: {error[:200]}", flush=True)
    print(
        f"load average       {os.getloadavg()[0]:.2f} at the end (other processes on the machine add noise)"
    )


if __name__ == "__main__":
    main()
