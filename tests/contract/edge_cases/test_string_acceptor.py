"""The edge cases' quick judge of strings says what jsonschema says, for the spec's schemas and any other."""

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from buffer_profiles_testkit.contract.edge_cases.values import string_acceptor
from tests.contract.edge_cases.test_edge_cases import SPEC

PROBES = ["", "mon", "12:45", "24:00", "12:45\n", " 12:45", "4eb854340acb04e870000010", "4EB854340ACB04E870000010"]
PROBES += [probe + char for probe in PROBES for char in ("0", "a", "\n", "é")]
SCHEMAS: list[dict[str, Any]] = [
    *(schema for schema in SPEC["components"]["schemas"].values() if schema.get("type") == "string"),
    {"type": "string"},
    {"type": "string", "maxLength": 3, "x-reference-server-choice": "short"},
    {"type": "string", "pattern": "^[a-z]+$", "format": "email"},  # format: jsonschema's to judge
    {"type": "string", "pattern": "[0-9]", "not": {"const": "10"}},
    {"type": ["string", "null"], "minLength": 2},
]


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda schema: str(sorted(schema)))
def test_it_agrees_with_jsonschema(schema: dict[str, Any]) -> None:
    accepts = string_acceptor(schema)
    validator = Draft202012Validator(schema)

    for probe in PROBES:
        assert accepts(probe) == validator.is_valid(probe), (schema, probe)
