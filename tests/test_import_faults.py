"""Faults during an import from the command line (issue #18): a kill mid-write leaves the database as
it was, on SQLite and PostgreSQL (one transaction, the import log with it), and a database that
goes away mid-write is the CLI's own exit status and message, not a traceback. The import reads
the file in runs of 200 rows here, so it is writing long before it is done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from data_access import importer
from tests.support.import_db import households_file, snapshot

ROOT = Path(__file__).resolve().parent.parent
HOUSEHOLDS = 1_200
RUN_ROWS = 200


def start_import(engine, path: Path) -> subprocess.Popen:
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.Popen(
        [sys.executable, "-m", "data_access.importer", str(path), "--user", "batch"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "ATLAS_IMPORT_RUN_ROWS": str(RUN_ROWS)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until_writing(process: subprocess.Popen) -> str:
    """The first progress line of the commit: rows are being written inside its transaction."""
    for line in process.stdout:
        if line.startswith("written "):
            return line
    process.wait(timeout=30)
    raise AssertionError(f"the import never wrote (exit {process.returncode}): {process.stderr.read()}")


def test_a_kill_mid_write_leaves_the_database_as_it_was(empty_db, tmp_path):
    path = households_file(tmp_path / "households_2566.csv", HOUSEHOLDS)
    before = snapshot(empty_db)
    process = start_import(empty_db, path)
    try:
        assert wait_until_writing(process) == f"written {RUN_ROWS:,} of {HOUSEHOLDS:,} rows\n"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        process.kill()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL  # killed, not finished
    assert snapshot(empty_db) == before  # no household, flag, value, aggregate or log row of it
    assert importer.list_imports(empty_db).empty


@pytest.mark.parametrize("empty_db", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_the_database_going_away_mid_write_is_exit_3_with_its_message(empty_db, tmp_path):
    path = households_file(tmp_path / "households_2566.csv", HOUSEHOLDS)
    before = snapshot(empty_db)
    process = start_import(empty_db, path)
    try:
        wait_until_writing(process)
        with empty_db.connect() as conn:  # the server ends the import's connection, as a restart would
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        _, errors = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 3, errors
    assert "การเชื่อมต่อหลุดระหว่างทำงาน" in errors and "went away; nothing was half-written" in errors
    assert "Traceback" not in errors
    assert snapshot(empty_db) == before
