"""Each request as the test kit sees it from outside the server: an :class:`Exchange`.

:class:`ExchangeTap` is an ASGI app around the server's hooked app (server/hooks.py). For every
request it makes an Exchange, hands it to ``arrived`` (the request journal) before the server sees
the request, and puts it where the server looks for the request's connection, so that the Call
each hook gets carries it as ``call.connection``. Through it:

- the journal links a Call to its place in the order of arrival, and reads the status sent;
- a fault may shape the server's own answer on its way out (send the body slowly, cut it short,
  close after the head), which no point of the seam reaches;
- dropping the connection still goes to the real one.

Everything an exchange records is set before the bytes it describes leave the server, so a test
that has its answer (or its error) finds the request complete in the journal.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from buffer_profiles_testkit.server.hooks import CONNECTION_EXTENSION, Call, Connection, connection_of


class Shaper(Protocol):
    """Sends one message of the server's answer in its own way (a fault's): forwards, holds back, or drops it."""

    async def __call__(self, message: Message, send: Send, connection: Connection) -> None: ...


@dataclass(eq=False)
class Exchange:
    """One request: what arrived, the Call the server filled in, the status sent; its connection for the hooks."""

    method: str
    path: str
    real_connection: Connection
    call: Call | None = None  # set at the first hook point (unrouted requests have none)
    status: int | None = None  # the status sent; None before the head, or when dropped first
    shaper: Shaper | None = None  # set by a fault that reshapes the answer

    async def close(self) -> None:
        await self.real_connection.close()

    async def reset(self) -> None:
        await self.real_connection.reset()


def exchange_of(call: Call) -> Exchange | None:
    """The Exchange of a Call, when the app is behind an :class:`ExchangeTap`."""
    return call.connection if isinstance(call.connection, Exchange) else None


class ExchangeTap:
    """ASGI: gives each HTTP request an :class:`Exchange` and applies its shaper to what is sent."""

    def __init__(self, app: ASGIApp, arrived: Callable[[Exchange], None]) -> None:
        self._app, self._arrived = app, arrived

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        exchange = Exchange(scope["method"], scope["path"], connection_of(scope))
        self._arrived(exchange)
        # A new extensions dict: the server's protocol shares its own between a connection's requests.
        extensions = {**scope.get("extensions", {}), CONNECTION_EXTENSION: {"connection": exchange}}

        async def tapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                exchange.status = int(message["status"])
            if exchange.shaper is None:
                await send(message)
            else:
                await exchange.shaper(message, send, exchange.real_connection)

        await self._app({**scope, "extensions": extensions}, receive, tapped)
