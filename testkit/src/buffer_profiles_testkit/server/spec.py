"""openapi.yaml, loaded once, and JSON Schema validators for its component schemas.

The server validates with the spec's own schemas so that the two can never drift apart.
"""

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from buffer_profiles_testkit import SPEC_FILE
from buffer_profiles_testkit.yaml_loading import load_yaml

SPEC_PATH = SPEC_FILE
_COMPONENT_PREFIX = "#/components/schemas/"


def ecma_anchors(pattern: str) -> str:
    r"""Rewrite ``$`` so that Python reads it as ECMA-262 (JSON Schema's regex dialect) does.

    In Python ``$`` also matches before a final newline, so ``^...$`` accepts ``"12:45\n"``; in
    ECMA-262 without the multiline flag it matches only at the very end, which is Python's ``\Z``.
    """
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_anchors(pattern))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# Draft 2020-12 with ECMA-262 anchors; everything else is jsonschema's own.
# The stubs leave extend() untyped; what it returns is a Draft202012Validator subclass.
SpecValidator: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _ecma_pattern}
)


class Spec:
    def __init__(self, path: Path = SPEC_PATH) -> None:
        self.document: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
        # OpenAPI 3.1 schemas are JSON Schema 2020-12; the whole document is one resource so that
        # its internal "#/components/..." references resolve.
        self.uri = path.resolve().as_uri()
        self.registry: Registry[Any] = Registry().with_resource(self.uri, DRAFT202012.create_resource(self.document))

    def schema(self, name: str) -> dict[str, Any]:
        schema: dict[str, Any] = self.document["components"]["schemas"][name]
        return schema

    def validator(self, pointer: str) -> Draft202012Validator:
        """A validator for the schema at ``pointer`` (e.g. ``/components/schemas/Profile``)."""
        return SpecValidator({"$ref": f"{self.uri}#{pointer}"}, registry=self.registry)

    def schema_validator(self, name: str) -> Draft202012Validator:
        return self.validator(f"/components/schemas/{name}")

    def inlined_schema(self, name: str) -> dict[str, Any]:
        """The component schema ``name`` with every reference replaced by its target: self-contained.

        A compiled validator needs no registry then, and an error's schema path leads to the
        subschema it names. The spec's component references never form a cycle.
        """

        def inline(node: Any) -> Any:
            if isinstance(node, dict):
                reference = node.get("$ref")
                if isinstance(reference, str) and reference.startswith(_COMPONENT_PREFIX):
                    return inline(self.schema(reference.removeprefix(_COMPONENT_PREFIX)))
                return {key: inline(value) for key, value in node.items()}
            if isinstance(node, list):
                return [inline(item) for item in node]
            return node

        inlined: dict[str, Any] = inline(self.schema(name))
        return inlined


@cache
def load_spec() -> Spec:
    return Spec()
