"""The suite catches each kind of contract violation, and names the check that proves it.

Each variant runs only the phases that reach its fault, with few examples, to keep this quick;
the full suite runs against the correct server in test_reference_server.py.
"""

from pathlib import Path

import pytest

from buffer_profiles_testkit.server.demo import DEMO_TOKEN, OTHER_USER_TOKEN
from tests.contract.harness import run_contract, serving
from tests.contract.variants import VARIANTS

# variant -> (the check that must report it, the phases that reach it)
EXPECTED = {
    "dropped_update": ("schedules_read_your_writes", "examples,stateful"),
    "wrong_field_type": ("response_schema_conformance", "examples"),
    "server_error_on_bad_input": ("not_a_server_error", "coverage"),
    "accepts_invalid_update": ("negative_data_rejection", "coverage"),  # reported by invalid_data_is_rejected
    "ignores_auth": ("ignored_auth", "examples"),
    "leaks_other_users_profile": ("other_users_profiles_are_hidden", "examples"),
    "wrong_error_code": ("error_code_matches_status", "coverage"),
    "partial_update_despite_400": ("rejected_update_changes_nothing", "coverage"),
    "answers_another_profile": ("profile_has_requested_id", "examples"),
    "stale_embedded_schedules": ("profile_schedules_match_endpoint", "examples"),
    "plain_text_errors": ("responses_are_json", "coverage"),
    "duplicate_listing": ("listed_profiles_are_unique_and_fetchable", "fuzzing"),
    "token_in_both_places_accepted": ("token_placements_agree", "examples"),
    "other_user_can_overwrite_schedules": ("other_users_writes_are_refused", "examples"),
    "update_overwrites_sibling_profile": ("updates_touch_only_their_profile", "examples"),
    # Caught by the explicit edge cases, which run before any phase.
    "accepts_hour_24": ("invalid_edges_are_rejected", "examples"),
    "accepts_trailing_newline": ("invalid_edges_are_rejected", "examples"),
    "serves_unknown_endpoint": ("unknown_endpoints_are_refused", "examples"),
    "ignores_form_body_token": ("token_placements_agree", "examples"),
    "unauthorized_without_challenge": ("unauthorized_carries_a_challenge", "examples"),
    "crashes_on_json_body": ("server_choice_edges_are_safe", "examples"),
    "retry_after_in_words": ("retry_after_is_seconds", "examples"),
    "refuses_single_day_schedule": ("valid_edges_are_accepted", "examples"),
}


def test_every_variant_has_an_expectation() -> None:
    assert set(EXPECTED) == set(VARIANTS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_variant_is_reported_by_the_right_check(name: str, tmp_path: Path) -> None:
    check, phases = EXPECTED[name]
    with serving(tmp_path, VARIANTS[name]) as base_url:
        run = run_contract(base_url, tmp_path, "--phases", phases, "--max-examples", "10")

    assert run.exit_code != 0, f"{name}: the suite passed a broken server\n{run.output}"
    assert check in run.failed_checks, f"{name}: expected {check}, got {sorted(run.failed_checks)}\n{run.output}"
    failure = run.failures[check][0]
    assert "curl " in failure, "a failure must carry a reproducing curl command"
    for token in (DEMO_TOKEN, OTHER_USER_TOKEN):
        assert token not in failure, "tokens must not appear in reports"
