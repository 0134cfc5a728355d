"""How the faults that let the server answer reshape that answer on its way out (exchanges.py's Shaper).

Each is made for one request. The head goes out as the server made it (its ``content-length``
still promising the whole body); then the body is held back, cut, or dribbled out.
"""

import asyncio

from starlette.types import Message, Send

from buffer_profiles_testkit.server.hooks import Connection


class HeadThenClose:
    """The head, then the connection closed; the body is dropped."""

    def __init__(self) -> None:
        self._closed = False

    async def __call__(self, message: Message, send: Send, connection: Connection) -> None:
        if self._closed:
            return
        if message["type"] == "http.response.start":
            await send(message)
            self._closed = True
            await connection.close()


class _WholeBody:
    """Collects the body's messages; the last one hands the whole body to ``finish``."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._done = False

    async def __call__(self, message: Message, send: Send, connection: Connection) -> None:
        if self._done:
            return
        if message["type"] != "http.response.body":
            await send(message)
            return
        self._parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            self._done = True
            await self.finish(b"".join(self._parts), send, connection)

    async def finish(self, body: bytes, send: Send, connection: Connection) -> None:
        raise NotImplementedError


class HalfBodyThenClose(_WholeBody):
    """The head and the first half of the body, then the connection closed."""

    async def finish(self, body: bytes, send: Send, connection: Connection) -> None:
        await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
        await connection.close()


class BodyInParts(_WholeBody):
    """The body in ``parts`` pieces of about equal size, ``interval`` seconds apart."""

    def __init__(self, parts: int, interval: float) -> None:
        super().__init__()
        self._parts_wanted, self._interval = parts, interval

    async def finish(self, body: bytes, send: Send, connection: Connection) -> None:
        size = max(1, -(-len(body) // self._parts_wanted))  # rounded up: at most `parts` pieces
        pieces = [body[start : start + size] for start in range(0, len(body), size)] or [b""]
        for number, piece in enumerate(pieces):
            if number:
                await asyncio.sleep(self._interval)
            await send({"type": "http.response.body", "body": piece, "more_body": number < len(pieces) - 1})
