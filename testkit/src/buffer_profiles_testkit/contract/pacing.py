"""Pacing: every request of a run waits out a ``429``, and with ``--requests-per-minute N`` waits its turn.

A ``429`` is never a verdict on the server (the spec documents it everywhere): the request is sent
again once the server allows it, a few times at most: after ``Retry-After`` when the ``429`` says
when (whole seconds, the spec's form), after Buffer's own window, a minute, when it does not (Buffer
documents the status, not the header). From the first ``429`` on, a run that was not paced is paced
at Buffer's documented ``BUFFER_REQUESTS_PER_MINUTE`` (60), so that it reaches its end without
meeting the limit at every turn. With ``--requests-per-minute N`` (``CONTRACT_REQUESTS_PER_MINUTE``
in the schemathesis process) every request waits for its turn from the start, ``60 / N`` seconds
apart, and that rate stays. A ``429`` still there after the retries goes to the judgement, which
reports its case as not verified, never as a failure.
"""

import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

PACING_ENV = "CONTRACT_REQUESTS_PER_MINUTE"
BUFFER_REQUESTS_PER_MINUTE = 60  # Buffer's documented limit per user (the spec's "Rate limits")
BUFFER_WINDOW_SECONDS = 60.0  # the window that limit counts in: the wait for a 429 that names none
MAX_RETRIES = 5
MAX_RETRY_AFTER_SECONDS = 120.0  # a longer wait is a server's mistake, not a plan: answer the 429
PACING_ADVICE = (
    "to pace the run from its start, pass --requests-per-minute N at or below the server's limit "
    f"(Buffer's: {BUFFER_REQUESTS_PER_MINUTE})"
)


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
    ) -> None:
        if per_minute is not None and per_minute < 1:
            raise ValueError("pace at least one request a minute")
        self.per_minute = per_minute
        self.throttled = 0  # 429s answered, waited out or not
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

    def _wait_for(self, answer: _Answer) -> float | None:
        """How long to wait before sending again after ``answer`` (a 429), or None to give it to the checks."""
        with self._lock:  # throttled once: Buffer's rate from now on, unless a rate was asked for
            if self.per_minute is None:
                self.per_minute = BUFFER_REQUESTS_PER_MINUTE
        header = answer.headers.get("Retry-After")
        if header is None:
            return BUFFER_WINDOW_SECONDS
        delay = retry_after_seconds(header)
        return None if delay is None or delay > MAX_RETRY_AFTER_SECONDS else float(delay)

    def send(self, send_once: Callable[[], Answer], discard: Callable[[Answer], Any] = lambda answer: None) -> Answer:
        """``send_once()`` in its turn, and again after each 429 once the server allows it (a few times at most)."""
        attempt = 0
        while True:
            self._wait_turn()
            answer = send_once()
            if answer.status_code != 429:
                return answer
            with self._lock:
                self.throttled += 1
            delay = None if attempt == MAX_RETRIES else self._wait_for(answer)
            if delay is None:
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
    from requests.adapters import HTTPAdapter

    if getattr(HTTPAdapter.send, "paced", False):
        return
    unpaced = HTTPAdapter.send

    def send(self: HTTPAdapter, request: Any, *args: Any, **kwargs: Any) -> Any:
        return pacer.send(lambda: unpaced(self, request, *args, **kwargs), discard=lambda answer: answer.close())

    send.paced = True  # type: ignore[attr-defined]
    HTTPAdapter.send = send  # type: ignore[method-assign]
