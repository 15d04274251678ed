"""Browser tests: the real app in the system Chromium, with every request outside 127.0.0.1 blocked
and reported as a failure (the app must work with no internet)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

import pytest

from data_access.engine import make_engine
from data_access.seed import seed
from tests.support.app_server import running_app
from tests.support.chromium import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _require_browser() -> None:
    if os.path.exists(CHROMIUM) and shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_database(tmp_path_factory) -> str:
    """A small seeded SQLite database of its own, so browser tests never depend on a developer's data."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'atlas.sqlite'}"
    engine = make_engine(url)
    seed(engine, demo=True, scale=0.02, log=lambda *_: None)
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def app_url(browser_database):
    _require_browser()
    with running_app(browser_database) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@contextmanager
def guarded_page(browser) -> Iterator:
    """A page in a fresh context; requests leaving 127.0.0.1 are aborted and fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="th-TH")
    outside: list[str] = []

    def guard(route):
        parsed = urlparse(route.request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()
    assert not outside, f"requests left the machine: {outside}"


@pytest.fixture
def page(browser, app_url):
    with guarded_page(browser) as page:
        yield page


def sign_in_through_the_form(page, username: str, password: str) -> None:
    """Fill the sign-in form on the open sign-in page and wait until the browser is back from
    fetching its session cookie (a sign-in moves the page once through /auth/session)."""
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(password)
    with page.expect_navigation(url=re.compile(r"/signin(\?|$)"), timeout=30_000):
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
