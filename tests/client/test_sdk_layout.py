"""How the spec lays out the client objects' methods (overrides/sdk_layout.py), and the layouts it refuses."""

from typing import Any

import pytest

from overrides.sdk_layout import LayoutError, layout


def _spec(*operations: tuple[str, str, dict[str, Any]]) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for path, method, operation in operations:
        paths.setdefault(path, {})[method] = {"tags": ["profiles"], **operation}
    return {"servers": [{"url": "https://api.example.test/1"}], "paths": paths}


def test_methods_are_named_by_x_sdk_method_else_by_tag_and_operation_id() -> None:
    found = layout(
        _spec(
            ("/a.json", "get", {"operationId": "list_a", "x-sdk-method": "profiles.list"}),
            ("/a/{id}/b.json", "post", {"operationId": "update_b", "x-sdk-method": "profiles.items.update"}),
            ("/c.json", "get", {"operationId": "list_c"}),
        )
    )

    assert found["default_base_url"] == "https://api.example.test/1"
    assert found["roots"] == [{"attribute": "profiles", "class": "Profiles"}]
    assert found["resources"] == [
        {
            "class": "Profiles",
            "path": "profiles",
            "attribute": "profiles",
            "methods": [{"name": "list", "operation": "list_a"}, {"name": "list_c", "operation": "list_c"}],
            "children": [{"attribute": "items", "class": "ProfilesItems"}],
        },
        {
            "class": "ProfilesItems",
            "path": "profiles.items",
            "attribute": "items",
            "methods": [{"name": "update", "operation": "update_b"}],
            "children": [],
        },
    ]


def test_an_operation_may_be_repeated_by_its_method_unless_it_says_otherwise() -> None:
    found = layout(
        _spec(
            ("/a.json", "get", {"operationId": "read"}),
            ("/a.json", "post", {"operationId": "write"}),
            ("/b.json", "post", {"operationId": "search", "x-idempotent": True}),
            ("/b.json", "put", {"operationId": "replace", "x-idempotent": False}),
        )
    )

    idempotent = {name: entry["idempotent"] for name, entry in found["operations"].items()}
    assert idempotent == {"read": True, "write": False, "search": True, "replace": False}


def test_enum_values_keep_the_order_of_the_spec() -> None:
    spec = _spec() | {"components": {"schemas": {"Day": {"enum": ["mon", "tue", "sun"]}}}}

    assert layout(spec)["enum_orders"] == {"mon|sun|tue": ["mon", "tue", "sun"]}


@pytest.mark.parametrize(
    ("operations", "message"),
    [
        ([("/a.json", "get", {"operationId": "a", "x-sdk-method": "list"})], "needs a resource and a method"),
        ([("/a.json", "get", {"operationId": "a", "x-sdk-method": "profiles.class"})], "'class' cannot name"),
        ([("/a.json", "get", {"operationId": "a", "x-sdk-method": "profiles.with_raw_response"})], "cannot name"),
        ([("/a.json", "get", {"x-sdk-method": "profiles.list"})], "needs an operationId"),
        (
            [
                ("/a.json", "get", {"operationId": "a", "x-sdk-method": "profiles.list"}),
                ("/b.json", "get", {"operationId": "b", "x-sdk-method": "profiles.list"}),
            ],
            "profiles.list is named by two operations",
        ),
        (
            [
                ("/a.json", "get", {"operationId": "a", "x-sdk-method": "profiles.items"}),
                ("/b.json", "get", {"operationId": "b", "x-sdk-method": "profiles.items.list"}),
            ],
            "profiles.items names both a method and a resource",
        ),
    ],
)
def test_layouts_that_cannot_be_generated_are_refused_with_the_reason(
    operations: list[tuple[str, str, dict[str, Any]]], message: str
) -> None:
    with pytest.raises(LayoutError, match=message):
        layout(_spec(*operations))
