"""Where the database lives: one place decides, so the app, the CLI and the tests agree."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ATLAS_DATA_DIR", PROJECT_ROOT / "data"))
DEFAULT_SQLITE_PATH = DATA_DIR / "tambon_atlas.sqlite"


def database_url(secrets: dict | None = None) -> str:
    """`DATABASE_URL` from the environment, then from Streamlit secrets, else the embedded SQLite file.

    `secrets` is passed in by the one module that may touch Streamlit, so this layer stays importable
    from a notebook or a CLI.
    """
    url = os.environ.get("DATABASE_URL") or (secrets or {}).get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


DEFAULT_TILES = ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors")


def basemap_tiles() -> tuple[str, str] | None:
    """(tile URL template, attribution) for the optional basemap; `ATLAS_BASEMAP_URL=off` removes the
    option (e.g. on a network with no internet at all). The map never needs it."""
    url = os.environ.get("ATLAS_BASEMAP_URL", DEFAULT_TILES[0])
    if url.lower() in ("", "off", "none"):
        return None
    return url, os.environ.get("ATLAS_BASEMAP_ATTRIBUTION", DEFAULT_TILES[1])


def describe_url(url: str) -> str:
    """The URL without a password, fit for a log line or the home page."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def min_households() -> int:
    """Counts from fewer households than this are suppressed for viewers who are not signed in
    (`ATLAS_MIN_HOUSEHOLDS`, default 5; see analysis.disclosure)."""
    from analysis.disclosure import DEFAULT_MIN_HOUSEHOLDS

    try:
        return max(int(os.environ.get("ATLAS_MIN_HOUSEHOLDS", DEFAULT_MIN_HOUSEHOLDS)), 1)
    except ValueError:
        return DEFAULT_MIN_HOUSEHOLDS


# Sign-in limits: read at call time so a deployment (or a test) can change them without a restart.
DEFAULT_LOCKOUT_ATTEMPTS = 5
DEFAULT_LOCKOUT_MINUTES = 15
DEFAULT_SESSION_HOURS = 8


def lockout_attempts() -> int:
    """Consecutive failed sign-ins that lock an account (`ATLAS_LOCKOUT_ATTEMPTS`, default 5)."""
    return max(1, int(_positive_setting("ATLAS_LOCKOUT_ATTEMPTS", DEFAULT_LOCKOUT_ATTEMPTS)))


def lockout_minutes() -> float:
    """How long a locked account refuses every password (`ATLAS_LOCKOUT_MINUTES`, default 15)."""
    return _positive_setting("ATLAS_LOCKOUT_MINUTES", DEFAULT_LOCKOUT_MINUTES)


def session_hours() -> float:
    """How long a sign-in lasts before the user must sign in again (`ATLAS_SESSION_HOURS`, default 8)."""
    return _positive_setting("ATLAS_SESSION_HOURS", DEFAULT_SESSION_HOURS)


def _positive_setting(name: str, default: float) -> float:
    # A typo here must not silently disable lock-out, so a bad value stops the app with a clear message.
    raw = os.environ.get(name, "").strip()
    if not raw:
        return float(default)
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        from analysis.errors import AtlasError

        raise AtlasError(
            f"ค่าตั้ง {name} ต้องเป็นจำนวนบวก ไม่ใช่ {raw!r}", f"{name} must be a positive number, not {raw!r}"
        )
    return value
