"""Your code's tests against a local Buffer API: `pip install buffer-profiles-testkit`, then use its fixtures."""

import pytest
from buffer_profiles_client import AuthenticatedClient, RateLimitedError
from buffer_profiles_client.api.profiles import list_profiles

from buffer_profiles_testkit.faults import rate_limited
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser


def usernames(client: AuthenticatedClient) -> list[str] | None:
    """The code under test: the user's profile names, or None when Buffer asks it to slow down."""
    try:
        profiles = list_profiles.sync(client=client)
    except RateLimitedError:
        return None
    return [profile.formatted_username for profile in profiles]


@pytest.mark.buffer_profiles({"service_username": "bakery"}, {"service": "linkedin", "formatted_username": "Bakery"})
def test_usernames_lists_every_profile(buffer_client: AuthenticatedClient) -> None:
    assert usernames(buffer_client) == ["@bakery", "Bakery"]


def test_usernames_gives_up_while_rate_limited(buffer_api: BufferApi, buffer_client: AuthenticatedClient) -> None:
    buffer_api.fail_next("list_profiles", rate_limited(retry_after=30))

    assert usernames(buffer_client) is None  # the injected 429
    assert usernames(buffer_client) == ["@skinnyoteam", "Skinny Team"]  # the demo user's profiles


def test_stored_state_is_yours_to_arrange(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    profile_id = buffer_user.profile_ids[0]
    buffer_api.set_schedules(buffer_user, profile_id, [{"days": ["sat"], "times": ["09:30"]}])

    assert buffer_api.schedules(buffer_user, profile_id) == [{"days": ["sat"], "times": ["09:30"]}]
