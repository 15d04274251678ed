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
