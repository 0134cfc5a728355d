"""Pacing: at most N requests a minute, and a 429's ``Retry-After`` honoured, for every request of a run.

Buffer allows 60 requests per user per minute. With ``--requests-per-minute`` (``CONTRACT_REQUESTS_PER_MINUTE``
in the schemathesis process) each request waits for its turn, turns ``60 / N`` seconds apart, and a
``429`` that says when to come back (``Retry-After`` in seconds) is sent again after that long, so
that a run against a rate-limited server reaches its end. Unpaced (the default), nothing waits and
a 429 is the answer the checks see. A ``Retry-After`` that is not a number of seconds is never
obeyed: the 429 goes to the checks, which report it.
"""

import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

PACING_ENV = "CONTRACT_REQUESTS_PER_MINUTE"
MAX_RETRIES = 5
MAX_RETRY_AFTER_SECONDS = 120.0  # a longer wait is a server's mistake, not a plan: answer the 429


class _Answer(Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...


Answer = TypeVar("Answer", bound=_Answer)


def retry_after_seconds(value: str | None) -> int | None:
    """``Retry-After`` as whole seconds (the spec's integer form), or None when absent or not that form."""
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


class Pacer:
    def __init__(
        self,
        per_minute: int | None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        *,
        honour_retry_after: bool | None = None,
    ) -> None:
        if per_minute is not None and per_minute < 1:
            raise ValueError("pace at least one request a minute")
        self.per_minute = per_minute
        # Paced runs wait out a 429; putting the account back always does, paced or not.
        self.honours_retry_after = per_minute is not None if honour_retry_after is None else honour_retry_after
        self._clock, self._sleep = clock, sleep
        self._next_turn = float("-inf")
        self._lock = threading.Lock()

    def _wait_turn(self) -> None:
        with self._lock:
            now = self._clock()
            turn = max(now, self._next_turn)  # later than now only after a 429, when unpaced
            if self.per_minute is not None:
                self._next_turn = turn + 60.0 / self.per_minute
        if turn > now:
            self._sleep(turn - now)

    def _hold_off(self, seconds: float) -> None:
        with self._lock:
            self._next_turn = max(self._next_turn, self._clock() + seconds)

    def send(self, send_once: Callable[[], Answer], discard: Callable[[Answer], Any] = lambda answer: None) -> Answer:
        """``send_once()`` in its turn; while paced, again after each 429's ``Retry-After`` (a few times at most)."""
        attempt = 0
        while True:
            self._wait_turn()
            answer = send_once()
            if not self.honours_retry_after or answer.status_code != 429 or attempt == MAX_RETRIES:
                return answer
            delay = retry_after_seconds(answer.headers.get("Retry-After"))
            if delay is None or delay > MAX_RETRY_AFTER_SECONDS:
                return answer
            discard(answer)
            self._hold_off(delay)
            attempt += 1


def pacer_from_environment() -> Pacer:
    value = os.environ.get(PACING_ENV, "").strip()
    return Pacer(int(value) if value else None)


PACER = pacer_from_environment()  # one per process: the schemathesis run, or buffer-profiles-contract


def pace_requests_library(pacer: Pacer = PACER) -> None:
    """Route every request made with ``requests`` (schemathesis' transport) through ``pacer``.

    schemathesis builds its sessions itself and offers no hook that sees the session, so the one
    place every case request passes is the transport adapter.
    """
    if pacer.per_minute is None:
        return
    from requests.adapters import HTTPAdapter

    if getattr(HTTPAdapter.send, "paced", False):
        return
    unpaced = HTTPAdapter.send

    def send(self: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        return pacer.send(lambda: unpaced(self, request, *args, **kwargs), discard=lambda answer: answer.close())

    send.paced = True  # type: ignore[attr-defined]
    HTTPAdapter.send = send  # type: ignore[method-assign]
