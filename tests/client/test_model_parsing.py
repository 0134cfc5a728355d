"""The straight-line parsing of answers (model.py.jinja) refuses every answer of the wrong shape at the call.

Speed is never bought with later errors: a malformed answer raises MalformedResponseError from the
call that received it, from the client objects and the per-operation functions alike.
"""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from buffer_profiles_client import BufferProfiles, MalformedResponseError
from buffer_profiles_client.api.profiles import get_profile, list_profiles
from buffer_profiles_client.models import Error, Profile, ProfileCounts, Schedule, Statistics, UpdateSchedulesResult

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


# Known fields in the combinations that the unknown-field checks count differently: null (present),
# missing (absent), required only. Both kinds of check in model.py.jinja are here: models with few
# optional fields count the ones they found, the others check every key against their field names.
KNOWN_FIELDS: dict[str, tuple[Callable[[dict[str, Any]], Any], dict[str, Any]]] = {
    "Statistics with its one field null": (Statistics.from_dict, {"followers": None}),
    "Statistics empty": (Statistics.from_dict, {}),
    "ProfileCounts with one of its two fields": (ProfileCounts.from_dict, {"sent": 4}),
    "UpdateSchedulesResult with its required field only": (UpdateSchedulesResult.from_dict, {"success": True}),
    "Schedule": (Schedule.from_dict, {"days": ["mon"], "times": ["12:00"]}),
    "Error with every field": (Error.from_dict, {"code": 1004, "success": False, "message": "Whoops", "error": "x"}),
    "Profile as recorded": (Profile.from_dict, seed_profile()),
}
# One unknown field: a count one too high would miss it.
UNKNOWN_FIELDS: dict[str, Any] = {"added_later": {"nested": [1]}}


@pytest.mark.parametrize("case", sorted(KNOWN_FIELDS))
def test_every_model_keeps_unknown_fields_and_only_those(case: str) -> None:
    from_dict, known = KNOWN_FIELDS[case]

    assert from_dict(known).additional_properties == {}
    parsed = from_dict(known | UNKNOWN_FIELDS)
    assert parsed.additional_properties == UNKNOWN_FIELDS
    assert parsed.to_dict() == known | UNKNOWN_FIELDS
