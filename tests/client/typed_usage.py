"""Code as a user writes it against the client; tests run ``mypy --strict`` on it."""

import asyncio

from buffer_profiles_client import AuthenticatedClient
from buffer_profiles_client.api.profiles import (
    get_profile,
    list_profile_schedules,
    list_profiles,
    update_profile_schedules,
)
from buffer_profiles_client.models import Day, Error, Profile, ScheduleInput, UpdateSchedulesForm


def weekday_usernames(client: AuthenticatedClient) -> list[str]:
    profiles = list_profiles.sync(client=client)
    if not isinstance(profiles, list):
        return []
    return [profile.formatted_username for profile in profiles if any("mon" in s.days for s in profile.schedules)]


def copy_schedules(client: AuthenticatedClient, source_id: str, target_id: str) -> bool:
    schedules = list_profile_schedules.sync(source_id, client=client)
    if not isinstance(schedules, list):
        return False
    form = UpdateSchedulesForm(schedules=[ScheduleInput(days=s.days, times=s.times) for s in schedules])
    result = update_profile_schedules.sync(target_id, client=client, body=form)
    return not isinstance(result, Error) and result is not None and result.success


async def timezones(client: AuthenticatedClient, profile_ids: list[str]) -> dict[str, str]:
    async with client as session:
        answers = await asyncio.gather(*(get_profile.asyncio(pid, client=session) for pid in profile_ids))
    return {answer.id: answer.timezone for answer in answers if isinstance(answer, Profile)}


def weekend(times: list[str]) -> UpdateSchedulesForm:
    days: list[Day] = ["sat", "sun"]
    return UpdateSchedulesForm(schedules=[ScheduleInput(days=days, times=times)])
