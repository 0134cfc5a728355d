"""Check a decoded schedules update against the spec's ``UpdateSchedulesForm`` and name the problem.

JSON Schema finds what is wrong; this module only translates its findings into Buffer's codes:
a parameter of the wrong shape or unknown name is 1003, a missing one 1004, a bad value 1006.
"""

from typing import Any

from jsonschema import ValidationError

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.form_decoder import display_name
from buffer_profiles_testkit.server.spec import Spec

_NAME_PROBLEMS = {"additionalProperties", "type", "propertyNames", "unevaluatedProperties"}
_MISSING = {"required"}
# When one spot has several problems, report the name before a missing part before a value.
_PRIORITY = {ErrorCode.PARAMETER_NOT_RECOGNIZED: 0, ErrorCode.PARAMETER_MISSING: 1, ErrorCode.OUT_OF_BOUNDS: 2}


def _code(error: ValidationError) -> ErrorCode:
    if error.validator in _NAME_PROBLEMS:
        return ErrorCode.PARAMETER_NOT_RECOGNIZED
    if error.validator in _MISSING:
        return ErrorCode.PARAMETER_MISSING
    return ErrorCode.OUT_OF_BOUNDS


def _order(error: ValidationError) -> tuple[tuple[tuple[int, str], ...], int]:
    # Paths mix ints and strings; compare them as typed pairs so errors come in document order.
    path = tuple((0, f"{part:09d}") if isinstance(part, int) else (1, part) for part in error.absolute_path)
    return path, _PRIORITY[_code(error)]


def _expected_shape(spec: Spec, schema: dict[str, Any], name: str) -> str:
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if "$ref" in items:  # the spec's references are all to its own components
            items = spec.schema(items["$ref"].rsplit("/", 1)[-1])
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
    seen: list[Any] = []  # items may be unhashable (a list where a string belongs)
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    return None


class UpdateFormChecker:
    def __init__(self, spec: Spec) -> None:
        self._spec = spec
        self._validator = spec.schema_validator("UpdateSchedulesForm")
        day, time = spec.schema("Day"), spec.schema("Time")
        self._value_kinds = [
            (day, f"a day ({day['enum'][0]}..{day['enum'][-1]})"),
            (time, "a time (HH:MM, 00:00 to 23:59)"),
        ]

    def check(self, form: dict[str, Any]) -> list[dict[str, list[str]]]:
        """Return the form's schedules if the form is valid; raise the first problem as :class:`ApiError`."""
        errors = sorted(self._validator.iter_errors(form), key=_order)
        if errors:
            error = errors[0]
            raise ApiError(_code(error), self._describe(error))
        schedules: list[dict[str, list[str]]] = form["schedules"]
        return schedules

    def _describe(self, error: ValidationError) -> str:
        path = list(error.absolute_path)
        name = display_name(path)
        instance: Any = error.instance
        schema = error.schema
        assert isinstance(schema, dict)  # boolean schemas never appear in the spec
        match error.validator:
            case "additionalProperties":
                known = schema.get("properties", {})
                extra = sorted(member for member in instance if member not in known)
                return f"{display_name([*path, extra[0]])}: parameter not recognized."
            case "required":
                missing = next(member for member in schema["required"] if member not in instance)
                return f"{display_name([*path, missing])}: required parameter missing."
            case "type":
                return f"{name}: malformed; expected {_expected_shape(self._spec, schema, name)}"
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
