"""Faults on purpose, for tests: make the next N calls of an operation fail or wait.

A :class:`FaultPlan` plugs into the server's hooks (server/hooks.py): only an app created with one
has faults (the pytest plugin passes one; the ``buffer-profiles-server`` command never does), so
no fault can be active outside tests. Every injected fault is logged (logger
``buffer_profiles_testkit.faults``), so a test's log shows why a call failed.
"""

import asyncio
import json
import logging
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.types import Receive, Scope, Send

from buffer_profiles_testkit.server.endpoints import OPERATIONS
from buffer_profiles_testkit.server.errors import HTTP_STATUS, ErrorCode
from buffer_profiles_testkit.server.graphql.endpoint import GRAPHQL_OPERATION
from buffer_profiles_testkit.server.hooks import Answer, Call, RequestHooks

LOG = logging.getLogger("buffer_profiles_testkit.faults")
# Buffer's recorded answer to a request without a valid token: no JSON, an OAuth challenge.
BARE_UNAUTHORIZED_CHALLENGE = "OAuth realm='Service', error='invalid_request'"


@dataclass(frozen=True)
class Fault:
    """An answer to give instead of the server's, or a delay before it."""

    status: int | None = None  # None: only delay, then let the server answer
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay_seconds: float = 0.0

    @classmethod
    def buffer_error(
        cls, code: int, message: str, *, status: int | None = None, headers: Mapping[str, str] | None = None
    ) -> "Fault":
        """An error in Buffer's JSON shape; the status is the one Buffer's table gives the code unless named."""
        known = {int(known_code): known_status for known_code, known_status in HTTP_STATUS.items()}
        answer_status = status if status is not None else known.get(code, 400)
        body = json.dumps({"success": False, "code": code, "message": message}).encode()
        return cls(answer_status, body, (("content-type", "application/json"), *(headers or {}).items()))

    def describe(self) -> str:
        if self.status is None:
            return f"delay {self.delay_seconds:g} s"
        return f"{self.status} {self.body[:80].decode('utf-8', 'replace')}".strip()


def rate_limited(retry_after: int = 60) -> Fault:
    retry = {"retry-after": str(retry_after)}
    return Fault.buffer_error(int(ErrorCode.RATE_LIMITED), "Rate limit exceeded.", headers=retry)


def schedule_limit_reached() -> Fault:
    return Fault.buffer_error(int(ErrorCode.SCHEDULE_LIMIT_REACHED), "Profile schedule limit reached.")


def server_error() -> Fault:
    return Fault.buffer_error(int(ErrorCode.UNKNOWN_ERROR), "An unknown error occurred.")


def bare_unauthorized() -> Fault:
    """Buffer's recorded 401: an empty ``text/html`` body and an OAuth challenge."""
    return Fault(
        401, b"", (("content-type", "text/html; charset=UTF-8"), ("www-authenticate", BARE_UNAUTHORIZED_CHALLENGE))
    )


def delay(seconds: float) -> Fault:
    return Fault(delay_seconds=seconds)


@dataclass
class FaultPlan(RequestHooks):
    """What the next calls of each operation get; shared by the test (which arms it) and the server."""

    _queued: dict[str, deque[Fault]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def inject(self, operation: str, fault: Fault, times: int = 1) -> None:
        if operation not in OPERATIONS and operation != GRAPHQL_OPERATION:
            known = ", ".join([*OPERATIONS, GRAPHQL_OPERATION])
            raise ValueError(f"unknown operation {operation!r}; known: {known}")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._queued.setdefault(operation, deque()).extend([fault] * times)

    def clear(self) -> None:
        with self._lock:
            self._queued.clear()

    def pending(self, operation: str) -> int:
        with self._lock:
            return len(self._queued.get(operation, ()))

    def _take(self, operation: str) -> Fault | None:
        with self._lock:
            queued = self._queued.get(operation)
            return queued.popleft() if queued else None

    async def before_operation(self, call: Call) -> Answer | None:
        """The server's hook: answer or delay the call when a fault is queued for its operation."""
        fault = None if call.operation is None else self._take(call.operation)
        if fault is None:
            return None
        call.notes["fault"] = fault.describe()
        LOG.warning("injected fault: %s %s (%s) -> %s", call.method, call.path, call.operation, fault.describe())
        if fault.delay_seconds:
            await asyncio.sleep(fault.delay_seconds)
        return None if fault.status is None else _FaultAnswer(fault)


class _FaultAnswer:
    """A fault's answer, sent with exactly its headers (and its length)."""

    def __init__(self, fault: Fault) -> None:
        self._fault = fault

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = self._fault
        headers = [(name.encode(), value.encode()) for name, value in fault.headers]
        headers.append((b"content-length", str(len(fault.body)).encode()))
        await send({"type": "http.response.start", "status": fault.status, "headers": headers})
        await send({"type": "http.response.body", "body": fault.body})
