"""The request journal and its asserting helpers, and the rule that a planned fault must be given."""

import httpx
import pytest

from buffer_profiles_testkit.exchanges import Exchange
from buffer_profiles_testkit.faults import rate_limited, server_error
from buffer_profiles_testkit.journal import Journal
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID

pytest_plugins = ["pytester"]

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
UPDATE_PATH = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"


def test_the_journal_has_every_request_in_order_with_its_user_body_status_and_fault(
    buffer_api: BufferApi, buffer_user: BufferUser
) -> None:
    buffer_api.fail_next("update_profile_schedules", rate_limited(retry_after=3))
    body = f"schedules[0][days][]=tue&schedules[0][times][]=18:05&access_token={buffer_user.token}"

    with httpx.Client(base_url=buffer_api.base_url + "/", timeout=10) as http:
        http.get("profiles.json", params={"access_token": buffer_user.token})
        for _ in range(2):
            http.post(UPDATE_PATH, content=body, headers=FORM)
        http.get("nowhere.json")

    journal = buffer_api.requests()
    assert [(request.operation, request.status) for request in journal] == [
        ("list_profiles", 200),
        ("update_profile_schedules", 429),
        ("update_profile_schedules", 200),
        (None, 404),
    ]
    update = journal[2]
    assert (update.method, update.path, update.profile_id, update.user_id) == (
        "POST",
        f"/1/{UPDATE_PATH}",
        DEMO_PROFILE_ID,
        buffer_user.id,
    )
    assert update.body == {"schedules": [{"days": ["tue"], "times": ["18:05"]}]}
    assert str(journal[1].fault) == "rate_limited(retry_after=3)"
    assert buffer_user.token not in repr(journal), "never the token"
    assert buffer_api.requests("update_profile_schedules") == journal[1:3]


def test_the_asserting_helpers_count_and_match_bodies(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    with httpx.Client(base_url=buffer_api.base_url + "/", timeout=10) as http:
        http.post(
            UPDATE_PATH,
            content="schedules[0][days][]=mon&schedules[0][times][]=09:00",
            headers={**FORM, "Authorization": f"Bearer {buffer_user.token}"},
        )

    buffer_api.assert_requested("update_profile_schedules", times=1, user=buffer_user, profile_id=DEMO_PROFILE_ID)
    buffer_api.assert_requested("update_profile_schedules", body={"schedules": [{"days": ["mon"], "times": ["09:00"]}]})
    buffer_api.assert_not_requested("list_profiles")
    with pytest.raises(AssertionError, match=r"^expected 2 request\(s\) of update_profile_schedules, got 1; all "):
        buffer_api.assert_requested("update_profile_schedules", times=2)
    with pytest.raises(AssertionError, match="expected no request"):
        buffer_api.assert_not_requested("update_profile_schedules")


def test_each_test_starts_with_an_empty_journal(buffer_api: BufferApi) -> None:
    with httpx.Client(timeout=10) as http:
        http.get(f"{buffer_api.base_url}/profiles.json")
    buffer_api.reset()

    assert buffer_api.requests() == []


def test_a_planned_fault_never_given_fails_the_test_in_one_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from buffer_profiles_testkit.faults import server_error

        def test_forgets_to_call(buffer_api):
            buffer_api.fail_next("list_profiles", server_error(), times=2)

        def test_may_not_call(buffer_api):
            buffer_api.fail_next("list_profiles", server_error(), optional=True)
        """
    )

    result = pytester.runpytest_inprocess("-p", "no:randomly", "-p", "no:xdist")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*planned fault never triggered: server_error() for list_profiles (given 0 of 2 times)"
            " (pass optional=True to fail_next if it may not be)"
        ]
    )


def test_a_fault_given_is_not_reported_as_unused(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    buffer_api.fail_next("list_profiles", server_error())
    with httpx.Client(timeout=10) as http:
        http.get(f"{buffer_api.base_url}/profiles.json", headers={"Authorization": f"Bearer {buffer_user.token}"})

    buffer_api.assert_all_faults_triggered()


def test_the_journal_keeps_only_the_latest_requests() -> None:
    journal = Journal(max_requests=2)
    for path in ("/1/a.json", "/1/b.json", "/1/c.json"):
        journal.arrived(Exchange("GET", path, real_connection=None))  # type: ignore[arg-type]

    assert [request.path for request in journal.requests()] == ["/1/b.json", "/1/c.json"]
