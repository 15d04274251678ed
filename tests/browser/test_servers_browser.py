"""Several servers, one database: two app processes (`serve.py --processes 2`) behind nginx with the
recipe's own configuration (deploy/nginx/atlas.conf), on loopback. A browser session goes through
nginx while the import CLI changes the database; each process sees the import on its next rerun."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from data_access.engine import make_engine
from data_access.schema import indicator_value
from serving.nginx import NginxMissing, find_nginx, running_nginx
from serving.protocol import Session
from tests.support.app_server import PROJECT_ROOT, free_port, server_process

OVERVIEW = "province=33&year=2566"
LABEL_TH, LABEL_EN = "ครัวเรือนที่สำรวจ", "Households surveyed"


@pytest.fixture(scope="module")
def cluster(browser_database, tmp_path_factory):
    """(nginx URL, the two processes' URLs, database URL) over a copy of the browser tests' database,
    since the tests here import into it."""
    try:
        find_nginx()
    except NginxMissing as missing:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(str(missing))
        pytest.skip(str(missing))
    source = Path(browser_database.removeprefix("sqlite:///"))
    copy = tmp_path_factory.mktemp("servers-db") / "atlas.sqlite"
    shutil.copyfile(source, copy)
    url = f"sqlite:///{copy}"
    # Generous start-up waits: two processes start at once on a machine the suite already keeps busy.
    with server_process(url, ("serve.py", "--processes", "2"), timeout=180) as (first, _supervisor):
        second = first.rsplit(":", 1)[0] + f":{int(first.rsplit(':', 1)[1]) + 1}"
        _wait_healthy(second)
        with running_nginx(free_port(), [_port(first), _port(second)]) as front:
            yield front, [first, second], url


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def _wait_healthy(base: str, attempts: int = 720) -> None:
    for _ in range(attempts):
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).close()
            return
        except OSError:
            time.sleep(0.25)
    raise AssertionError(f"{base} never became healthy")


def households_surveyed(url: str, tambon: str) -> int:
    with make_engine(url).connect() as conn:
        return int(
            conn.execute(
                select(indicator_value.c.numerator).where(
                    indicator_value.c.area_code == tambon,
                    indicator_value.c.indicator_code == "households_surveyed",
                    indicator_value.c.year == 2566,
                )
            ).scalar_one()
        )


def import_households(url: str, tambon: str, count: int, folder: Path) -> None:
    """What an office does from the command line: one indicator value, through the import CLI."""
    path = folder / f"{tambon}.csv"
    path.write_text(
        f"area_code,indicator,numerator\n{tambon},households_surveyed,{count}\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "data_access.importer", str(path), "--kind", "indicators", "--year", "2566"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "imported #" in done.stdout, done.stdout + done.stderr


def number(text: str) -> int:
    return int(text.replace(",", "").strip())


def test_a_browser_through_nginx_sees_an_import_on_its_next_rerun(browser, cluster, tmp_path):
    from tests.browser.conftest import guarded_page

    front, _processes, url = cluster
    with guarded_page(browser) as page:
        page.goto(f"{front}/overview?{OVERVIEW}")
        card = page.locator('[data-testid="stMetric"]', has_text=LABEL_TH).first
        expect(card).to_be_visible(timeout=60_000)  # a first view on a busy machine
        before = number(card.locator('[data-testid="stMetricValue"]').inner_text())
        cookies = {cookie["name"] for cookie in page.context.cookies()}
        assert "atlas_route" in cookies  # nginx pinned this browser to one process

        import_households(url, "330105", households_surveyed(url, "330105") + 1000, tmp_path)
        page.locator('[data-testid="stSidebar"] label', has_text="English").click()  # the next rerun
        card = page.locator('[data-testid="stMetric"]', has_text=LABEL_EN).first
        expect(card.locator('[data-testid="stMetricValue"]')).to_have_text(
            f"{before + 1000:,}", timeout=60_000
        )


def test_each_process_shows_an_import_on_its_next_rerun(cluster, tmp_path):
    """Both processes, each with its caches filled, straight over Streamlit's protocol: the import made
    elsewhere reaches each one on the next rerun of the session it already holds."""
    _front, processes, url = cluster

    async def both() -> list[tuple[int, int]]:
        sessions = [Session(base, timeout=60) for base in processes]
        for session in sessions:
            await session.__aenter__()
        try:
            before = [(await s.run("overview", OVERVIEW)).metrics[LABEL_TH] for s in sessions]
            import_households(url, "330106", households_surveyed(url, "330106") + 500, tmp_path)
            after = [(await s.run("overview", OVERVIEW)).metrics[LABEL_TH] for s in sessions]
        finally:
            for session in sessions:
                await session.__aexit__(None, None, None)
        return [(number(b), number(a)) for b, a in zip(before, after)]

    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API holds this thread's event loop
        results = thread.submit(asyncio.run, both()).result()
    for before, after in results:
        assert after == before + 500
