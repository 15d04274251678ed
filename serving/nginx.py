"""nginx in front of several app processes on this machine, from the recipe `deploy/nginx/atlas.conf`.

`python -m serving.nginx --processes 2 --port 8501` serves the app as the recipe deploys it (what
`make run-nginx` calls): the processes on the ports after `--port`, nginx on `--port`, all stopped
together. The tests and the load benchmark use `running_nginx` the same way. Only the ports change:
the recipe's `listen` and its upstream `server` lines; everything else is served as written.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from serving.health import answers
from serving.supervisor import stop

RECIPE = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "atlas.conf"
MAIN_CONF = """\
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    include {root}/atlas.conf;
}}
"""


class NginxMissing(RuntimeError):
    """No nginx binary here; the message says what to install."""


def find_nginx() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if not found:
        raise NginxMissing("nginx not found: apt-get install nginx-light")
    return found


def render(recipe: str, listen: int, upstream_ports: list[int], address: str = "127.0.0.1") -> str:
    """The recipe listening on `address:listen` with one upstream server line per port."""
    servers = "".join(
        f"    server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;\n" for port in upstream_ports
    )
    text, count = re.subn(r"(?m)^    server 127\.0\.0\.1:\d+[^\n]*\n", "", recipe)
    if not count:
        raise ValueError("the recipe has no upstream `server 127.0.0.1:PORT` lines")
    text = text.replace(
        "    hash $atlas_route consistent;\n", "    hash $atlas_route consistent;\n" + servers, 1
    )
    return re.sub(r"(?m)^    listen \d+;", f"    listen {address}:{listen};", text, count=1)


@contextlib.contextmanager
def running_nginx(listen: int, upstream_ports: list[int], timeout: float = 10.0) -> Iterator[str]:
    """Run nginx in the foreground with the rendered recipe; yield its base URL; stop it after."""
    root = Path(tempfile.mkdtemp(prefix="atlas-nginx-"))
    try:
        (root / "atlas.conf").write_text(render(RECIPE.read_text(), listen, upstream_ports))
        (root / "nginx.conf").write_text(MAIN_CONF.format(root=root))
        command = [find_nginx(), "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            _wait_listening(listen, process, timeout, root)
            yield f"http://127.0.0.1:{listen}"
        finally:
            stop(process)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _wait_listening(port: int, process: subprocess.Popen, timeout: float, root: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "error.log").read_text() if (root / "error.log").exists() else ""
            raise RuntimeError(f"nginx exited: {process.stderr.read().decode()}{log}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).close()
            return
        except urllib.error.HTTPError:  # nginx answers; the app behind it may not be up yet
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nginx did not listen on {port} within {timeout} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--port", type=int, default=8501, help="nginx's port; the processes take the next ones"
    )
    args, streamlit_options = parser.parse_known_args(argv)
    # SIGTERM (systemd, kill) ends like Ctrl-C: the processes and nginx are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app_ports = [args.port + 1 + index for index in range(args.processes)]
    serve = [sys.executable, str(RECIPE.parents[2] / "serve.py"), "--processes", str(args.processes)]
    apps = subprocess.Popen([*serve, "--server.port", str(app_ports[0]), *streamlit_options])
    try:
        with running_nginx(args.port, app_ports):
            print(f"nginx on http://127.0.0.1:{args.port} in front of ports {app_ports}", flush=True)
            if answers(
                f"http://127.0.0.1:{args.port}", timeout=180
            ):  # after the processes' own banners, which name their ports
                print(f"ready: open http://127.0.0.1:{args.port}", flush=True)
            return apps.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop(apps)


if __name__ == "__main__":
    sys.exit(main())
