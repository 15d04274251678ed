"""Let the browser keep the map component's files between visits.

Streamlit serves a component's files (`/component/<name>/<file>`: our map's Leaflet, its plugin and
atlas-map.js, about 200 KB before compression) with `Cache-Control: public` and no validator (no ETag,
no Last-Modified), so a browser may not reuse them: every visit downloads and compiles Leaflet again
before the map can start (bench/bench_map.py, return visits). This middleware gives each such response
an ETag (a hash of the body as sent) and `Cache-Control: no-cache`, and answers a request whose
If-None-Match carries that ETag with 304 and no body: the browser revalidates (a deploy with new files
is seen at once) and runs its cached copy, whose compiled code V8 also keeps. A file asked for with a
`v=` query (static/index.html names each vendored file with `?v=` and the start of its SHA-256, checked
by tests/test_serving.py) is kept for a year with no request at all: a new file comes with a new URL.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from serving.buffered import edit_response

PREFIX = "/component/"
STATIC_DIR = Path(__file__).resolve().parents[1] / "static"  # the map component's files
# The name Streamlit gives the map (module and name of components.shared.map_component's declaration;
# a test checks it): its files are below /component/<name>/. Not imported: the runtime is not up yet.
MAP_COMPONENT = "components.shared.map_component.atlas_map"


def vendored_files() -> list[str]:
    """The versioned vendored files (Leaflet, ...) static/index.html loads, as URLs below the app root:
    the app's page asks the browser to prefetch them (serving.page_base), so a first visit has them in
    its cache, kept a year, before the map's frame asks."""
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'(?:src|href)="(vendor/[^"]+\?v=[0-9a-f]+)"', page)
    return [f"component/{MAP_COMPONENT}/{path}" for path in found]


def is_component_file(path: str) -> bool:
    """A file of a declared component, below Streamlit's component route (any base path)."""
    return PREFIX in path and not path.endswith("/")


IMMUTABLE = b"public, max-age=31536000, immutable"


def cache_control(query_string: bytes) -> bytes:
    """A year for a URL that names its content's version, else revalidate on every use."""
    versioned = any(part.startswith(b"v=") for part in query_string.split(b"&"))
    return IMMUTABLE if versioned else b"no-cache"


def etag_of(body: bytes, encoding: bytes) -> bytes:
    """Strong validator of the bytes sent, distinct per content encoding (gzip or none)."""
    digest = hashlib.blake2b(body, digest_size=12).hexdigest()
    suffix = f"-{encoding.decode('latin-1')}" if encoding else ""
    return f'"{digest}{suffix}"'.encode()


def matches(header: bytes, etag: bytes) -> bool:
    """If-None-Match: a list of validators, possibly weak (W/), or *."""
    tags = [tag.strip().removeprefix(b"W/") for tag in header.split(b",")]
    return etag in tags or b"*" in tags


class ComponentCache:
    """ASGI middleware: validators and 304 answers for GET of component files (200 responses only)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET" or not is_component_file(scope["path"]):
            await self.app(scope, receive, send)
            return
        asked = dict((k.lower(), v) for k, v in scope["headers"]).get(b"if-none-match")

        async def finish(start, content: bytes) -> None:
            headers = [(k.lower(), v) for k, v in start.get("headers", [])]
            encoding = dict(headers).get(b"content-encoding", b"")
            etag = etag_of(content, encoding)
            kept = [(k, v) for k, v in headers if k not in (b"cache-control", b"etag")]
            cache = [(b"cache-control", cache_control(scope.get("query_string", b""))), (b"etag", etag)]
            if asked and matches(asked, etag):
                unsent = (b"content-length", b"content-type", b"content-encoding")
                left = [(k, v) for k, v in kept if k not in unsent]
                await send({**start, "status": 304, "headers": [*left, *cache]})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": [*kept, *cache]})
            await send({"type": "http.response.body", "body": content})

        await edit_response(self.app, scope, receive, send, lambda start: start["status"] == 200, finish)
