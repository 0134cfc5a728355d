"""Buffer's GraphQL failures raise the same exception classes as v1's, and reads are retried as reads.

The answers are Buffer's documented shapes (its error-handling guide and error-code table, as
recorded in the public repository api-evangelist/buffer, errors/buffer-error-codes.yml; the 401
bodies as the live API served them), played by ``httpx.MockTransport``: the point is what the client
makes of these bytes. Waits are measured by a fake clock.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from buffer_profiles_client import (
    APITimeoutError,
    AuthenticationError,
    BufferApiError,
    BufferProfiles,
    InvalidRequestError,
    MalformedResponseError,
    MissingAccessTokenError,
    MissingApiKeyError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
)

from tests.client.scripted import Answer, Clock, Script
from tests.client.test_graphql_mapping import SEED_CHANNEL

CHANNEL_ID = str(SEED_CHANNEL["id"])


def graphql_error(code: str | None, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
    error: dict[str, Any] = {"message": f"failed: {code}", "path": ["channel"]}
    if code is not None:
        error["extensions"] = {"code": code}
    return status, {"Content-Type": "application/json", **(headers or {})}, _json({"data": None, "errors": [error]})


def _json(body: Any) -> bytes:
    return httpx.Response(200, json=body).content


CHANNEL_ANSWER: Answer = (200, {}, _json({"data": {"account": {"id": "a"}, "channel": SEED_CHANNEL}}))


@contextmanager
def graphql_client(script: Script, clock: Clock, **options: Any) -> Iterator[BufferProfiles]:
    with httpx.Client(transport=httpx.MockTransport(script)) as http:
        yield BufferProfiles(backend="graphql", api_key="key", http_client=http, backoff=clock.backoff(), **options)


@pytest.mark.parametrize(
    ("answer", "kind", "retried"),
    [
        # Recorded: no key, and an unknown key (HTTP 401, UNAUTHENTICATED); Buffer's table: UNAUTHORIZED.
        (graphql_error("UNAUTHENTICATED", 401), AuthenticationError, False),
        (graphql_error("UNAUTHORIZED"), AuthenticationError, False),
        (graphql_error("FORBIDDEN"), PermissionDeniedError, False),
        (graphql_error("NOT_FOUND"), NotFoundError, False),
        (graphql_error("RATE_LIMIT_EXCEEDED", 429, {"Retry-After": "7"}), RateLimitedError, True),
        (graphql_error("RATE_LIMIT_EXCEEDED"), RateLimitedError, True),
        (graphql_error("UNEXPECTED"), ServerError, True),
        # Query limits (complexity, depth, aliases) come without a code: sent again, they fail again.
        (graphql_error(None), InvalidRequestError, False),
        (graphql_error("GRAPHQL_VALIDATION_FAILED"), InvalidRequestError, False),
        ((502, {"Content-Type": "text/html"}, b"<html>Bad Gateway</html>"), ServerError, True),
        ((404, {}, b""), NotFoundError, False),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_each_failure_raises_its_class_and_reads_retry_what_may_pass(
    answer: Answer, kind: type[BufferApiError], retried: bool
) -> None:
    clock = Clock()
    script = Script(*[answer] * 3)

    with graphql_client(script, clock) as buffer, pytest.raises(kind) as raised:
        buffer.profiles.retrieve(CHANNEL_ID)

    assert len(script.requests) == (3 if retried else 1)
    assert type(raised.value) is kind
    if not isinstance(answer, httpx.TransportError) and answer[0] == 429:
        assert clock.sleeps == [7.0, 7.0]  # Retry-After, honoured
    body_code = raised.value.graphql_code
    assert body_code is None or body_code in str(raised.value)


def test_a_failure_that_passes_is_retried_to_a_success() -> None:
    clock = Clock()
    script = Script(graphql_error("UNEXPECTED"), httpx.ConnectError("refused"), CHANNEL_ANSWER)

    with graphql_client(script, clock) as buffer:
        profile = buffer.profiles.retrieve(CHANNEL_ID)

    assert profile.formatted_username == "@skinnyoteam"
    assert len(clock.sleeps) == 2


def test_every_request_is_a_post_of_json_with_the_key_and_a_finite_timeout() -> None:
    script = Script(CHANNEL_ANSWER)

    with graphql_client(script, Clock()) as buffer:
        buffer.profiles.retrieve(CHANNEL_ID)

    (request,) = script.requests
    assert (request.method, str(request.url)) == ("POST", "https://api.buffer.com")
    assert request.headers["Authorization"] == "Bearer key"
    assert request.headers["Content-Type"] == "application/json"
    timeout = request.extensions["timeout"]
    assert all(isinstance(seconds, float) for seconds in timeout.values())


def test_no_answer_within_the_timeout_is_an_api_timeout_error() -> None:
    script = Script(*[httpx.ReadTimeout("slow")] * 3)

    with graphql_client(script, Clock()) as buffer, pytest.raises(APITimeoutError):
        buffer.profiles.list()

    assert len(script.requests) == 3


@pytest.mark.parametrize(
    "body", [b"<html>maintenance</html>", b"[]", _json({"data": None}), _json({"data": {"channel": None}})]
)
def test_a_success_without_the_data_asked_for_is_malformed(body: bytes) -> None:
    with graphql_client(Script((200, {}, body)), Clock()) as buffer, pytest.raises(MalformedResponseError):
        buffer.profiles.retrieve(CHANNEL_ID)


def test_the_api_key_comes_from_the_argument_or_buffer_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUFFER_API_KEY", raising=False)
    monkeypatch.setenv("BUFFER_ACCESS_TOKEN", "a-v1-token")  # never taken for GraphQL
    with pytest.raises(MissingApiKeyError, match="BUFFER_API_KEY") as raised:
        BufferProfiles(backend="graphql")
    assert isinstance(raised.value, MissingAccessTokenError)

    monkeypatch.setenv("BUFFER_API_KEY", "from-the-environment")
    script = Script(CHANNEL_ANSWER)
    with httpx.Client(transport=httpx.MockTransport(script)) as http:
        BufferProfiles(backend="graphql", http_client=http).profiles.retrieve(CHANNEL_ID)
    assert script.requests[0].headers["Authorization"] == "Bearer from-the-environment"
    assert "from-the-environment" not in repr(BufferProfiles(backend="graphql"))


def test_credentials_for_the_other_backend_are_refused() -> None:
    with pytest.raises(ValueError, match="api_key"):
        BufferProfiles(backend="graphql", access_token="v1-token")
    with pytest.raises(ValueError, match="api_key"):
        BufferProfiles("v1-token", api_key="key")
    with pytest.raises(ValueError, match="rest"):
        BufferProfiles("v1-token", backend="soap")  # type: ignore[arg-type]
