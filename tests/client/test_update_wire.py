"""The bytes the generated client sends for the schedules update, in every calling style."""

import asyncio
from collections.abc import Callable
from urllib.parse import unquote_plus

import pytest
from buffer_profiles_client.api.profiles import update_profile_schedules
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm, UpdateSchedulesResult

from tests.client.recording import TOKEN, RecordingTransport
from tests.seeds import SEED_PROFILE_ID, seed_update_post_data

SEED_FORM = UpdateSchedulesForm(
    schedules=[ScheduleInput(days=["mon", "tue", "thu"], times=["12:45", "15:30", "17:43"])]
)


def _sync(transport: RecordingTransport, form: UpdateSchedulesForm) -> object:
    return update_profile_schedules.sync(SEED_PROFILE_ID, client=transport.client(), body=form)


def _sync_detailed(transport: RecordingTransport, form: UpdateSchedulesForm) -> object:
    return update_profile_schedules.sync_detailed(SEED_PROFILE_ID, client=transport.client(), body=form).parsed


def _asyncio(transport: RecordingTransport, form: UpdateSchedulesForm) -> object:
    return asyncio.run(update_profile_schedules.asyncio(SEED_PROFILE_ID, client=transport.client(), body=form))


def _asyncio_detailed(transport: RecordingTransport, form: UpdateSchedulesForm) -> object:
    coroutine = update_profile_schedules.asyncio_detailed(SEED_PROFILE_ID, client=transport.client(), body=form)
    return asyncio.run(coroutine).parsed


CALLING_STYLES: list[Callable[[RecordingTransport, UpdateSchedulesForm], object]] = [
    _sync,
    _sync_detailed,
    _asyncio,
    _asyncio_detailed,
]


@pytest.mark.parametrize("call", CALLING_STYLES, ids=lambda call: call.__name__.lstrip("_"))
def test_seed_update_is_sent_exactly_as_the_documented_post_data(
    call: Callable[[RecordingTransport, UpdateSchedulesForm], object],
) -> None:
    transport = RecordingTransport(payload={"success": True})

    result = call(transport, SEED_FORM)

    body = transport.last.content.decode()
    assert unquote_plus(body) == seed_update_post_data()
    assert body == seed_update_post_data(), "brackets and colons are sent literally, as documented"
    assert isinstance(result, UpdateSchedulesResult)
    assert result.success is True


@pytest.mark.parametrize("call", CALLING_STYLES, ids=lambda call: call.__name__.lstrip("_"))
def test_update_request_line_and_headers(call: Callable[[RecordingTransport, UpdateSchedulesForm], object]) -> None:
    transport = RecordingTransport(payload={"success": True})

    call(transport, SEED_FORM)

    request = transport.last
    assert request.method == "POST"
    assert str(request.url) == f"https://api.bufferapp.com/1/profiles/{SEED_PROFILE_ID}/schedules/update.json"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Length"] == str(len(seed_update_post_data()))


def test_several_schedules_are_indexed_in_order() -> None:
    transport = RecordingTransport(payload={"success": True})
    form = UpdateSchedulesForm(
        schedules=[
            ScheduleInput(days=["mon", "tue", "wed", "thu", "fri"], times=["09:00", "12:30"]),
            ScheduleInput(days=["sat"], times=["10:15"]),
            ScheduleInput(days=["sun"], times=["00:00", "23:59"]),
        ]
    )

    _sync(transport, form)

    assert transport.last.content.decode() == "&".join(
        [
            "schedules[0][days][]=mon",
            "schedules[0][days][]=tue",
            "schedules[0][days][]=wed",
            "schedules[0][days][]=thu",
            "schedules[0][days][]=fri",
            "schedules[0][times][]=09:00",
            "schedules[0][times][]=12:30",
            "schedules[1][days][]=sat",
            "schedules[1][times][]=10:15",
            "schedules[2][days][]=sun",
            "schedules[2][times][]=00:00",
            "schedules[2][times][]=23:59",
        ]
    )


def test_a_twitter_sized_schedule_keeps_every_time() -> None:
    times = [f"{minute // 60:02d}:{minute % 60:02d}" for minute in range(0, 24 * 60, 5)]
    transport = RecordingTransport(payload={"success": True})

    _sync(transport, UpdateSchedulesForm(schedules=[ScheduleInput(days=["mon"], times=times)]))

    pairs = transport.last.content.decode().split("&")
    assert len(times) == 288
    assert pairs[1:] == [f"schedules[0][times][]={time}" for time in times]
