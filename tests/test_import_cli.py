"""`python -m data_access.importer`: summary on stdout, exit 0 clean, 1 rows rejected, 2 unusable file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.import_db import CORPUS, snapshot

ROOT = Path(__file__).resolve().parent.parent


def run(engine, *args: str) -> subprocess.CompletedProcess:
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.run(
        [sys.executable, "-m", "data_access.importer", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def clean_file(tmp_path) -> Path:
    path = tmp_path / "values.csv"
    path.write_text("area_code,indicator,numerator,denominator\n330105,bmn60_01,1,10\n", encoding="utf-8")
    return path


def test_dry_run_then_commit_then_again(empty_db, clean_file):
    before = snapshot(empty_db)
    dry = run(empty_db, str(clean_file), "--year", "2566", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        "new 1, updated 0, unchanged 0, rows rejected 0" in dry.stdout
        and "dry run: nothing written" in dry.stdout
    )
    assert snapshot(empty_db) == before
    done = run(empty_db, str(clean_file), "--kind", "indicators", "--year", "2566", "--user", "batch")
    assert done.returncode == 0 and "imported #1: new 1" in done.stdout
    again = run(empty_db, str(clean_file), "--year", "2566")
    assert again.returncode == 0 and "unchanged 1" in again.stdout and "imported before" in again.stdout


def test_rejected_rows_exit_1_and_write_nothing_unless_asked(empty_db, tmp_path):
    before = snapshot(empty_db)
    refused = run(empty_db, str(CORPUS / "duplicated_rows.csv"), "--errors", str(tmp_path / "errors.csv"))
    assert refused.returncode == 1
    assert "row 2, area_code" in refused.stdout and "nothing written" in refused.stdout
    assert (tmp_path / "errors.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert snapshot(empty_db) == before
    partial = run(empty_db, str(CORPUS / "duplicated_rows.csv"), "--valid-rows-only")
    assert partial.returncode == 1 and "imported #1: new 1" in partial.stdout


def test_unusable_file_exits_2_with_both_languages(empty_db):
    result = run(empty_db, str(CORPUS / "utf16.csv"))
    assert result.returncode == 2
    assert "UTF-16" in result.stderr and "กรุณาบันทึกใหม่" in result.stderr
    assert run(empty_db, str(CORPUS / "no_such_file.csv")).returncode == 2


def test_a_database_that_cannot_be_reached_has_its_own_exit_status(tmp_path, monkeypatch, capsys):
    """Not a traceback and not "rows rejected" (1): exit 3 with a Thai and English message."""
    from data_access.importer.__main__ import EXIT_DATABASE, main

    path = tmp_path / "values.csv"
    path.write_text("area_code,year,indicator,numerator,denominator\n330101,2566,target_poor_rate,5,10\n")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody:x@127.0.0.1:1/none")
    monkeypatch.setenv("ATLAS_DB_CONNECT_TIMEOUT", "2")
    assert main([str(path), "--dry-run"]) == EXIT_DATABASE == 3
    message = capsys.readouterr().err
    assert "ติดต่อฐานข้อมูลไม่ได้" in message and "The database cannot be reached" in message
    assert "Traceback" not in message
