"""The three read operations: request line, auth header, path quoting, and typed parsing of the seeds."""

import asyncio
from typing import Any

import pytest
from buffer_profiles_client.api.profiles import get_profile, list_profile_schedules, list_profiles
from buffer_profiles_client.errors import UnexpectedStatus
from buffer_profiles_client.models import Error, Profile, Schedule, Statistics

from tests.client.recording import TOKEN, RecordingTransport
from tests.seeds import SEED_PROFILE_ID, seed_profile

# Fields the spec does not list (the API is open): clients must keep them, not fail on them.
LIVE_ONLY_FIELDS: dict[str, Any] = {
    "paused": False,
    "shortener": {"domain": "buff.ly"},
    "reports_logo": None,
}


def _assert_is_seed_profile(profile: object) -> None:
    assert isinstance(profile, Profile)
    assert profile.id == SEED_PROFILE_ID
    assert profile.avatar == "http://a3.twimg.com/profile_images/1405180232.png"
    assert profile.created_at == 1320703028
    assert profile.default is True
    assert profile.formatted_username == "@skinnyoteam"
    assert profile.service == "twitter"
    assert profile.service_id == "164724445"
    assert profile.service_username == "skinnyoteam"
    assert isinstance(profile.statistics, Statistics)
    assert profile.statistics.followers == 246
    assert profile.team_members == ["4eb867340acb04e670000001"]
    assert profile.timezone == "Europe/London"
    assert profile.user_id == SEED_PROFILE_ID
    assert len(profile.schedules) == 1
    assert profile.schedules[0].days == ["mon", "tue", "wed", "thu", "fri"]
    assert profile.schedules[0].times == ["12:00", "17:00", "18:00"]


def test_list_profiles_parses_the_seed_and_keeps_unknown_fields() -> None:
    transport = RecordingTransport(payload=[seed_profile() | LIVE_ONLY_FIELDS])

    profiles = list_profiles.sync(client=transport.client())

    assert isinstance(profiles, list)
    assert len(profiles) == 1
    _assert_is_seed_profile(profiles[0])
    assert profiles[0].additional_properties == LIVE_ONLY_FIELDS
    assert profiles[0].to_dict() == seed_profile() | LIVE_ONLY_FIELDS, "a round trip loses nothing"
    request = transport.last
    assert (request.method, str(request.url)) == ("GET", "https://api.bufferapp.com/1/profiles.json")
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "Content-Type" not in request.headers
    assert request.content == b""


def test_get_profile_parses_the_seed_sync_and_async() -> None:
    transport = RecordingTransport(payload=seed_profile())

    _assert_is_seed_profile(get_profile.sync(SEED_PROFILE_ID, client=transport.client()))
    _assert_is_seed_profile(asyncio.run(get_profile.asyncio(SEED_PROFILE_ID, client=transport.client())))

    assert [str(request.url) for request in transport.requests] == [
        f"https://api.bufferapp.com/1/profiles/{SEED_PROFILE_ID}.json"
    ] * 2


def test_list_profile_schedules_parses_the_seed_with_unknown_fields() -> None:
    schedule = seed_profile()["schedules"][0] | {"timezone_offset": 0}
    transport = RecordingTransport(payload=[schedule])

    schedules = list_profile_schedules.sync(SEED_PROFILE_ID, client=transport.client())

    assert isinstance(schedules, list)
    assert isinstance(schedules[0], Schedule)
    assert schedules[0].days == ["mon", "tue", "wed", "thu", "fri"]
    assert schedules[0].times == ["12:00", "17:00", "18:00"]
    assert schedules[0].additional_properties == {"timezone_offset": 0}
    assert str(transport.last.url) == f"https://api.bufferapp.com/1/profiles/{SEED_PROFILE_ID}/schedules.json"


@pytest.mark.parametrize(
    ("profile_id", "expected_path"),
    [
        ("../profiles", "/1/profiles/..%2Fprofiles.json"),
        ("a/b?c#d", "/1/profiles/a%2Fb%3Fc%23d.json"),
        ("ü 1", "/1/profiles/%C3%BC%201.json"),
    ],
)
def test_ids_are_quoted_into_one_path_segment(profile_id: str, expected_path: str) -> None:
    transport = RecordingTransport(payload=seed_profile())

    get_profile.sync(profile_id, client=transport.client())

    assert transport.last.url.raw_path.decode() == expected_path


def test_the_detailed_functions_parse_a_documented_error_as_the_error_model() -> None:
    transport = RecordingTransport(
        status=404, payload={"success": False, "code": 1010, "message": "Profile could not be found."}
    )

    error = get_profile.sync_detailed(SEED_PROFILE_ID, client=transport.client()).parsed

    assert isinstance(error, Error)
    assert (error.success, error.code, error.message) == (False, 1010, "Profile could not be found.")


def test_the_older_error_shape_parses_too() -> None:
    transport = RecordingTransport(status=401, payload={"code": 1001, "error": "Access token required."})

    error = list_profiles.sync_detailed(client=transport.client()).parsed

    assert isinstance(error, Error)
    assert (error.code, error.error) == (1001, "Access token required.")


def test_the_generators_raise_on_unexpected_status_option_raises_our_exception() -> None:
    transport = RecordingTransport(status=418, payload={"code": 1000})

    with pytest.raises(UnexpectedStatus) as raised:
        list_profiles.sync_detailed(client=transport.client(raise_on_unexpected_status=True))

    assert raised.value.status_code == 418
    assert raised.value.code == 1000
