"""The typed client parses what Buffer's real API answered (tests/recorded/), and every variation of it.

The variations are generated from the spec's own Profile schema with a fixed seed: each optional
field missing, ``null`` or present, fields the spec does not know added. None may raise, none may
lose a field: ``to_dict()`` gives back the JSON that was received.
"""

import asyncio
import json
from functools import cache
from pathlib import Path
from typing import Any

import httpx
from buffer_profiles_client import AuthenticatedClient
from buffer_profiles_client.api.profiles import get_profile, list_profile_schedules, list_profiles
from buffer_profiles_client.models import Profile, ProfileCounts, Statistics
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buffer_profiles_testkit.yaml_loading import load_yaml
from tests.recorded import PROFILE, PROFILE_LIST, PROFILE_SCHEDULES, RecordedExchange

SPEC_FILE = Path(__file__).resolve().parents[2] / "openapi.yaml"
RECORDED_PROFILE_ID = "5160746d13d04a5e3a00000f"


def _client(exchange: RecordedExchange) -> AuthenticatedClient:
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/1" + exchange.path
        return exchange.response(request)

    return AuthenticatedClient(
        base_url="https://api.bufferapp.com/1", token="t", httpx_args={"transport": httpx.MockTransport(answer)}
    )


def _assert_is_recorded_profile(profile: object, *, sent: int) -> None:
    assert isinstance(profile, Profile)
    assert profile.id == RECORDED_PROFILE_ID
    assert profile.user_id == "5160746d13d04a5e3a00000d"
    assert profile.service == "twitter"
    assert profile.formatted_service == "Twitter"
    assert profile.avatar_https == "https://twimg0-a.akamaihd.net/profile_images/3604112130.jpeg"
    assert profile.timezone == "America/New_York"
    assert profile.disconnected is None
    assert profile.quick_signin is True
    assert (profile.service_type, profile.utm_tracking, profile.verb) == ("profile", "enabled", "tweet")
    assert isinstance(profile.counts, ProfileCounts)
    assert (profile.counts.pending, profile.counts.sent) == (1, sent)
    assert isinstance(profile.statistics, Statistics)
    assert profile.statistics.followers == 179
    assert profile.schedules[0].times[-1] == "22:13"
    assert profile.additional_properties == {}, "every recorded field is a declared one"


def test_the_recorded_profile_list_parses() -> None:
    profiles = list_profiles.sync(client=_client(PROFILE_LIST))

    assert isinstance(profiles, list)
    _assert_is_recorded_profile(profiles[0], sent=40)
    assert profiles[0].default is True
    assert [profile.to_dict() for profile in profiles] == json.loads(PROFILE_LIST.body)


def test_the_recorded_profile_without_default_parses_sync_and_async() -> None:
    """The recorded single profile has no `default`: a required one would crash here (KeyError)."""
    client = _client(PROFILE)
    for profile in (
        get_profile.sync(RECORDED_PROFILE_ID, client=client),
        asyncio.run(get_profile.asyncio(RECORDED_PROFILE_ID, client=_client(PROFILE))),
    ):
        _assert_is_recorded_profile(profile, sent=46)
        assert isinstance(profile, Profile)
        assert profile.to_dict() == json.loads(PROFILE.body)
        assert "default" not in profile.to_dict()


def test_the_recorded_schedules_parse() -> None:
    schedules = list_profile_schedules.sync(RECORDED_PROFILE_ID, client=_client(PROFILE_SCHEDULES))

    assert isinstance(schedules, list)
    assert [schedule.to_dict() for schedule in schedules] == json.loads(PROFILE_SCHEDULES.body)


@cache
def _profile_schema() -> tuple[frozenset[str], dict[str, Any]]:
    schemas = load_yaml(SPEC_FILE.read_text(encoding="utf-8"))["components"]["schemas"]
    profile = schemas["Profile"]
    return frozenset(profile["required"]), profile["properties"]


def _unknown_field_names() -> st.SearchStrategy[str]:
    _, properties = _profile_schema()
    return st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12).filter(
        lambda name: name not in properties
    )


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


@st.composite
def recorded_profile_variations(draw: st.DrawFn) -> dict[str, Any]:
    """A recorded profile with each optional field (and each nested figure) kept, dropped or `null`."""
    required, properties = _profile_schema()
    base = json.loads(PROFILE_LIST.body)[0] | {"team_members": ["4eb867340acb04e670000001"]}
    profile: dict[str, Any] = {}
    for name, value in base.items():
        fate = "keep" if name in required else draw(st.sampled_from(["keep", "drop", "null"]))
        if fate == "keep":
            profile[name] = value
        elif fate == "null":
            profile[name] = None
    for nested, figures in (("statistics", ["followers"]), ("counts", ["pending", "sent"])):
        if isinstance(profile.get(nested), dict):
            profile[nested] = {
                figure: draw(st.sampled_from([profile[nested][figure], None]))
                for figure in figures
                if draw(st.booleans())
            }
    assert set(base) <= set(properties), "every recorded field is declared in the spec"
    extra = draw(st.dictionaries(_unknown_field_names(), _JSON_VALUES, max_size=3))
    return profile | extra


@settings(max_examples=300, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(variation=recorded_profile_variations())
def test_every_variation_of_a_recorded_profile_parses_and_round_trips(variation: dict[str, Any]) -> None:
    exchange = RecordedExchange("variation", PROFILE.path, 200, PROFILE.headers, json.dumps(variation).encode())

    profile = get_profile.sync(RECORDED_PROFILE_ID, client=_client(exchange))

    assert isinstance(profile, Profile)
    _, properties = _profile_schema()
    assert set(profile.additional_properties) == set(variation) - set(properties)
    assert profile.to_dict() == variation
