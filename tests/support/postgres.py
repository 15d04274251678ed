"""A throwaway PostgreSQL server for the test session, started and removed by the suite itself.

`throwaway_postgres()` yields a SQLAlchemy URL to an empty database. It uses, in order:

1. `DATABASE_URL_TEST_POSTGRES`: a server someone else runs (CI service container, a laptop's
   PostgreSQL). A fresh database with a random name is created there and dropped afterwards, so the
   database named in the URL is never written to; its user needs CREATEDB.
2. `initdb` + `pg_ctl` found on PATH or in /usr/lib/postgresql/*/bin: a private cluster in a temporary
   directory on a free 127.0.0.1 port, with fsync off, removed on teardown.

PostgreSQL refuses to run as root, so under root the server runs as the `postgres` system user (which
the Debian `postgresql` package creates) and the temporary directory is handed to that user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

MISSING_MESSAGE = "PostgreSQL server binaries not found: apt-get install postgresql"
EXTERNAL_URL_VARIABLE = "DATABASE_URL_TEST_POSTGRES"
DATABASE_NAME = "atlas_test"
SERVER_USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """No server can be started here; the message says what to install."""


@dataclass(frozen=True)
class Binaries:
    initdb: Path
    pg_ctl: Path


def find_binaries() -> Binaries | None:
    """`initdb` and `pg_ctl` from PATH, else the newest /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("initdb"), shutil.which("pg_ctl")
    if all(on_path):
        return Binaries(Path(on_path[0]), Path(on_path[1]))
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    for folder in map(Path, candidates):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return Binaries(folder / "initdb", folder / "pg_ctl")
    return None


def _version_key(folder: str) -> tuple[int, ...]:
    version = Path(folder).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (0,)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Yield `postgresql+psycopg://...` for an empty database that disappears afterwards."""
    external = os.environ.get(EXTERNAL_URL_VARIABLE)
    if external:
        with _database_on_external_server(external) as url:
            yield url
        return
    binaries = find_binaries()
    if binaries is None:
        raise PostgresUnavailable(MISSING_MESSAGE)
    with _private_server(binaries) as url:
        yield url


@contextlib.contextmanager
def _private_server(binaries: Binaries) -> Iterator[str]:
    run_as = _server_user()
    root = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data_dir, log_file = root / "data", root / "server.log"
    started = False
    try:
        if run_as is not None:
            os.chown(root, run_as.pw_uid, run_as.pw_gid)
        initdb = [binaries.initdb, "-D", data_dir, "-A", "trust", "-U", SERVER_USER, "-E", "UTF8"]
        _run([*initdb, f"--locale={_locale()}", "--no-sync"], run_as, cwd=root)
        started = True  # from here on, stop whatever may be running
        port = _start(binaries, data_dir, root, log_file, run_as)
        server = URL.create("postgresql+psycopg", username=SERVER_USER, host="127.0.0.1", port=port)
        _create_database(server.set(database="postgres"), DATABASE_NAME)
        yield server.set(database=DATABASE_NAME).render_as_string(hide_password=False)
    finally:
        if started:
            stop = [binaries.pg_ctl, "-D", data_dir, "-m", "immediate", "-w", "stop"]
            _run(stop, run_as, cwd=root, check=False)
        shutil.rmtree(root, ignore_errors=True)


def _start(binaries: Binaries, data_dir: Path, root: Path, log_file: Path, run_as, attempts: int = 3) -> int:
    """Start the server on a free port; another process may take the port first, so try again."""
    for attempt in range(1, attempts + 1):
        port = free_port()
        options = f"-k {root} -h 127.0.0.1 -p {port} -F"
        start = [binaries.pg_ctl, "-D", data_dir, "-l", log_file, "-w", "-t", "60", "-o", options, "start"]
        try:
            _run(start, run_as, cwd=root, log_file=log_file)
            return port
        except RuntimeError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


@contextlib.contextmanager
def _database_on_external_server(url: str) -> Iterator[str]:
    server = make_url(url).set(drivername="postgresql+psycopg")
    name = f"atlas_test_{uuid.uuid4().hex[:12]}"
    _create_database(server, name)
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(server, name)


def _server_user() -> pwd.struct_passwd | None:
    """None when we may run the server ourselves; the `postgres` account when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root and there is no '{SERVER_USER}' system user to run PostgreSQL as; "
            f"{MISSING_MESSAGE}"
        ) from None


def _locale() -> str:
    """C.UTF-8 where the system has it (Debian and Ubuntu always do), else plain C."""
    if shutil.which("locale") is None:
        return "C"
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.lower()
    return "C.UTF-8" if re.search(r"^c\.utf-?8$", available, re.MULTILINE) else "C"


def _run(args, run_as, cwd: Path, check: bool = True, log_file: Path | None = None) -> None:
    command = [str(a) for a in args]
    if run_as is not None:
        command = ["runuser", "-u", run_as.pw_name, "--", *command]
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL, timeout=120
    )
    if check and result.returncode != 0:
        log = log_file.read_text(errors="replace")[-4000:] if log_file and log_file.exists() else ""
        raise RuntimeError(
            f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n{log}"
        )


def _admin_connection(server: URL):
    import psycopg

    return psycopg.connect(
        host=server.host,
        port=server.port or 5432,
        user=server.username,
        password=server.password,
        dbname=server.database or "postgres",
        autocommit=True,
        connect_timeout=10,
    )


def _create_database(server: URL, name: str) -> None:
    from psycopg import sql

    with _admin_connection(server) as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(name))
        )


def _drop_database(server: URL, name: str) -> None:
    from psycopg import sql

    with _admin_connection(server) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
