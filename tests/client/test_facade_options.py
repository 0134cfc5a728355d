"""BufferProfiles' settings: from arguments, else the environment, else the spec; derived clients; what it closes.

The requests go to ``httpx.MockTransport``: the point of each test is what the client sends.
"""

import asyncio
from collections.abc import Iterator

import httpx
import pytest
from buffer_profiles_client import (
    AsyncBufferProfiles,
    AuthenticatedClient,
    BufferProfiles,
    InvalidEnumValueError,
    MissingAccessTokenError,
    __version__,
)
from buffer_profiles_client.models import ScheduleInput

from tests.client.recording import RecordingTransport
from tests.seeds import SEED_PROFILE_ID, seed_profile


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """An environment without the client's variables, to set them one by one."""
    for name in ("BUFFER_ACCESS_TOKEN", "BUFFER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def recording() -> RecordingTransport:
    return RecordingTransport(payload=[])


@pytest.fixture
def http(recording: RecordingTransport) -> Iterator[httpx.Client]:
    with httpx.Client(transport=httpx.MockTransport(recording)) as client:
        yield client


def test_the_token_and_base_url_come_from_the_environment(
    environment: pytest.MonkeyPatch, recording: RecordingTransport, http: httpx.Client
) -> None:
    environment.setenv("BUFFER_ACCESS_TOKEN", "from-the-environment")
    environment.setenv("BUFFER_BASE_URL", "http://127.0.0.1:8080/1")

    BufferProfiles(http_client=http).profiles.list()

    assert recording.last.headers["Authorization"] == "Bearer from-the-environment"
    assert str(recording.last.url) == "http://127.0.0.1:8080/1/profiles.json"


def test_arguments_win_over_the_environment(
    environment: pytest.MonkeyPatch, recording: RecordingTransport, http: httpx.Client
) -> None:
    environment.setenv("BUFFER_ACCESS_TOKEN", "from-the-environment")
    environment.setenv("BUFFER_BASE_URL", "http://127.0.0.1:8080/1")

    BufferProfiles("given", base_url="http://127.0.0.1:9000/1/", http_client=http).profiles.list()

    assert recording.last.headers["Authorization"] == "Bearer given"
    assert str(recording.last.url) == "http://127.0.0.1:9000/1/profiles.json"


def test_without_a_base_url_the_client_calls_the_specs_first_server(
    environment: pytest.MonkeyPatch, recording: RecordingTransport, http: httpx.Client
) -> None:
    recording.payload = seed_profile()

    BufferProfiles("t", http_client=http).profiles.retrieve(SEED_PROFILE_ID)

    assert str(recording.last.url) == f"https://api.bufferapp.com/1/profiles/{SEED_PROFILE_ID}.json"


@pytest.mark.parametrize("client_object", [BufferProfiles, AsyncBufferProfiles])
def test_a_missing_token_is_one_sentence_naming_the_variable_when_the_client_is_made(
    environment: pytest.MonkeyPatch, client_object: type[BufferProfiles] | type[AsyncBufferProfiles]
) -> None:
    environment.setenv("BUFFER_ACCESS_TOKEN", "")

    with pytest.raises(MissingAccessTokenError) as raised:
        client_object()

    assert str(raised.value) == (
        f"No access token: pass access_token=... to {client_object.__name__}, or set BUFFER_ACCESS_TOKEN."
    )
    assert isinstance(raised.value, ValueError)


def test_default_headers_and_the_user_agent_are_sent(recording: RecordingTransport, http: httpx.Client) -> None:
    buffer = BufferProfiles("t", default_headers={"X-Team": "bakery"}, http_client=http)

    buffer.profiles.list()
    buffer.with_options(default_headers={"X-Call": "one"}).profiles.list()
    buffer.profiles.list()

    first, derived, again = recording.requests
    assert first.headers["X-Team"] == "bakery"
    assert first.headers["User-Agent"] == f"buffer-profiles-client/{__version__}"
    assert (derived.headers["X-Team"], derived.headers["X-Call"]) == ("bakery", "one")
    assert "X-Call" not in again.headers


def test_with_options_returns_a_new_client_and_leaves_this_one_as_it_was(
    recording: RecordingTransport, http: httpx.Client
) -> None:
    buffer = BufferProfiles("t", timeout=30, http_client=http)

    derived = buffer.with_options(timeout=2, max_retries=0)
    derived.profiles.list()
    buffer.profiles.list()

    assert type(derived) is BufferProfiles
    assert derived is not buffer
    assert (derived.timeout, derived.max_retries) == (httpx.Timeout(2.0), 0)
    assert (buffer.timeout, buffer.max_retries) == (httpx.Timeout(30.0), 2)
    sent = [request.extensions["timeout"] for request in recording.requests]
    assert sent == [httpx.Timeout(2.0).as_dict(), httpx.Timeout(30.0).as_dict()]


def test_a_derived_client_shares_the_connections_and_closing_it_leaves_them_open() -> None:
    buffer = BufferProfiles("t", http_client=None, base_url="http://127.0.0.1:1/1")
    derived = buffer.with_options(max_retries=0)

    derived.close()
    assert not buffer._http.is_closed  # the pool belongs to the client that made it
    buffer.close()
    assert derived._http.is_closed


def test_a_given_http_client_stays_open_after_the_client_object_closes(http: httpx.Client) -> None:
    with BufferProfiles("t", http_client=http) as buffer:
        buffer.profiles.list()

    assert not http.is_closed


def test_the_async_client_closes_its_own_connections() -> None:
    async def open_and_close() -> bool:
        async with AsyncBufferProfiles("t") as buffer:
            pass
        return buffer._http.is_closed

    assert asyncio.run(open_and_close())


def test_raw_responses_give_status_headers_and_the_parsed_result(http: httpx.Client) -> None:
    buffer = BufferProfiles("t", http_client=http)

    raw = buffer.profiles.with_raw_response.list()
    nested = buffer.profiles.schedules.with_raw_response.list(SEED_PROFILE_ID)

    assert (raw.status_code, raw.headers["Content-Type"], raw.content, raw.parsed) == (
        200,
        "application/json",
        b"[]",
        [],
    )
    assert nested.http_response.request.url.path == f"/1/profiles/{SEED_PROFILE_ID}/schedules.json"


def test_the_token_is_never_in_a_repr() -> None:
    buffer = BufferProfiles("secret-token")
    client = AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="secret-token")

    assert "secret-token" not in repr(buffer) + repr(buffer._backend) + repr(client)
    assert repr(buffer).startswith("BufferProfiles(backend='rest', base_url='https://api.bufferapp.com/1', timeout=")
    buffer.close()


def test_authenticated_client_with_timeout_leaves_the_open_client_alone() -> None:
    with AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t", timeout=10) as session:
        shorter = session.with_timeout(0.5)
        with_header = session.with_headers({"X-Team": "bakery"})

        assert session.get_httpx_client().timeout == httpx.Timeout(10.0)
        assert "X-Team" not in session.get_httpx_client().headers
        with shorter, with_header:
            assert shorter.get_httpx_client().timeout == httpx.Timeout(0.5)
            assert with_header.get_httpx_client().headers["X-Team"] == "bakery"


def test_days_are_plain_strings_checked_before_anything_is_sent(
    recording: RecordingTransport, http: httpx.Client
) -> None:
    days_from_a_config_file: list[str] = ["mon", "Tue"]
    buffer = BufferProfiles("t", http_client=http)

    with pytest.raises(ValueError, match=r"^'Tue' is not a Day: expected one of mon, tue, wed, thu, fri, sat, sun$"):
        buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=[{"days": days_from_a_config_file, "times": []}])

    assert recording.requests == []


def test_the_model_check_raises_what_it_raised_before_too() -> None:
    with pytest.raises(TypeError) as raised:
        ScheduleInput.from_dict({"days": ["funday"], "times": ["12:00"]})

    assert isinstance(raised.value, InvalidEnumValueError)


def test_a_body_takes_models_and_dicts_alike(recording: RecordingTransport, http: httpx.Client) -> None:
    recording.payload = {"success": True}
    buffer = BufferProfiles("t", http_client=http)

    buffer.profiles.schedules.update(
        SEED_PROFILE_ID,
        schedules=[ScheduleInput(days=["mon"], times=["12:45"]), {"days": ("sat", "sun"), "times": ["09:30"]}],
    )

    assert recording.last.content == (
        b"schedules[0][days][]=mon&schedules[0][times][]=12:45"
        b"&schedules[1][days][]=sat&schedules[1][days][]=sun&schedules[1][times][]=09:30"
    )


def test_a_missing_member_is_named(http: httpx.Client) -> None:
    buffer = BufferProfiles("t", http_client=http)

    with pytest.raises(ValueError, match=r"^UpdateSchedulesForm: 'times' is missing$"):
        buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=[{"days": ["mon"]}])  # type: ignore[list-item]  # what mypy catches, sent anyway


def test_unknown_fields_of_an_answer_stay_available(recording: RecordingTransport, http: httpx.Client) -> None:
    recording.payload = seed_profile() | {"pinned": True}

    profile = BufferProfiles("t", http_client=http).profiles.retrieve(SEED_PROFILE_ID)

    assert profile.additional_properties == {"pinned": True}
    assert profile.to_dict() == recording.payload
