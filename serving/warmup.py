"""Warm a freshly started process out of the request path: once it answers, one protocol session tours
the first pages people open (home, overview, map, table, poverty) for every province with data in its
latest survey year, so the cold queries and frames are built before a person waits for them.

It runs the pages themselves rather than calling the cached functions, so it fills exactly the cache
entries a visitor's run will look up. `ATLAS_WARMUP=0` switches it off (the test suite does).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time

from data_access import assets, queries
from data_access.config import database_url
from data_access.engine import make_engine
from serving.health import answers
from serving.protocol import Session


def enabled() -> bool:
    return os.environ.get("ATLAS_WARMUP", "1") != "0"


def tour(province: str, year: int, categories: list[str] = ()) -> list[tuple[str, str]]:
    """(page URL path, query string) of the pages warmed for one province; the map with every
    community-asset category turned on, so each category's points file is written before a person's
    first toggle asks for it."""
    place = f"province={province}&year={year}"
    points = f"&points={','.join(categories)}" if categories else ""
    return [
        ("", place),
        ("overview", place),
        ("map", f"{place}&level=tambon{points}"),
        ("table", f"{place}&level=tambon"),
        ("poverty", place),
    ]


def earlier_maps(province: str, years: list[int]) -> list[tuple[str, str]]:
    """The tambon map of the province in each earlier survey year: the map's year picker is the
    change people make first, and a cold year costs a second or more (its values and profile table)."""
    return [("map", f"province={province}&year={year}&level=tambon") for year in years[:-1]]


def plan(url: str) -> list[tuple[str, str]]:
    """The tour of every province with data in the latest year (the home page's default), then its
    map in the earlier years."""
    engine = make_engine(url)
    try:
        provinces, years = queries.provinces_with_data(engine), queries.survey_years(engine)
        categories = assets.categories(engine)["code"].tolist()
    finally:
        engine.dispose()
    if not years:
        return []
    latest = [stop for province in provinces for stop in tour(province, years[-1], categories)]
    return latest + [stop for province in provinces for stop in earlier_maps(province, years)]


async def warm(base: str, stops: list[tuple[str, str]]) -> float:
    """Run every stop in one session; the seconds it took."""
    started = time.perf_counter()
    async with Session(base, timeout=600) as session:
        for page, query in stops:
            await session.run(page, query)
    return time.perf_counter() - started


def warm_when_up(base: str, url: str, timeout: float = 120.0) -> None:
    """Wait for the server at `base` to answer, then warm it (errors are printed, never raised)."""
    answers(base, timeout)
    try:
        stops = plan(url)
        seconds = asyncio.run(warm(base, stops))
        print(f"warm-up: {len(stops)} page runs in {seconds:.1f} s ({base})", flush=True)
    except Exception as error:  # a warm-up that fails leaves a cold server, never a stopped one
        print(f"warm-up skipped: {error}", flush=True)


def start_in_background(port: int) -> threading.Thread | None:
    """Warm this process from a daemon thread once its server is up; None when switched off."""
    if not enabled():
        return None
    thread = threading.Thread(
        target=warm_when_up,
        args=(f"http://127.0.0.1:{port}", database_url()),
        name="atlas-warmup",
        daemon=True,
    )
    thread.start()
    return thread
