"""The straight-line parsing of answers (model.py.jinja) refuses every answer of the wrong shape at the call.

Speed is never bought with later errors: a malformed answer raises MalformedResponseError from the
call that received it, from the client objects and the per-operation functions alike.
"""

from typing import Any

import httpx
import pytest
from buffer_profiles_client import BufferProfiles, MalformedResponseError
from buffer_profiles_client.api.profiles import get_profile, list_profiles
from buffer_profiles_client.models import Profile

from tests.client.recording import RecordingTransport
from tests.seeds import SEED_PROFILE_ID, seed_profile


def _without(name: str) -> dict[str, Any]:
    profile = seed_profile()
    del profile[name]
    return profile


MALFORMED_PROFILES = {
    "a required field missing": _without("timezone"),
    "an unknown day": seed_profile() | {"schedules": [{"days": ["funday"], "times": ["12:00"]}]},
    "a schedule that is not an object": seed_profile() | {"schedules": ["mon"]},
    "schedules that are not a list": seed_profile() | {"schedules": 7},
    "statistics that are not an object": seed_profile() | {"statistics": "many"},
    "counts that are not an object": seed_profile() | {"counts": [1, 40]},
    "not an object at all": ["a", "list"],
}


@pytest.mark.parametrize("case", sorted(MALFORMED_PROFILES))
def test_a_malformed_profile_raises_at_the_call(case: str) -> None:
    recording = RecordingTransport(payload=MALFORMED_PROFILES[case])

    with pytest.raises(MalformedResponseError):
        get_profile.sync(SEED_PROFILE_ID, client=recording.client())
    with httpx.Client(transport=httpx.MockTransport(recording)) as http, pytest.raises(MalformedResponseError):
        BufferProfiles("t", http_client=http).profiles.retrieve(SEED_PROFILE_ID)


@pytest.mark.parametrize("payload", [{"id": SEED_PROFILE_ID}, "profiles", [seed_profile(), 7]])
def test_a_malformed_list_raises_at_the_call(payload: object) -> None:
    with pytest.raises(MalformedResponseError):
        list_profiles.sync(client=RecordingTransport(payload=payload).client())


def test_null_optional_objects_stay_null_and_missing_ones_unset() -> None:
    profile = Profile.from_dict(seed_profile() | {"statistics": None})

    assert profile.statistics is None
    assert repr(profile.counts) == "UNSET"
    assert profile.to_dict() == seed_profile() | {"statistics": None}
