"""BufferProfiles and AsyncBufferProfiles against the reference server: every operation, over real HTTP.

The test kit's fixtures run the server in this process (one per xdist worker) with an empty store
per test; its faults make the server answer a 5xx or a 429 where the test needs one, and the
clients' waits are measured by a fake clock.
"""

import asyncio
from collections.abc import Iterator

import pytest
from buffer_profiles_client import (
    AsyncBufferProfiles,
    BufferProfiles,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)
from buffer_profiles_client.models import Profile, Schedule, ScheduleInputDict, UpdateSchedulesResult

from buffer_profiles_testkit.faults import rate_limited, schedule_limit_reached, server_error
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser
from tests.client.scripted import Clock

NEW_SCHEDULES: list[ScheduleInputDict] = [{"days": ["sat", "sun"], "times": ["09:30", "18:00"]}]
UNKNOWN_PROFILE = "0123456789abcdef01234567"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def buffer(buffer_api: BufferApi, buffer_user: BufferUser, clock: Clock) -> Iterator[BufferProfiles]:
    client = BufferProfiles(buffer_user.token, base_url=buffer_api.base_url, backoff=clock.backoff())
    yield client
    client.close()


def test_every_operation(buffer: BufferProfiles, buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    stored = buffer_api.profiles(buffer_user)[0]

    profiles = buffer.profiles.list()
    profile = buffer.profiles.retrieve(profiles[0].id)
    schedules = buffer.profiles.schedules.list(profile.id)
    result = buffer.profiles.schedules.update(profile.id, schedules=NEW_SCHEDULES)

    assert [listed.id for listed in profiles] == list(buffer_user.profile_ids)
    assert isinstance(profile, Profile)
    assert profile.to_dict() == stored
    assert all(isinstance(schedule, Schedule) for schedule in schedules)
    assert [schedule.to_dict() for schedule in schedules] == [s.to_dict() for s in profile.schedules]
    assert isinstance(result, UpdateSchedulesResult)
    assert result.success is True
    assert buffer_api.schedules(buffer_user, profile.id) == NEW_SCHEDULES
    assert [schedule.to_dict() for schedule in buffer.profiles.schedules.list(profile.id)] == NEW_SCHEDULES


def test_every_operation_async(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    profile_id = buffer_user.profile_ids[1]

    async def calls() -> tuple[list[Profile], Profile, list[Schedule], UpdateSchedulesResult]:
        async with AsyncBufferProfiles(buffer_user.token, base_url=buffer_api.base_url) as buffer:
            return await asyncio.gather(
                buffer.profiles.list(),
                buffer.profiles.retrieve(profile_id),
                buffer.profiles.schedules.list(profile_id),
                buffer.profiles.schedules.update(profile_id, schedules=NEW_SCHEDULES),
            )

    profiles, profile, _, result = asyncio.run(calls())

    assert [listed.id for listed in profiles] == list(buffer_user.profile_ids)
    assert profile.id == profile_id
    assert result.success is True
    assert buffer_api.schedules(buffer_user, profile_id) == NEW_SCHEDULES


def test_raw_responses_of_the_server(buffer: BufferProfiles, buffer_user: BufferUser) -> None:
    raw = buffer.profiles.schedules.with_raw_response.update(buffer_user.profile_ids[0], schedules=NEW_SCHEDULES)

    assert raw.status_code == 200
    assert raw.headers["Content-Type"].startswith("application/json")
    assert raw.parsed.success is True


def test_the_servers_errors_are_typed(buffer: BufferProfiles, buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    with pytest.raises(NotFoundError) as not_found:
        buffer.profiles.retrieve(UNKNOWN_PROFILE)
    with pytest.raises(InvalidRequestError) as invalid:
        buffer.profiles.schedules.update(buffer_user.profile_ids[0], schedules=[{"days": ["mon"], "times": ["24:00"]}])
    buffer_api.fail_next("update_profile_schedules", schedule_limit_reached())
    with pytest.raises(PermissionDeniedError) as capped:
        buffer.profiles.schedules.update(buffer_user.profile_ids[0], schedules=NEW_SCHEDULES)

    assert (not_found.value.status_code, not_found.value.code) == (404, 1010)
    assert (invalid.value.status_code, invalid.value.code) == (400, 1006)
    assert (capped.value.status_code, capped.value.code) == (403, 1013)


def test_a_read_answered_500_is_read_again(buffer: BufferProfiles, buffer_api: BufferApi, clock: Clock) -> None:
    buffer_api.fail_next("list_profiles", server_error(), times=2)

    assert len(buffer.profiles.list()) == 2
    assert clock.sleeps == [0.5, 1.0]


def test_an_update_answered_500_is_not_sent_again(
    buffer: BufferProfiles, buffer_api: BufferApi, buffer_user: BufferUser
) -> None:
    profile_id = buffer_user.profile_ids[0]
    before = buffer_api.schedules(buffer_user, profile_id)
    buffer_api.fail_next("update_profile_schedules", server_error())

    with pytest.raises(ServerError):
        buffer.profiles.schedules.update(profile_id, schedules=NEW_SCHEDULES)

    assert buffer_api.schedules(buffer_user, profile_id) == before  # not sent a second time


def test_an_update_refused_with_429_waits_and_is_sent_again(
    buffer: BufferProfiles, buffer_api: BufferApi, buffer_user: BufferUser, clock: Clock
) -> None:
    buffer_api.fail_next("update_profile_schedules", rate_limited(retry_after=30))

    assert buffer.profiles.schedules.update(buffer_user.profile_ids[0], schedules=NEW_SCHEDULES).success is True
    assert clock.sleeps == [30.0]
    assert buffer_api.schedules(buffer_user, buffer_user.profile_ids[0]) == NEW_SCHEDULES
