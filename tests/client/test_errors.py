"""Every answer that is not a documented success raises one typed exception, whatever its body.

The point is the client's own reading of bytes, so a MockTransport answers; the same answers go to
every operation, sync and async, since the behaviour comes from the templates, not per operation.
"""

import asyncio
import pickle
from collections.abc import Callable, Coroutine
from http import HTTPStatus
from typing import Any

import httpx
import pytest
from buffer_profiles_client import (
    AuthenticatedClient,
    AuthenticationError,
    BufferApiError,
    InvalidRequestError,
    MalformedResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    UnexpectedStatus,
)
from buffer_profiles_client.api.profiles import (
    get_profile,
    list_profile_schedules,
    list_profiles,
    update_profile_schedules,
)
from buffer_profiles_client.errors import MAX_BODY_BYTES
from buffer_profiles_client.models import Error, ScheduleInput, UpdateSchedulesForm
from hypothesis import given
from hypothesis import strategies as st

from tests.client.recording import BASE_URL, TOKEN
from tests.seeds import SEED_PROFILE_ID

FORM = UpdateSchedulesForm(schedules=[ScheduleInput(days=["mon"], times=["12:45"])])
SYNC_CALLS: dict[str, Callable[[AuthenticatedClient], object]] = {
    "list_profiles": lambda client: list_profiles.sync(client=client),
    "get_profile": lambda client: get_profile.sync(SEED_PROFILE_ID, client=client),
    "list_profile_schedules": lambda client: list_profile_schedules.sync(SEED_PROFILE_ID, client=client),
    "update_profile_schedules": lambda client: update_profile_schedules.sync(SEED_PROFILE_ID, client=client, body=FORM),
}
ASYNC_CALLS: dict[str, Callable[[AuthenticatedClient], Coroutine[Any, Any, object]]] = {
    "list_profiles": lambda client: list_profiles.asyncio(client=client),
    "get_profile": lambda client: get_profile.asyncio(SEED_PROFILE_ID, client=client),
    "list_profile_schedules": lambda client: list_profile_schedules.asyncio(SEED_PROFILE_ID, client=client),
    "update_profile_schedules": lambda client: update_profile_schedules.asyncio(
        SEED_PROFILE_ID, client=client, body=FORM
    ),
}
DETAILED_CALLS: dict[str, Callable[[AuthenticatedClient], Any]] = {
    "list_profiles": lambda client: list_profiles.sync_detailed(client=client),
    "get_profile": lambda client: get_profile.sync_detailed(SEED_PROFILE_ID, client=client),
    "list_profile_schedules": lambda client: list_profile_schedules.sync_detailed(SEED_PROFILE_ID, client=client),
    "update_profile_schedules": lambda client: update_profile_schedules.sync_detailed(
        SEED_PROFILE_ID, client=client, body=FORM
    ),
}
OPERATIONS = sorted(SYNC_CALLS)

JSON = {"Content-Type": "application/json"}
HTML = {"Content-Type": "text/html"}
# Buffer's recorded answer to an unknown token: an empty text/html body and an OAuth challenge.
RECORDED_401 = (
    401,
    {
        **HTML,
        "WWW-Authenticate": "OAuth realm='Service', error='invalid_request', "
        "error_description='The access token was not found'",
    },
    b"",
)


def answering(status: int, headers: dict[str, str], body: bytes, **client_args: Any) -> AuthenticatedClient:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=body)

    return AuthenticatedClient(
        base_url=BASE_URL, token=TOKEN, httpx_args={"transport": httpx.MockTransport(answer), **client_args}
    )


def raised_by(operation: str, client: AuthenticatedClient) -> BufferApiError:
    with pytest.raises(BufferApiError) as raised:
        SYNC_CALLS[operation](client)
    return raised.value


# (status, headers, body) -> (exception class, Buffer code, message)
ANSWERS: list[tuple[tuple[int, dict[str, str], bytes], tuple[type[BufferApiError], int | None, str]]] = [
    (RECORDED_401, (AuthenticationError, None, "The access token was not found")),
    ((401, HTML, b""), (AuthenticationError, None, "Unauthorized")),
    (
        (403, JSON, b'{"success": false, "code": 1001, "message": "Access token required."}'),
        (AuthenticationError, 1001, "Access token required."),
    ),
    (
        (403, JSON, b'{"code": 1013, "error": "Profile schedule limit reached."}'),
        (PermissionDeniedError, 1013, "Profile schedule limit reached."),
    ),
    (
        (404, JSON, b'{"success": false, "code": 1010, "message": "Profile could not be found."}'),
        (NotFoundError, 1010, "Profile could not be found."),
    ),
    ((404, HTML, b"<html><body><h1>Not Found</h1></body></html>"), (NotFoundError, None, "Not Found")),
    (
        (400, JSON, b'{"code": "1004", "error": "Required parameter missing."}'),
        (InvalidRequestError, 1004, "Required parameter missing."),
    ),
    ((400, JSON, b"[1, 2]"), (InvalidRequestError, None, "Bad Request")),
    ((400, JSON, b'{"code": true, "message": 5}'), (InvalidRequestError, None, "Bad Request")),
    (
        (400, JSON, b'{"code": 1006, "message": "line one\\n  line two"}'),
        (InvalidRequestError, 1006, "line one line two"),
    ),
    (
        (406, JSON, b'{"code": 1005, "message": "Unsupported response format."}'),
        (InvalidRequestError, 1005, "Unsupported response format."),
    ),
    (
        (429, {**JSON, "Retry-After": "17"}, b'{"code": 429, "message": "Rate limit exceeded."}'),
        (RateLimitedError, 429, "Rate limit exceeded."),
    ),
    ((500, HTML, b"<html><title>500</title>Oops</html>"), (ServerError, None, "Internal Server Error")),
    ((502, {}, b"\xff\xfe\x00not utf-8"), (ServerError, None, "Bad Gateway")),
    ((503, JSON, b'{"message": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"), (ServerError, None, "Service Unavailable")),
    (
        (418, JSON, b'{"code": 1000, "message": "An unknown error occurred."}'),
        (UnexpectedStatus, 1000, "An unknown error occurred."),
    ),
    ((204, {}, b""), (UnexpectedStatus, None, "No Content")),
    ((302, {"Location": "https://buffer.com/"}, b""), (UnexpectedStatus, None, "Found")),
    (
        (200, HTML, b"<!doctype html><title>Buffer</title>"),
        (MalformedResponseError, None, "the body is not what the API documents for this answer"),
    ),
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    ("answer", "expected"), ANSWERS, ids=lambda value: str(value[0]) if isinstance(value, tuple) else ""
)
def test_every_error_answer_raises_its_typed_exception(
    operation: str,
    answer: tuple[int, dict[str, str], bytes],
    expected: tuple[type[BufferApiError], int | None, str],
) -> None:
    status, headers, body = answer
    kind, code, message = expected

    error = raised_by(operation, answering(status, headers, body))

    assert type(error) is kind
    assert (error.status_code, error.code, error.message) == (status, code, message)
    assert error.content == body[:MAX_BODY_BYTES]
    assert error.headers.get("Content-Type") == headers.get("Content-Type")
    assert error.method == ("POST" if operation == "update_profile_schedules" else "GET")
    assert error.url.startswith(f"{BASE_URL}/profiles")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_the_async_functions_raise_the_same(operation: str) -> None:
    with pytest.raises(AuthenticationError) as raised:
        asyncio.run(ASYNC_CALLS[operation](answering(*RECORDED_401)))

    assert raised.value.message == "The access token was not found"


def test_str_is_one_line_with_status_code_message_and_request() -> None:
    error = raised_by(
        "get_profile", answering(404, JSON, b'{"code": 1010, "message": "Profile could\\nnot be found."}')
    )

    assert str(error) == (
        f"404 Not Found (code 1010): Profile could not be found. [GET {BASE_URL}/profiles/{SEED_PROFILE_ID}.json]"
    )


def test_a_long_message_and_a_large_body_are_cut() -> None:
    page = b"<html>" + b"x" * 100_000 + b"</html>"
    error = raised_by("list_profiles", answering(500, HTML, page))
    wordy = raised_by("list_profiles", answering(400, JSON, b'{"code": 1003, "message": "' + b"word " * 500 + b'"}'))

    assert error.content == page[:MAX_BODY_BYTES]
    assert len(wordy.message) == 300
    assert wordy.message.endswith("...")


def test_rate_limited_carries_retry_after_in_seconds() -> None:
    seconds = raised_by("list_profiles", answering(429, {"Retry-After": "42"}, b""))
    no_header = raised_by("list_profiles", answering(429, {}, b""))
    dated = raised_by("list_profiles", answering(429, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, b""))

    assert isinstance(seconds, RateLimitedError)
    assert seconds.retry_after == 42.0
    assert isinstance(no_header, RateLimitedError)
    assert no_header.retry_after is None
    assert isinstance(dated, RateLimitedError)
    assert dated.retry_after == 0.0  # a date in the past: retry now


def test_an_access_token_in_the_query_never_shows() -> None:
    client = answering(*RECORDED_401, params={"access_token": "s3cret-token"})

    error = raised_by("list_profiles", client)

    assert error.url == f"{BASE_URL}/profiles.json?access_token=REDACTED"
    assert "s3cret" not in str(error) + repr(error) + repr(pickle.loads(pickle.dumps(error)).__dict__)
    assert TOKEN not in str(error.__dict__)


def test_exceptions_survive_pickling() -> None:
    error = raised_by(
        "list_profiles", answering(429, {**JSON, "Retry-After": "5"}, b'{"code": 429, "message": "Slow"}')
    )

    copy = pickle.loads(pickle.dumps(error))

    assert type(copy) is RateLimitedError
    assert (copy.status_code, copy.code, copy.message, copy.url, copy.retry_after) == (429, 429, "Slow", error.url, 5.0)


def test_the_generators_unexpected_status_signature_still_works() -> None:
    error = UnexpectedStatus(418, b'{"code": 1000, "message": "teapot"}')

    assert str(error) == "418 I'm a teapot (code 1000): teapot"
    assert isinstance(error, BufferApiError)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_detailed_functions_never_raise_for_an_error_and_parse_what_they_can(operation: str) -> None:
    empty = DETAILED_CALLS[operation](answering(*RECORDED_401))
    shaped = DETAILED_CALLS[operation](answering(403, JSON, b'{"code": 1011, "error": "No authorization."}'))

    assert (empty.status_code, empty.content, empty.parsed) == (401, b"", None)
    assert empty.headers["WWW-Authenticate"].startswith("OAuth")
    assert isinstance(shaped.parsed, Error)
    assert (shaped.parsed.code, shaped.parsed.error) == (1011, "No authorization.")


bodies = st.one_of(
    st.binary(max_size=64),
    st.sampled_from([b"", b"{}", b"[]", b"null", b'{"code": 1010}', b'{"error": 1}', b"<html></html>"]),
    st.dictionaries(
        st.sampled_from(["code", "message", "error", "success"]),
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=2)),
    ).map(lambda body: httpx.Response(200, json=body).content),
)
content_types = st.sampled_from(["application/json", "text/html", "text/plain", "application/octet-stream"])


@given(status=st.integers(100, 599), content_type=content_types, body=bodies)
def test_nothing_but_the_typed_exceptions_escapes(status: int, content_type: str, body: bytes) -> None:
    client = answering(status, {"Content-Type": content_type}, body)

    outcome = _outcome(lambda: list_profiles.sync(client=client))
    detailed = _outcome(lambda: list_profiles.sync_detailed(client=client)) if status in set(HTTPStatus) else None

    if isinstance(outcome, BufferApiError):
        assert "\n" not in str(outcome)
        assert outcome.status_code == status
    else:
        assert isinstance(outcome, list)
        assert status == 200
    # The detailed function returns every answer (the generator's Response holds an HTTPStatus); only
    # a success answer it cannot read raises.
    if isinstance(detailed, BufferApiError):
        assert isinstance(detailed, MalformedResponseError)
        assert 200 <= status <= 299
    elif detailed is not None:
        assert detailed.status_code == status


def _outcome(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except BufferApiError as error:
        return error
