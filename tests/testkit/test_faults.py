"""Faults: every argument checked when the fault is made, matching by profile and user, and faults
that break the connection or come after an update's write (real HTTP over loopback, real SQLite)."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from buffer_profiles_testkit.faults import (
    Fault,
    answer,
    buffer_error,
    closed_after_head,
    connection_reset,
    delay,
    non_json_body,
    rate_limited,
    server_error,
    slow_body,
    truncated_body,
)
from buffer_profiles_testkit.faults.buffer_errors import BUFFER_ERRORS
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID
from buffer_profiles_testkit.yaml_loading import load_yaml
from overrides.generate import ROOT

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UPDATE_BODY = "schedules[0][days][]=mon&schedules[0][times][]=09:00"
UPDATE_PATH = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"
UPDATED = [{"days": ["mon"], "times": ["09:00"]}]


def _http(api: BufferApi, user: BufferUser) -> httpx.Client:
    return httpx.Client(base_url=api.base_url + "/", headers={"Authorization": f"Bearer {user.token}"}, timeout=10)


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (lambda: delay(-1), r"^delay: seconds must be a positive number of seconds, not -1\.$"),
        (
            lambda: rate_limited(retry_after=1.5),  # type: ignore[arg-type]
            r"^rate_limited: retry_after must be a whole number, not 1\.5\.$",
        ),
        (lambda: buffer_error(1099), r"^buffer_error: code 1099 is not in Buffer's error table \(.*\); add status="),
        (lambda: answer(700), r"^answer: status must be an HTTP status from 100 to 599, not 700\.$"),
        (lambda: slow_body(chunks=1), r"^slow_body: chunks must be at least 2, not 1\.$"),
        (lambda: answer(200, headers={"x-a": "two\nlines"}), r"^answer: the value of header x-a must be one line"),
        (lambda: delay(0.1).after_write(), r"^delay\(0\.1\)\.after_write\(\): only a fault that answers"),
    ],
    ids=["negative delay", "fractional retry-after", "unknown code", "status", "chunks", "header", "after_write"],
)
def test_a_wrong_fault_argument_is_refused_in_one_sentence_naming_it(make: Callable[[], Fault], refusal: str) -> None:
    with pytest.raises((ValueError, TypeError), match=refusal):
        make()


def test_buffer_error_answers_the_status_of_buffers_table_or_the_one_given() -> None:
    assert buffer_error(1011).status == 403  # "No authorization to access profile" is a 403 in Buffer's table
    assert buffer_error(1099, "Custom.", status=409).status == 409


def test_the_error_table_is_the_specs() -> None:
    """faults/buffer_errors.py repeats the spec's "Errors" table; the first status listed is the one used."""
    description = load_yaml((ROOT / "openapi.yaml").read_text())["info"]["description"]
    rows = [line.split("|") for line in description.splitlines() if line.startswith("| ") and "|" in line[2:]]
    table = {int(cells[1]): int(cells[2].split(",")[0]) for cells in rows if cells[1].strip().isdigit()}

    assert {code: status for code, (status, _) in BUFFER_ERRORS.items()} == table


@pytest.mark.parametrize(
    ("planned", "refusal"),
    [
        ({"operation": "list_profiles", "fault": 500}, "fault must be made by a function of buffer_profiles_testkit"),
        ({"operation": "get_profiles", "fault": server_error()}, "unknown operation 'get_profiles'; known: "),
        ({"operation": "get_profile", "fault": server_error().after_write()}, "is for operations that write"),
        ({"operation": "get_profile", "fault": server_error(), "times": 0}, "times must be at least 1"),
    ],
    ids=["a status for a fault", "unknown operation", "after_write on a read", "times"],
)
def test_fail_next_refuses_a_wrong_plan_at_once(buffer_api: BufferApi, planned: dict[str, Any], refusal: str) -> None:
    with pytest.raises((ValueError, TypeError), match=refusal):
        buffer_api.fail_next(**planned)
    assert buffer_api.faults.planned() == []


@pytest.mark.buffer_profiles({}, {})
def test_a_fault_goes_only_to_the_profile_and_user_it_names(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    other = buffer_api.add_user()
    first, second = buffer_user.profile_ids
    buffer_api.fail_next("get_profile", server_error(), profile_id=second, user=buffer_user)

    with _http(buffer_api, other) as http:
        assert http.get(f"profiles/{other.profile_ids[0]}.json").status_code == 200  # another user
    with _http(buffer_api, buffer_user) as http:
        assert http.get(f"profiles/{first}.json").status_code == 200  # another profile
        assert http.get(f"profiles/{second}.json").status_code == 500


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (connection_reset(), httpx.TransportError),
        (closed_after_head(), httpx.RemoteProtocolError),
        (truncated_body(), httpx.RemoteProtocolError),
    ],
    ids=["reset", "closed after the head", "truncated"],
)
def test_a_connection_fault_reaches_the_client_as_a_transport_error(
    buffer_api: BufferApi, buffer_user: BufferUser, fault: Fault, error: type[Exception]
) -> None:
    buffer_api.fail_next("list_profiles", fault)

    with _http(buffer_api, buffer_user) as http:
        with pytest.raises(error):
            http.get("profiles.json")
        assert http.get("profiles.json").status_code == 200, "only the next call"


def test_a_non_json_body_is_a_proxys_html_page(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    buffer_api.fail_next("list_profiles", non_json_body())

    with _http(buffer_api, buffer_user) as http:
        page = http.get("profiles.json")

    assert (page.status_code, page.headers["content-type"]) == (200, "text/html; charset=UTF-8")
    assert page.text.startswith("<html>")


def test_a_slow_body_arrives_whole_in_parts(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    buffer_api.fail_next("list_profiles", slow_body(0.06, chunks=3))

    with _http(buffer_api, buffer_user) as http, http.stream("GET", "profiles.json") as streamed:
        parts = list(streamed.iter_raw())

    assert len(parts) == 3
    assert b"".join(parts).startswith(b"[{")


@pytest.mark.parametrize(
    ("fault", "answered"),
    [(server_error().after_write(), 500), (connection_reset().after_write(), None)],
    ids=["then 500", "then dropped"],
)
def test_an_update_applied_then_failed_is_stored_though_the_client_learns_nothing(
    buffer_api: BufferApi, buffer_user: BufferUser, fault: Fault, answered: int | None
) -> None:
    """The branch the client's README warns of: "an update may or may not have been applied"."""
    buffer_api.fail_next("update_profile_schedules", fault)

    with _http(buffer_api, buffer_user) as http:
        if answered is None:
            with pytest.raises(httpx.TransportError):
                http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM)
        else:
            assert http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM).status_code == answered

    assert buffer_api.schedules(buffer_user, DEMO_PROFILE_ID) == UPDATED
    (update,) = buffer_api.requests("update_profile_schedules")
    assert (update.written, update.status, update.fault) == (True, answered, fault)


def test_a_fault_before_the_write_leaves_the_schedules_alone(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    before = buffer_api.schedules(buffer_user, DEMO_PROFILE_ID)
    buffer_api.fail_next("update_profile_schedules", server_error())

    with _http(buffer_api, buffer_user) as http:
        assert http.post(UPDATE_PATH, content=UPDATE_BODY, headers=FORM).status_code == 500

    assert buffer_api.schedules(buffer_user, DEMO_PROFILE_ID) == before
