"""A scripted HTTP server in memory and a clock that moves only when something sleeps: retries without waiting."""

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from buffer_profiles_client import Backoff, BufferProfiles

from tests.client.recording import BASE_URL, TOKEN

# One answer: (status, headers, body), or the httpx exception the transport raises instead.
Answer = tuple[int, dict[str, str], bytes] | httpx.TransportError

TOO_MANY: Answer = (429, {"Retry-After": "7"}, b'{"code": 429, "message": "Rate limit exceeded."}')


def ok(payload: bytes = b"[]") -> Answer:
    return 200, {"Content-Type": "application/json"}, payload


class Clock:
    """Seconds that pass only when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def backoff(self, *, jitter_draw: float = 0.0, **settings: float) -> Backoff:
        """Waits measured by this clock, the random draw fixed (0.0: no jitter taken off)."""
        return Backoff(rng=lambda: jitter_draw, sleep=self.sleep, async_sleep=self.async_sleep, clock=self, **settings)


class Script:
    """Answers requests in order from a list of answers; keeps the requests."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, httpx.TransportError):
            raise answer
        status, headers, body = answer
        return httpx.Response(status, headers=headers, content=body)


@contextmanager
def scripted_client(script: Script, clock: Clock, **options: object) -> Iterator[BufferProfiles]:
    """A ``BufferProfiles`` whose requests ``script`` answers and whose waits ``clock`` measures."""
    with httpx.Client(transport=httpx.MockTransport(script)) as http:
        options.setdefault("backoff", clock.backoff())
        yield BufferProfiles(TOKEN, base_url=BASE_URL, http_client=http, **options)  # type: ignore[arg-type]
