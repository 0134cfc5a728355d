"""The journal, faults that match and break the network, and retries tested without waiting."""

import pytest
from buffer_profiles_client import APIConnectionError, AuthenticatedClient, RateLimitRetry, ServerError
from buffer_profiles_client.api.profiles import get_profile, list_profiles, update_profile_schedules
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm

from buffer_profiles_testkit.faults import connection_reset, rate_limited, server_error, truncated_body
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser

MONDAY_NINE = UpdateSchedulesForm(schedules=[ScheduleInput(days=["mon"], times=["09:00"])])


def test_a_retry_waits_what_retry_after_says_without_waiting(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    buffer_api.fail_next("list_profiles", rate_limited(retry_after=30), times=2)
    waits: list[float] = []  # RateLimitRetry's sleep, injected: the test takes milliseconds, not a minute
    retrying = {"transport": RateLimitRetry(sleep=waits.append)}
    with AuthenticatedClient(buffer_api.base_url, token=buffer_user.token, httpx_args=retrying) as client:
        profiles = list_profiles.sync(client=client)

    assert len(profiles) == 2
    assert waits == [30, 30]
    buffer_api.assert_requested("list_profiles", times=3, user=buffer_user)


def test_an_update_applied_then_answered_500(
    buffer_api: BufferApi, buffer_user: BufferUser, buffer_client: AuthenticatedClient
) -> None:
    profile_id = buffer_user.profile_ids[0]
    buffer_api.fail_next("update_profile_schedules", server_error().after_write())

    with pytest.raises(ServerError):
        update_profile_schedules.sync(profile_id, client=buffer_client, body=MONDAY_NINE)

    (update,) = buffer_api.requests("update_profile_schedules")
    assert update.written  # the server stored it before the 500: your app must read back, not resend blindly
    assert update.body == {"schedules": [{"days": ["mon"], "times": ["09:00"]}]}


@pytest.mark.buffer_profiles({"service": "twitter"}, {"service": "linkedin"})
def test_faults_for_one_profile_and_broken_connections(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    twitter, linkedin = buffer_user.profile_ids
    buffer_api.fail_next("get_profile", truncated_body(), profile_id=linkedin)
    buffer_api.fail_next("list_profiles", connection_reset(), optional=True)  # may not come: the test says so

    with AuthenticatedClient(buffer_api.base_url, token=buffer_user.token) as client:
        assert get_profile.sync(twitter, client=client).service == "twitter"
        with pytest.raises(APIConnectionError):
            get_profile.sync(linkedin, client=client)

    assert [request.status for request in buffer_api.requests("get_profile")] == [200, 200]
    buffer_api.assert_not_requested("list_profiles")
