"""What the checks read from the spec: the error table, and Buffer's contract apart from the server's choices."""

from pathlib import Path
from typing import Any

from buffer_profiles_testkit.contract.spec_facts import (
    component_validators,
    contract_validators,
    error_statuses_by_code,
)
from buffer_profiles_testkit.yaml_loading import load_yaml

SPEC: dict[str, Any] = load_yaml((Path(__file__).resolve().parents[3] / "openapi.yaml").read_text())
REPEATED_DAY = {"schedules": [{"days": ["mon", "mon"], "times": ["12:00"]}]}
EIGHT_SCHEDULES = {"schedules": [{"days": ["mon"], "times": ["12:00"]}] * 8}
UNKNOWN_DAY = {"schedules": [{"days": ["funday"], "times": ["12:00"]}]}


def test_an_unknown_token_may_be_401_or_403_and_nothing_else() -> None:
    table = error_statuses_by_code(SPEC)

    assert table[1001] == {401, 403}
    assert table[1010] == {404}
    assert table[1013] == {403}


def test_a_body_breaking_only_a_server_choice_is_valid_under_buffers_contract() -> None:
    for body in (REPEATED_DAY, EIGHT_SCHEDULES):
        assert not component_validators(SPEC).is_valid("UpdateSchedulesForm", body)
        assert contract_validators(SPEC).is_valid("UpdateSchedulesForm", body)


def test_a_body_breaking_buffers_own_rules_stays_invalid() -> None:
    assert not contract_validators(SPEC).is_valid("UpdateSchedulesForm", UNKNOWN_DAY)
    assert not contract_validators(SPEC).is_valid("UpdateSchedulesForm", {"schedules": []})
