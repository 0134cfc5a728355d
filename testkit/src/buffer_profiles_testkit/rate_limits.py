"""A rate limit a test switches on, off and over a clock of its own: each user's requests per minute.

The server's own limit (``create_app(rate_limit_per_minute=...)``) is fixed for the life of the app;
tests share one server per session, so theirs is a hook, set and reset per test, over the same
:class:`~buffer_profiles_testkit.server.rate_limit.RateLimiter`. A request over it gets Buffer's
``429`` with ``Retry-After``, noted in the journal as the :func:`rate_limited` fault it is.
"""

import time
from collections.abc import Callable

from buffer_profiles_testkit.faults import arguments
from buffer_profiles_testkit.faults.kinds import rate_limited
from buffer_profiles_testkit.faults.plan import FAULT_NOTE
from buffer_profiles_testkit.server.hooks import Answer, Call, RequestHooks
from buffer_profiles_testkit.server.rate_limit import RateLimiter


class RateLimits(RequestHooks):
    def __init__(self) -> None:
        self._limiter: RateLimiter | None = None

    def limit(self, per_minute: int | None, clock: Callable[[], float] = time.monotonic) -> None:
        """At most ``per_minute`` requests per user over a sliding minute of ``clock``; None: no limit."""
        if per_minute is None:
            self._limiter = None
            return
        arguments.whole_number("limit_rate", "per_minute", per_minute, minimum=1)
        if not callable(clock):
            raise TypeError(f"limit_rate: clock must be a function that returns seconds, not {clock!r}.")
        self._limiter = RateLimiter(per_minute, clock)

    async def before_operation(self, call: Call) -> Answer | None:
        limiter = self._limiter
        if limiter is None or call.user_id is None:
            return None  # an unknown token is answered 401 first, as by the server's own limit
        retry_after = limiter.admit(call.user_id)
        if retry_after is None:
            return None
        fault = rate_limited(retry_after=retry_after)
        call.notes[FAULT_NOTE] = fault
        return await fault.apply(call)
