"""`python -m data_access.access.users`: the first administrator, listing users, setting a password."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from analysis.errors import AuthError
from data_access.access import auth, users
from data_access.schema import app_user, audit_log

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "a long enough passphrase"


def run(engine, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    return subprocess.run(
        [sys.executable, "-m", "data_access.access.users", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def test_create_list_and_set_password(empty_db):
    created = run(
        empty_db,
        "create-admin",
        "Chief",
        "--display-name",
        "หัวหน้า",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert created.returncode == 0, created.stderr
    admin = auth.authenticate(empty_db, "chief", PASSWORD)
    assert admin.role == "admin" and admin.display_name == "หัวหน้า"
    with empty_db.connect() as conn:
        logged = conn.execute(
            select(audit_log.c.username, audit_log.c.detail).where(audit_log.c.action == "user_created")
        ).one()
    assert logged.username == "(command line)" and "chief role=admin" in logged.detail

    again = run(empty_db, "create-admin", "CHIEF", "--password-stdin", stdin=PASSWORD + "\n")
    assert again.returncode == 1 and "taken" in again.stderr and has_thai(again.stderr)

    listed = run(empty_db, "list")
    assert listed.returncode == 0 and "chief\tadmin\tTrue" in listed.stdout and "$argon2" not in listed.stdout

    reset = run(empty_db, "set-password", "chief", "--password-stdin", stdin="the second passphrase\n")
    assert reset.returncode == 0, reset.stderr
    with pytest.raises(AuthError):
        auth.authenticate(empty_db, "chief", PASSWORD)
    assert auth.authenticate(empty_db, "chief", "the second passphrase").username == "chief"
    assert auth.current_user(empty_db, admin.id, admin.signed_in_at) is None  # the old session ended


def test_refusals_and_exit_codes(empty_db):
    weak = run(empty_db, "create-admin", "weakling", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "10" in weak.stderr and has_thai(weak.stderr)
    no_terminal = run(empty_db, "create-admin", "someone")
    assert no_terminal.returncode == 2 and "--password-stdin" in no_terminal.stderr
    unknown = run(empty_db, "set-password", "nobody", "--password-stdin", stdin=PASSWORD + "\n")
    assert unknown.returncode == 1 and has_thai(unknown.stderr)
    injected = run(
        empty_db, "create-admin", "x'; DROP TABLE app_user; --", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert injected.returncode == 1
    assert run(empty_db, "no-such-command").returncode == 2
    with empty_db.connect() as conn:
        assert conn.execute(select(func.count()).select_from(app_user)).scalar_one() == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.usefixtures("fast_hashing")
def test_the_terminal_asks_twice(empty_db, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", empty_db.url.render_as_string(hide_password=False))
    monkeypatch.setattr(sys, "stdin", _Terminal())
    answers = iter([PASSWORD, PASSWORD + "typo"])
    monkeypatch.setattr(users.getpass, "getpass", lambda prompt: next(answers))
    assert users.main(["create-admin", "typist"]) == 1
    answers = iter([PASSWORD, PASSWORD])
    assert users.main(["create-admin", "typist"]) == 0
    assert auth.authenticate(empty_db, "typist", PASSWORD).role == "admin"
