"""The generated client, sync and async, end to end against the reference server."""

import asyncio
from typing import cast

import httpx
import pytest
from buffer_profiles_client import AuthenticatedClient, AuthenticationError, InvalidRequestError, NotFoundError
from buffer_profiles_client.api.profiles import (
    get_profile,
    list_profile_schedules,
    list_profiles,
    update_profile_schedules,
)
from buffer_profiles_client.models import (
    Day,
    Error,
    Profile,
    Schedule,
    ScheduleInput,
    UpdateSchedulesForm,
    UpdateSchedulesResult,
)

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN, OTHER_USER_PROFILE_IDS
from tests.seeds import seed_profile
from tests.server.spec_conformance import SpecConformance

NEW_SCHEDULES = [
    ScheduleInput(days=["mon", "tue", "thu"], times=["12:45", "15:30", "17:43"]),
    ScheduleInput(days=["sat"], times=["09:00"]),
]


def test_sync_client_end_to_end(base_url: str, conformance: SpecConformance) -> None:
    hooks = {"event_hooks": {"response": [conformance.check]}}
    with AuthenticatedClient(base_url=base_url, token=DEMO_TOKEN, httpx_args=hooks) as client:
        profiles = list_profiles.sync(client=client)
        assert isinstance(profiles, list)
        assert profiles[0].to_dict() == seed_profile()

        profile = get_profile.sync(DEMO_PROFILE_ID, client=client)
        assert isinstance(profile, Profile)
        assert profile.formatted_username == "@skinnyoteam"

        result = update_profile_schedules.sync(
            DEMO_PROFILE_ID, client=client, body=UpdateSchedulesForm(schedules=NEW_SCHEDULES)
        )
        assert isinstance(result, UpdateSchedulesResult)
        assert result.success is True

        schedules = list_profile_schedules.sync(DEMO_PROFILE_ID, client=client)
        assert isinstance(schedules, list)
        assert [schedule.to_dict() for schedule in schedules] == [schedule.to_dict() for schedule in NEW_SCHEDULES]


def test_sync_client_gets_typed_errors(base_url: str, conformance: SpecConformance) -> None:
    hooks = {"event_hooks": {"response": [conformance.check]}}
    with AuthenticatedClient(base_url=base_url, token=DEMO_TOKEN, httpx_args=hooks) as client:
        with pytest.raises(NotFoundError) as not_found:
            get_profile.sync(OTHER_USER_PROFILE_IDS[0], client=client)
        # The type checker keeps "funday" out; a caller without one gets Buffer's 1006 back.
        bad = UpdateSchedulesForm(schedules=[ScheduleInput(days=[cast(Day, "funday")], times=["12:00"])])
        with pytest.raises(InvalidRequestError) as rejected:
            update_profile_schedules.sync(DEMO_PROFILE_ID, client=client, body=bad)
        unchanged = list_profile_schedules.sync(DEMO_PROFILE_ID, client=client)

    with AuthenticatedClient(base_url=base_url, token="wrong", httpx_args=hooks) as client:
        unauthorized = list_profiles.sync_detailed(client=client)
        with pytest.raises(AuthenticationError) as refused:
            list_profiles.sync(client=client)

    assert not_found.value.code == 1010
    assert rejected.value.code == 1006
    assert [schedule.to_dict() for schedule in unchanged] == seed_profile()["schedules"]
    assert unauthorized.status_code == 401
    assert isinstance(unauthorized.parsed, Error)
    assert unauthorized.parsed.code == 1001
    assert (refused.value.status_code, refused.value.code) == (401, 1001)


def test_async_client_end_to_end(base_url: str, conformance: SpecConformance) -> None:
    async def check(response: httpx.Response) -> None:
        await response.aread()
        conformance.check(response)

    async def scenario() -> tuple[object, object, object, list[Schedule]]:
        hooks = {"event_hooks": {"response": [check]}}
        async with AuthenticatedClient(base_url=base_url, token=DEMO_TOKEN, httpx_args=hooks) as client:
            profiles, profile = await asyncio.gather(
                list_profiles.asyncio(client=client), get_profile.asyncio(DEMO_PROFILE_ID, client=client)
            )
            result = await update_profile_schedules.asyncio(
                DEMO_PROFILE_ID, client=client, body=UpdateSchedulesForm(schedules=NEW_SCHEDULES)
            )
            return profiles, profile, result, await list_profile_schedules.asyncio(DEMO_PROFILE_ID, client=client)

    profiles, profile, result, schedules = asyncio.run(scenario())

    assert isinstance(profiles, list)
    assert profiles[0].id == DEMO_PROFILE_ID
    assert isinstance(profile, Profile)
    assert profile.to_dict() == seed_profile()
    assert isinstance(result, UpdateSchedulesResult)
    assert isinstance(schedules, list)
    assert [schedule.to_dict() for schedule in schedules] == [schedule.to_dict() for schedule in NEW_SCHEDULES]
