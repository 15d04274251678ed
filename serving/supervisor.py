"""Several app processes on consecutive ports, restarted when one dies: `python serve.py --processes N`.

One Streamlit process runs its scripts on one core (Python's interpreter lock), so a machine with more
cores serves more sessions with more processes behind a proxy that keeps each browser on one of them
(deploy/nginx/atlas.conf). They share one database and follow its data version, and they share one
cookie secret, so Streamlit's XSRF cookie made by one process is good at another after a failover.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

SERVE = Path(__file__).resolve().parents[1] / "serve.py"
RESTART_PAUSE = 2.0  # seconds before a process that died is started again


def child_command(port: int, options: list[str]) -> list[str]:
    """`python serve.py <options> --server.port <port>` (the later port option wins)."""
    return [sys.executable, str(SERVE), *options, "--server.port", str(port)]


def ports(first: int, count: int) -> list[int]:
    """The ports of `count` processes from `first`, e.g. 8511, 8512 for (8511, 2)."""
    return [first + index for index in range(count)]


def supervise(count: int, first_port: int, options: list[str]) -> int:
    """Run `count` processes until SIGINT or SIGTERM, then stop them all; 0 on a clean stop."""
    env = {**os.environ}
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    running = {
        port: subprocess.Popen(child_command(port, options), env=env) for port in ports(first_port, count)
    }
    stopping = False

    def stop(_signum, _frame) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"serving {count} processes on ports {', '.join(map(str, running))}", flush=True)
    while not stopping:
        time.sleep(0.5)
        for port, process in list(running.items()):
            if process.poll() is not None and not stopping:
                print(f"process on port {port} exited ({process.returncode}); starting it again", flush=True)
                time.sleep(RESTART_PAUSE)
                running[port] = subprocess.Popen(child_command(port, options), env=env)
    for process in running.values():
        process.terminate()
    for process in running.values():
        stop(process)
    return 0


def stop(process: subprocess.Popen, grace: float = 15.0) -> None:
    """Ask `process` to end (SIGTERM), and kill it if it has not after `grace` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
