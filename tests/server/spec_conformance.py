"""Check every response against openapi.yaml: its status is documented and its body fits the schema.

The oracle is the spec file itself, read here with yaml and jsonschema and nothing of server/, so
that a server bug in loading the spec cannot hide from these tests.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from buffer_profiles_testkit.yaml_loading import load_yaml

SPEC_FILE = Path(__file__).resolve().parents[2] / "openapi.yaml"
BASE_PATH = "/1"


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    # JSON Schema regexes are ECMA-262, where "$" matches only at the very end; Python's "$" also
    # matches before a final newline ("12:45\n"). The spec's patterns use "$" only as that anchor.
    if validator.is_type(instance, "string") and not re.search(pattern.replace("$", r"\Z"), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# The stubs leave extend() untyped; what it returns is a Draft202012Validator subclass.
EcmaValidator: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _ecma_pattern}
)


def _pointer(*parts: str) -> str:
    escaped = (part.replace("~", "~0").replace("/", "~1") for part in parts)
    return quote("/" + "/".join(escaped), safe="/~")


class SpecConformance:
    def __init__(self) -> None:
        self.document: dict[str, Any] = load_yaml(SPEC_FILE.read_text(encoding="utf-8"))
        self._uri = SPEC_FILE.as_uri()
        self._registry: Registry[Any] = Registry().with_resource(self._uri, DRAFT202012.create_resource(self.document))
        self._paths = [
            (re.compile(re.escape(BASE_PATH + template).replace(r"\{id\}", "[^/]+") + "$"), template)
            for template in self.document["paths"]
        ]
        self.checked = 0

    def validator(self, pointer: str) -> Draft202012Validator:
        return EcmaValidator({"$ref": f"{self._uri}#{pointer}"}, registry=self._registry)

    def _documented(self, method: str, path: str, status: int) -> tuple[str, dict[str, Any]]:
        """The pointer to the documented response for this request and status, and the response object."""
        template = next((template for pattern, template in self._paths if pattern.fullmatch(path)), None)
        operation = None if template is None else self.document["paths"][template].get(method)
        if template is None or operation is None:
            # Not an operation of the spec: an unknown endpoint or method, answered in the Error shape.
            assert status in (404, 405), f"{method.upper()} {path}: {status} for a request the spec does not define"
            return "/components/schemas/Error", {}
        responses = operation["responses"]
        assert str(status) in responses, f"{method.upper()} {template}: status {status} is not documented"
        response = responses[str(status)]
        pointer = _pointer("paths", template, method, "responses", str(status))
        if "$ref" in response:
            name = response["$ref"].rsplit("/", 1)[-1]
            response = self.document["components"]["responses"][name]
            pointer = _pointer("components", "responses", name)
        return pointer + _pointer("content", "application/json", "schema"), response

    def check(self, response: httpx.Response) -> None:
        """An httpx response hook: raises AssertionError when ``response`` is not what the spec allows."""
        response.read()
        request = response.request
        schema_pointer, documented = self._documented(request.method.lower(), request.url.path, response.status_code)
        if request.method == "HEAD":
            return
        assert response.headers.get("content-type") == "application/json", response.headers.get("content-type")
        errors = list(self.validator(schema_pointer).iter_errors(response.json()))
        assert not errors, f"{request.method} {request.url.path} -> {response.status_code}: {errors[0].message}"
        for header, declared in documented.get("headers", {}).items():
            if "$ref" in declared:
                declared = self.document["components"]["headers"][declared["$ref"].rsplit("/", 1)[-1]]
            assert header in response.headers, f"{response.status_code} without its documented {header} header"
            value = response.headers[header]
            instance: Any = int(value) if declared["schema"].get("type") == "integer" and value.isdigit() else value
            header_errors = list(EcmaValidator(declared["schema"]).iter_errors(instance))
            assert not header_errors, f"{header}: {value!r}: {header_errors[0].message}"
        self.checked += 1
