"""RateLimitRetry: waits out 429 per Retry-After within its caps, and never resends what may have acted.

The waits are recorded by an injected sleep, never slept; against the reference server that sleep
steps the server's rate-limit clock instead, so a minute passes in no time.
"""

import asyncio
import email.utils
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from buffer_profiles_client import (
    AuthenticatedClient,
    RateLimitedError,
    RateLimitRetry,
    ServerError,
)
from buffer_profiles_client.api.profiles import get_profile, list_profiles, update_profile_schedules
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN
from tests.client.recording import BASE_URL, TOKEN
from tests.client.scripted import TOO_MANY, Clock, Script, ok
from tests.demo_server import seed_demo
from tests.seeds import SEED_PROFILE_ID, seed_profile

FORM = UpdateSchedulesForm(schedules=[ScheduleInput(days=["mon"], times=["12:45"])])


def retrying_client(script: Script, clock: Clock, **options: float) -> AuthenticatedClient:
    retry = RateLimitRetry(
        transport=httpx.MockTransport(script),
        async_transport=httpx.MockTransport(script),
        sleep=clock.sleep,
        async_sleep=clock.async_sleep,
        clock=clock,
        **options,  # type: ignore[arg-type]  # max_attempts is an int, max_wait a float
    )
    return AuthenticatedClient(base_url=BASE_URL, token=TOKEN, httpx_args={"transport": retry})


def test_a_429_is_waited_out_per_retry_after_and_sent_again() -> None:
    script, clock = Script(TOO_MANY, ok()), Clock()

    assert list_profiles.sync(client=retrying_client(script, clock)) == []
    assert clock.sleeps == [7.0]
    assert len(script.requests) == 2


def test_attempts_are_capped_and_the_last_429_reaches_the_caller() -> None:
    script, clock = Script(TOO_MANY, TOO_MANY, TOO_MANY, ok()), Clock()

    with pytest.raises(RateLimitedError) as raised:
        list_profiles.sync(client=retrying_client(script, clock, max_attempts=3))

    assert clock.sleeps == [7.0, 7.0]
    assert len(script.requests) == 3
    assert raised.value.retry_after == 7.0


def test_a_wait_over_the_cap_is_not_waited() -> None:
    script, clock = Script((429, {"Retry-After": "3600"}, b""), ok()), Clock()

    with pytest.raises(RateLimitedError) as raised:
        list_profiles.sync(client=retrying_client(script, clock, max_wait=60.0))

    assert clock.sleeps == []
    assert len(script.requests) == 1
    assert raised.value.retry_after == 3600.0


def test_without_retry_after_the_wait_doubles() -> None:
    script, clock = Script((429, {}, b""), (429, {}, b""), (429, {}, b""), ok()), Clock()

    list_profiles.sync(client=retrying_client(script, clock, max_attempts=4))

    assert clock.sleeps == [1.0, 2.0, 4.0]


def test_an_http_date_retry_after_is_read_against_the_clock() -> None:
    clock = Clock()
    when = email.utils.formatdate(clock.now + 30, usegmt=True)
    script = Script((429, {"Retry-After": when}, b""), ok())

    list_profiles.sync(client=retrying_client(script, clock))

    assert clock.sleeps == [30.0]


def test_an_update_refused_with_429_is_resent_unchanged() -> None:
    script, clock = Script(TOO_MANY, ok(b'{"success": true}')), Clock()

    result = update_profile_schedules.sync(SEED_PROFILE_ID, client=retrying_client(script, clock), body=FORM)

    assert result.success is True
    first, second = script.requests
    assert first.content == second.content == b"schedules[0][days][]=mon&schedules[0][times][]=12:45"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_an_update_answered_5xx_is_never_resent(status: int) -> None:
    # The server may have stored the schedules before it failed; a second send could apply them twice.
    script, clock = Script((status, {"Retry-After": "1"}, b""), ok(b'{"success": true}')), Clock()

    with pytest.raises(ServerError):
        update_profile_schedules.sync(SEED_PROFILE_ID, client=retrying_client(script, clock), body=FORM)

    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_a_read_answered_503_with_retry_after_is_resent() -> None:
    profile = httpx.Response(200, json=seed_profile()).content
    script, clock = Script((503, {"Retry-After": "2"}, b""), ok(profile)), Clock()

    assert get_profile.sync(SEED_PROFILE_ID, client=retrying_client(script, clock)).id == SEED_PROFILE_ID
    assert clock.sleeps == [2.0]


def test_a_read_answered_500_is_not_resent() -> None:
    script, clock = Script((500, {"Retry-After": "2"}, b""), ok()), Clock()

    with pytest.raises(ServerError):
        list_profiles.sync(client=retrying_client(script, clock))

    assert len(script.requests) == 1


def test_the_async_client_retries_the_same_way() -> None:
    script, clock = Script(TOO_MANY, TOO_MANY, ok()), Clock()

    async def call() -> object:
        async with retrying_client(script, clock) as client:
            return await list_profiles.asyncio(client=client)

    assert asyncio.run(call()) == []
    assert clock.sleeps == [7.0, 7.0]


def test_a_streamed_body_is_never_resent() -> None:
    script, clock = Script(TOO_MANY, ok()), Clock()
    retry = RateLimitRetry(transport=httpx.MockTransport(script), sleep=clock.sleep)

    with httpx.Client(transport=retry) as client:
        response = client.post(f"{BASE_URL}/profiles.json", content=iter([b"a=", b"1"]))

    assert response.status_code == 429
    assert len(script.requests) == 1


def test_retrying_is_opt_in() -> None:
    script = Script(TOO_MANY, ok())
    client = AuthenticatedClient(base_url=BASE_URL, token=TOKEN, httpx_args={"transport": httpx.MockTransport(script)})

    with pytest.raises(RateLimitedError):
        list_profiles.sync(client=client)

    assert len(script.requests) == 1


@pytest.mark.parametrize(
    ("options", "message"), [({"max_attempts": 0}, "max_attempts"), ({"max_wait": -1}, "max_wait")]
)
def test_caps_are_checked(options: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RateLimitRetry(**options)  # type: ignore[arg-type]  # max_attempts is an int, max_wait a float


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def rate_limited_server(tmp_path: Path, clock: Clock) -> Iterator[str]:
    """The reference server allowing 2 requests a minute, that minute measured by ``clock``."""
    app = create_app(seed_demo(tmp_path / "demo.sqlite3"), rate_limit_per_minute=2, rate_limit_clock=clock)
    with running_server(app) as base_url:
        yield base_url


def test_against_the_reference_server_every_call_gets_through(rate_limited_server: str, clock: Clock) -> None:
    retry = RateLimitRetry(sleep=clock.sleep, clock=clock)
    httpx_args = {"transport": retry}

    with AuthenticatedClient(base_url=rate_limited_server, token=DEMO_TOKEN, httpx_args=httpx_args) as client:
        found = [get_profile.sync(DEMO_PROFILE_ID, client=client).id for _ in range(5)]

    assert found == [DEMO_PROFILE_ID] * 5
    # Two calls a minute: calls 3 and 5 each waited the server's Retry-After, a whole minute.
    assert clock.sleeps == [60.0, 60.0]


def test_against_the_reference_server_without_retry_the_429_is_raised(rate_limited_server: str, clock: Clock) -> None:
    with AuthenticatedClient(base_url=rate_limited_server, token=DEMO_TOKEN) as client:
        list_profiles.sync(client=client)
        list_profiles.sync(client=client)
        clock.now += 10
        with pytest.raises(RateLimitedError) as raised:
            list_profiles.sync(client=client)

    assert raised.value.retry_after == 50.0
    assert raised.value.code == 429
