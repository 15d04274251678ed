"""The HTTP routes that set and clear the sign-in cookie, served beside Streamlit by `atlas_server`.

A websocket cannot set a cookie, and a cookie a page script could read could be stolen by one, so the
cookie is set here, by plain HTTP responses: `/auth/session` trades a sign-in's one-time ticket for an
HttpOnly, SameSite=Strict `atlas_session` cookie and `/auth/sign-out` revokes the session and clears
it (see `data_access.access.sessions`). Both then redirect to a page of the app, chosen from the app's own
list (never a URL from the request). Plain Starlette and the database: no Streamlit script runs.
"""

from __future__ import annotations

import functools

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from components.text import LANGUAGES
from data_access.access import sessions
from data_access.engine import make_engine

FALLBACK_PAGE = "/signin"


def next_page(requested: object, lang: object) -> str:
    """Where to send the browser: `requested` when it is exactly one of the app's pages (else the
    sign-in page), with the language when it is one of ours. Nothing else from the request is used,
    so no link can turn these routes into a redirect to another site."""
    path = requested if isinstance(requested, str) and requested in page_paths() else FALLBACK_PAGE
    return f"{path}?lang={lang}" if isinstance(lang, str) and lang in LANGUAGES else path


@functools.cache
def page_paths() -> frozenset[str]:
    """The root and the URL path of every page of the app."""
    # Imported on first use: the navigation imports the cached queries, which want a running server.
    from components.shell.navigation import all_pages

    return frozenset({"/", *(f"/{path}" for *_, path in all_pages())})


@functools.cache
def _engine(url: str):
    return make_engine(url)


def _database():
    # Imported on first use, like the pages: its cached queries want a running server.
    from data_access.cached import current_url

    return _engine(current_url())


def _over_https(request: Request) -> bool:
    """Served over HTTPS, directly or behind a proxy that says so (then the cookie is `Secure`). A
    client lying about it can only make its own cookie stricter."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _from_this_site(request: Request) -> bool:
    """Whether the browser says the request comes from a page of this site; a browser that sends no
    `Sec-Fetch-Site` is believed. A ticket followed from another site would sign the victim into
    someone else's account (login CSRF), so it is refused."""
    return request.headers.get("sec-fetch-site", "same-origin") == "same-origin"


def _redirect(request: Request) -> RedirectResponse:
    target = next_page(request.query_params.get("next"), request.query_params.get("lang"))
    response = RedirectResponse(target, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def open_session(request: Request) -> RedirectResponse:
    """Trade a one-time ticket for the session cookie, then show the page the sign-in was on."""
    response = _redirect(request)
    if _from_this_site(request):
        ticket = request.query_params.get("ticket")
        handed = await run_in_threadpool(sessions.hand_over, _database(), ticket)
        if handed is not None:
            response.set_cookie(
                sessions.COOKIE,
                handed.token,
                max_age=handed.max_age,
                path="/",
                secure=_over_https(request),
                httponly=True,
                samesite="strict",
            )
    return response


async def close_session(request: Request) -> RedirectResponse:
    """Revoke the cookie's session and clear the cookie. Only a request that carries the cookie (so,
    SameSite=Strict, one from this site) changes anything."""
    response = _redirect(request)
    token = request.cookies.get(sessions.COOKIE)
    if token is not None:
        await run_in_threadpool(sessions.end, _database(), sessions.session_key(token))
        response.delete_cookie(
            sessions.COOKIE, path="/", secure=_over_https(request), httponly=True, samesite="strict"
        )
    return response


ROUTES = [
    Route(sessions.OPEN_ROUTE, open_session, methods=["GET"]),
    Route(sessions.CLOSE_ROUTE, close_session, methods=["GET"]),
]
