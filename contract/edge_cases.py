"""The explicit edge cases, derived from the spec: every boundary it draws, sent on purpose.

Random generation may or may not hit ``24:00``; these cases always do. The update's form schema is
walked from its example: each string gets the values on both sides of its pattern or enum
(``edge_values``), each list its ``minItems``/``maxItems`` on both sides and a repeated item, each
object a missing required member and an unknown one. Each body is then classified by the spec
itself: valid, invalid under Buffer's contract, or invalid only under a reference-server choice
(``x-reference-server-choice``). Add a constraint to the spec and its cases follow, with no new
code. Then the cases the spec names in prose: the profile id's pattern in the path, unknown
endpoints (each path without ``.json``, with another suffix, with a trailing slash), bodies that
are not forms, an oversized body, and the token in each documented place, in two, and in none.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator

from .edge_values import distinct_values, string_edges
from .spec_facts import component_validators, contract_validators

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
_FORM = "UpdateSchedulesForm"
_OVERSIZED_BODY_BYTES = 256 * 1024  # well past any body a schedules update needs


class Expect(Enum):
    ACCEPTED = "valid: answered with success"
    REJECTED = "invalid under Buffer's contract: refused with a documented 4xx, nothing changed"
    SAFE = "a reference-server choice: no 5xx, a documented status, nothing changed if refused"
    UNKNOWN_ENDPOINT = "no such endpoint: refused with a 4xx in Buffer's error shape"
    REFUSED = "no usable token: 401 with a challenge, or 403 with code 1001; nothing changed"


class Token(Enum):
    HEADER = "header"
    QUERY = "query"
    BODY = "body"


@dataclass(frozen=True)
class EdgeCase:
    name: str
    expect: Expect
    method: str
    path: str  # relative to the base URL, already percent-encoded
    operation: str | None  # the spec's operationId, None for an unknown endpoint
    token_in: tuple[Token, ...] = (Token.HEADER,)
    token: str = "user"  # "user", or "unknown" for a token no server knows
    form: Mapping[str, Any] | None = None  # an update body, bracket-encoded when sent
    content: bytes | None = None  # a raw body instead of a form
    content_type: str | None = None
    extra_form: str = ""  # appended raw to the encoded form (an oversized body)

    @property
    def writes(self) -> bool:
        return self.method == "POST"


@dataclass
class _Spec:
    raw: Mapping[str, Any]
    operations: dict[str, tuple[str, str]] = field(default_factory=dict)  # operationId -> (method, path)

    def resolve(self, node: Any) -> Any:
        while isinstance(node, Mapping) and "$ref" in node:
            target: Any = self.raw
            for part in str(node["$ref"]).lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node


def _spec(raw: Mapping[str, Any]) -> _Spec:
    spec = _Spec(raw)
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, Mapping) and "operationId" in operation:
                spec.operations[str(operation["operationId"])] = (method.upper(), path)
    return spec


def _with(body: Any, location: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``body`` with ``value`` at ``location``; a value of ``_MISSING`` removes the member."""
    if not location:
        return value
    head, rest = location[0], location[1:]
    if isinstance(body, list):
        copy = list(body)
        copy[head] = _with(body[head], rest, value)
        return copy
    copied = dict(body)
    replaced = _with(body.get(head), rest, value)
    if replaced is _MISSING:
        copied.pop(head, None)
    else:
        copied[head] = replaced
    return copied


_MISSING = object()


def _shown(location: tuple[Any, ...], label: str = "") -> str:
    """``[schedules][0][days]`` followed by ``label`` (a space between them unless it is another index)."""
    where = "".join(f"[{part}]" for part in location)
    return where + ("" if not label or label.startswith("[") or not where else " ") + label


def _many(spec: _Spec, items: Any, example: Any, count: int) -> list[Any]:
    """``count`` items of schema ``items``: distinct when they are strings, copies of ``example`` otherwise."""
    items = spec.resolve(items)
    if items.get("type") == "string" and "enum" in items:
        members = [str(member) for member in items["enum"]]
        return [members[index % len(members)] for index in range(count)]
    if items.get("type") == "string":
        validator = Draft202012Validator(dict(items))
        examples = [str(value) for value in items.get("examples", [])] + [str(example)]
        return distinct_values(lambda value: bool(validator.is_valid(value)), examples, count)
    return [example] * count


Edit = tuple[tuple[Any, ...], str, Any]  # where in the body, what was done, the value put there


def _form_edits(spec: _Spec, schema: Any, example: Any, location: tuple[Any, ...]) -> Iterator[Edit]:
    """Each boundary of ``schema`` (at ``location`` in the body, holding ``example``), recursively."""
    schema = spec.resolve(schema)
    kind = schema.get("type")
    if kind == "object" and isinstance(example, Mapping):
        for member in schema.get("required", []):
            yield location, f"without {member!r}", _with(example, (member,), _MISSING)
        if schema.get("additionalProperties") is False:
            yield location, "with an unknown member", {**example, "unknown": "1"}
        for member, member_schema in schema.get("properties", {}).items():
            if member in example:
                yield from _form_edits(spec, member_schema, example[member], (*location, member))
    elif kind == "array" and isinstance(example, list) and example:
        yield from _array_edits(spec, schema, example, location)
        # Each item edge alone in its list, so that it cannot also repeat another item.
        for item_location, label, value in _form_edits(spec, schema.get("items", {}), example[0], ()):
            yield (
                location,
                _shown((0, *item_location), label),
                [_with(example[0], item_location, value)],
            )
    elif kind == "string" and isinstance(example, str):
        edges = string_edges(schema)
        for value in edges.inside:
            yield location, f"= {value!r} (inside)", value
        for value in edges.outside:
            yield location, f"= {value!r} (just outside)", value


def _array_edits(spec: _Spec, schema: Any, example: list[Any], location: tuple[Any, ...]) -> Iterator[Edit]:
    least = schema.get("minItems")
    items = schema.get("items", {})
    if isinstance(least, int) and least >= 1:
        yield location, f"with {least} item(s) (minItems)", _many(spec, items, example[0], least)
        yield location, f"with {least - 1} item(s) (below minItems)", example[: least - 1]
    most = schema.get("maxItems")
    if isinstance(most, int):
        many = _many(spec, items, example[0], most + 1)
        yield location, f"with {most} items (maxItems)", many[:most]
        yield location, f"with {most + 1} items (above maxItems)", many
    if schema.get("uniqueItems"):
        yield location, "with an item repeated (uniqueItems)", [example[0], *example]


def _classify(spec: _Spec, body: Any) -> Expect:
    if component_validators(spec.raw).is_valid(_FORM, body):
        return Expect.ACCEPTED
    if contract_validators(spec.raw).is_valid(_FORM, body):
        return Expect.SAFE
    return Expect.REJECTED


def _path(spec: _Spec, operation: str, profile_id: str) -> tuple[str, str]:
    method, template = spec.operations[operation]
    return method, template.replace("{id}", quote(profile_id, safe="")).lstrip("/")


def form_cases(spec: _Spec, profile_id: str) -> Iterator[EdgeCase]:
    form_schema = spec.resolve({"$ref": f"#/components/schemas/{_FORM}"})
    example = form_schema["examples"][0]
    method, path = _path(spec, "update_profile_schedules", profile_id)
    seen: set[str] = set()
    for location, label, value in _form_edits(spec, form_schema, example, ()):
        body = _with(example, location, value)
        label = _shown(location, label) if location else f"the body {label}"
        key = repr(body)
        if key in seen:
            continue
        seen.add(key)
        yield EdgeCase(f"update: {label}", _classify(spec, body), method, path, "update_profile_schedules", form=body)


def path_cases(spec: _Spec, profile_id: str) -> Iterator[EdgeCase]:
    id_schema = spec.resolve({"$ref": "#/components/schemas/ObjectId"})
    edges = string_edges({**id_schema, "examples": [profile_id]})
    example = spec.resolve({"$ref": "#/components/schemas/UpdateSchedulesForm"})["examples"][0]
    for operation in ("get_profile", "list_profile_schedules", "update_profile_schedules"):
        for value in (*edges.inside[1:], *edges.outside):
            method, path = _path(spec, operation, value)
            form = example if method == "POST" else None
            yield EdgeCase(f"{operation}: id {value!r}", Expect.REJECTED, method, path, operation, form=form)


def unknown_endpoint_cases(spec: _Spec, profile_id: str) -> Iterator[EdgeCase]:
    for operation in spec.operations:
        method, path = _path(spec, operation, profile_id)
        for variant in (path.removesuffix(".json"), path.removesuffix(".json") + ".xml", path + "/"):
            yield EdgeCase(f"{method} {variant} (unknown endpoint)", Expect.UNKNOWN_ENDPOINT, method, variant, None)
    yield EdgeCase("GET unknown.json (unknown endpoint)", Expect.UNKNOWN_ENDPOINT, "GET", "unknown.json", None)


def body_cases(spec: _Spec, profile_id: str) -> Iterator[EdgeCase]:
    import json

    from buffer_profiles_client.bracket_form import encode_bracket_form

    example = spec.resolve({"$ref": "#/components/schemas/UpdateSchedulesForm"})["examples"][0]
    method, path = _path(spec, "update_profile_schedules", profile_id)
    form = encode_bracket_form(example).encode("ascii")
    raw = [
        ("a JSON body", json.dumps(example).encode(), "application/json"),
        ("the form as text/plain", form, "text/plain"),
        ("the form with no Content-Type", form, None),
        (
            "a multipart body",
            b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n",
            "multipart/form-data; boundary=x",
        ),
        ("an empty form", b"", FORM_MEDIA_TYPE),
    ]
    for label, content, content_type in raw:
        expect = Expect.REJECTED if content_type == FORM_MEDIA_TYPE else Expect.SAFE
        yield EdgeCase(
            f"update: {label}",
            expect,
            method,
            path,
            "update_profile_schedules",
            content=content,
            content_type=content_type,
        )
    padding = "&padding=" + "a" * _OVERSIZED_BODY_BYTES
    yield EdgeCase(
        f"update: a {_OVERSIZED_BODY_BYTES // 1024} KiB body",
        Expect.SAFE,
        method,
        path,
        "update_profile_schedules",
        form=example,
        extra_form=padding,
    )


def token_cases(spec: _Spec, profile_id: str) -> Iterator[EdgeCase]:
    example = spec.resolve({"$ref": "#/components/schemas/UpdateSchedulesForm"})["examples"][0]
    read = ("GET", "profiles.json", "list_profiles")
    write = (*_path(spec, "update_profile_schedules", profile_id), "update_profile_schedules")
    for method, path, operation in (read, write):
        form = example if method == "POST" else None
        places = [Token.HEADER, Token.QUERY] + ([Token.BODY] if method == "POST" else [])
        for place in places:
            yield EdgeCase(
                f"{operation}: token in the {place.value}",
                Expect.ACCEPTED,
                method,
                path,
                operation,
                (place,),
                form=form,
            )
            yield EdgeCase(
                f"{operation}: unknown token in the {place.value}",
                Expect.REFUSED,
                method,
                path,
                operation,
                (place,),
                "unknown",
                form=form,
            )
        for index, first in enumerate(places):
            for second in places[index + 1 :]:
                yield EdgeCase(
                    f"{operation}: token in the {first.value} and the {second.value}",
                    Expect.REFUSED,
                    method,
                    path,
                    operation,
                    (first, second),
                    form=form,
                )
        yield EdgeCase(f"{operation}: no token", Expect.REFUSED, method, path, operation, (), form=form)


def edge_cases(raw_schema: Mapping[str, Any], profile_id: str, *, read_only: bool = False) -> list[EdgeCase]:
    """Every explicit case for an account whose first profile is ``profile_id``; no update when ``read_only``."""
    spec = _spec(raw_schema)
    cases = [
        *token_cases(spec, profile_id),
        *path_cases(spec, profile_id),
        *unknown_endpoint_cases(spec, profile_id),
        *form_cases(spec, profile_id),
        *body_cases(spec, profile_id),
    ]
    return [case for case in cases if not (read_only and case.writes)]
