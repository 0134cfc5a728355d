"""Edge cases of the update's form body, walked from the spec's example through the form's schema.

Each string gets the values on both sides of its pattern or enum (``values``), each list its
``minItems``/``maxItems`` at and past the bound and a repeated item, each object a missing
required member and an unknown one. Each body is then classified by the spec itself: valid,
invalid under Buffer's contract, or invalid only under a reference-server choice
(``x-reference-server-choice``). A new constraint in the spec brings its cases with no new code.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES
from buffer_profiles_testkit.contract.edge_cases.model import FORM_SCHEMA, EdgeCase, Expect, SpecView
from buffer_profiles_testkit.contract.edge_cases.values import distinct_values, string_acceptor, string_edges
from buffer_profiles_testkit.contract.spec_facts import component_validators, contract_validators


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


def _many(spec: SpecView, items: Any, example: Any, count: int) -> list[Any]:
    """``count`` items of schema ``items``: distinct when they are strings, copies of ``example`` otherwise."""
    items = spec.resolve(items)
    if items.get("type") == "string" and "enum" in items:
        members = [str(member) for member in items["enum"]]
        return [members[index % len(members)] for index in range(count)]
    if items.get("type") == "string":
        examples = [str(value) for value in items.get("examples", [])] + [str(example)]
        return distinct_values(string_acceptor(items), examples, count)
    return [example] * count


Edit = tuple[tuple[Any, ...], str, Any]  # where in the body, what was done, the value put there


def _form_edits(spec: SpecView, schema: Any, example: Any, location: tuple[Any, ...]) -> Iterator[Edit]:
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


def _array_edits(spec: SpecView, schema: Any, example: list[Any], location: tuple[Any, ...]) -> Iterator[Edit]:
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


def _classify(spec: SpecView, body: Any) -> Expect:
    if component_validators(spec.raw).is_valid(FORM_SCHEMA, body):
        return Expect.ACCEPTED
    if contract_validators(spec.raw).is_valid(FORM_SCHEMA, body):
        return Expect.SAFE
    return Expect.REJECTED


def form_cases(spec: SpecView, profile_id: str) -> Iterator[EdgeCase]:
    form_schema = spec.resolve({"$ref": f"#/components/schemas/{FORM_SCHEMA}"})
    example = spec.form_example()
    method, path = spec.path(UPDATE_SCHEDULES, profile_id)
    seen: set[str] = set()
    for location, label, value in _form_edits(spec, form_schema, example, ()):
        body = _with(example, location, value)
        label = _shown(location, label) if location else f"the body {label}"
        key = repr(body)
        if key in seen:
            continue
        seen.add(key)
        yield EdgeCase(f"update: {label}", _classify(spec, body), method, path, UPDATE_SCHEDULES, form=body)
    # Buffer's documentation writes brackets and colons as they are; form encoders (PHP's
    # http_build_query, urlencode, browsers) escape them. Both are the same form.
    label = "the example with its brackets and colons percent-encoded, as form encoders write them"
    yield EdgeCase(f"update: {label}", Expect.ACCEPTED, method, path, UPDATE_SCHEDULES, form=example, form_escaped=True)
