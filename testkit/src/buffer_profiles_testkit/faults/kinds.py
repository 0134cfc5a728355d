"""The faults a test can plan, and what each does to the call it is given to.

Three kinds, by what happens to the operation:

- **instead of the server** (:class:`Answered`, :class:`ConnectionReset`): the operation does not
  run; an answer of the fault's own is sent, or the connection is reset before any. Given
  ``.after_write()``, they come after an update's write instead: it was applied, and the client
  learns nothing of it ("an update may or may not have been applied").
- **on top of the server** (:class:`Delayed`, :class:`Shaped`): the operation runs (an update is
  applied), and its answer comes late, slowly, cut short, or only as far as its head.

Every function here checks its arguments when the fault is made, and refuses a wrong one with one
sentence that names it (faults/arguments.py).
"""

import asyncio
import json
from dataclasses import dataclass, replace
from typing import Self

from starlette.types import Message, Receive, Scope, Send

from buffer_profiles_testkit.exchanges import Shaper, exchange_of
from buffer_profiles_testkit.faults import arguments, shapers
from buffer_profiles_testkit.faults.buffer_errors import BUFFER_ERRORS
from buffer_profiles_testkit.server.hooks import Answer, Call, current_call

# Buffer's recorded answer to a request without a valid token: no JSON, an OAuth challenge.
BARE_UNAUTHORIZED_CHALLENGE = "OAuth realm='Service', error='invalid_request'"
NOT_JSON_BODY = b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"


@dataclass(frozen=True, kw_only=True)
class Fault:
    """A fault to plan with ``buffer_api.fail_next(...)``, made by this package's functions (they check arguments).

    Two faults made by the same call are equal; ``str(fault)`` is that call (``rate_limited(retry_after=7)``).
    """

    made_by: str
    after_the_write: bool = False

    def __str__(self) -> str:
        return self.made_by + (".after_write()" if self.after_the_write else "")

    def after_write(self) -> Self:
        """The same fault, given once an update's write is committed (for operations that write)."""
        raise ValueError(
            f"{self.made_by}.after_write(): only a fault that answers instead of the server or resets the"
            " connection can come after the write (this one lets the server act anyway)."
        )

    async def apply(self, call: Call) -> Answer | None:
        """Act on the call it is given to: an answer to send instead of the server's, or None to let it answer."""
        raise NotImplementedError

    @classmethod
    def buffer_error(
        cls, code: int, message: str | None = None, *, status: int | None = None, headers: dict[str, str] | None = None
    ) -> "Answered":
        """As :func:`buffer_error`."""
        return buffer_error(code, message, status=status, headers=headers)


@dataclass(frozen=True, kw_only=True)
class Answered(Fault):
    """An answer of the fault's own, sent with exactly these headers (and its length)."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...]

    def after_write(self) -> Self:
        return replace(self, after_the_write=True)

    async def apply(self, call: Call) -> Answer | None:
        return _FixedAnswer(self.status, self.body, self.headers)


@dataclass(frozen=True, kw_only=True)
class ConnectionReset(Fault):
    """A TCP reset instead of any answer."""

    def after_write(self) -> Self:
        return replace(self, after_the_write=True)

    async def apply(self, call: Call) -> Answer | None:
        return _reset


@dataclass(frozen=True, kw_only=True)
class Delayed(Fault):
    """A wait before the operation; then the server answers."""

    seconds: float

    async def apply(self, call: Call) -> Answer | None:
        await asyncio.sleep(self.seconds)
        return None


@dataclass(frozen=True, kw_only=True)
class Shaped(Fault):
    """The server's own answer, reshaped on its way out (exchanges.py)."""

    def shaper(self) -> Shaper:
        raise NotImplementedError

    async def apply(self, call: Call) -> Answer | None:
        exchange = exchange_of(call)
        if exchange is None:
            raise RuntimeError(f"{self.made_by} needs the test kit's app (Controls.app), which reshapes answers")
        exchange.shaper = self.shaper()
        return None


@dataclass(frozen=True, kw_only=True)
class ClosedAfterHead(Shaped):
    def shaper(self) -> Shaper:
        return shapers.HeadThenClose()


@dataclass(frozen=True, kw_only=True)
class TruncatedBody(Shaped):
    def shaper(self) -> Shaper:
        return shapers.HalfBodyThenClose()


@dataclass(frozen=True, kw_only=True)
class SlowBody(Shaped):
    seconds: float
    chunks: int

    def shaper(self) -> Shaper:
        return shapers.BodyInParts(self.chunks, self.seconds / (self.chunks - 1))


class _FixedAnswer:
    def __init__(self, status: int, body: bytes, headers: tuple[tuple[str, str], ...]) -> None:
        self._status, self._body = status, body
        self._headers = [(name.encode(), value.encode()) for name, value in headers]
        self._headers.append((b"content-length", str(len(body)).encode()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {"type": "http.response.start", "status": self._status, "headers": self._headers}
        await send(start)
        await send({"type": "http.response.body", "body": self._body})


async def _reset(scope: Scope, receive: Receive, send: Send) -> None:
    await current_call(scope).connection.reset()


def buffer_error(
    code: int, message: str | None = None, *, status: int | None = None, headers: dict[str, str] | None = None
) -> Answered:
    """An error in Buffer's JSON shape. ``status`` defaults to the one Buffer's table gives ``code``
    (1011: 403); a code not in the table needs one. ``message`` defaults to the table's."""
    code = arguments.whole_number("buffer_error", "code", code, minimum=0)
    known = BUFFER_ERRORS.get(code)
    if status is not None:
        answer_status = arguments.http_status("buffer_error", "status", status)
    elif known is not None:
        answer_status = known[0]
    else:
        listed = ", ".join(str(known_code) for known_code in sorted(BUFFER_ERRORS))
        raise ValueError(f"buffer_error: code {code} is not in Buffer's error table ({listed}); add status= to use it.")
    default_message = known[1] if known is not None else f"Error {code}."
    text = arguments.text("buffer_error", "message", default_message if message is None else message)
    extra = arguments.headers("buffer_error", headers)
    body = _json_error(code, text)
    made_by = f"buffer_error({code}" + (f", status={answer_status})" if status is not None else ")")
    return Answered(
        made_by=made_by, status=answer_status, body=body, headers=(("content-type", "application/json"), *extra)
    )


def _json_error(code: int, message: str) -> bytes:
    return json.dumps({"success": False, "code": code, "message": message}).encode()


def rate_limited(retry_after: int | None = 60) -> Answered:
    """``429`` (code 429) with ``Retry-After: retry_after`` (whole seconds; None: no header)."""
    headers = {}
    if retry_after is not None:
        seconds = arguments.whole_number("rate_limited", "retry_after", retry_after, minimum=0)
        headers["retry-after"] = str(seconds)
    fault = buffer_error(429, headers=headers)
    return replace(fault, made_by=f"rate_limited(retry_after={retry_after})")


def schedule_limit_reached() -> Answered:
    """``403``, code 1013: more posting times than the profile's service allows."""
    return replace(buffer_error(1013), made_by="schedule_limit_reached()")


def server_error() -> Answered:
    """``500``, code 1000."""
    return replace(buffer_error(1000), made_by="server_error()")


def bare_unauthorized() -> Answered:
    """Buffer's recorded ``401``: an empty ``text/html`` body and an OAuth challenge."""
    headers = (("content-type", "text/html; charset=UTF-8"), ("www-authenticate", BARE_UNAUTHORIZED_CHALLENGE))
    return Answered(made_by="bare_unauthorized()", status=401, body=b"", headers=headers)


def answer(status: int, body: bytes | str = b"", *, headers: dict[str, str] | None = None) -> Answered:
    """Any answer: ``status``, ``body`` (a string is sent as UTF-8) and exactly ``headers``."""
    checked_status = arguments.http_status("answer", "status", status)
    checked_body = arguments.body("answer", "body", body)
    checked_headers = arguments.headers("answer", headers)
    made_by = f"answer({checked_status})"
    return Answered(made_by=made_by, status=checked_status, body=checked_body, headers=checked_headers)


def non_json_body(
    status: int = 200, *, body: bytes | str = NOT_JSON_BODY, content_type: str = "text/html; charset=UTF-8"
) -> Answered:
    """An answer whose body is not JSON (by default a proxy's HTML error page, with status 200)."""
    checked_status = arguments.http_status("non_json_body", "status", status)
    checked_body = arguments.body("non_json_body", "body", body)
    checked_type = arguments.header_value("non_json_body", "content_type", content_type)
    return Answered(
        made_by=f"non_json_body({checked_status})",
        status=checked_status,
        body=checked_body,
        headers=(("content-type", checked_type),),
    )


def connection_reset() -> ConnectionReset:
    """A TCP reset before any answer: the client gets a connection error and nothing else."""
    return ConnectionReset(made_by="connection_reset()")


def delay(seconds: float) -> Delayed:
    """Wait ``seconds`` before the operation runs; then the server answers."""
    return Delayed(made_by=f"delay({seconds!r})", seconds=arguments.seconds("delay", "seconds", seconds))


def closed_after_head() -> ClosedAfterHead:
    """The server answers; its head is sent, then the connection is closed before any of the body."""
    return ClosedAfterHead(made_by="closed_after_head()")


def truncated_body() -> TruncatedBody:
    """The server answers; its head and the first half of its body are sent, then the connection is closed."""
    return TruncatedBody(made_by="truncated_body()")


def slow_body(seconds: float = 0.5, *, chunks: int = 5) -> SlowBody:
    """The server answers; its body is sent in ``chunks`` parts spread over ``seconds`` (the first at once)."""
    total = arguments.seconds("slow_body", "seconds", seconds)
    parts = arguments.whole_number("slow_body", "chunks", chunks, minimum=2)
    return SlowBody(made_by=f"slow_body({seconds!r}, chunks={parts})", seconds=total, chunks=parts)
