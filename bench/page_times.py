"""Page server times for the seed's growth table (`bench_seed.PAGE_TIMES`): on the database just
seeded, each page opened once from its link as a first view (every cache emptied before it), in
Streamlit's AppTest: the script run and the serialisation of what it draws, no browser. The map and
the poverty page open the largest province (most households in the latest survey year), the table
every tambon of the country; the poverty page also the whole country.

The seconds are wall time in this one process (the caller reads the machine's load beside them);
`page_cpu_seconds` keeps the CPU seconds of the same runs.
"""

from __future__ import annotations

import os
import time
from functools import cache

page_cpu_seconds: dict[str, float] = {}


@cache
def largest_province(url: str) -> tuple[str, int]:
    """(province code, latest survey year) of the province with the most households that year."""
    from data_access import queries
    from data_access.engine import make_engine
    from data_access.poverty_profiles import country_profile_rows

    engine = make_engine(url)
    year = queries.survey_years(engine)[-1]
    sizes = country_profile_rows(engine, year).groupby("tambon_code")["households"].sum()
    engine.dispose()
    return str(sizes.idxmax()), int(year)


def first_view(url: str, page: str, params: dict[str, str], name: str) -> float:
    """Seconds of one cold run of `page` opened from a link with `params`."""
    import streamlit.runtime.scriptrunner.script_runner as runner
    from streamlit.testing.v1 import AppTest

    from data_access import cached
    from tests.support.apptest import APP, _run_main_script

    os.environ["DATABASE_URL"] = url
    runner._mpa_v1 = _run_main_script
    at = AppTest.from_file(str(APP), default_timeout=600)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the home page: imports and the frame, not timed
    at.switch_page(page)
    cached.data_changed()
    started, cpu = time.perf_counter(), time.process_time()
    at.run()
    seconds = time.perf_counter() - started
    page_cpu_seconds[name] = time.process_time() - cpu
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].message}")
    return seconds


def map_page(url: str) -> float:
    province, year = largest_province(url)
    link = {"province": province, "level": "tambon", "year": str(year)}
    return first_view(url, "pages/map.py", link, "map s")


def table_page(url: str) -> float:
    _, year = largest_province(url)
    link = {"province": "all", "level": "tambon", "year": str(year)}
    return first_view(url, "pages/table.py", link, "table s")


def poverty_page(url: str) -> float:
    province, year = largest_province(url)
    return first_view(url, "pages/poverty.py", {"province": province, "year": str(year)}, "poverty s")


def poverty_country(url: str) -> float:
    _, year = largest_province(url)
    return first_view(url, "pages/poverty.py", {"province": "all", "year": str(year)}, "poverty TH s")


PAGES = {
    "map s": map_page,
    "table s": table_page,
    "poverty s": poverty_page,
    "poverty TH s": poverty_country,
}
