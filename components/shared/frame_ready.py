"""Map first: a run holds the rest of its page until the browser has drawn the new map frame.

Streamlit's browser code loads each kind of element lazily and wraps each element in a React
Suspense boundary. While a page's elements keep arriving, each new kind suspends, and React 18 holds
back revealing content until 500 ms after the latest fallback it showed: the map's frame, one
element among sixty, is created only after the whole page has settled (bench/bench_map.py, run to
iframe: 0.9-1.5 s against 0.4-0.8 s for a page with three elements). So a run that draws a map the
browser does not hold yet sends the map first, waits here until the map's frame says it has drawn
(it posts to `ROUTE` with the token its arguments carry, `static/map/atlas-map.js`) or `TIMEOUT`
passes, and only then sends the controls, the sidebar and the rest. Every request of one browser
reaches the process that runs its session (deploy/nginx/atlas.conf), so the post finds the waiter.

Only a server that serves the route (`atlas_server`, which sets `SERVED`) waits: AppTest has no
browser to answer.
"""

from __future__ import annotations

import secrets
import threading
import time

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

TIMEOUT = 1.5  # seconds a run waits at most: a slow or broken frame only delays the rest of the page
KEPT = 300.0  # seconds a token that was never waited for (or answered) is kept
SERVED = False  # set by atlas_server, which serves ROUTE beside Streamlit's own routes

_lock = threading.Lock()
_pending: dict[str, tuple[threading.Event, float]] = {}


def expect() -> str | None:
    """A token for a new map frame to answer, or None when no browser can answer (no route)."""
    if not SERVED:
        return None
    token = secrets.token_urlsafe(12)
    now = time.monotonic()
    with _lock:
        for old in [k for k, (_, at) in _pending.items() if now - at > KEPT]:
            del _pending[old]
        _pending[token] = (threading.Event(), now)
    return token


def arrived(token: str) -> bool:
    """The frame holding `token` has drawn; False for a token nobody expects."""
    with _lock:
        entry = _pending.get(token)
    if entry is None:
        return False
    entry[0].set()
    return True


def wait(token: str | None, timeout: float = TIMEOUT) -> bool:
    """Block the run until the frame answers `token` or `timeout` passes; True if it answered."""
    if token is None:
        return False
    with _lock:
        entry = _pending.get(token)
    answered = entry is not None and entry[0].wait(timeout)
    with _lock:
        _pending.pop(token, None)
    return answered


async def _answer(request: Request) -> Response:
    """POST /_atlas/frame/<token>: 204 whether or not the token was expected (nothing to learn)."""
    arrived(request.path_params["token"])
    return Response(status_code=204)


ROUTE = Route("/_atlas/frame/{token}", _answer, methods=["POST"])
