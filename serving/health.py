"""Whether a server answers Streamlit's health check: the one wait every starter here needs."""

from __future__ import annotations

import time
import urllib.request


def answers(base: str, timeout: float, interval: float = 0.5) -> bool:
    """True once `base` (e.g. http://127.0.0.1:8501) answers `/_stcore/health` with success, False
    when `timeout` seconds pass first (refused, or nginx answering with no process behind it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).close()
            return True
        except OSError:  # HTTPError is one: the front is up, the app behind it not yet
            time.sleep(interval)
    return False
