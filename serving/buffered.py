"""One way for our ASGI middlewares to edit a whole response: hold its start and body until the last
body part, then hand both to the middleware (or pass the response through untouched)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

Message = dict


async def edit_response(
    app,
    scope,
    receive,
    send,
    wanted: Callable[[Message], bool],
    finish: Callable[[Message, bytes], Awaitable[None]],
) -> None:
    """Run `app`; a response whose start message `wanted` accepts is buffered and given, start message
    and whole body, to `finish` (which sends what it likes); any other response passes as it comes."""
    started: dict = {}
    body: list[bytes] = []

    async def edit(message):
        if message["type"] == "http.response.start":
            started["message"] = message
            if not wanted(message):
                started["pass"] = True
                await send(message)
            return
        if started.get("pass") or message["type"] != "http.response.body":
            await send(message)
            return
        body.append(message.get("body", b""))
        if not message.get("more_body"):
            await finish(started["message"], b"".join(body))

    await app(scope, receive, edit)
