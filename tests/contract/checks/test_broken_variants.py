"""The suite catches each kind of contract violation, and names the check that proves it.

A whole run costs seconds, so each run serves a server that breaks several promises at once: a
group of variants (tests/contract/variants.py) that touch different requests. A group proves each
of its variants caught only if no other member trips that variant's check: EXPECTED lists, for
each variant, the check that must report it and the other checks it trips on its own (measured by
running it alone with the same phases); test_groups_keep_their_checks_apart proves the groups
sound from that table, and each run that it reports nothing outside it. The full suite runs
against the correct server in test_reference_server.py.
"""

import json
import re
import sqlite3
from pathlib import Path

import pytest
import yaml

from buffer_profiles_testkit import SPEC_FILE
from buffer_profiles_testkit.contract.edge_cases.cases import edge_cases
from buffer_profiles_testkit.contract.edge_cases.encoding import MALFORMED_FORMS
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_PROFILE_ID, DEMO_TOKEN, OTHER_USER_TOKEN
from tests.contract.harness import SERVER_DATABASE, ContractRun, run_contract, serving
from tests.contract.variants import REFUSES_TO_PUT_BACK, VARIANTS, Combined

# Every phase a variant needs: the explicit edge cases run before any, and these reach the rest.
PHASES = ("--phases", "examples,coverage", "--max-examples", "10")

# variant -> (the check that must report it, the other checks it trips on its own with PHASES)
EXPECTED: dict[str, tuple[str, frozenset[str]]] = {
    name: (check, frozenset(others))
    for name, check, others in [
        ("dropped_update", "schedules_read_your_writes", []),
        ("wrong_field_type", "response_schema_conformance", []),
        (
            "server_error_on_bad_input",
            "not_a_server_error",
            ["status_code_conformance", "invalid_edges_are_rejected", "server_choice_edges_are_safe", MALFORMED_FORMS],
        ),
        # reported by invalid_data_is_rejected, which stands in for the stock check of that name
        ("accepts_invalid_update", "negative_data_rejection", ["invalid_edges_are_rejected", MALFORMED_FORMS]),
        (
            "ignores_auth",
            "ignored_auth",
            [
                "close_tokens_are_refused",
                "equivalent_tokens_are_accepted",
                "token_placements_agree",
                "other_users_profiles_are_hidden",
                "other_users_writes_are_refused",
                "missing_or_unknown_tokens_are_refused",
            ],
        ),
        ("leaks_other_users_profile", "other_users_profiles_are_hidden", ["other_users_writes_are_refused"]),
        (
            "wrong_error_code",
            "error_code_matches_status",
            ["other_users_profiles_are_hidden", "other_users_writes_are_refused"],
        ),
        ("partial_update_despite_400", "rejected_update_changes_nothing", []),
        (
            "answers_another_profile",
            "profile_has_requested_id",
            ["listed_profiles_are_unique_and_fetchable", "profile_schedules_match_endpoint"],
        ),
        ("stale_embedded_schedules", "profile_schedules_match_endpoint", []),
        ("plain_text_errors", "responses_are_json", []),
        ("duplicate_listing", "listed_profiles_are_unique_and_fetchable", []),
        ("token_in_both_places_accepted", "token_placements_agree", []),
        ("other_user_can_overwrite_schedules", "other_users_writes_are_refused", []),
        ("update_overwrites_sibling_profile", "updates_touch_only_their_profile", []),
        # caught by the explicit edge cases
        ("accepts_hour_24", "invalid_edges_are_rejected", []),
        ("accepts_trailing_newline", "invalid_edges_are_rejected", ["close_tokens_are_refused"]),  # a token's too
        ("serves_unknown_endpoint", "unknown_endpoints_are_refused", []),
        ("ignores_form_body_token", "token_placements_agree", ["equivalent_tokens_are_accepted"]),
        ("unauthorized_without_challenge", "unauthorized_carries_a_challenge", []),
        ("crashes_on_json_body", "server_choice_edges_are_safe", []),
        # its 429s, never waited out, leave the rest of the edge cases unsent (not verified)
        ("retry_after_in_words", "retry_after_is_seconds", ["token_placements_agree", "ignored_auth"]),
        (
            "refuses_single_day_schedule",
            "valid_edges_are_accepted",
            ["positive_data_acceptance", "other_users_writes_are_refused"],
        ),
        ("refuses_percent_encoded_names", "valid_edges_are_accepted", []),
        ("accepts_close_tokens", "close_tokens_are_refused", []),
        ("serves_empty_token", "close_tokens_are_refused", []),
        ("exact_bearer_scheme_only", "equivalent_tokens_are_accepted", []),
        # said refused, yet stored: the refusal changed the profile
        ("update_says_success_false", "accepted_updates_say_success_true", ["rejected_update_changes_nothing"]),
        ("refusal_says_success_true", "error_bodies_say_success_false", []),
        ("update_resets_timezone", "updates_change_only_the_schedules", []),
        ("decodes_values_only_with_escaped_names", "valid_edges_are_accepted", []),
        ("crashes_on_malformed_forms", MALFORMED_FORMS, ["not_a_server_error", "status_code_conformance"]),
    ]
}

# Each group's members touch different requests (the first member sees each request first). As
# schemathesis stops testing an operation, in each phase, at its first failing case, members that
# its phases catch differ in operation or phase; the edge cases report every failure they meet.
GROUPS: dict[str, tuple[str, ...]] = {
    "auth_ignored": (
        "ignores_auth",
        "wrong_field_type",
        "duplicate_listing",
        "partial_update_despite_400",
        "accepts_hour_24",
        "update_resets_timezone",
        "decodes_values_only_with_escaped_names",
    ),
    "read_side_faults": (
        "refuses_percent_encoded_names",
        "leaks_other_users_profile",
        "token_in_both_places_accepted",
        "unauthorized_without_challenge",
        "stale_embedded_schedules",
        "server_error_on_bad_input",
        "exact_bearer_scheme_only",  # before accepts_close_tokens, which would mend the scheme's case
        "accepts_close_tokens",
    ),
    "write_side_faults": (
        "other_user_can_overwrite_schedules",
        "accepts_invalid_update",
        "answers_another_profile",
        "update_overwrites_sibling_profile",
        "serves_unknown_endpoint",
        "crashes_on_json_body",
        "serves_empty_token",
    ),
    "throttled_in_words": ("retry_after_in_words", "wrong_error_code", "update_says_success_false"),
    "strict_and_lossy": (
        "crashes_on_malformed_forms",  # first: its 500 answers each malformed form before others see it
        "accepts_trailing_newline",
        "ignores_form_body_token",
        "refuses_single_day_schedule",
        "dropped_update",
        "plain_text_errors",
        "refusal_says_success_true",
    ),
}
SPEC = yaml.safe_load(SPEC_FILE.read_text())
SEEDED = {profile["id"]: profile["schedules"] for user in DEMO_FIXTURES["users"] for profile in user["profiles"]}


def _every_schedule_is_put_back(run: ContractRun, scratch: Path) -> None:
    """A failing run leaves the account as it found it (this group's faults store nothing themselves)."""
    assert _stored_schedules(scratch / SERVER_DATABASE) == SEEDED
    assert "every profile's schedules are as they were before the run" in run.output


def _a_429_past_the_retries_is_not_verified(run: ContractRun, scratch: Path) -> None:
    """A 429 that cannot be waited out leaves its cases not verified, never failed, and says how to pace the run."""
    assert "not_rate_limited" not in run.failures
    last = run.output.strip().splitlines()[-1]
    assert re.search(r"; [1-9]\d* not verified;", last), last
    assert "--requests-per-minute N" in run.output
    assert "REQUESTS_PER_MINUTE" not in run.output  # the Makefile's name: the command does not read it


def _a_profile_not_put_back_is_named(run: ContractRun, scratch: Path) -> None:
    """REFUSES_TO_PUT_BACK (not a broken promise) refuses to put the demo profile back: the run says so, and how."""
    assert run.exit_code == exit_codes.NOT_RESTORED, run.output
    assert f"Profile {DEMO_PROFILE_ID} (the user's) was not restored" in run.output


def _each_malformed_form_is_reported(run: ContractRun, scratch: Path) -> None:
    """crashes_on_malformed_forms answers every malformed form 500: each of those edge cases reports it."""
    malformed = [case for case in edge_cases(SPEC, DEMO_PROFILE_ID) if case.check == MALFORMED_FORMS]
    assert len(malformed) >= 6
    assert len(run.failures[MALFORMED_FORMS]) == len(malformed), run.failures[MALFORMED_FORMS]


# What a group's run proves on the way besides its checks, and anything it adds to the server for it.
ALSO_PROVES = {
    "read_side_faults": _every_schedule_is_put_back,
    "throttled_in_words": _a_429_past_the_retries_is_not_verified,
    "write_side_faults": _a_profile_not_put_back_is_named,
    "strict_and_lossy": _each_malformed_form_is_reported,
}
ALSO_SERVED = {"write_side_faults": (REFUSES_TO_PUT_BACK,)}
# A 429 paces the rest of a run at Buffer's 60 a minute unless a rate is given: one that costs no time.
OPTIONS = {"throttled_in_words": ("--requests-per-minute", "600000")}


def _stored_schedules(database: Path) -> dict[str, object]:
    # Read from the file itself: a broken server's answers are not to be trusted for this.
    with sqlite3.connect(database) as db:
        return {
            profile_id: json.loads(schedules)
            for profile_id, schedules in db.execute("SELECT id, schedules FROM profiles")
        }


def test_every_variant_is_in_exactly_one_group() -> None:
    members = [name for group in GROUPS.values() for name in group]

    assert sorted(members) == sorted(EXPECTED) == sorted(VARIANTS)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_groups_keep_their_checks_apart(group: str) -> None:
    for name in GROUPS[group]:
        check = EXPECTED[name][0]
        for other in GROUPS[group]:
            if other != name:
                other_check, other_trips = EXPECTED[other]
                assert check != other_check, f"{other} would hide whether {name} is caught"
                assert check not in other_trips, f"{other} would hide whether {name} is caught"


@pytest.mark.slow
@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_broken_promise_is_reported_by_its_own_check(group: str, tmp_path: Path) -> None:
    members = GROUPS[group]
    served = Combined((*(VARIANTS[name] for name in members), *ALSO_SERVED.get(group, ())))
    with serving(tmp_path, served) as base_url:
        run = run_contract(base_url, tmp_path, *PHASES, options=OPTIONS.get(group, ()))

    assert run.exit_code != 0, f"{group}: the suite passed a broken server\n{run.output}"
    known = {check for name in members for check in (EXPECTED[name][0], *EXPECTED[name][1])}
    assert run.failed_checks <= known, f"{group}: unexpected {sorted(run.failed_checks - known)}\n{run.output}"
    for name in members:
        check = EXPECTED[name][0]
        assert check in run.failed_checks, f"{name}: expected {check}, got {sorted(run.failed_checks)}\n{run.output}"
        failure = run.failures[check][0]
        assert "curl " in failure, "a failure must carry a reproducing curl command"
        for token in (DEMO_TOKEN, OTHER_USER_TOKEN):
            assert token not in failure, "tokens must not appear in reports"
    if group in ALSO_PROVES:
        ALSO_PROVES[group](run, tmp_path)
