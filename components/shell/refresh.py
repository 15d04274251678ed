"""After stored numbers change (an import, an edit, a set edit): drop every cache that holds them.

Every cached function registers itself with `data_access.cached.CACHED` where it is declared (queries,
the poverty report, decks, the map's choices), so these two calls cannot forget one.
"""

from __future__ import annotations

import threading

from data_access import cached


def sets_changed() -> None:
    """An area set was created, renamed, edited or deleted: its figures and its deck are stale."""
    cached.area_sets_changed()


def data_changed() -> None:
    cached.data_changed()


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
