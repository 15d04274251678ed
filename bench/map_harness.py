"""Pieces `bench_map` drives a Streamlit map page with: an app server with extra environment, a local
mirror of the CDN files folium asks for, and a Playwright page that times map renders from inside the
map's iframe.

Timing is read from the browser's own clock (`Date.now()` shares the system clock with `time.time()`,
so the server's run log lines line up): an init script in every frame records when the component got
its last `streamlit:render` message and when the map reported ready (our `#map[data-status=ready]`
with a `data-render-key`, or the naive page's `window.__benchReady(...)` call), then one animation
frame later ("painted").
"""

from __future__ import annotations

import contextlib
import http.server
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from tests.support.app_server import PROJECT_ROOT, server_process
from tests.support.chromium import CHROMIUM, LOCAL_HOSTS  # noqa: F401  (re-exported for bench_map)
from tests.support.chromium import CHROMIUM_ARGS as TEST_CHROMIUM_ARGS

# As the tests, plus: no host but loopback resolves, so nothing can leave the machine (a Playwright
# route would do it too, but routing switches the HTTP cache off, and caching is measured).
CHROMIUM_ARGS = [
    *TEST_CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
TICKS = os.sysconf("SC_CLK_TCK")

INIT_SCRIPT = """
(() => {
  // Playwright runs this in a component iframe's first about:blank document only (the window is then
  // reused by the component page), so the map is watched from the first streamlit:render message on:
  // this listener is registered before the component's own, whose render runs after it.
  if (window.__bench) return;
  // created: this window's creation (for a component, its iframe's); componentReady: set by the page
  // when this frame posts streamlit:componentReady; wsOpen: the page's first websocket open.
  const bench = window.__bench = { events: [], lastMsg: null, clicks: [], created: Date.now(),
                                   componentReady: null, wsOpen: null };
  if (window === window.top) {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener("open", () => { bench.wsOpen = bench.wsOpen || Date.now(); });
      }
    };
    window.addEventListener("message", (e) => {
      if (!e.data || e.data.type !== "streamlit:componentReady") return;
      try {
        const frame = e.source && e.source.__bench;
        if (frame && !frame.componentReady) frame.componentReady = Date.now();
      } catch (error) { /* a frame of another origin */ }
    });
  }
  const watch = () => {
    const map = document.getElementById("map");
    if (!map || map.__benchWatched) return;
    map.__benchWatched = true;
    const check = () => {
      if (map.dataset.status === "ready" && map.dataset.renderKey) {
        window.__benchReady(map.dataset.renderKey, map.dataset.drawn);
      }
    };
    new MutationObserver(check).observe(map, { attributes: true });
  };
  window.addEventListener("message", (e) => {
    if (e.data && e.data.type === "streamlit:render") {
      bench.lastMsg = Date.now();
      watch();
    }
  }, true);
  window.addEventListener("click", () => bench.clicks.push(Date.now()), true);
  window.__benchReady = (key, drawn) => {
    const e = { key: String(key), drawn: Number(drawn), at: Date.now(), msg: bench.lastMsg,
                origin: Math.round(performance.timeOrigin), created: bench.created,
                componentReady: bench.componentReady, painted: null };
    bench.events.push(e);
    requestAnimationFrame(() => setTimeout(() => { e.painted = Date.now(); }, 0));
  };
})();
"""

# The first ready event at or after `since` (epoch ms) whose key contains `want` (and drawn == `drawn`),
# in any iframe with this title (the naive component's iframe is replaced when its map changes).
FIND_READY = """
([title, want, drawn, since, painted]) => {
  for (const frame of document.querySelectorAll(`iframe[title="${title}"]`)) {
    const bench = frame.contentWindow && frame.contentWindow.__bench;
    if (!bench) continue;
    const hit = bench.events.find((e) => e.at >= since && e.key.includes(want)
                                          && (drawn === null || e.drawn === drawn));
    if (hit && (!painted || hit.painted)) return hit;
  }
  return false;
}
"""


@dataclass
class App:
    base: str
    pid: int
    run_log: Path

    def cpu_seconds(self) -> float:
        """User + system CPU of the server process so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def runs(self, since: float) -> list[tuple[float, float]]:
        """(start epoch s, seconds) of the script runs that ended after `since` (epoch s)."""
        rows = []
        if self.run_log.exists():
            for line in self.run_log.read_text(encoding="utf-8").splitlines():
                parts = line.split()  # "epoch page seconds"; the page is empty before the router ran
                if len(parts) >= 2 and float(parts[0]) >= since:
                    rows.append((float(parts[0]) - float(parts[-1]), float(parts[-1])))
        return rows


@contextlib.contextmanager
def running_script(
    command: list[str], database_url: str, env: dict[str, str] | None = None, timeout: float = 120.0
) -> Iterator[App]:
    """The app (`command` ["serve.py"]) or another script (["-m", "streamlit", "run", script]) started
    by tests.support.app_server.server_process, with a run log (ATLAS_RUN_LOG) of its own."""
    folder = Path(tempfile.mkdtemp(prefix="bench-map-"))
    run_log = folder / "runs.log"
    try:
        with server_process(
            database_url,
            command,
            {"ATLAS_RUN_LOG": str(run_log), **(env or {})},
            folder / "server.log",
            timeout,
        ) as (base, process):
            yield App(base, process.pid, run_log)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# What folium 0.20 asks CDNs for, and the local file (same package, nearest version on this machine).
MIRROR_FILES = {
    "/cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": PROJECT_ROOT / "static/vendor/leaflet/leaflet.js",
    "/cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": PROJECT_ROOT
    / "static/vendor/leaflet/leaflet.css",
    "/code.jquery.com/jquery-3.7.1.min.js": Path("/usr/share/javascript/jquery/jquery.min.js"),
}


@dataclass
class CdnMirror:
    """Serves folium's CDN files locally with CDN-like caching headers; unknown files are empty stubs."""

    base: str = ""
    served: dict[str, str] = field(default_factory=dict)  # path -> "file (version)" or "stub"


@contextlib.contextmanager
def cdn_mirror() -> Iterator[CdnMirror]:
    files = dict(MIRROR_FILES)
    with contextlib.suppress(ImportError):
        import streamlit_folium

        bootstrap = Path(streamlit_folium.__file__).parent / "frontend/build/bootstrap.min.css"
        files["/cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css"] = bootstrap
    mirror = CdnMirror()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            path = urlparse(self.path).path
            local = files.get(path)
            body = local.read_bytes() if local and local.is_file() else b""
            mirror.served[path] = str(local) if body else "stub (empty)"
            self.send_response(200)
            kind = "text/css" if path.endswith(".css") else "application/javascript"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    mirror.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield mirror
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Traffic:
    """Counters a page's listeners add to; read before and after an action."""

    ws_frames: int = 0
    ws_bytes: int = 0
    http_requests: int = 0
    http_bytes: int = 0
    last_ws: float = 0.0  # perf_counter when the last frame was seen
    last_ws_epoch: float = 0.0
    outside: list[str] = field(default_factory=list)
    urls: list[tuple[str, int]] = field(default_factory=list)  # (url, body bytes) of finished requests
    payloads: list[bytes] = field(default_factory=list)  # websocket frames since the action began

    def snapshot(self) -> tuple[int, int, int, int]:
        return self.ws_frames, self.ws_bytes, self.http_requests, self.http_bytes


def watch_traffic(page) -> Traffic:
    traffic = Traffic()

    def on_frame(payload) -> None:
        traffic.ws_frames += 1
        traffic.ws_bytes += len(payload)
        traffic.payloads.append(payload if isinstance(payload, bytes) else payload.encode())
        traffic.last_ws = time.perf_counter()
        traffic.last_ws_epoch = time.time()

    def on_websocket(ws) -> None:
        ws.on("framereceived", on_frame)

    def on_request(request) -> None:
        host = urlparse(request.url).hostname
        if urlparse(request.url).scheme in ("http", "https", "ws", "wss") and host not in LOCAL_HOSTS:
            traffic.outside.append(request.url)

    def on_finished(request) -> None:
        try:
            size = request.sizes()["responseBodySize"]
        except Exception:  # a request whose response vanished with its frame
            size = 0
        traffic.http_requests += 1
        traffic.http_bytes += max(size, 0)
        traffic.urls.append((request.url, size))

    page.on("websocket", on_websocket)
    page.on("request", on_request)
    page.on("requestfinished", on_finished)
    return traffic


@dataclass
class Sample:
    """One timed action. Times are epoch milliseconds from the browser's clock (the server's run log
    uses the same system clock); durations are derived in `bench_map`."""

    acted: float  # the click on the option, or the navigation start
    render_msg: float | None  # the iframe's last streamlit:render message before ready
    ready: float  # map ready: layer built or restyled
    painted: float  # the next frame after ready
    settled: float  # last websocket frame once the app went quiet
    frame_origin: float  # the component document's time origin (a new iframe: after `acted`)
    frame_created: float  # the iframe's window creation (its first about:blank document)
    component_ready: float | None  # the component posted streamlit:componentReady
    ws_open: float | None  # the page's websocket opened (navigations; None when it stayed open)
    drawn: int
    ws_bytes_ready: int
    ws_bytes: int  # until settled
    http_requests: int
    http_bytes: int
    runs: list[tuple[float, float]]  # (start epoch s, seconds) of each script run until settled
    server_cpu: float  # seconds of server CPU until settled
    requests: list[tuple[str, int]]  # (url, body bytes; <= 0 when from the browser cache) until settled
    ws_kinds: dict[str, int]  # websocket bytes by message kind ("element:component_instance", ...)

    @property
    def ms_ready(self) -> float:
        return self.ready - self.acted

    @property
    def new_iframe(self) -> bool:
        return self.frame_created >= self.acted - 1


def measure(
    page,
    app: App,
    traffic: Traffic,
    act,
    title: str,
    want: str,
    drawn: int | None = None,
    quiet: float = 1.5,
    timeout: float = 120.0,
) -> Sample:
    """Do `act()` (returns the action's epoch ms, or None to use the time it was called) and wait until
    the map in `iframe[title=...]` reports ready with a render key containing `want` (and `drawn`
    polygons), then until the app is quiet: no websocket frame for `quiet` seconds and an idle server,
    so later reruns (st_folium's return values) and trailing deltas belong to this action."""
    _, ws_bytes0, http_requests0, http_bytes0 = traffic.snapshot()
    requests0 = len(traffic.urls)
    traffic.payloads.clear()
    cpu0 = app.cpu_seconds()
    called = time.time()
    since_ms = int(called * 1000) - 1
    acted = act() or called * 1000
    wait = {"arg": [title, want, drawn, since_ms, False], "timeout": timeout * 1000}
    try:
        page.wait_for_function(FIND_READY, **wait)
        ws_bytes_ready = traffic.ws_bytes - ws_bytes0
        wait["arg"][-1] = True
        event = page.wait_for_function(FIND_READY, **wait).json_value()
    except Exception as error:
        raise MapNotReady(f"{want!r} ({drawn} polygons) not ready: {diagnose(page, title)}") from error
    started = time.perf_counter()
    cpu_marks = [(started, app.cpu_seconds())]
    while time.perf_counter() - started < timeout:
        page.wait_for_timeout(100)
        now = time.perf_counter()
        cpu_marks.append((now, app.cpu_seconds()))
        recent = [cpu for at, cpu in cpu_marks if now - at <= 0.5]
        idle = now - cpu_marks[0][0] >= 0.5 and recent[-1] - recent[0] < 0.05
        if idle and now - max(traffic.last_ws, started) >= quiet:
            if app.runs(called) or now - started > quiet + 5:  # no run log: a page without the router
                break
    return Sample(
        acted=acted,
        render_msg=event.get("msg"),
        ready=event["at"],
        painted=event["painted"],
        settled=max(traffic.last_ws_epoch * 1000, event["painted"]),
        frame_origin=event["origin"],
        frame_created=event.get("created") or event["origin"],
        component_ready=event.get("componentReady"),
        ws_open=page.evaluate("window.__bench.wsOpen"),
        drawn=int(event["drawn"]),
        ws_bytes_ready=ws_bytes_ready,
        ws_bytes=traffic.ws_bytes - ws_bytes0,
        http_requests=traffic.http_requests - http_requests0,
        http_bytes=traffic.http_bytes - http_bytes0,
        runs=app.runs(called),
        server_cpu=app.cpu_seconds() - cpu0,
        requests=traffic.urls[requests0:],
        ws_kinds=message_kinds(traffic.payloads),
    )


class MapNotReady(RuntimeError):
    pass


def diagnose(page, title: str) -> str:
    """What the page shows instead of the expected map: the map's data attributes, the last ready
    events, and any error or exception on the page."""
    try:
        state = page.evaluate(
            """t => [...document.querySelectorAll(`iframe[title="${t}"]`)].map(f => {
                const w = f.contentWindow, m = w && w.document.getElementById("map");
                const events = w && w.__bench ? w.__bench.events.slice(-3) : null;
                return {map: m ? {...m.dataset} : null, events};
            })""",
            title,
        )
        errors = page.locator('[data-testid="stException"], [data-testid="stAlert"]').all_inner_texts()
        return f"url {page.url}; iframes {state}; page errors {errors}"
    except Exception as error:  # the page itself is gone
        return f"no diagnosis ({error})"


def message_kinds(payloads: list[bytes]) -> dict[str, int]:
    """Bytes per kind of Streamlit ForwardMsg: "element:<type>" for new elements, else the message type
    ("ref_hash" is a large message the browser already holds, sent by reference)."""
    try:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    except ImportError:
        return {}
    kinds: dict[str, int] = {}
    for payload in payloads:
        try:
            message = ForwardMsg.FromString(payload)
            kind = message.WhichOneof("type") or "?"
            if kind == "delta":
                delta = message.delta.WhichOneof("type")
                element = message.delta.new_element.WhichOneof("type") if delta == "new_element" else None
                kind = f"element:{element}" if element else f"delta:{delta}"
        except Exception:  # another protocol version: count it, unnamed
            kind = "undecoded"
        kinds[kind] = kinds.get(kind, 0) + len(payload)
    return kinds


def choose(page, label: str, search: str, option: str):
    """Returns an action picking `option` in the selectbox labelled `label` (typing `search` to find it);
    the action returns the epoch ms of the click on the option, read in the browser."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True))

    def act():
        box.click()
        page.keyboard.type(search)
        target = page.get_by_role("option", name=option, exact=True)
        target.wait_for()
        clicks = page.evaluate("window.__bench.clicks.length")
        target.click()
        return page.evaluate(f"window.__bench.clicks[{clicks}] || null")

    return act


def navigate(page, url: str):
    """Returns an action loading `url`; the action returns the page's navigation start (epoch ms)."""

    def act():
        page.goto(url, wait_until="commit")
        return page.evaluate("performance.timeOrigin")

    return act
