"""A 200 whose body says "success": false is an error, not a result: Buffer refused the update.

Buffer answered that way: the Node client buffer-node (matthistuff/buffer-node, commit 6d5816f,
2017, "Fixed error checking with newer buffer API") tests {"success":false,"message":"...","code":1004}
on HTTP 200; buffpy's issue 9 (vtemian/buffpy) shows a live {"code":1025,"success":false} body. The
spec's 200 answer of the update documents it.
"""

import asyncio

import httpx
import pytest
from buffer_profiles_client import AuthenticatedClient, BufferApiError, BufferProfiles, UnsuccessfulResponseError
from buffer_profiles_client.api.profiles import update_profile_schedules
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm, UpdateSchedulesResult

from tests.client.recording import BASE_URL, TOKEN, RecordingTransport
from tests.seeds import SEED_PROFILE_ID

REFUSED = {"success": False, "message": "Whoops", "code": 1004}
FORM = UpdateSchedulesForm(schedules=[ScheduleInput(days=["mon"], times=["12:45"])])


def _assert_is_the_refusal(error: UnsuccessfulResponseError) -> None:
    assert isinstance(error, BufferApiError)
    assert (error.status_code, error.code, error.message) == (200, 1004, "Whoops")
    assert str(error) == (
        f"200 OK (code 1004): Whoops [POST {BASE_URL}/profiles/{SEED_PROFILE_ID}/schedules/update.json]"
    )


def test_the_client_object_raises_and_does_not_send_again() -> None:
    recording = RecordingTransport(payload=REFUSED)

    with httpx.Client(transport=httpx.MockTransport(recording)) as http:
        buffer = BufferProfiles(TOKEN, base_url=BASE_URL, http_client=http)
        with pytest.raises(UnsuccessfulResponseError) as raised:
            buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=[{"days": ["mon"], "times": ["12:45"]}])

    _assert_is_the_refusal(raised.value)
    assert len(recording.requests) == 1


def test_sync_and_asyncio_raise_it_too() -> None:
    client = RecordingTransport(payload=REFUSED).client()

    with pytest.raises(UnsuccessfulResponseError) as raised_sync:
        update_profile_schedules.sync(SEED_PROFILE_ID, client=client, body=FORM)
    with pytest.raises(UnsuccessfulResponseError) as raised_async:
        asyncio.run(update_profile_schedules.asyncio(SEED_PROFILE_ID, client=client, body=FORM))

    _assert_is_the_refusal(raised_sync.value)
    _assert_is_the_refusal(raised_async.value)


def test_the_detailed_function_returns_it_as_parsed() -> None:
    client: AuthenticatedClient = RecordingTransport(payload=REFUSED).client()

    response = update_profile_schedules.sync_detailed(SEED_PROFILE_ID, client=client, body=FORM)

    assert response.status_code == 200
    assert isinstance(response.parsed, UpdateSchedulesResult)
    assert (response.parsed.success, response.parsed.code, response.parsed.message) == (False, 1004, "Whoops")


def test_a_success_saying_true_is_the_result() -> None:
    client = RecordingTransport(payload={"success": True, "message": "Schedules updated."}).client()

    assert update_profile_schedules.sync(SEED_PROFILE_ID, client=client, body=FORM).success is True
