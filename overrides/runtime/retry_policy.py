"""When a request may be sent again, and how long to wait before it.

Each operation has a policy, decided from what it does rather than from its HTTP method (a read sent
as a POST is still a read):

============================== ===================== ===================================
what happened                   ``RetryPolicy.READ``  ``RetryPolicy.UNLESS_RECEIVED``
============================== ===================== ===================================
no connection could be made     retried               retried
(``ConnectError``, connect or
pool timeout)
the connection broke, or a      retried               not retried: the server may have
read or write timed out                               acted on it
``408``, ``5xx``                retried               not retried
``429``                         retried               retried: refused unread
any other answer                not retried           not retried
============================== ===================== ===================================

The wait doubles from ``initial_delay`` up to ``max_delay``, less a random share of up to
``jitter`` (so that many clients do not retry in step). A ``Retry-After`` header is waited out as
sent when it asks for at most ``max_retry_after`` seconds; one that asks for longer ends the retries,
and the error (``RateLimitedError.retry_after``) tells the caller when to come back.
"""

import asyncio
import enum
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from .errors import retry_after_seconds


class RetryPolicy(enum.Enum):
    """What may be sent again after a failure (the table above)."""

    READ = "read"
    UNLESS_RECEIVED = "unless received"


# httpx raises these before a byte of the request has left.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# What may pass: timeouts, the network, and a server that broke the exchange. A request httpx
# cannot send (an unsupported scheme, an invalid header: UnsupportedProtocol, LocalProtocolError)
# would fail the same way again.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError)
_READ_AGAIN_STATUSES = frozenset({408, 429})
_SEND_AGAIN_STATUSES = frozenset({429})


def may_resend_after_error(policy: RetryPolicy, error: httpx.TransportError) -> bool:
    if policy is RetryPolicy.READ:
        return isinstance(error, _TRANSIENT)
    return isinstance(error, _NOT_SENT)


def may_resend_after_status(policy: RetryPolicy, status: int) -> bool:
    if policy is RetryPolicy.READ:
        return status in _READ_AGAIN_STATUSES or 500 <= status <= 599
    return status in _SEND_AGAIN_STATUSES


@dataclass(frozen=True)
class Backoff:
    """The waits between attempts; ``rng``, ``sleep``, ``async_sleep`` and ``clock`` are there to be replaced in tests.

    Attributes:
        initial_delay: seconds before the first retry (before jitter).
        max_delay: the longest computed wait.
        max_retry_after: the longest ``Retry-After`` waited out; a longer one ends the retries.
        jitter: the largest share of a computed wait taken off at random (0 to 1).
        rng: a source of random numbers in [0, 1).
        sleep, async_sleep: how to wait, in the sync and the async client.
        clock: the time now, in Unix seconds (to read a ``Retry-After`` given as a date).
    """

    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    jitter: float = 0.25
    rng: Callable[[], float] = random.random
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        if not 0 <= self.jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")
        if min(self.initial_delay, self.max_delay, self.max_retry_after) < 0:
            raise ValueError("delays must not be negative")

    def computed_delay(self, retry: int) -> float:
        """The wait before retry number ``retry`` (1 for the first) when the server named none."""
        ceiling: float = min(self.max_delay, self.initial_delay * 2.0 ** (retry - 1))
        return ceiling * (1.0 - self.jitter * self.rng())

    def after_error(self, policy: RetryPolicy, error: httpx.TransportError, retry: int) -> float | None:
        """Seconds to wait before retry number ``retry`` after ``error``, or None not to retry."""
        return self.computed_delay(retry) if may_resend_after_error(policy, error) else None

    def after_answer(
        self, policy: RetryPolicy, response: httpx.Response, retry: int, *, status: int | None = None
    ) -> float | None:
        """Seconds to wait before retry number ``retry`` after ``response``, or None to keep it.

        ``status`` is the status the answer counts as, when not its own: Buffer's GraphQL API reports
        a server failure (``UNEXPECTED``) inside a ``200``.
        """
        if not may_resend_after_status(policy, response.status_code if status is None else status):
            return None
        retry_after = retry_after_seconds(response.headers, self.clock)
        if retry_after is None:
            return self.computed_delay(retry)
        return retry_after if retry_after <= self.max_retry_after else None
