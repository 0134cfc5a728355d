"""Code as a user writes it against the client; tests run ``mypy --strict`` on it."""

import asyncio
from typing import assert_type

import httpx
from buffer_profiles_client import (
    APIConnectionError,
    AsyncBufferProfiles,
    AuthenticatedClient,
    BufferApiError,
    BufferProfiles,
    NotFoundError,
    RateLimitedError,
    RateLimitRetry,
    RawResponse,
    UnsuccessfulResponseError,
)
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
    ScheduleInputDict,
    UpdateSchedulesForm,
    UpdateSchedulesResult,
)
from buffer_profiles_client.types import Response


def weekday_usernames(client: AuthenticatedClient) -> list[str]:
    # sync returns the success type itself: no None, no error model to rule out first.
    return [
        p.formatted_username for p in list_profiles.sync(client=client) if any("mon" in s.days for s in p.schedules)
    ]


def copy_schedules(client: AuthenticatedClient, source_id: str, target_id: str) -> bool:
    schedules = list_profile_schedules.sync(source_id, client=client)
    assert_type(schedules, list[Schedule])
    form = UpdateSchedulesForm(schedules=[ScheduleInput(days=s.days, times=s.times) for s in schedules])
    result = update_profile_schedules.sync(target_id, client=client, body=form)
    assert_type(result, UpdateSchedulesResult)
    return result.success


def username_or_none(client: AuthenticatedClient, profile_id: str) -> str | None:
    try:
        return get_profile.sync(profile_id, client=client).formatted_username
    except NotFoundError:
        return None
    except RateLimitedError as error:
        wait: float | None = error.retry_after
        raise RuntimeError(f"retry in {wait} s") from error
    except BufferApiError as error:
        code: int | None = error.code
        raise RuntimeError(f"{error.status_code} {code} {error.message} {error.url}") from error


def status_of(client: AuthenticatedClient, profile_id: str) -> int:
    response = get_profile.sync_detailed(profile_id, client=client)
    assert_type(response, Response[Error | Profile])
    return response.status_code


def retrying_client(token: str) -> AuthenticatedClient:
    transport = RateLimitRetry(max_attempts=4, max_wait=30.0)
    return AuthenticatedClient(base_url="https://api.bufferapp.com/1", token=token, httpx_args={"transport": transport})


async def timezones(client: AuthenticatedClient, profile_ids: list[str]) -> dict[str, str]:
    async with client as session:
        answers = await asyncio.gather(*(get_profile.asyncio(pid, client=session) for pid in profile_ids))
    assert_type(answers, list[Profile])
    return {answer.id: answer.timezone for answer in answers}


def weekend(times: list[str]) -> UpdateSchedulesForm:
    days: list[Day] = ["sat", "sun"]
    return UpdateSchedulesForm(schedules=[ScheduleInput(days=days, times=times)])


def quick_client(token: str) -> AuthenticatedClient:
    # Plain seconds are a timeout too.
    return AuthenticatedClient(base_url="https://api.bufferapp.com/1", token=token, timeout=2.0).with_timeout(5)


def replace_from_config(buffer: BufferProfiles, profile_id: str, config: dict[str, list[str]]) -> bool:
    # Days read from a file are plain strings: accepted, and checked when the call is made.
    schedules: list[ScheduleInputDict] = [{"days": config["days"], "times": config["times"]}]
    try:
        return buffer.profiles.schedules.update(profile_id, schedules=schedules).success
    except UnsuccessfulResponseError as error:  # a 200 saying "success": false
        raise RuntimeError(f"Buffer refused: {error.message} (code {error.code})") from error
    except APIConnectionError as error:
        raise RuntimeError(f"no answer: {error}") from error


def client_object_results(buffer: BufferProfiles) -> int:
    assert_type(buffer.profiles.list(), list[Profile])
    assert_type(buffer.profiles.retrieve("4eb854340acb04e870000010"), Profile)
    assert_type(buffer.profiles.schedules.list("4eb854340acb04e870000010"), list[Schedule])
    result = buffer.profiles.schedules.update(
        "4eb854340acb04e870000010",
        schedules=[ScheduleInput(days=["mon"], times=["12:45"]), {"days": ["sat"], "times": ["09:30"]}],
    )
    assert_type(result, UpdateSchedulesResult)
    raw = buffer.with_options(max_retries=0, timeout=httpx.Timeout(5.0)).profiles.with_raw_response.list()
    assert_type(raw, RawResponse[list[Profile]])
    return raw.status_code


async def async_client_object(token: str) -> list[Schedule]:
    async with AsyncBufferProfiles(token, timeout=10) as buffer:
        profiles = await buffer.profiles.list()
        return await buffer.profiles.schedules.list(profiles[0].id)
