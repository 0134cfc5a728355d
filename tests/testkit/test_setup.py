"""Strict setup: the marker, add_user and set_schedules are checked against the spec's schemas, and a
mistake is named where it was made; the fixtures' server takes a rate limit on a clock of the test's."""

from typing import Any

import httpx
import pytest

from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID
from buffer_profiles_testkit.server.fixtures import FixtureError

pytest_plugins = ["pytester"]


WRONG_MARKERS = {
    '"twitter"': "buffer_profiles marker, profile 1: a profile is an object of Profile fields",
    "profiles=[{}]": "buffer_profiles marker: unknown keyword argument 'profiles'; give each profile as an",
    '{"servce": "twitter"}': "unknown field 'servce' (did you mean 'service'?); known: _id, avatar,",
    '{"timezone": 3}': "buffer_profiles marker, profile 1, timezone: 3 is not of type 'string'",
}


def test_a_wrong_marker_fails_its_test_with_a_message_naming_the_mistake(pytester: pytest.Pytester) -> None:
    # One run for all four (one server start): each test's error names its own mistake.
    pytester.makepyfile(
        "import pytest\n"
        + "".join(
            f"\n@pytest.mark.buffer_profiles({marker})\ndef test_marker_{number}(buffer_user):\n    pass\n"
            for number, marker in enumerate(WRONG_MARKERS)
        )
    )

    result = pytester.runpytest_inprocess("-p", "no:xdist")

    result.assert_outcomes(errors=len(WRONG_MARKERS))
    # In order: each error's heading, then its own message.
    expected = [
        [f"*ERROR at setup of test_marker_{number} *", f"*{refusal}*"]
        for number, refusal in enumerate(WRONG_MARKERS.values())
    ]
    result.stdout.fnmatch_lines([line for pair in expected for line in pair])
    assert "Traceback" not in result.stdout.str()


@pytest.mark.buffer_profiles({"service": "linkedin", "extra_fields": {"reach": 12}})
def test_fields_beyond_the_spec_go_under_extra_fields_and_are_served(
    buffer_api: BufferApi, buffer_user: BufferUser
) -> None:
    with httpx.Client(timeout=10) as http:
        profile = http.get(
            f"{buffer_api.base_url}/profiles/{buffer_user.profile_ids[0]}.json",
            headers={"Authorization": f"Bearer {buffer_user.token}"},
        ).json()

    assert (profile["service"], profile["reach"]) == ("linkedin", 12)
    assert "extra_fields" not in profile


@pytest.mark.parametrize(
    ("schedules", "refusal"),
    [
        ([{"days": ["funday"], "times": ["09:00"]}], r"^set_schedules: schedules/0/days/0: 'funday' is not one of"),
        ([{"days": ["mon"], "times": ["99:99"]}], r"^set_schedules: schedules/0/times/0: '99:99' does not match"),
        (
            [{"day": ["mon"], "times": ["09:00"]}],
            r"^set_schedules: schedules/0: unknown field 'day' .*known: days, times",
        ),
    ],
    ids=["day", "time", "field"],
)
def test_set_schedules_refuses_what_the_api_could_not_serve(
    buffer_api: BufferApi, buffer_user: BufferUser, schedules: Any, refusal: str
) -> None:
    before = buffer_api.schedules(buffer_user, DEMO_PROFILE_ID)

    with pytest.raises(FixtureError, match=refusal):
        buffer_api.set_schedules(buffer_user, DEMO_PROFILE_ID, schedules)

    assert buffer_api.schedules(buffer_user, DEMO_PROFILE_ID) == before


def test_a_rate_limit_on_the_tests_clock_answers_429_then_admits_again(
    buffer_api: BufferApi, buffer_user: BufferUser
) -> None:
    now = [1000.0]
    buffer_api.limit_rate(2, clock=lambda: now[0])
    headers = {"Authorization": f"Bearer {buffer_user.token}"}

    with httpx.Client(base_url=buffer_api.base_url + "/", headers=headers, timeout=10) as http:
        statuses = [http.get("profiles.json").status_code for _ in range(3)]
        retry_after = http.get("profiles.json").headers["retry-after"]
        now[0] += 61
        statuses.append(http.get("profiles.json").status_code)

    assert statuses == [200, 200, 429, 200]
    assert int(retry_after) > 0
    assert str(buffer_api.requests()[2].fault).startswith("rate_limited(retry_after=")


def test_a_wrong_rate_limit_is_refused(buffer_api: BufferApi) -> None:
    with pytest.raises(ValueError, match=r"^limit_rate: per_minute must be at least 1, not 0\.$"):
        buffer_api.limit_rate(0)
