"""Check a decoded schedules update against the spec's ``UpdateSchedulesForm`` and name the problem.

JSON Schema finds what is wrong; this module only translates its findings into Buffer's codes:
a parameter of the wrong shape or unknown name is 1003, a missing one 1004, a bad value 1006.
The schema is compiled once (jsonschema-rs, whose regexes are ECMA-262 as JSON Schema's are, and
whose ``uniqueItems`` hashes instead of comparing pairs), so a form inside the decoder's limits
costs linear time, valid or not. The first problem the validator meets is the one reported:
collecting them all would cost as much again on a form full of them.
"""

from typing import Any

import jsonschema_rs

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.forms.decoder import display_name
from buffer_profiles_testkit.server.spec import Spec

_NAME_PROBLEMS = {"additionalProperties", "type", "propertyNames", "unevaluatedProperties"}
_MISSING = {"required"}


def _keyword(error: jsonschema_rs.ValidationError) -> str:
    return str(error.schema_path[-1])


def _code(error: jsonschema_rs.ValidationError) -> ErrorCode:
    keyword = _keyword(error)
    if keyword in _NAME_PROBLEMS:
        return ErrorCode.PARAMETER_NOT_RECOGNIZED
    if keyword in _MISSING:
        return ErrorCode.PARAMETER_MISSING
    return ErrorCode.OUT_OF_BOUNDS


def _expected_shape(schema: dict[str, Any], name: str) -> str:
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if items.get("type") == "object":
            return f"a list of objects, sent as {name}[0][member]=..., {name}[1][member]=..."
        return f"a list, sent as {name}[]=...&{name}[]=..."
    if kind == "object":
        return f"an object, sent as {name}[member]=..."
    return f"a single value, sent as {name}=..."


def _shown(value: Any) -> str:
    """A value as messages quote it, cut short: a message must not echo a 100 KB parameter back."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _first_repeated(items: list[Any]) -> Any:
    seen: set[str] = set()  # items may be unhashable (a list where a string belongs): compare their repr
    for item in items:
        key = repr(item)
        if key in seen:
            return item
        seen.add(key)
    return None


class UpdateFormChecker:
    def __init__(self, spec: Spec) -> None:
        self._schema = spec.inlined_schema("UpdateSchedulesForm")
        self._validator = jsonschema_rs.validator_for(self._schema)
        day, time = spec.schema("Day"), spec.schema("Time")
        self._value_kinds = [
            (day, f"a day ({day['enum'][0]}..{day['enum'][-1]})"),
            (time, "a time (HH:MM, 00:00 to 23:59)"),
        ]

    def check(self, form: dict[str, Any]) -> list[dict[str, list[str]]]:
        """Return the form's schedules if the form is valid; raise the first problem as :class:`ApiError`."""
        try:
            self._validator.validate(form)
        except jsonschema_rs.ValidationError as error:
            raise ApiError(_code(error), self._describe(error)) from None
        schedules: list[dict[str, list[str]]] = form["schedules"]
        return schedules

    def _subschema(self, error: jsonschema_rs.ValidationError) -> dict[str, Any]:
        schema: Any = self._schema
        for step in error.schema_path[:-1]:
            schema = schema[step]
        assert isinstance(schema, dict)  # boolean schemas never appear in the spec
        return schema

    def _describe(self, error: jsonschema_rs.ValidationError) -> str:
        path = list(error.instance_path)
        name = display_name(path)
        instance: Any = error.instance
        schema = self._subschema(error)
        match _keyword(error):
            case "additionalProperties":
                known = schema.get("properties", {})
                extra = sorted(member for member in instance if member not in known)
                return f"{display_name([*path, extra[0]])}: parameter not recognized."
            case "required":
                missing = next(member for member in schema["required"] if member not in instance)
                return f"{display_name([*path, missing])}: required parameter missing."
            case "type":
                return f"{name}: malformed; expected {_expected_shape(schema, name)}"
            case "enum" | "pattern" | "const" | "minLength" | "maxLength":
                return f"{name}: {_shown(instance)} is not {self._value_kind(schema)}."
            case "maxItems":
                return f"{name}: at most {schema['maxItems']} allowed, {len(instance)} given."
            case "minItems":
                return f"{name}: at least {schema['minItems']} required, {len(instance)} given."
            case "uniqueItems":
                repeated = _first_repeated(instance)
                return f"{name}: {_shown(repeated)} is given more than once."
        return f"{name}: {error.message[:200]}"

    def _value_kind(self, schema: dict[str, Any]) -> str:
        for named, kind in self._value_kinds:
            if schema == named:
                return kind
        if "enum" in schema:
            return "one of " + ", ".join(map(str, schema["enum"]))
        return f"a value matching {schema.get('pattern', schema.get('const'))!r}"
