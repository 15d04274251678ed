"""The national rows of the seed's growth table, kept from a measured run instead of seeding the whole
country on every `make bench` (one national seed is 15-40 minutes per database on 2 cores).

A row is recorded once from a national seed run under `/usr/bin/time -v` and the database it built:

    DATABASE_URL=sqlite:////work/national/national.sqlite \
        /usr/bin/time -v nice -n 5 .venv/bin/python -m data_access.seed --provinces all > seed.log 2>&1
    .venv/bin/python -m bench.kept_national sqlite sqlite:////work/national/national.sqlite seed.log

It reads wall and CPU seconds (user + system, the writer and the child that makes the households) and
the peak RSS of the largest process from the log; households, provinces and size from the database;
the page times (`bench.page_times`) by opening the pages on it now; for PostgreSQL the server's CPU
seconds when given (`--server-cpu`). `bench_seed` prints the kept rows under the fresh ones; seeding
afresh is opt-in (`BENCH_SEED_RUNS=national`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import time
from pathlib import Path

KEPT_FILE = Path(__file__).with_name("national_seed.json")


def kept_rows() -> dict[str, dict]:
    """Backend -> the kept national row (as `bench_seed.one` returns it, with `measured`), or {}."""
    if not KEPT_FILE.exists():
        return {}
    return json.loads(KEPT_FILE.read_text(encoding="utf-8"))


def time_v(log: str) -> dict[str, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) from the report of `/usr/bin/time -v`."""

    def field(label: str) -> str:
        found = re.search(rf"^\s*{re.escape(label)}: (.+)$", log, re.MULTILINE)
        if not found:
            raise ValueError(f"no '{label}' in the log: not a /usr/bin/time -v report")
        return found.group(1).strip()

    clock = [float(part) for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    seconds = sum(part * 60**power for power, part in enumerate(reversed(clock)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    peak_mb = float(field("Maximum resident set size (kbytes)")) / 1024
    return {"seconds": seconds, "cpu_s": cpu, "peak_mb": peak_mb}


def record(backend: str, url: str, log_path: Path, server_cpu: float | None = None) -> dict:
    """The national row of `backend` from its seed log and database, written into `KEPT_FILE`."""
    from sqlalchemy import func, select

    from bench.bench_seed import PAGE_TIMES, _page_seconds
    from bench.page_times import page_cpu_seconds
    from data_access.engine import make_engine
    from data_access.schema import household

    log = log_path.read_text(encoding="utf-8", errors="replace")
    row = time_v(log)
    engine = make_engine(url, statement_timeout=None)
    with engine.connect() as conn:
        row["households"] = conn.execute(select(func.count()).select_from(household)).scalar_one()
        province = func.substr(household.c.tambon_code, 1, 2)
        row["provinces"] = conn.execute(select(func.count(province.distinct()))).scalar_one()
        if engine.dialect.name == "sqlite":
            path = Path(engine.url.database)
            row["size_mb"] = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
        else:
            size = "SELECT pg_database_size(current_database())"
            row["size_mb"] = conn.exec_driver_sql(size).scalar_one() / 1e6
    engine.dispose()
    row["maker_peak_mb"] = 0.0  # time -v reports the largest process, writer or maker: in peak_mb
    row["pages"] = {name: _page_seconds(name, measure, url) for name, measure in PAGE_TIMES.items()}
    row["pages_cpu"] = dict(page_cpu_seconds)
    row["load"] = "/".join(f"{value:.1f}" for value in os.getloadavg())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
    row["measured"] = {
        "at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(log_path.stat().st_mtime)),
        "commit": commit.strip(),
        "command": _timed_command(log),
        "database": url,
    }
    if server_cpu is not None:
        row["server_cpu_s"] = server_cpu
    rows = kept_rows()
    rows[backend] = row
    KEPT_FILE.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return row


def _timed_command(log: str) -> str:
    """The command `time -v` timed, as its log names it (without the venv's path)."""
    found = re.search(r'Command being timed: "(.*)"', log)
    command = found.group(1) if found else "python -m data_access.seed --provinces all"
    return "/usr/bin/time -v " + command.replace(".venv/bin/python", "python")


def main() -> None:
    layout = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=layout)
    parser.add_argument("backend", choices=("sqlite", "postgresql"))
    parser.add_argument("url", help="the database the national seed built")
    parser.add_argument("log", type=Path, help="the seed's output with the /usr/bin/time -v report")
    parser.add_argument("--server-cpu", type=float, help="PostgreSQL server CPU seconds of the seed")
    args = parser.parse_args()
    print(json.dumps(record(args.backend, args.url, args.log, args.server_cpu), indent=1))


if __name__ == "__main__":
    main()
