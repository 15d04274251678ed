"""Real public files for tests (`../shared/data/real/`, see its SOURCES.md): never shipped, never read at
run time. `ATLAS_REAL_DATA` points elsewhere; without the folder the tests skip, unless
`REQUIRE_REAL_DATA=1` (CI), which makes that a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REAL_DATA = Path(
    os.environ.get("ATLAS_REAL_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real")
)


def real_file(name: str) -> Path:
    """The path of a real file, or skip (fail under REQUIRE_REAL_DATA=1) when the folder is missing."""
    path = REAL_DATA / name
    if not path.exists():
        message = f"real data file {path} not found (set ATLAS_REAL_DATA or lay ../shared beside the repo)"
        if os.environ.get("REQUIRE_REAL_DATA") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path
