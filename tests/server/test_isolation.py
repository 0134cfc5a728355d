"""A token sees only its own user's profiles; everything else is 404 (1010), exactly like an unknown id."""

import pytest

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, OTHER_USER_PROFILE_IDS, OTHER_USER_TOKEN
from tests.server.conftest import ClientFactory
from tests.server.operations import PROFILE_OPERATIONS, Operation

by_name = pytest.mark.parametrize("operation", PROFILE_OPERATIONS, ids=lambda operation: operation.name)
OTHERS_PROFILE = OTHER_USER_PROFILE_IDS[0]


def test_each_user_lists_only_their_own_profiles(shared_api: ClientFactory) -> None:
    demo_ids = {profile["id"] for profile in shared_api().get("profiles.json").json()}
    other = shared_api(OTHER_USER_TOKEN).get("profiles.json").json()

    assert [profile["id"] for profile in other] == list(OTHER_USER_PROFILE_IDS)
    assert demo_ids.isdisjoint(OTHER_USER_PROFILE_IDS)
    assert DEMO_PROFILE_ID in demo_ids


@by_name
@pytest.mark.parametrize(
    "profile_id",
    [
        OTHERS_PROFILE,
        "0" * 24,  # well-formed, unknown
        "4EB854340ACB04E870000010",  # the demo profile's id in capitals is not its id
        "not-an-id",
        DEMO_PROFILE_ID + "0",
        "%00",
    ],
    ids=["other user's", "unknown", "capitals", "not an id", "too long", "NUL"],
)
def test_profiles_outside_the_users_own_are_not_found(
    shared_api: ClientFactory, operation: Operation, profile_id: str
) -> None:
    response = shared_api().request(
        operation.method, operation.path(profile_id), content=operation.body, headers=operation.headers
    )

    assert response.status_code == 404
    assert response.json() == {"success": False, "code": 1010, "message": "Profile could not be found."}


def test_updating_another_users_profile_changes_nothing(shared_api: ClientFactory) -> None:
    update = PROFILE_OPERATIONS[-1]
    other = shared_api(OTHER_USER_TOKEN)
    before = other.get(f"profiles/{OTHERS_PROFILE}/schedules.json").json()

    response = shared_api().post(update.path(OTHERS_PROFILE), content=update.body, headers=update.headers)

    assert response.status_code == 404
    assert other.get(f"profiles/{OTHERS_PROFILE}/schedules.json").json() == before
    assert before != [{"days": ["mon"], "times": ["09:00"]}]  # the update would have been visible
