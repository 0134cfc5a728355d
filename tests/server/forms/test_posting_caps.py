"""Per-service caps on posting times a day: over the cap is 403 with Buffer's code 1013, and nothing changes.

Buffer's error table has 1013 "Profile schedule limit reached" (403); the caps themselves are the
reference server's choice (server/forms/posting_caps.py).
"""

import httpx
import pytest
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_SECOND_PROFILE_ID
from buffer_profiles_testkit.server.forms.posting_caps import POSTING_TIMES_PER_DAY
from tests.server.conftest import ClientFactory
from tests.server.operations import FORM_HEADERS

EVERY_FIVE_MINUTES = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(0, 24 * 60, 5)]
# The demo user's profiles and their services (server/demo.py).
PROFILES = {"twitter": DEMO_PROFILE_ID, "linkedin": DEMO_SECOND_PROFILE_ID}


def _update(client: httpx.Client, profile_id: str, schedules: list[dict[str, list[str]]]) -> httpx.Response:
    body = encode_bracket_form({"schedules": schedules})
    return client.post(f"profiles/{profile_id}/schedules/update.json", content=body, headers=FORM_HEADERS)


def _schedules(client: httpx.Client, profile_id: str) -> object:
    return client.get(f"profiles/{profile_id}/schedules.json").json()


@pytest.mark.parametrize("service", sorted(PROFILES))
def test_the_cap_itself_is_accepted(shared_api: ClientFactory, service: str) -> None:
    cap = POSTING_TIMES_PER_DAY[service]
    schedules = [{"days": ["mon"], "times": EVERY_FIVE_MINUTES[:cap]}]

    response = _update(shared_api(), PROFILES[service], schedules)

    assert response.status_code == 200
    assert _schedules(shared_api(), PROFILES[service]) == schedules


@pytest.mark.parametrize("service", sorted(PROFILES))
def test_one_time_over_the_cap_is_403_1013_and_changes_nothing(shared_api: ClientFactory, service: str) -> None:
    cap = POSTING_TIMES_PER_DAY[service]
    client = shared_api()
    before = _schedules(client, PROFILES[service])
    # Two schedules that share Tuesday: its times add up to one more than the cap.
    schedules = [
        {"days": ["mon", "tue"], "times": EVERY_FIVE_MINUTES[:cap]},
        {"days": ["tue"], "times": ["00:01"]},  # off the five-minute grid: new for every cap
    ]

    response = _update(client, PROFILES[service], schedules)

    assert response.status_code == 403
    assert response.json()["code"] == 1013
    assert f"{service} allows {cap} posting times a day, tue has {cap + 1}" in response.json()["message"]
    assert _schedules(client, PROFILES[service]) == before


def test_a_time_repeated_across_schedules_counts_once(shared_api: ClientFactory) -> None:
    cap = POSTING_TIMES_PER_DAY["linkedin"]
    schedules = [
        {"days": ["wed"], "times": EVERY_FIVE_MINUTES[:cap]},
        {"days": ["wed", "thu"], "times": EVERY_FIVE_MINUTES[:2]},
    ]

    assert _update(shared_api(), DEMO_SECOND_PROFILE_ID, schedules).status_code == 200
