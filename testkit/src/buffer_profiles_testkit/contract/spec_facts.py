"""Facts the checks read from the loaded spec itself, so that the spec stays the one source of truth."""

import json
import re
from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# A row of the error-code table in `info.description`: | code | HTTP status(es) | meaning |
_CODE_ROW = re.compile(r"^\|\s*(\d+)\s*\|\s*(\d{3}(?:\s*,\s*\d{3})*)\s*\|", re.MULTILINE)
_DOCUMENT_URI = "urn:buffer-profiles:openapi"
_MEMO_SIZE = 4096


_TABLES: dict[int, tuple[Mapping[str, Any], dict[int, frozenset[int]]]] = {}


def error_statuses_by_code(raw_schema: Mapping[str, Any]) -> dict[int, frozenset[int]]:
    """Buffer's error codes and the HTTP statuses each may come with, from the spec's table (read once per spec)."""
    # Keyed by identity and holding the spec itself, so that an id is never reused for another spec.
    cached = _TABLES.get(id(raw_schema))
    if cached is None:
        cached = _TABLES[id(raw_schema)] = (raw_schema, _read_error_table(raw_schema))
    return cached[1]


def _read_error_table(raw_schema: Mapping[str, Any]) -> dict[int, frozenset[int]]:
    description = str(raw_schema.get("info", {}).get("description", ""))
    table = {
        int(code): frozenset(int(status) for status in statuses.split(","))
        for code, statuses in _CODE_ROW.findall(description)
    }
    if not table:
        raise ValueError("the spec's info.description has no error-code table (| code | HTTP | meaning |)")
    return table


class ComponentValidators:
    """JSON Schema validators for the spec's named component schemas (its `$ref`s resolve)."""

    def __init__(self, raw_schema: Mapping[str, Any]) -> None:
        resource = Resource.from_contents(dict(raw_schema), default_specification=DRAFT202012)
        self._registry: Registry[Any] = Registry().with_resource(_DOCUMENT_URI, resource)
        self._validators: dict[str, Draft202012Validator] = {}
        self._answers: dict[tuple[str, str], bool] = {}

    def is_valid(self, component: str, instance: Any) -> bool:
        # Several checks ask about the same case's body: answer each body once (a bounded memo).
        key = (component, json.dumps(instance, sort_keys=True, default=repr))
        known = self._answers.get(key)
        if known is None:
            validator = self._validators.get(component)
            if validator is None:
                schema = {"$ref": f"{_DOCUMENT_URI}#/components/schemas/{component}"}
                validator = self._validators[component] = Draft202012Validator(schema, registry=self._registry)
            if len(self._answers) >= _MEMO_SIZE:
                self._answers.clear()
            known = self._answers[key] = bool(validator.is_valid(instance))
        return known


_VALIDATORS: dict[int, tuple[Mapping[str, Any], ComponentValidators]] = {}


def component_validators(raw_schema: Mapping[str, Any]) -> ComponentValidators:
    """The validators of one loaded spec, built once: checks ask for them on every response."""
    # Keyed by identity and holding the spec itself, so that an id is never reused for another spec.
    cached = _VALIDATORS.get(id(raw_schema))
    if cached is None:
        cached = _VALIDATORS[id(raw_schema)] = (raw_schema, ComponentValidators(raw_schema))
    return cached[1]


CHOICE_EXTENSION = "x-reference-server-choice"


def _without_server_choices(node: Any) -> Any:
    """``node`` with every keyword its ``x-reference-server-choice`` names left out, all the way down."""
    if isinstance(node, Mapping):
        choice = node.get(CHOICE_EXTENSION)
        dropped = set(choice.get("keywords", [])) if isinstance(choice, Mapping) else set()
        return {key: _without_server_choices(value) for key, value in node.items() if key not in dropped}
    if isinstance(node, list):
        return [_without_server_choices(item) for item in node]
    return node


_CONTRACT_VALIDATORS: dict[int, tuple[Mapping[str, Any], ComponentValidators]] = {}


def contract_validators(raw_schema: Mapping[str, Any]) -> ComponentValidators:
    """Validators of Buffer's contract alone: the spec less the constraints that are the reference server's choice."""
    cached = _CONTRACT_VALIDATORS.get(id(raw_schema))
    if cached is None:
        view = ComponentValidators(_without_server_choices(raw_schema))
        cached = _CONTRACT_VALIDATORS[id(raw_schema)] = (raw_schema, view)
    return cached[1]
