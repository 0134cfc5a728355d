"""The pytest plugin's fixtures and faults, used here exactly as a user's tests use them (real HTTP, real SQLite)."""

import logging
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette

from buffer_profiles_testkit.faults import (
    Fault,
    bare_unauthorized,
    delay,
    rate_limited,
    schedule_limit_reached,
    server_error,
)
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser
from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UPDATE_BODY = "schedules[0][days][]=mon&schedules[0][times][]=09:00"


def _http(api: BufferApi, user: BufferUser) -> httpx.Client:
    return httpx.Client(base_url=api.base_url + "/", headers={"Authorization": f"Bearer {user.token}"}, timeout=10)


def test_buffer_user_is_the_demo_user_by_default(buffer_user: BufferUser, buffer_api: BufferApi) -> None:
    assert buffer_user.profile_ids[0] == DEMO_PROFILE_ID
    assert buffer_api.profiles(buffer_user)[0]["formatted_username"] == "@skinnyoteam"


@pytest.mark.buffer_profiles({"service": "facebook", "timezone": "Europe/Berlin"})
def test_the_marker_gives_the_user_its_profiles(buffer_user: BufferUser, buffer_api: BufferApi) -> None:
    with _http(buffer_api, buffer_user) as http:
        listed = http.get("profiles.json").json()

    assert [(profile["service"], profile["timezone"]) for profile in listed] == [("facebook", "Europe/Berlin")]
    assert listed[0]["user_id"] == buffer_user.id


def test_each_test_starts_from_an_empty_store(buffer_api: BufferApi) -> None:
    first = buffer_api.add_user()
    buffer_api.reset()

    with _http(buffer_api, first) as http:
        assert http.get("profiles.json").status_code == 401  # the user, and so its token, are gone


def test_stored_state_written_directly_is_what_the_api_answers(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    schedules = [{"days": ["sun"], "times": ["07:15", "19:45"]}]
    buffer_api.set_schedules(buffer_user, DEMO_PROFILE_ID, schedules)

    with _http(buffer_api, buffer_user) as http:
        assert http.get(f"profiles/{DEMO_PROFILE_ID}/schedules.json").json() == schedules
        http.post(f"profiles/{DEMO_PROFILE_ID}/schedules/update.json", content=UPDATE_BODY, headers=FORM)

    assert buffer_api.schedules(buffer_user, DEMO_PROFILE_ID) == [{"days": ["mon"], "times": ["09:00"]}]


@pytest.mark.parametrize(
    ("fault", "status", "code", "header"),
    [
        (rate_limited(retry_after=7), 429, 429, ("retry-after", "7")),
        (schedule_limit_reached(), 403, 1013, None),
        (server_error(), 500, 1000, None),
    ],
    ids=["rate_limited", "schedule_limit_reached", "server_error"],
)
def test_a_fault_answers_the_next_calls_in_buffers_shape_then_stops(
    buffer_api: BufferApi, buffer_user: BufferUser, fault: Fault, status: int, code: int, header: tuple[str, str] | None
) -> None:
    buffer_api.fail_next("update_profile_schedules", fault, times=2)
    path = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"
    before = buffer_api.schedules(buffer_user, DEMO_PROFILE_ID)

    with _http(buffer_api, buffer_user) as http:
        answers = [http.post(path, content=UPDATE_BODY, headers=FORM) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [status, status, 200]
    assert answers[0].json()["code"] == code
    if header is not None:
        assert answers[0].headers[header[0]] == header[1]
    assert buffer_api.faults.pending("update_profile_schedules") == 0
    assert before != buffer_api.schedules(buffer_user, DEMO_PROFILE_ID), "only the third call reached the store"


def test_a_bare_401_is_buffers_recorded_one(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    buffer_api.fail_next("get_profile", bare_unauthorized())

    with _http(buffer_api, buffer_user) as http:
        answer = http.get(f"profiles/{DEMO_PROFILE_ID}.json")

    assert answer.status_code == 401
    assert answer.content == b""
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["www-authenticate"].startswith("OAuth realm='Service'")


def test_a_delay_holds_the_call_then_the_api_answers(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    buffer_api.fail_next("list_profiles", delay(0.05))

    with _http(buffer_api, buffer_user) as http:
        assert http.get("profiles.json").status_code == 200
    assert buffer_api.faults.pending("list_profiles") == 0


def test_faults_go_only_to_their_operation_and_are_logged(
    buffer_api: BufferApi, buffer_user: BufferUser, caplog: pytest.LogCaptureFixture
) -> None:
    buffer_api.fail_next("list_profile_schedules", server_error())

    with (
        caplog.at_level(logging.WARNING, logger="buffer_profiles_testkit.faults"),
        _http(buffer_api, buffer_user) as http,
    ):
        assert http.get("profiles.json").status_code == 200
        assert http.get(f"profiles/{DEMO_PROFILE_ID}/schedules.json").status_code == 500

    assert any("injected fault: GET" in record.getMessage() for record in caplog.records)


def test_reset_drops_faults_not_yet_used(buffer_api: BufferApi) -> None:
    buffer_api.fail_next("get_profile", server_error(), times=5)
    buffer_api.reset()

    assert buffer_api.faults.pending("get_profile") == 0


def test_an_unknown_operation_is_refused_at_once(buffer_api: BufferApi) -> None:
    with pytest.raises(ValueError, match="unknown operation 'get_profiles'"):
        buffer_api.fail_next("get_profiles", server_error())


def test_an_app_made_without_a_plan_has_no_faults(tmp_path: Path) -> None:
    """The server command never passes a plan, so faults exist only where a test made them."""
    assert isinstance(create_app(tmp_path / "db.sqlite3"), Starlette)
