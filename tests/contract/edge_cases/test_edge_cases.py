"""The explicit edge cases come from the spec: its boundaries, on both sides, and nothing hand-listed."""

import copy
from pathlib import Path
from typing import Any

from buffer_profiles_testkit.contract.edge_cases.cases import edge_cases
from buffer_profiles_testkit.contract.edge_cases.model import EdgeCase, Expect, Token
from buffer_profiles_testkit.contract.edge_cases.values import string_edges
from buffer_profiles_testkit.yaml_loading import load_yaml

SPEC: dict[str, Any] = load_yaml((Path(__file__).resolve().parents[3] / "openapi.yaml").read_text())
PROFILE_ID = "4eb854340acb04e870000010"


def _by_name(cases: list[EdgeCase]) -> dict[str, EdgeCase]:
    return {case.name: case for case in cases}


def test_time_values_on_both_sides_of_the_pattern() -> None:
    edges = string_edges(SPEC["components"]["schemas"]["Time"])

    assert {"23:45", "20:45", "09:45", "12:05", "12:55"} <= set(edges.inside)
    assert {"24:45", "12:65", "32:45", "12:45\n", "12:4", "12:455"} <= set(edges.outside)
    assert not set(edges.inside) & set(edges.outside)


def test_days_outside_the_enum_are_near_misses() -> None:
    edges = string_edges(SPEC["components"]["schemas"]["Day"])

    assert set(edges.inside) == {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    assert {"Mon", "mon\n", "sun\n"} <= set(edges.outside)


def test_each_case_is_classified_by_the_spec() -> None:
    cases = _by_name(edge_cases(SPEC, PROFILE_ID))

    assert cases["update: [schedules][0][times][0] = '24:45' (just outside)"].expect is Expect.REJECTED
    assert cases["update: [schedules][0][times][0] = '23:45' (inside)"].expect is Expect.ACCEPTED
    assert cases["update: [schedules][0][days] with 0 item(s) (below minItems)"].expect is Expect.REJECTED
    # maxItems and uniqueItems are the reference server's choices (x-reference-server-choice)
    assert cases["update: [schedules][0][times] with 289 items (above maxItems)"].expect is Expect.SAFE
    assert cases["update: [schedules][0][days] with an item repeated (uniqueItems)"].expect is Expect.SAFE
    assert cases["update: a JSON body"].expect is Expect.SAFE  # 415 is a reference-server choice
    assert cases["update_profile_schedules: token in the body"].token_in == (Token.BODY,)
    assert cases["update_profile_schedules: token in the header and token in the body"].expect is Expect.REFUSED
    assert "GET profiles (unknown endpoint)" in cases


def test_a_new_constraint_in_the_spec_brings_its_cases() -> None:
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["ScheduleInput"]["properties"]["days"]["minItems"] = 2

    cases = _by_name(edge_cases(spec, PROFILE_ID))

    assert cases["update: [schedules][0][days] with 2 item(s) (minItems)"].expect is Expect.ACCEPTED
    assert cases["update: [schedules][0][days] with 1 item(s) (below minItems)"].expect is Expect.REJECTED


def test_read_only_sends_no_write() -> None:
    cases = edge_cases(SPEC, PROFILE_ID, read_only=True)

    assert cases
    assert all(case.method == "GET" for case in cases)
