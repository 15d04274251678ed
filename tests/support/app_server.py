"""Start the real app (`python serve.py`, or another Streamlit script) on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from serving.supervisor import stop

PROJECT_ROOT = Path(__file__).resolve().parents[2]
APP_COMMAND = ("serve.py",)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server_process(
    database_url: str,
    command: tuple[str, ...] | list[str] = APP_COMMAND,
    env: dict[str, str] | None = None,
    log_path: Path | None = None,
    timeout: float = 60.0,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield (base URL, process) of `python <command> <server options>` once healthy; stop it after.

    `command` is ("serve.py",) for the app, ("-m", "streamlit", "run", script) for another script.
    Output goes to `log_path` (a temporary file by default), shown when the server fails to start.
    """
    port = free_port()
    full_env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "ATLAS_WARMUP": "0",  # a test's own first visit is what it measures; and CI time is short
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        **(env or {}),
    }
    log_path = log_path or Path(os.environ.get("TMPDIR", "/tmp")) / f"atlas-app-{port}.log"
    options = ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, *command, *options, "--server.fileWatcherType", "none"],
            cwd=PROJECT_ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, process, timeout, log_path)
        yield base, process
    finally:
        stop(process)


@contextlib.contextmanager
def running_app(database_url: str, timeout: float = 60.0) -> Iterator[str]:
    """Yield the base URL of the running app; stop it afterwards."""
    with server_process(database_url, timeout=timeout) as (base, _process):
        yield base


def _wait_healthy(base: str, process: subprocess.Popen, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not become healthy in {timeout} s:\n{log_path.read_text()}")
