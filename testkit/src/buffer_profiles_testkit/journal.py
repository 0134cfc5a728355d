"""The request journal: every request the local API received, in order, with what it did.

It plugs in at two places: :class:`~buffer_profiles_testkit.exchanges.ExchangeTap` hands it each
request as it arrives (so that requests no route matches are there too), and as a hook
(server/hooks.py), the first of the chain, it links each routed request to the server's Call.
A :class:`Request` is read from both when asked for, so it is complete for every request whose
answer (or broken connection) the client has seen.
"""

import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

from buffer_profiles_testkit.exchanges import Exchange, exchange_of
from buffer_profiles_testkit.faults.kinds import Fault
from buffer_profiles_testkit.faults.plan import FAULT_NOTE
from buffer_profiles_testkit.server.hooks import Answer, Call, RequestHooks


@dataclass(frozen=True)
class Request:
    """One request, as the local API received and answered it."""

    method: str
    path: str  # as routed, percent-decoded; never the query, which may hold a token
    operation: str | None  # the operationId ("list_profiles", ...); None when no route matched
    profile_id: str | None  # the path's profile id, for operations that have one
    user_id: str | None  # the user of the token presented (never the token); None if none or unknown
    body: dict[str, Any] | None  # the decoded form body of an update (without any access_token)
    status: int | None  # the status sent; None if none was (yet), or the connection was dropped first
    fault: Fault | None  # the fault this request got, if any
    written: bool  # an update's write was committed

    def describe(self) -> str:
        """One line: ``POST /1/profiles/<id>/schedules/update.json -> 500 (server_error().after_write())``."""
        answered = "no answer" if self.status is None else str(self.status)
        fault = f" ({self.fault})" if self.fault is not None else ""
        return f"{self.method} {self.path} -> {answered}{fault}"

    def as_json(self) -> dict[str, Any]:
        """A JSON object of its fields (the fault as the call that made it)."""
        return {
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "profile_id": self.profile_id,
            "user_id": self.user_id,
            "body": self.body,
            "status": self.status,
            "fault": None if self.fault is None else str(self.fault),
            "written": self.written,
        }


def _request(exchange: Exchange) -> Request:
    call = exchange.call
    if call is None:
        return Request(exchange.method, exchange.path, None, None, None, None, exchange.status, None, False)
    fault = call.notes.get(FAULT_NOTE)
    return Request(
        exchange.method,
        exchange.path,
        call.operation,
        call.profile_id,
        call.user_id,
        call.form,
        exchange.status,
        fault if isinstance(fault, Fault) else None,
        call.written,
    )


# A server started with --admin may run for days between two resets: its journal keeps the latest
# requests only, so that it never grows without bound (WireMock bounds its journal the same way).
MAX_REQUESTS = 10_000


class Journal(RequestHooks):
    """The requests since the last :meth:`clear` (the latest ``max_requests`` of them), in the order they arrived."""

    def __init__(self, max_requests: int = MAX_REQUESTS) -> None:
        self._exchanges: deque[Exchange] = deque(maxlen=max_requests)
        self._lock = threading.Lock()

    def arrived(self, exchange: Exchange) -> None:
        """The tap's callback: a request came in."""
        with self._lock:
            self._exchanges.append(exchange)

    async def before_operation(self, call: Call) -> Answer | None:
        exchange = exchange_of(call)
        if exchange is not None:
            exchange.call = call
        return None

    def clear(self) -> None:
        with self._lock:
            self._exchanges.clear()

    def requests(
        self, operation: str | None = None, *, profile_id: str | None = None, user_id: str | None = None
    ) -> list[Request]:
        """The requests received (of ``operation``, of that profile, of that user, when given), oldest first."""
        with self._lock:
            exchanges = list(self._exchanges)
        found = [_request(exchange) for exchange in exchanges]
        return [
            request
            for request in found
            if operation in (None, request.operation)
            and profile_id in (None, request.profile_id)
            and user_id in (None, request.user_id)
        ]
