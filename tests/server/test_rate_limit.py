"""The optional per-user rate limit: 429 with Retry-After past it, per user, over a sliding minute."""

from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_TOKEN, OTHER_USER_TOKEN
from buffer_profiles_testkit.server.rate_limit import RateLimiter
from tests.server.conftest import client_factory
from tests.server.spec_conformance import SpecConformance


def test_past_the_limit_requests_are_429_with_retry_after(db_path: Path, conformance: SpecConformance) -> None:
    with (
        running_server(create_app(db_path, rate_limit_per_minute=3)) as base_url,
        client_factory(base_url, conformance) as client,
    ):
        demo, other, anonymous = client(DEMO_TOKEN), client(OTHER_USER_TOKEN), client(None)

        refused_anonymously = [anonymous.get("profiles.json").status_code for _ in range(5)]
        statuses = [demo.get("profiles.json").status_code for _ in range(4)]
        limited = demo.get("profiles/4eb854340acb04e870000010.json")
        other_user = other.get("profiles.json")

    assert refused_anonymously == [401] * 5  # unauthenticated requests count for no one
    assert statuses == [200, 200, 200, 429]
    assert limited.status_code == 429
    assert limited.json() == {"success": False, "code": 429, "message": "Rate limit exceeded."}
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert other_user.status_code == 200


def test_no_limit_by_default(base_url: str) -> None:
    with httpx.Client(base_url=base_url + "/", headers={"Authorization": f"Bearer {DEMO_TOKEN}"}) as client:
        statuses = {client.get("profiles.json").status_code for _ in range(100)}

    assert statuses == {200}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_slides() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, clock)

    assert limiter.admit("a") is None  # t=1000
    clock.now += 30
    assert limiter.admit("a") is None  # t=1030
    assert limiter.admit("a") == 30  # the first ages out at t=1060
    clock.now += 29.5
    assert limiter.admit("a") == 1
    clock.now += 0.5
    assert limiter.admit("a") is None  # t=1060: the first is a minute old
    assert limiter.admit("a") == 30  # refused requests did not count
    assert limiter.admit("b") is None


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        RateLimiter(0)
