"""Tell the browser where the app lives, so a page opened by a deep link starts its first run sooner.

Streamlit's frontend guesses the server's base path from the address: opened at `/map?...` it first
asks `/map/_stcore/health`, is refused, waits and asks `/_stcore/health`; about 200 ms before the first
script run of every page opened by a link other than `/` (a one-page app at `/` never pays it). The
HTML page Streamlit serves for every page path gets the frontend's own embedding setting,
`window.__streamlit.BACKEND_BASE_URL`, set to the app's root (the server's `server.baseUrlPath`), so it
asks once. The same place carries preload hints for Streamlit's element files the first screen needs
and prefetch hints for files a later frame needs (the map component's Leaflet), so the browser fetches
them while it waits for the first run. Files, the
websocket, components and media pass untouched.
"""

from __future__ import annotations

import html
import json

from serving.buffered import edit_response

SKIPPED = ("/_stcore/", "/static/", "/component/", "/media/", "/app/static/", "/auth/")


def base_script(base_path: str, prefetch: tuple[str, ...] = (), modules: tuple[str, ...] = ()) -> bytes:
    """The inline script run before Streamlit's bundle: the app's root URL as seen by the browser; a
    `modulepreload` hint for each of `modules` (Streamlit's element files, `serving.element_chunks`),
    fetched and compiled beside its bundle; and a prefetch hint for each of `prefetch` (files of a later
    frame), fetched while the browser idles. Paths are below the app root."""
    part = base_path.strip("/")
    root = f"/{part}/" if part else "/"
    hints = "".join(
        f'<link rel="modulepreload" crossorigin href="{html.escape(root + path)}">' for path in modules
    )
    hints += "".join(f'<link rel="prefetch" href="{html.escape(root + path)}">' for path in prefetch)
    return (
        "<script>window.__streamlit=Object.assign({},window.__streamlit,"
        f"{{BACKEND_BASE_URL:location.origin+{json.dumps(root)}}});</script>{hints}"
    ).encode()


def is_page_path(path: str) -> bool:
    """A path Streamlit answers with its app page: not a file, nor one of its own routes."""
    if any(part in f"{path}/" for part in SKIPPED):
        return False
    return "." not in path.rsplit("/", 1)[-1]


class KnownBase:
    """ASGI middleware: GET of a page path answered with HTML gets `base_script` at the top of <head>."""

    def __init__(
        self, app, base_path: str | None = None, prefetch: tuple[str, ...] = (), modules: tuple[str, ...] = ()
    ):
        self.app, self.base_path = app, base_path
        self.prefetch, self.modules = tuple(prefetch), tuple(modules)

    def _script(self) -> bytes:
        if self.base_path is None:  # the server's option, read when the first page is asked for
            from streamlit import config

            self.base_path = config.get_option("server.baseUrlPath") or ""
        return base_script(self.base_path, self.prefetch, self.modules)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET" or not is_page_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        # The page is about 2 KB: served uncompressed, so it can be edited here.
        headers = [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]
        scope = {**scope, "headers": headers}

        def is_html(start) -> bool:
            kind = dict((k.lower(), v) for k, v in start.get("headers", [])).get(b"content-type", b"")
            return kind.startswith(b"text/html")

        async def finish(start, body: bytes) -> None:
            html = body.replace(b"<head>", b"<head>" + self._script(), 1)
            # Not the file's validators: the page differs from the file they describe.
            dropped = (b"content-length", b"etag", b"last-modified")
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() not in dropped]
            await send({**start, "headers": [*kept, (b"content-length", str(len(html)).encode())]})
            await send({"type": "http.response.body", "body": html})

        await edit_response(self.app, scope, receive, send, is_html, finish)
