"""How the app is served, without starting it: the nginx recipe as rendered for other ports, the
options of serve.py, the supervisor's processes and the start-up warm-up's tour. (Two real processes
behind real nginx: tests/browser/test_servers_browser.py.)"""

from __future__ import annotations

import re

import pytest

from serve import take_option
from serving import supervisor, warmup
from serving.nginx import RECIPE, render


def test_the_recipe_renders_for_other_ports_and_keeps_everything_else():
    recipe = RECIPE.read_text()
    rendered = render(recipe, 9000, [9101, 9102, 9103])
    upstream = re.search(r"upstream atlas \{(.*?)\}", rendered, re.S).group(1)
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", upstream) == ["9101", "9102", "9103"]
    assert "hash $atlas_route consistent;" in upstream  # sticky: one browser, one process
    assert "listen 127.0.0.1:9000;" in rendered and "listen 8501;" not in rendered
    # Everything but the ports is the recipe as deployed: websocket upgrade, Host with its port.
    assert rendered.replace(upstream, "").count("proxy_set_header") == recipe.count("proxy_set_header")
    for line in ("proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Host $http_host;"):
        assert line in rendered
    with pytest.raises(ValueError, match="upstream"):
        render("server { listen 80; }", 9000, [9101])


@pytest.mark.parametrize(
    ("args", "value", "rest"),
    [
        (["--processes", "3", "--server.port", "8600"], "3", ["--server.port", "8600"]),
        (["--server.headless", "true", "--processes=2"], "2", ["--server.headless", "true"]),
        (["--server.port", "8600"], "1", ["--server.port", "8600"]),
        (["--processes", "2", "--processes", "4"], "4", []),
    ],
)
def test_serve_takes_its_own_option_and_passes_the_rest_to_streamlit(args, value, rest):
    assert take_option(args, "--processes", "1") == (value, rest)


def test_the_processes_take_consecutive_ports_and_each_its_own():
    assert supervisor.ports(8511, 3) == [8511, 8512, 8513]
    command = supervisor.child_command(8512, ["--server.headless", "true"])
    assert command[1].endswith("serve.py") and command[-2:] == ["--server.port", "8512"]
    assert "--processes" not in command


def test_the_warm_up_tours_the_first_pages_of_every_province_in_the_latest_year(sqlite_engine):
    stops = warmup.plan(sqlite_engine.url.render_as_string(hide_password=False))
    latest = [(page, query) for page, query in stops if "year=2566" in query]
    assert {page for page, _ in latest} == {"", "overview", "map", "table", "poverty"}
    assert {query.split("&")[0] for _, query in stops} == {"province=24", "province=33"}
    assert warmup.tour("33", 2566)[2] == ("map", "province=33&year=2566&level=tambon")
    (map_stop,) = [query for page, query in latest if page == "map" and "province=24" in query]
    assert "&points=" in map_stop and "water_sources" in map_stop  # every category's file written
    # then the tambon map of each earlier year, the first change people make
    earlier = stops[len(latest) :]
    assert {page for page, _ in earlier} == {"map"} and len(earlier) == 2 * 2
    assert ("map", "province=24&year=2564&level=tambon") in earlier


def test_the_warm_up_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("ATLAS_WARMUP", "0")
    assert warmup.start_in_background(8501) is None


def _served(path: str, body: bytes, kind: bytes = b"text/html; charset=utf-8", base: str = "") -> tuple:
    """(headers, body, accept-encoding seen by the app) of `path` through serving.page_base.KnownBase."""
    import asyncio

    from serving.page_base import KnownBase

    seen, sent = {}, []

    async def app(scope, receive, send):
        seen["encoding"] = dict(scope["headers"]).get(b"accept-encoding")
        headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"etag", b'"x"')]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": [(b"accept-encoding", b"gzip")]}
    asyncio.run(KnownBase(app, base)(scope, None, send))
    headers = dict(sent[0]["headers"])
    return headers, b"".join(m.get("body", b"") for m in sent[1:]), seen["encoding"]


def test_a_page_tells_the_browser_the_app_root_so_a_deep_link_connects_once():
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>"
    headers, body, encoding = _served("/map", page, base="/atlas/")
    assert body.startswith(b"<!DOCTYPE html><html><head><script>window.__streamlit=")
    assert b'BACKEND_BASE_URL:location.origin+"/atlas/"' in body and body.endswith(b"</html>")
    assert int(headers[b"content-length"]) == len(body) and b"etag" not in headers
    assert encoding is None  # the page is edited uncompressed
    for path, kind in (("/_stcore/health", b"text/plain"), ("/component/x/index.html", b"text/html")):
        headers, body, encoding = _served(path, page, kind)
        assert body == page and encoding == b"gzip" and headers[b"etag"] == b'"x"'
    assert _served("/", page)[1].count(b'location.origin+"/"') == 1


def _component_file(path: str, query: bytes = b"", asked: bytes | None = None, status: int = 200):
    """(status, headers, body) of a GET through serving.component_cache.ComponentCache, the app
    answering as Streamlit's component route does (`Cache-Control: public`, no validator)."""
    import asyncio

    from serving.component_cache import ComponentCache

    sent = []

    async def app(scope, receive, send):
        headers = [(b"content-type", b"text/javascript"), (b"cache-control", b"public")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"L.version='1.9.4';", "more_body": True})
        await send({"type": "http.response.body", "body": b"L.map=1;"})

    async def send(message):
        sent.append(message)

    headers = [(b"if-none-match", asked)] if asked else []
    scope = {"type": "http", "method": "GET", "path": path, "query_string": query, "headers": headers}
    asyncio.run(ComponentCache(app)(scope, None, send))
    return sent[0]["status"], dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_the_map_component_files_are_reused_by_the_browser_on_the_next_visit():
    path = "/component/components.shared.map_component.atlas_map/map/atlas-map.js"
    status, headers, body = _component_file(path)
    assert status == 200 and body == b"L.version='1.9.4';L.map=1;"
    assert headers[b"cache-control"] == b"no-cache" and headers[b"etag"].startswith(b'"')
    # the next visit asks with the validator: 304, no body, the browser runs its cached copy
    status, again, body = _component_file(path, asked=b'W/"old", ' + headers[b"etag"])
    assert (status, body, again[b"etag"]) == (304, b"", headers[b"etag"])
    assert b"content-type" not in again
    assert _component_file(path, asked=b'"other"')[0] == 200  # a changed file is sent again
    # a vendored file named with its version (?v=) is kept a year without asking
    status, headers, _ = _component_file(path.replace("map/atlas-map", "vendor/leaflet/leaflet"), b"v=db49")
    assert headers[b"cache-control"] == b"public, max-age=31536000, immutable"
    # anything else passes untouched: pages, errors
    assert b"etag" not in _component_file("/map")[1]
    assert _component_file(path, status=404)[1] == {
        b"content-type": b"text/javascript",
        b"cache-control": b"public",
    }


def test_the_page_asks_the_browser_to_prefetch_the_map_files_it_keeps_a_year():
    from components.shared.map_component import _atlas_map
    from serving.component_cache import MAP_COMPONENT, vendored_files
    from serving.page_base import base_script

    assert MAP_COMPONENT == _atlas_map.name  # the files are where Streamlit serves the map
    files = vendored_files()
    assert f"component/{MAP_COMPONENT}/vendor/leaflet/leaflet.js?v=" in " ".join(files)
    script = base_script("/atlas/", tuple(files)).decode()
    hints = re.findall(r'<link rel="prefetch" href="([^"]+)">', script)
    assert hints == [f"/atlas/{path}" for path in files] and script.startswith("<script>")
    assert "prefetch" not in base_script("/").decode()


def test_every_vendored_file_of_the_map_is_named_with_its_current_content():
    """A file kept a year must change its URL when it changes: ?v= is the start of its SHA-256."""
    import hashlib

    from serving.component_cache import STATIC_DIR

    page = (STATIC_DIR / "index.html").read_text()
    named = re.findall(r'(?:src|href)="(vendor/[^"?]+)\?v=([0-9a-f]+)"', page)
    assert {path for path, _ in named} >= {"vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"}
    assert len(named) == page.count('"vendor/')  # every vendored file, none without its version
    for path, version in named:
        digest = hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()
        assert digest.startswith(version), f"{path}: set ?v={digest[:10]} in static/index.html"


class _Socket:
    """A websocket double: records what the client sends, answers with queued server messages."""

    def __init__(self, answers: list[list[bytes]]):
        self.sent, self.answers, self.pending = [], answers, []

    async def send(self, data: bytes) -> None:
        self.sent.append(data)
        self.pending = self.answers.pop(0)

    async def recv(self) -> bytes:
        return self.pending.pop(0)


def _selectbox(key: str, cacheable: bool) -> bytes:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg(hash="h-" + key)
    message.metadata.cacheable = cacheable
    message.delta.new_element.selectbox.id = f"$$ID-1-{key}"
    message.delta.new_element.selectbox.options.extend(["2566", "2565"])
    return message.SerializeToString()


def _finished() -> bytes:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY).SerializeToString()


def test_the_protocol_client_keeps_large_elements_as_a_browser_does_and_names_them_on_rerun():
    import asyncio

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from serving.protocol import MAX_CACHED_AGE, Session, widget_with_key

    reference = ForwardMsg(ref_hash="h-map_year").SerializeToString()
    later = [[_finished()] for _ in range(MAX_CACHED_AGE + 1)]
    socket = _Socket([[_selectbox("map_year", True), _selectbox("small", False), _finished()],
                      [reference, _finished()], *later])  # fmt: skip
    session = Session("http://127.0.0.1:1")
    session._ws = socket

    async def runs():
        return [await session.run("map", "province=24") for _ in range(3 + MAX_CACHED_AGE)]

    first, second, *rest = asyncio.run(runs())
    asked = [BackMsg.FromString(data).rerun_script.cached_message_hashes for data in socket.sent]
    assert list(asked[0]) == [] and list(asked[1]) == ["h-map_year"]  # only the cacheable one
    assert widget_with_key(second, "map_year") == "$$ID-1-map_year"  # a reference still shows it
    assert second.selectboxes["$$ID-1-map_year"] == ["2566", "2565"]
    assert list(asked[-1]) == []  # unused for more than MAX_CACHED_AGE runs: forgotten, as a browser does
