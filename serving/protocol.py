"""A session speaking Streamlit's own websocket protocol, without a browser: what the start-up warm-up,
the load benchmark and the several-servers tests use to run pages as a browser tab would.

A browser tab holds one websocket (`/_stcore/stream`); each rerun is a `BackMsg` carrying the page's URL
path, its query string and the widget values, and the server answers with `ForwardMsg`s (the elements
drawn) up to `script_finished`. This client sends the widget values it changed itself; the server keeps
every other widget's value from the previous run, as it does for a browser.

Like a browser, it keeps the large elements it received (Streamlit marks them `cacheable`) for
`MAX_CACHED_AGE` runs and names them in each rerun request, so the server sends a reference instead
of an unchanged table or map again: bytes received are what a browser would receive.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

# A run the script ended itself to start again (st.rerun, st.switch_page) is followed by another run.
_DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
MAX_CACHED_AGE = 2  # runs a kept element lives unused (Streamlit's global.maxCachedMessageAge default)


class ProtocolError(RuntimeError):
    """The server closed the session, or a run did not finish in time."""


@dataclass
class Run:
    """What one script run drew: seconds from request to `script_finished`, bytes received, the
    exceptions and error boxes shown, metrics (label -> value) and selectboxes (widget id -> options)."""

    seconds: float = 0.0
    received_bytes: int = 0
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    selectboxes: dict[str, list[str]] = field(default_factory=dict)
    toggles: dict[str, bool] = field(default_factory=dict)  # checkbox / toggle widget id -> value

    @property
    def failed(self) -> bool:
        return bool(self.exceptions or self.errors)


class Session:
    """One tab's session on a server at `base` (http://host:port), opened with `async with`."""

    def __init__(self, base: str, cookie: str | None = None, timeout: float = 120.0):
        self.base = base.rstrip("/")
        self.ws_url = base.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.cookie, self.timeout = cookie, timeout
        self.widgets: dict[str, WidgetState] = {}
        self.kept: dict[str, int] = {}  # hash of a cacheable element held -> runs since last used
        self.elements: dict[str, object] = {}  # hash -> the element, noted again when referred to
        self._ws: ClientConnection | None = None

    async def __aenter__(self) -> Session:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self._ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            compression=None,
        )
        return self

    async def __aexit__(self, *_exc) -> None:
        await self._ws.close()

    async def run(self, page: str, query: str = "", changes: dict[str, str | bool] | None = None) -> Run:
        """Rerun `page` (its URL path, "" for the home page) with `query`, the widgets as last shown and
        `changes` (selectbox widget id -> option shown, toggle widget id -> True/False); wait for the
        run to finish."""
        for widget_id, option in (changes or {}).items():
            if isinstance(option, bool):  # a toggle or checkbox
                self.widgets[widget_id] = WidgetState(id=widget_id, bool_value=option)
            else:
                self.widgets[widget_id] = WidgetState(id=widget_id, string_value=option)
        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_name = query, page
        state.widget_states.widgets.extend(self.widgets.values())
        state.cached_message_hashes.extend(self.kept)
        started = time.perf_counter()
        await self._ws.send(message.SerializeToString())
        run = Run()
        try:
            await asyncio.wait_for(self._read_until_finished(run), self.timeout)
        except TimeoutError as error:
            raise ProtocolError(f"/{page}?{query}: no end of run within {self.timeout:.0f} s") from error
        run.seconds = time.perf_counter() - started
        return run

    async def _read_until_finished(self, run: Run) -> None:
        while True:
            try:
                payload = await self._ws.recv()
            except Exception as error:  # the server closed the socket
                raise ProtocolError(f"the session closed: {error}") from error
            run.received_bytes += len(payload)
            message = ForwardMsg()
            message.ParseFromString(payload)
            kind = message.WhichOneof("type")
            element = None
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if message.metadata.cacheable:
                    self.elements[message.hash] = element
            if message.metadata.cacheable or kind == "ref_hash":
                known = message.ref_hash if kind == "ref_hash" else message.hash
                self.kept[known] = 0
                element = element or self.elements.get(known)
            if element is not None:
                self._note(element, run)
                await self._answer_frame(element)
            elif kind == "script_finished" and message.script_finished in _DONE:
                self.kept = {h: age + 1 for h, age in self.kept.items() if age < MAX_CACHED_AGE}
                self.elements = {h: e for h, e in self.elements.items() if h in self.kept}
                return

    async def _answer_frame(self, element) -> None:
        """A new map frame's token (components.shared.frame_ready): answered as the map's frame does
        once drawn, so the run sends the rest of its page without waiting for a browser that is not
        there."""
        if element.WhichOneof("type") != "component_instance":
            return
        try:
            token = json.loads(element.component_instance.json_args or "{}").get("frame")
        except ValueError:
            return
        if isinstance(token, str) and token:
            url = f"{self.base}/_atlas/frame/{urllib.parse.quote(token, safe='')}"
            headers = {"Cookie": self.cookie} if self.cookie else {}
            request = urllib.request.Request(url, method="POST", headers=headers, data=b"")
            with contextlib.suppress(OSError):
                await asyncio.to_thread(lambda: urllib.request.urlopen(request, timeout=5).close())

    def _note(self, element, run: Run) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == element.alert.ERROR:
            run.errors.append(element.alert.body)
        elif kind == "metric":
            run.metrics[element.metric.label] = element.metric.body
        elif kind == "selectbox":
            box = element.selectbox
            run.selectboxes[box.id] = list(box.options)
        elif kind == "checkbox":
            run.toggles[element.checkbox.id] = element.checkbox.value


def widget_with_key(run: Run, key: str) -> str:
    """The id of the selectbox or toggle drawn with `key` (Streamlit ends a keyed widget's id with
    its key)."""
    for widget_id in [*run.selectboxes, *run.toggles]:
        if widget_id.endswith(f"-{key}"):
            return widget_id
    raise ProtocolError(f"no widget with key {key!r} among {[*run.selectboxes, *run.toggles]}")
