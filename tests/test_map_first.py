"""Map first: Streamlit's element files named for early loading, and a run that holds the rest of its
page until the browser's new map frame answers (components.shared.frame_ready)."""

from __future__ import annotations

import re
import threading
import time

import pytest

from components.shared import frame_ready
from serving.element_chunks import ELEMENTS, STATIC, element_modules
from serving.page_base import base_script


def test_each_element_the_first_screen_needs_is_named_with_every_file_it_imports():
    modules = element_modules()
    names = [path.removeprefix("static/js/") for path in modules]
    for element in ELEMENTS:  # a Streamlit upgrade that renames an element shows here
        assert any(name.startswith(f"{element}.") for name in names), element
    preloaded = set(re.findall(r"static/js/([^\"']+\.js)", (STATIC / "index.html").read_text("utf-8")))
    folder = STATIC / "static" / "js"
    for name in names:  # closed under import: no round trip left for the browser to discover
        assert (folder / name).is_file() and name not in preloaded
        for imported in re.findall(r'(?:from|import)\s*"\./([^"]+\.js)"', (folder / name).read_text("utf-8")):
            assert imported in names or imported in preloaded, (name, imported)
    assert len(names) == len(set(names))


def test_element_files_of_an_unknown_streamlit_are_simply_not_named(tmp_path):
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    assert element_modules(("ComponentInstance",), tmp_path) == []


def test_the_page_preloads_element_files_below_the_app_root_before_its_prefetches():
    script = base_script("/atlas/", ("component/x/leaflet.js?v=1",), ("static/js/Selectbox.abc.js",)).decode()
    assert '<link rel="modulepreload" crossorigin href="/atlas/static/js/Selectbox.abc.js">' in script
    assert script.index("modulepreload") < script.index('rel="prefetch"')
    assert "modulepreload" not in base_script("/").decode()


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setattr(frame_ready, "SERVED", True)


def test_a_run_waits_until_the_frame_answers_and_no_longer(served):
    token = frame_ready.expect()
    assert token and frame_ready.expect() != token
    threading.Timer(0.2, frame_ready.arrived, [token]).start()
    started = time.perf_counter()
    assert frame_ready.wait(token, timeout=5)
    assert 0.15 < time.perf_counter() - started < 2
    assert not frame_ready.arrived(token)  # used once: a replayed answer finds nobody


def test_a_frame_that_never_answers_only_delays_the_run_by_the_timeout(served):
    token = frame_ready.expect()
    started = time.perf_counter()
    assert not frame_ready.wait(token, timeout=0.2)
    assert time.perf_counter() - started < 1


def test_without_the_route_nothing_waits():
    """AppTest and any server without atlas_server: no browser can answer, so no token is handed out."""
    assert frame_ready.SERVED is False or pytest.skip("atlas_server imported in this process")
    assert frame_ready.expect() is None
    started = time.perf_counter()
    assert not frame_ready.wait(None)
    assert time.perf_counter() - started < 0.05


def _post(path: str, method: str = "POST") -> int:
    """The status the frame route answers to `method path` (ASGI, as uvicorn would call it)."""
    import asyncio

    from starlette.routing import Router

    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [], "query_string": b""}
    asyncio.run(Router(routes=[frame_ready.ROUTE])(scope, receive, send))
    return sent[0]["status"]


def test_the_route_answers_any_token_alike(served):
    token = frame_ready.expect()
    assert _post(f"/_atlas/frame/{token}") == 204
    assert frame_ready.wait(token, timeout=0.01)
    assert _post("/_atlas/frame/unknown") == 204  # nothing to learn from the answer
    assert _post(f"/_atlas/frame/{token}", "GET") == 405
