"""Opt-in waiting and retrying when Buffer answers 429 (it allows 60 requests per user per minute).

``RateLimitRetry`` is an httpx transport for both the sync and the async client::

    client = AuthenticatedClient(base_url=..., token=..., httpx_args={"transport": RateLimitRetry()})

On ``429 Too Many Requests`` it waits what ``Retry-After`` says and sends the request again, at
most ``max_attempts`` times in all; it gives up (and the 429 reaches the caller, as
``RateLimitedError``) when the server asks for a wait longer than ``max_wait`` seconds. A 429 means
the server refused the request without acting on it, so every method is retried on it. A ``503``
with ``Retry-After`` is retried only for idempotent methods: a POST answered 5xx may have been
applied, and sending it again could apply it twice.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable

import httpx

from .errors import retry_after_seconds

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# The wait when a 429 carries no usable Retry-After, doubled after each further 429.
_FIRST_WAIT_WITHOUT_RETRY_AFTER = 1.0


class RateLimitRetry(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Waits out ``429`` (and ``503`` for idempotent requests) per ``Retry-After``, within limits.

    Args:
        max_attempts: requests sent in all for one call, the first included (at least 1).
        max_wait: the longest single wait in seconds; a longer ``Retry-After`` is not waited for.
        transport, async_transport: what actually sends (default: httpx's own HTTP transports).
        sleep, async_sleep, clock: injectable for tests (``clock`` reads HTTP-date ``Retry-After``).
    """

    def __init__(
        self,
        *,
        max_attempts: int = 3,
        max_wait: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if max_wait < 0:
            raise ValueError("max_wait must not be negative")
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        self._transport = transport
        self._async_transport = async_transport
        self._sleep = sleep
        self._async_sleep = async_sleep
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            self._transport = httpx.HTTPTransport()
        # Decided before the first send, which may read a streamed body into memory.
        attempts = self.max_attempts if isinstance(request.stream, httpx.ByteStream) else 1
        for attempt in range(1, attempts + 1):
            response = self._transport.handle_request(request)
            wait = self._wait_before_retry(request, response, attempt, attempts)
            if wait is None:
                return response
            response.read()  # a 429's body is short; reading it keeps the connection for the retry
            response.close()
            self._sleep(wait)
        raise AssertionError("unreachable: the last attempt always returns")  # pragma: no cover

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._async_transport is None:
            self._async_transport = httpx.AsyncHTTPTransport()
        # Decided before the first send, which may read a streamed body into memory.
        attempts = self.max_attempts if isinstance(request.stream, httpx.ByteStream) else 1
        for attempt in range(1, attempts + 1):
            response = await self._async_transport.handle_async_request(request)
            wait = self._wait_before_retry(request, response, attempt, attempts)
            if wait is None:
                return response
            await response.aread()
            await response.aclose()
            await self._async_sleep(wait)
        raise AssertionError("unreachable: the last attempt always returns")  # pragma: no cover

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()

    async def aclose(self) -> None:
        if self._async_transport is not None:
            await self._async_transport.aclose()

    def _wait_before_retry(
        self, request: httpx.Request, response: httpx.Response, attempt: int, attempts: int
    ) -> float | None:
        """Seconds to wait before sending ``request`` again, or None to hand ``response`` to the caller.

        ``attempts`` is ``max_attempts``, or 1 for a streamed body, which cannot be sent twice.
        """
        if attempt >= attempts:
            return None
        retry_after = retry_after_seconds(response.headers, self._clock)
        if response.status_code == 429:
            wait = retry_after if retry_after is not None else _FIRST_WAIT_WITHOUT_RETRY_AFTER * 2 ** (attempt - 1)
        elif response.status_code == 503 and request.method in IDEMPOTENT_METHODS and retry_after is not None:
            wait = retry_after
        else:
            return None
        return wait if wait <= self.max_wait else None
