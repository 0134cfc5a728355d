"""uvicorn's httptools protocol with the guards a server facing any client needs.

- Every answer the HTTP layer gives by itself is JSON in Buffer's error shape: a request the parser
  refuses (uvicorn answers those in ``text/plain``), headers past their size limit, a timeout.
- A request must arrive whole within ``request_timeout`` seconds of its first byte (or of the
  connection, for the first one); uvicorn itself waits forever for a request that never ends.
  A connection that has sent nothing of a request by then is closed without an answer.
- At most ``max_connections`` connections are open. At the limit, a new connection closes the
  oldest one that has no request being answered (idle, or still sending its headers or body), so
  that clients that hold connections open without finishing a request cannot lock others out, nor
  use up the process's file descriptors.
- The app may drop a request's connection on purpose (server/hooks.py's ``Connection``, in the
  scope's ``extensions``): closed after what was sent, or reset at once.
"""

import asyncio
import contextlib
import logging
import resource
import socket
import struct
import time
from dataclasses import dataclass, field
from typing import Any, ClassVar

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from buffer_profiles_testkit.server.errors import HTTP_STATUS, ErrorCode, error_body
from buffer_profiles_testkit.server.hooks import CONNECTION_EXTENSION

_logger = logging.getLogger("uvicorn.error")
# Descriptors the process keeps beside its connections: the listening socket, the database and
# its WAL files, logs, the event loop's own.
_RESERVED_DESCRIPTORS = 64
# How long closing waits for the client to take what was sent before resetting instead.
CLOSE_TIMEOUT_SECONDS = 5.0
# SO_LINGER on, for 0 seconds: closing the socket then resets the connection instead of ending it.
_RESET_ON_CLOSE = struct.pack("ii", 1, 0)


def default_max_connections() -> int:
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    limit = 4096 if soft == resource.RLIM_INFINITY else soft - _RESERVED_DESCRIPTORS
    return max(8, min(4096, limit))


@dataclass(frozen=True)
class ConnectionLimits:
    request_timeout: float = 10.0
    max_header_bytes: int = 16 * 1024
    max_connections: int = field(default_factory=default_max_connections)


class _Connections:
    """The open connections, oldest first, and a sweep that closes those whose request is overdue."""

    def __init__(self, limits: ConnectionLimits) -> None:
        self.limits = limits
        self.open: dict[GuardedHttpProtocol, None] = {}  # insertion order: oldest first
        self._sweeping: asyncio.TimerHandle | None = None

    def add(self, connection: "GuardedHttpProtocol") -> None:
        if len(self.open) >= self.limits.max_connections:
            idle = next((other for other in self.open if not other.answering), None)
            if idle is None:
                connection.refuse(ErrorCode.SERVICE_UNAVAILABLE, "Too many connections; retry shortly.")
                return
            self.open.pop(idle)
            idle.refuse(ErrorCode.SERVICE_UNAVAILABLE, "Connection closed to admit another; retry.")
        self.open[connection] = None
        if self._sweeping is None:
            self._schedule(connection.loop)

    def discard(self, connection: "GuardedHttpProtocol") -> None:
        self.open.pop(connection, None)

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        interval = min(1.0, self.limits.request_timeout / 4)
        self._sweeping = loop.call_later(interval, self._sweep, loop)

    def _sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        deadline = time.monotonic() - self.limits.request_timeout
        for connection in [c for c in self.open if c.waiting_since is not None and c.waiting_since < deadline]:
            if connection.request_begun:
                connection.refuse(ErrorCode.REQUEST_TIMEOUT, "Request timeout: the request did not arrive in time.")
            else:
                connection.transport.close()  # idle: no request to answer (RFC 9112, 9.6)
        if self.open:
            self._schedule(loop)
        else:
            self._sweeping = None


def _raw_response(code: ErrorCode, message: str) -> bytes:
    body = error_body(code, message)
    status = HTTP_STATUS[code]
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, '')}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


_REASONS = {
    400: "Bad Request",
    408: "Request Timeout",
    431: "Request Header Fields Too Large",
    503: "Service Unavailable",
}


class _ConnectionControl:
    """A connection's :class:`~server.hooks.Connection`: each returns once the connection is gone."""

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._lost = asyncio.Event()

    def lost(self) -> None:
        self._lost.set()

    async def close(self) -> None:
        self._transport.close()  # after the buffered bytes are written
        try:
            await asyncio.wait_for(self._lost.wait(), CLOSE_TIMEOUT_SECONDS)
        except TimeoutError:
            await self.reset()  # a client that does not read must not hold the answer forever

    async def reset(self) -> None:
        sock = self._transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET_ON_CLOSE)
        self._transport.abort()
        await self._lost.wait()


class GuardedHttpProtocol(HttpToolsProtocol):
    guard: ClassVar[_Connections]

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(config, server_state, app_state, **kwargs)
        self.waiting_since: float | None = time.monotonic()  # when the server began to wait for the client
        self._header_bytes = 0
        self.request_begun = False  # a byte of a request has come, and its last byte has not
        self._control: _ConnectionControl | None = None
        # The scope's extensions for every request of this connection, made once (ASGI: dicts).
        self._extensions: dict[str, dict[object, object]] = {}

    @property
    def answering(self) -> bool:
        """True while the app works on a request of this connection (it is not waiting on the client)."""
        return self.cycle is not None and not self.cycle.response_complete and self.waiting_since is None

    def refuse(self, code: ErrorCode, message: str) -> None:
        """Answer ``code`` unless a response has begun, and close the connection."""
        if self.transport.is_closing():
            return
        if self.cycle is None or not self.cycle.response_started:
            self.transport.write(_raw_response(code, message))
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._control = _ConnectionControl(transport)
        self._extensions = {CONNECTION_EXTENSION: {"connection": self._control}}
        self.guard.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.discard(self)
        super().connection_lost(exc)
        if self._control is not None:
            self._control.lost()

    def send_400_response(self, msg: str) -> None:
        # uvicorn's own answer is text/plain; the warning it logged names no client data.
        self.refuse(ErrorCode.MALFORMED_REQUEST, "Malformed HTTP request.")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.scope["extensions"] = self._extensions
        self._header_bytes = 0
        self.request_begun = True
        if self.waiting_since is None:
            self.waiting_since = time.monotonic()

    def on_url(self, url: bytes) -> None:
        self._count_header_bytes(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count_header_bytes(len(name) + len(value))
        super().on_header(name, value)

    def _count_header_bytes(self, size: int) -> None:
        self._header_bytes += size
        limit = self.guard.limits.max_header_bytes
        if self._header_bytes > limit:
            self.refuse(ErrorCode.HEADERS_TOO_LARGE, f"Request line and headers too large: at most {limit} bytes.")
            # Raising stops the parser; uvicorn's handler then finds the connection closing.
            raise ValueError("headers too large")

    def on_message_complete(self) -> None:
        self.waiting_since = None
        self.request_begun = False
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.waiting_since is None and not self.pipeline:
            # Waiting for the next request now; uvicorn's keep-alive timeout usually closes first.
            self.waiting_since = time.monotonic()


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedHttpProtocol]:
    """A protocol class for one server: the connections it counts are that server's alone."""
    return type("GuardedHttpProtocol", (GuardedHttpProtocol,), {"guard": _Connections(limits)})
