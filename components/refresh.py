"""After stored numbers change (an import, a referral): drop every cache that holds them, in the query
layer and in the components, so every page shows the new numbers at once."""

from __future__ import annotations

import threading

from components import poverty_report, present_view
from components.map_controls import load_choices
from data_access import cached


def sets_changed() -> None:
    """An area set was created, renamed, edited or deleted: its figures and its deck are stale."""
    cached.area_sets_changed()
    present_view.deck_for.clear()
    present_view.deck_pages.clear()


def data_changed() -> None:
    cached.data_changed()
    present_view.deck_for.clear()
    present_view.deck_pages.clear()
    load_choices.clear()
    poverty_report.area_figures.clear()
    poverty_report.area_mpi.clear()
    poverty_report.set_figures.clear()
    poverty_report.set_mpi.clear()


_seen: dict[str, int] = {}  # data version this process's caches were filled at, per database
_lock = threading.Lock()


def follow_data_version(url: str) -> bool:
    """Drop this process's caches when the database's data version moved since its last run (another
    server process imported, edited or changed a set); True when it did. Called on every run."""
    version = cached.data_version(url)
    with _lock:
        seen = _seen.get(url)
        _seen[url] = version
    if seen is None or seen == version:
        return False
    data_changed()
    return True
