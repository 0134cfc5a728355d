"""The one seam between the server and what plugs into it: a test kit's faults, a request journal, an admin interface.

The server carries none of them. An app made with ``create_app(..., hooks=...)`` calls its
:class:`RequestHooks` at fixed points of every request; an app made without (what the
``buffer-profiles-server`` command runs) has no hook code on its path at all. What a hook sees of
a request is a :class:`Call`, filled in as the server learns more: never the access token itself,
only the user it belongs to.

The points, in the order a request meets them:

1. ``before_operation(call)``: the request is routed to an operation and its user looked up (a
   form body is read first, as the token may travel in it); nothing else is done yet. A hook may
   wait, or answer instead of the server.
2. ``after_write(call)``: an update's write is committed and its success not yet answered. A hook
   may answer instead (a ``500`` for a write that was applied), or drop the connection.
3. ``answered(call)``: the answer is sent, or the connection dropped; ``call.status`` says which.
   Every HTTP request meets this point, routed or not.

An answer is any ASGI app: a Starlette ``Response``, or one that sends its head and part of a
body, slowly or not, and then drops the connection through ``call.connection``.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The ASGI extension in which the reference server's HTTP protocol (server/serving/protocol.py) gives
# the app each request's Connection: scope["extensions"][CONNECTION_EXTENSION]["connection"].
CONNECTION_EXTENSION = "buffer_profiles.connection"
# Where the app keeps a request's Call in its ASGI scope, for the endpoints to fill in.
CALL_SCOPE_KEY = "buffer_profiles.call"

Answer = ASGIApp


class Connection(Protocol):
    """The client's connection, for an answer that breaks it on purpose."""

    async def close(self) -> None:
        """Close once what was sent so far is delivered (a head alone, or part of a body)."""

    async def reset(self) -> None:
        """Abort at once with a TCP reset: nothing more reaches the client, not even what is still buffered."""


class _NoConnectionControl:
    """The connection of an app served by another server than the reference server's own protocol."""

    async def close(self) -> None:
        raise RuntimeError("dropping a connection needs the reference server's HTTP protocol (server_config)")

    async def reset(self) -> None:
        await self.close()


def connection_of(scope: Scope) -> Connection:
    found: Connection | None = scope.get("extensions", {}).get(CONNECTION_EXTENSION, {}).get("connection")
    return found if found is not None else _NoConnectionControl()


@dataclass(eq=False)
class Call:
    """One HTTP request, as hooks see it."""

    method: str
    path: str  # as routed (percent-decoded); the query, which may hold a token, is never shown
    connection: Connection
    operation: str | None = None  # the route's operation ("list_profiles", ..., "graphql"); None when no route matched
    profile_id: str | None = None  # the path's profile id (for /graphql, the channel asked for), as sent; else None
    graphql_operation: str | None = None  # for /graphql: the operation's name in the document ("Channels"), if any
    user_id: str | None = None  # the user of the token presented; None when there is none, or it is unknown
    form: dict[str, Any] | None = None  # the decoded form body, once decoded (updates), without any token
    written: bool = False  # an update's write was committed
    status: int | None = None  # the status sent; None while nothing is, or when the connection was dropped first
    notes: dict[str, Any] = field(default_factory=dict)  # what hooks tell one another (the fault a plan applied)


class RequestHooks:
    """What plugs into the server. Override the points you need; each does nothing by default."""

    async def before_operation(self, call: Call) -> Answer | None:
        return None

    async def after_write(self, call: Call) -> Answer | None:
        return None

    async def answered(self, call: Call) -> None:
        return None


class HookChain(RequestHooks):
    """Several hooks in order: each point runs them one after the other, and the first answer given is the answer."""

    def __init__(self, hooks: Sequence[RequestHooks]) -> None:
        self._hooks = tuple(hooks)

    async def before_operation(self, call: Call) -> Answer | None:
        return await _first_answer([hooks.before_operation for hooks in self._hooks], call)

    async def after_write(self, call: Call) -> Answer | None:
        return await _first_answer([hooks.after_write for hooks in self._hooks], call)

    async def answered(self, call: Call) -> None:
        for hooks in self._hooks:
            await hooks.answered(call)


async def _first_answer(points: Sequence[Callable[[Call], Awaitable[Answer | None]]], call: Call) -> Answer | None:
    for point in points:
        answer = await point(call)
        if answer is not None:
            return answer
    return None


def current_call(scope: Scope) -> Call:
    """The Call of a request to a hooked app (the endpoints fill it in)."""
    call: Call = scope[CALL_SCOPE_KEY]
    return call


class HookedApp:
    """ASGI wrapper of a hooked app: gives each request its Call, notes the status sent, and ends with ``answered``."""

    def __init__(self, app: ASGIApp, hooks: RequestHooks) -> None:
        self._app, self._hooks = app, hooks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        call = Call(scope["method"], scope["path"], connection_of(scope))

        async def noting_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                call.status = int(message["status"])
            await send(message)

        try:
            await self._app({**scope, CALL_SCOPE_KEY: call}, receive, noting_status)
        finally:
            await self._hooks.answered(call)
