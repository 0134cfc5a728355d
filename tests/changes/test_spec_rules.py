"""The classifier's rules on small documents: direction, statuses, security, annotations."""

import copy
from typing import Any

import pytest

from changes.model import Level
from changes.spec_diff import compare_specs


def document(request_schema: dict[str, Any], response_schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1.0.0"},
        "security": [{"bearer": []}, {"query": []}],
        "paths": {
            "/things.json": {
                "post": {
                    "operationId": "make_thing",
                    "requestBody": {
                        "required": True,
                        "content": {"application/x-www-form-urlencoded": {"schema": request_schema}},
                    },
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": response_schema}}},
                        "404": {"description": "no"},
                    },
                }
            }
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "query": {"type": "apiKey", "in": "query", "name": "access_token"},
            }
        },
    }


THING: dict[str, Any] = {
    "type": "object",
    "properties": {"day": {"type": "string", "enum": ["mon", "tue"]}, "n": {"type": "integer"}},
}


def changed(path: list[str | int], value: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    old = document(copy.deepcopy(THING), copy.deepcopy(THING))
    new = copy.deepcopy(old)
    target: Any = new
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return old, new


REQUEST = ["paths", "/things.json", "post", "requestBody", "content", "application/x-www-form-urlencoded", "schema"]
RESPONSE = ["paths", "/things.json", "post", "responses", "200", "content", "application/json", "schema"]
OPERATION = ["paths", "/things.json", "post"]


@pytest.mark.parametrize(
    ("path", "value", "level", "phrase"),
    [
        ([*REQUEST, "properties", "day", "enum"], ["mon", "tue", "wed"], Level.NON_BREAKING, "values added"),
        ([*RESPONSE, "properties", "day", "enum"], ["mon", "tue", "wed"], Level.BREAKING, "values added"),
        ([*REQUEST, "properties", "day", "enum"], ["mon"], Level.BREAKING, "values removed"),
        ([*RESPONSE, "properties", "day", "enum"], ["mon"], Level.NON_BREAKING, "values removed"),
        ([*REQUEST, "properties", "n", "maximum"], 7, Level.BREAKING, "maximum null -> 7 in requests"),
        ([*RESPONSE, "properties", "n", "maximum"], 7, Level.NON_BREAKING, "maximum null -> 7 in responses"),
        ([*REQUEST, "properties", "n", "type"], ["integer", "null"], Level.NON_BREAKING, "may now be null"),
        ([*RESPONSE, "properties", "n", "type"], ["integer", "null"], Level.BREAKING, "may now be null"),
        ([*RESPONSE, "required"], ["n"], Level.NON_BREAKING, "field now required in responses"),
        ([*REQUEST, "additionalProperties"], False, Level.BREAKING, "additionalProperties null -> false"),
        ([*OPERATION, "responses", "201"], {"description": "made"}, Level.BREAKING, "status added"),
        ([*OPERATION, "responses", "200"], None, Level.BREAKING, "status removed"),
        ([*OPERATION, "responses", "429"], {"description": "slow"}, Level.NON_BREAKING, "status added"),
        ([*OPERATION, "responses", "404"], None, Level.NON_BREAKING, "status removed"),
        ([*OPERATION, "requestBody", "required"], False, Level.NON_BREAKING, "request body now optional"),
        ([*OPERATION, "security"], [{"bearer": []}], Level.BREAKING, "no longer accepts query"),
        ([*OPERATION, "security"], [{"bearer": []}, {"query": []}, {}], Level.NON_BREAKING, "anonymous requests"),
        (["components", "securitySchemes", "query", "name"], "token", Level.BREAKING, "security scheme changed"),
        (
            [*OPERATION, "parameters"],
            [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
            Level.NON_BREAKING,
            "optional parameter added",
        ),
        (
            [*OPERATION, "parameters"],
            [{"name": "page", "in": "query", "required": True, "schema": {"type": "integer"}}],
            Level.BREAKING,
            "required parameter added",
        ),
        # SemVer 2.0.0, item 7: marking public API deprecated asks for a minor release.
        ([*OPERATION, "deprecated"], True, Level.NON_BREAKING, "deprecated"),
        ([*REQUEST, "properties", "n", "deprecated"], True, Level.NON_BREAKING, "deprecated"),
        ([*RESPONSE, "properties", "day", "deprecated"], True, Level.NON_BREAKING, "deprecated"),
        ([*OPERATION, "deprecated"], False, Level.ANNOTATION, "added"),  # false is what it was without
        (["paths", "/things.json", "post", "x-internal"], True, Level.ANNOTATION, "added"),
        (["paths", "/things.json", "post", "summary"], "Make one", Level.ANNOTATION, "added"),
    ],
)
def test_rule(path: list[str | int], value: Any, level: Level, phrase: str) -> None:
    changes = compare_specs(*changed(path, value))
    assert any(c.level is level and phrase in c.what for c in changes), "\n".join(c.line() for c in changes)
    assert max(c.level for c in changes) is level, "\n".join(c.line() for c in changes)


def test_a_property_named_like_a_keyword_is_a_field() -> None:
    with_description_field = copy.deepcopy(THING)
    with_description_field["properties"]["description"] = {"type": "string"}
    old = document(copy.deepcopy(with_description_field), copy.deepcopy(THING))
    new = document(copy.deepcopy(THING), copy.deepcopy(THING))
    changes = compare_specs(old, new)
    assert [(c.level, c.what) for c in changes] == [(Level.BREAKING, "field removed (was sent in requests)")]


def test_null_union_compares_the_schema_inside() -> None:
    old, new = changed([*RESPONSE, "properties", "n"], {"anyOf": [{"type": "integer"}, {"type": "null"}]})
    changes = compare_specs(old, new)
    assert [c.what for c in changes] == ["type widened: may now be null in responses"]


def test_unclassified_keyword_counts_as_breaking() -> None:
    changes = compare_specs(*changed([*REQUEST, "properties", "n", "multipleOf"], 5))
    assert [(c.level, c.what) for c in changes] == [
        (Level.BREAKING, "multipleOf changed (not classified, so assumed breaking)")
    ]


def test_identical_documents_have_no_changes() -> None:
    old, _ = changed(["info", "title"], "t")
    assert compare_specs(old, copy.deepcopy(old)) == []


def test_the_version_itself_is_no_change() -> None:
    assert compare_specs(*changed(["info", "version"], "9.9.9")) == []


def test_a_deprecated_operation_is_named_by_method_and_path() -> None:
    changes = compare_specs(*changed([*OPERATION, "deprecated"], True))

    assert [(c.level, c.where, c.what) for c in changes] == [(Level.NON_BREAKING, "POST /things.json", "deprecated")]


def test_withdrawing_a_deprecation_is_non_breaking_too() -> None:
    deprecated, _ = changed([*OPERATION, "deprecated"], True)
    deprecated["paths"]["/things.json"]["post"]["deprecated"] = True
    withdrawn = copy.deepcopy(deprecated)
    del withdrawn["paths"]["/things.json"]["post"]["deprecated"]

    changes = compare_specs(deprecated, withdrawn)

    assert [(c.level, c.where, c.what) for c in changes] == [
        (Level.NON_BREAKING, "POST /things.json", "no longer deprecated")
    ]


def test_a_deprecated_schema_is_named_by_its_place() -> None:
    changes = compare_specs(*changed([*RESPONSE, "properties", "day", "deprecated"], True))

    assert [(c.where, c.what) for c in changes] == [
        ('paths["/things.json"].post.responses["200"].content["application/json"].schema.properties.day', "deprecated")
    ]
