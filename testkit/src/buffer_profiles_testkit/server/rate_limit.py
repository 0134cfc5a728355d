"""Per-user request limit over a sliding minute, as Buffer's 60 requests per user per minute."""

import math
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        if per_minute < 1:
            raise ValueError("the rate limit must allow at least one request a minute")
        self._per_minute = per_minute
        self._clock = clock
        # The times of each user's accepted requests in the last window; at most per_minute each.
        self._accepted: dict[str, deque[float]] = {}

    def admit(self, user_id: str) -> int | None:
        """Count a request and return None, or refuse it and return the seconds until one is admitted."""
        now = self._clock()
        accepted = self._accepted.setdefault(user_id, deque(maxlen=self._per_minute))
        if len(accepted) == self._per_minute and now - accepted[0] < WINDOW_SECONDS:
            return max(1, math.ceil(accepted[0] + WINDOW_SECONDS - now))
        accepted.append(now)
        return None
