"""BufferProfiles retries what each operation allows, and waits as its Backoff says (never for real).

The table under test (retry_policy.py): the reads are sent again after a connection error, a
timeout, 408, 429 and 5xx; the update only after a connection that was never made and after 429,
never after a 5xx, a timeout or a broken connection, which may follow a stored update.
"""

import asyncio
import email.utils
import pickle

import httpx
import pytest
from buffer_profiles_client import (
    APIConnectionError,
    APITimeoutError,
    AsyncBufferProfiles,
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    UnexpectedStatus,
)
from buffer_profiles_client.models import ScheduleInputDict

from tests.client.recording import BASE_URL, TOKEN
from tests.client.scripted import TOO_MANY, Answer, Clock, Script, ok, scripted_client
from tests.seeds import SEED_PROFILE_ID

SAVED = ok(b'{"success": true}')
SCHEDULES: list[ScheduleInputDict] = [{"days": ["mon"], "times": ["12:45"]}]


def _connect_error() -> httpx.TransportError:
    return httpx.ConnectError("[Errno 111] Connection refused")


# Each: an outcome of the first attempt, and the exception it ends in when it is not retried.
FAILURES: dict[str, tuple[Answer, type[Exception]]] = {
    "ConnectError": (_connect_error(), APIConnectionError),
    "ConnectTimeout": (httpx.ConnectTimeout("connect timed out"), APITimeoutError),
    "PoolTimeout": (httpx.PoolTimeout("no free connection"), APITimeoutError),
    "ReadTimeout": (httpx.ReadTimeout("timed out"), APITimeoutError),
    "WriteTimeout": (httpx.WriteTimeout("timed out"), APITimeoutError),
    "ReadError": (httpx.ReadError("connection reset by peer"), APIConnectionError),
    "RemoteProtocolError": (httpx.RemoteProtocolError("Server disconnected"), APIConnectionError),
    # Not transient: the same request would fail the same way.
    "UnsupportedProtocol": (httpx.UnsupportedProtocol("unsupported protocol 'ftp://'"), APIConnectionError),
    "408": ((408, {}, b'{"code": 408, "message": "Request timeout"}'), UnexpectedStatus),
    "429": (TOO_MANY, RateLimitedError),
    "500": ((500, {}, b'{"code": 1000, "message": "An unknown error occurred."}'), ServerError),
    "502": ((502, {"Content-Type": "text/html"}, b"<h1>Bad Gateway</h1>"), ServerError),
    "503": ((503, {"Retry-After": "1"}, b""), ServerError),
    "504": ((504, {}, b""), ServerError),
    "400": ((400, {}, b'{"code": 1004, "message": "Required parameter missing."}'), InvalidRequestError),
    "401": ((401, {"Content-Type": "text/html"}, b""), AuthenticationError),
    "404": ((404, {}, b'{"code": 1010, "message": "Profile could not be found."}'), NotFoundError),
}
READS_RETRY = {"ConnectError", "ConnectTimeout", "PoolTimeout", "ReadTimeout", "WriteTimeout", "ReadError"}
READS_RETRY |= {"RemoteProtocolError", "408", "429", "500", "502", "503", "504"}
UPDATE_RETRIES = {"ConnectError", "ConnectTimeout", "PoolTimeout", "429"}


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_a_read_is_sent_again_after_exactly_the_transient_failures(failure: str) -> None:
    outcome, raised = FAILURES[failure]
    script, clock = Script(outcome, ok()), Clock()

    with scripted_client(script, clock) as buffer:
        if failure in READS_RETRY:
            assert buffer.profiles.list() == []
        else:
            with pytest.raises(raised):
                buffer.profiles.list()

    assert len(script.requests) == (2 if failure in READS_RETRY else 1)


@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_the_update_is_sent_again_only_when_it_surely_was_not_acted_on(failure: str) -> None:
    outcome, raised = FAILURES[failure]
    script, clock = Script(outcome, SAVED), Clock()

    with scripted_client(script, clock) as buffer:
        if failure in UPDATE_RETRIES:
            assert buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=SCHEDULES).success is True
        else:
            with pytest.raises(raised):
                buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=SCHEDULES)

    assert len(script.requests) == (2 if failure in UPDATE_RETRIES else 1)
    assert {request.content for request in script.requests} == {b"schedules[0][days][]=mon&schedules[0][times][]=12:45"}


def test_the_last_failure_reaches_the_caller_after_two_retries() -> None:
    script, clock = Script(*[FAILURES["502"][0]] * 4), Clock()

    with scripted_client(script, clock) as buffer, pytest.raises(ServerError) as raised:
        buffer.profiles.retrieve(SEED_PROFILE_ID)

    assert len(script.requests) == 3
    assert raised.value.status_code == 502


def test_no_answer_raises_the_packages_error_which_is_also_httpxs() -> None:
    script, clock = Script(*[httpx.ReadTimeout("timed out")] * 3), Clock()

    with scripted_client(script, clock) as buffer, pytest.raises(APITimeoutError) as raised:
        buffer.profiles.list()

    assert isinstance(raised.value, httpx.TimeoutException)
    assert isinstance(raised.value, httpx.TransportError)
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)
    assert str(raised.value) == f"GET {BASE_URL}/profiles.json timed out (ReadTimeout: timed out)"
    assert raised.value.request is script.requests[-1]
    assert (raised.value.method, raised.value.url) == ("GET", f"{BASE_URL}/profiles.json")
    assert str(pickle.loads(pickle.dumps(raised.value))) == str(raised.value)  # crosses process pools


def test_waits_double_from_half_a_second_to_at_most_eight() -> None:
    script, clock = Script(*[(500, {}, b"")] * 7, ok()), Clock()

    with scripted_client(script, clock, max_retries=7) as buffer:
        buffer.profiles.list()

    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_jitter_takes_off_up_to_a_quarter() -> None:
    script, clock = Script((500, {}, b""), (500, {}, b""), ok()), Clock()

    with scripted_client(script, clock, backoff=clock.backoff(jitter_draw=0.5)) as buffer:
        buffer.profiles.list()

    assert clock.sleeps == [0.5 * 0.875, 1.0 * 0.875]


def test_retry_after_is_waited_as_sent() -> None:
    script, clock = Script(TOO_MANY, (503, {"Retry-After": "3"}, b""), ok()), Clock()

    with scripted_client(script, clock) as buffer:
        buffer.profiles.list()

    assert clock.sleeps == [7.0, 3.0]


def test_a_retry_after_date_is_read_against_the_clock() -> None:
    clock = Clock()
    script = Script((429, {"Retry-After": email.utils.formatdate(clock.now + 30, usegmt=True)}, b""), ok())

    with scripted_client(script, clock) as buffer:
        buffer.profiles.list()

    assert clock.sleeps == [30.0]


def test_a_retry_after_over_the_cap_ends_the_retries_and_says_when() -> None:
    script, clock = Script((429, {"Retry-After": "61"}, b""), ok()), Clock()

    with scripted_client(script, clock) as buffer, pytest.raises(RateLimitedError) as raised:
        buffer.profiles.list()

    assert clock.sleeps == []
    assert raised.value.retry_after == 61.0
    assert len(script.requests) == 1


def test_max_retries_zero_sends_once() -> None:
    script, clock = Script(TOO_MANY, ok()), Clock()

    with scripted_client(script, clock, max_retries=0) as buffer, pytest.raises(RateLimitedError):
        buffer.profiles.list()

    assert len(script.requests) == 1


def test_with_options_turns_retries_off_for_one_call_only() -> None:
    script, clock = Script(TOO_MANY, TOO_MANY, ok()), Clock()

    with scripted_client(script, clock) as buffer:
        with pytest.raises(RateLimitedError):
            buffer.with_options(max_retries=0).profiles.list()
        assert buffer.profiles.list() == []

    assert buffer.max_retries == 2
    assert len(script.requests) == 3


def test_raw_responses_count_the_retries() -> None:
    script, clock = Script((503, {}, b""), ok()), Clock()

    with scripted_client(script, clock) as buffer:
        raw = buffer.profiles.with_raw_response.list()

    assert (raw.status_code, raw.parsed, raw.retries_taken) == (200, [], 1)


def test_the_async_client_follows_the_same_table() -> None:
    script, clock = Script((502, {}, b""), ok(), (502, {}, b""), SAVED), Clock()

    async def calls() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(script)) as http:
            buffer = AsyncBufferProfiles(TOKEN, base_url=BASE_URL, http_client=http, backoff=clock.backoff())
            assert await buffer.profiles.list() == []
            with pytest.raises(ServerError):
                await buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=SCHEDULES)

    asyncio.run(calls())

    assert [request.method for request in script.requests] == ["GET", "GET", "POST"]
    assert clock.sleeps == [0.5]
