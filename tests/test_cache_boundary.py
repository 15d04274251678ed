"""One cache boundary: every cached function of the app is made by `data_access.cached.CACHED`, and
`data_changed` drops every one of them except the few declared static, so no screen can lag behind
an import or an edit (as the presentation's decks once did)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from components.shell import refresh
from data_access import cached
from data_access.cached import CACHED, CacheRegistry

ROOT = Path(__file__).resolve().parent.parent
APP_CODE = ("app.py", "atlas_server.py", "pages", "components", "data_access", "exports", "geo", "analysis")
# Hold nothing an import or an edit changes: the engine, once-per-process table setup, the outline of
# an uploaded file (its bytes are the key).
STATIC = {
    "data_access.cached.engine_for",
    "data_access.cached.area_sets_ready",
    "data_access.cached.fieldwork_ready",
    "data_access.cached.import_outline",
}


def _sources():
    for entry in APP_CODE:
        path = ROOT / entry
        yield from [path] if path.is_file() else sorted(path.rglob("*.py"))


def _cached_functions():
    """(module, function name, decorator text) of every function whose decorator caches, by scanning
    the source: `st.cache_*` written anywhere, or one of the registry's decorators."""
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if "cache_data" in text or "cache_resource" in text or "CACHED." in text:
                    found.append((module, node.name, text))
    return found


def test_streamlit_caches_are_made_only_by_the_registry():
    written = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources()
        if path != ROOT / "data_access" / "cached.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "st.cache_data" in line or "st.cache_resource" in line
    ]
    assert written == [], "cache with data_access.cached.CACHED.data/resource/static instead"


def test_every_cached_function_is_dropped_by_data_changed_unless_static():
    found = _cached_functions()
    assert len(found) >= 30  # the scan sees the query layer and the components
    assert {m for m, _, _ in found} >= {
        "data_access.cached",
        "components.present.view",
        "components.poverty.report",
        "components.shared.area_picker",
    }
    for module, name, decorator in found:
        function = getattr(importlib.import_module(module), name)
        qualified = f"{module}.{name}"
        if qualified in STATIC:
            assert CACHED.is_static(function), qualified
        else:
            assert CACHED.follows_data(function), f"{qualified} ({decorator}) is not dropped by data_changed"


def _cached_definitions():
    """name -> FunctionDef of every function decorated to cache."""
    defined = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                "CACHED." in ast.unparse(d) or "cache_" in ast.unparse(d) for d in node.decorator_list
            ):
                defined[node.name] = node
    return defined


def test_a_cache_that_builds_on_a_viewers_numbers_is_keyed_by_the_viewers_threshold():
    """A cached function that calls one taking `min_households` takes it too, so a figure built for
    a signed-in officer is never served to a public viewer (the decks once were)."""
    defined = _cached_definitions()
    thresholded = {
        name for name, node in defined.items() if "min_households" in {a.arg for a in node.args.args}
    }
    assert {"indicator_values", "scope_figures", "deck_for", "deck_pages"} <= thresholded
    for name, node in defined.items():
        called = {
            c.func.attr if isinstance(c.func, ast.Attribute) else getattr(c.func, "id", None)
            for c in ast.walk(node)
            if isinstance(c, ast.Call)
        }
        if called & thresholded:
            assert name in thresholded, (
                f"{name} calls {called & thresholded} but is not keyed by min_households"
            )
    assert "session_state" not in (ROOT / "data_access" / "cached.py").read_text(encoding="utf-8")


def test_data_changed_clears_every_registered_cache(monkeypatch):
    for module in ("components.present.view", "components.poverty.report", "components.shared.area_picker"):
        importlib.import_module(module)
    cleared = []
    entries = CACHED.followers()
    for function in entries:
        monkeypatch.setattr(function, "clear", lambda f=function: cleared.append(f))
    refresh.data_changed()
    assert len(cleared) == len(entries) and all(any(c is f for c in cleared) for f in entries)


def test_a_set_edit_drops_the_set_figures_and_the_decks_but_not_every_query(monkeypatch):
    from components.present import view as present_view

    cleared = []
    for function in CACHED.followers():
        monkeypatch.setattr(function, "clear", lambda f=function: cleared.append(f))
    refresh.sets_changed()
    stale = (present_view.deck_for, present_view.deck_pages, cached.area_set_list, cached.scope_figures)
    for function in stale:
        assert any(c is function for c in cleared)
    assert not any(c is cached.indicator_values for c in cleared)


@pytest.mark.filterwarnings("ignore")
def test_a_registered_cache_is_filled_once_and_refilled_after_clear_all():
    registry = CacheRegistry()
    calls = []

    @registry.data()
    def stored_numbers(code: str) -> int:
        calls.append(code)
        return calls.count(code)

    @registry.static()
    def engine_like(code: str) -> list:
        calls.append(f"static {code}")
        return []

    assert stored_numbers("33") == stored_numbers("33") == 1
    engine_like("33")
    registry.clear_all()
    assert stored_numbers("33") == 2
    engine_like("33")
    assert calls == ["33", "static 33", "33"]
    stored_numbers.clear()
    engine_like.clear()
