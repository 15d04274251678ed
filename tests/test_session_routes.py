"""The cookie routes beside Streamlit (`components.shell.session_routes`): the cookie's attributes, one use
per ticket, sign-out, and redirects only to the app's own pages (no open redirect)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from starlette.requests import Request

from components.shell import session_routes
from data_access.access import sessions
from tests.support.household_db import signed_in

pytestmark = pytest.mark.usefixtures("fast_hashing")
ON_SQLITE = pytest.mark.parametrize("empty_db", ["sqlite"], indirect=True)


def call(handler, query: dict, headers: dict | None = None, scheme: str = "http", cookie: str = ""):
    """The handler's response to a GET as a browser would send it."""
    headers = {"sec-fetch-site": "same-origin", **(headers or {})}
    if cookie:
        headers["cookie"] = f"{sessions.COOKIE}={cookie}"
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": scheme,
        "path": "/auth",
        "root_path": "",
        "query_string": urlencode(query).encode(),
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
        "server": ("127.0.0.1", 8501),
        "client": ("127.0.0.1", 50000),
    }
    # In a thread of its own: a session-wide Playwright (the browser tests) keeps an event loop
    # running in the main thread, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, handler(Request(scope))).result()


def cookies_set(response) -> list[str]:
    return response.headers.getlist("set-cookie")


@pytest.fixture
def database(empty_db, monkeypatch):
    monkeypatch.setattr(session_routes, "_database", lambda: empty_db)
    return empty_db


@pytest.mark.parametrize(
    ("requested", "lang", "expected"),
    [
        ("/households", "en", "/households?lang=en"),
        ("/", "th", "/?lang=th"),
        ("/signin", None, "/signin"),
        ("//evil.example/households", "th", "/signin?lang=th"),
        ("https://evil.example/", "th", "/signin?lang=th"),
        ("/\\evil.example", "th", "/signin?lang=th"),
        ("/households/../../evil", "th", "/signin?lang=th"),
        ("/households?next=//evil.example", "th", "/signin?lang=th"),
        ("households", "th", "/signin?lang=th"),
        (" /households", "th", "/signin?lang=th"),
        ("/%2F%2Fevil.example", "th", "/signin?lang=th"),
        ("/_stcore/health", "th", "/signin?lang=th"),
        (None, "th", "/signin?lang=th"),
        ("/map", "en&next=//evil.example", "/map"),
        ("/map", "\r\nSet-Cookie: x=1", "/map"),
    ],
)
def test_the_routes_only_send_the_browser_to_a_page_of_the_app(requested, lang, expected):
    assert session_routes.next_page(requested, lang) == expected


def test_every_page_of_the_menu_is_a_place_to_come_back_to():
    assert {"/", "/households", "/signin", "/map", "/users"} <= session_routes.page_paths()
    assert all(path.startswith("/") and not path.startswith("//") for path in session_routes.page_paths())


@ON_SQLITE
def test_a_ticket_becomes_an_httponly_strict_cookie_once(database):
    officer = signed_in(database, "somsri", "officer", ["24"])
    started = sessions.start(database, officer)
    query = {"ticket": started.ticket, "next": "/households", "lang": "th"}
    response = call(session_routes.open_session, query)
    assert response.status_code == 303 and response.headers["location"] == "/households?lang=th"
    assert response.headers["cache-control"] == "no-store"
    (cookie,) = cookies_set(response)
    name_value, *attributes = [part.strip() for part in cookie.split(";")]
    name, token = name_value.split("=", 1)
    assert name == sessions.COOKIE and sessions.session_key(token) == started.session_id
    flags = {attribute.split("=")[0].lower(): attribute.partition("=")[2] for attribute in attributes}
    assert "httponly" in flags and flags["samesite"].lower() == "strict" and flags["path"] == "/"
    assert 0 < int(flags["max-age"]) <= 8 * 3600 and "secure" not in flags  # plain HTTP on a LAN
    assert started.ticket not in response.headers["location"] and token not in response.headers["location"]
    again = call(session_routes.open_session, query)
    assert again.status_code == 303 and cookies_set(again) == []


@ON_SQLITE
@pytest.mark.parametrize(
    ("scheme", "headers"), [("https", {}), ("http", {"x-forwarded-proto": "https"})], ids=["tls", "proxy"]
)
def test_the_cookie_is_secure_when_served_over_https(database, scheme, headers):
    officer = signed_in(database, "somsri", "officer", ["24"])
    started = sessions.start(database, officer)
    response = call(session_routes.open_session, {"ticket": started.ticket}, headers, scheme)
    (cookie,) = cookies_set(response)
    assert "secure" in cookie.lower()


@ON_SQLITE
def test_a_ticket_followed_from_another_site_signs_nobody_in(database):
    officer = signed_in(database, "somsri", "officer", ["24"])
    started = sessions.start(database, officer)
    response = call(session_routes.open_session, {"ticket": started.ticket}, {"sec-fetch-site": "cross-site"})
    assert response.status_code == 303 and cookies_set(response) == []


@ON_SQLITE
def test_the_sign_out_route_revokes_the_cookies_session_and_clears_it(database):
    officer = signed_in(database, "somsri", "officer", ["24"])
    started = sessions.start(database, officer)
    token = sessions.hand_over(database, started.ticket).token
    response = call(session_routes.close_session, {"next": "/map", "lang": "en"}, cookie=token)
    assert response.status_code == 303 and response.headers["location"] == "/map?lang=en"
    (cleared,) = cookies_set(response)
    assert cleared.startswith(f'{sessions.COOKIE}="";') and "max-age=0" in cleared.lower()
    assert sessions.session_user(database, started.session_id) is None
    without_cookie = call(session_routes.close_session, {"next": "/map"})
    assert cookies_set(without_cookie) == []  # another site's link cannot clear anyone's cookie
