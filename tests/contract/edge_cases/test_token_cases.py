"""The token's cases come from the security schemes: close tokens differ once decoded, equivalent ones do not."""

import copy
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest

from buffer_profiles_testkit.contract.edge_cases.credentials import AUTHORIZATION, escaped_name, rendered
from buffer_profiles_testkit.contract.edge_cases.model import EdgeCase, Expect, Token, Whose, spec_view
from buffer_profiles_testkit.contract.edge_cases.tokens import token_cases
from buffer_profiles_testkit.yaml_loading import load_yaml

SPEC: dict[str, Any] = load_yaml((Path(__file__).resolve().parents[3] / "openapi.yaml").read_text())
PROFILE_ID = "4eb854340acb04e870000010"
TOKEN = "1/4f1c3b0e9d8a7b6c5d4e3f2a1b0c9d8e"  # the shape of Buffer's documented example token


def _cases(spec: dict[str, Any] = SPEC) -> list[EdgeCase]:
    return list(token_cases(spec_view(spec), PROFILE_ID))


def _as_the_server_reads_it(case: EdgeCase) -> dict[str, str]:
    """Each token the request carries, keyed by where a server finds it, after HTTP and URL decoding."""
    found: dict[str, str] = {}
    for credential in case.credentials:
        name, value = rendered(credential, TOKEN, "access_token")
        if case.form_escaped and credential.place is Token.BODY:
            name = escaped_name(name)  # as the runner writes it
        if credential.place is Token.HEADER:
            scheme, _, token = value.strip(" \t").partition(" ")  # HTTP strips a field value's whitespace
            if name == AUTHORIZATION and scheme.lower() == "bearer":
                found["header"] = token.strip(" \t")
        else:
            for key, decoded in parse_qsl(f"{name}={value}", keep_blank_values=True):
                if key == "access_token":
                    found[credential.place.value] = decoded
    return found


def _valid_cases(expect: Expect) -> list[EdgeCase]:
    return [
        case
        for case in _cases()
        if case.expect is expect and all(c.whose is Whose.USER for c in case.credentials) and len(case.credentials) == 1
    ]


@pytest.mark.parametrize("case", _valid_cases(Expect.ACCEPTED), ids=lambda case: case.name)
def test_an_accepted_form_is_the_valid_token_once_decoded(case: EdgeCase) -> None:
    assert list(_as_the_server_reads_it(case).values()) == [TOKEN]


@pytest.mark.parametrize("case", _valid_cases(Expect.REFUSED), ids=lambda case: case.name)
def test_a_refused_variant_differs_from_the_valid_token_once_decoded(case: EdgeCase) -> None:
    assert TOKEN not in _as_the_server_reads_it(case).values()


def test_every_operation_gets_every_kind_of_case_in_every_place() -> None:
    names = {case.name for case in _cases()}

    for operation, places in [
        ("list_profiles", ("header", "query")),
        ("get_profile", ("header", "query")),
        ("update_profile_schedules", ("header", "query", "body")),
    ]:
        for place in places:
            for kind in ("token", "token empty", "token cut short", "token with a character changed"):
                assert f"{operation}: {kind} in the {place}" in names
        assert f"{operation}: no token" in names
    assert "get_profile: another user's token in the query" in names
    assert "update_profile_schedules: another user's token in the body" in names
    assert "list_profiles: another user's token in the header" not in names  # no profile of this user to ask for


def test_the_places_follow_the_security_schemes() -> None:
    spec = copy.deepcopy(SPEC)
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "security" in operation:
                operation["security"] = [r for r in operation["security"] if not any("query" in n.lower() for n in r)]
    spec["security"] = [r for r in spec.get("security", []) if not any("query" in n.lower() for n in r)]

    places = {credential.place for case in _cases(spec) for credential in case.credentials}

    assert places == {Token.HEADER}
