"""The explicit edge cases: every boundary the spec draws, sent on purpose, each once.

Random generation may or may not hit ``24:00``; these cases always do. The form body's cases come
from ``forms`` (its schema) and ``encoding`` (how it is written); here are those the spec names in
prose or in its structure: the profile id's pattern in the path, unknown endpoints (each path
without ``.json``, with another suffix, with a trailing slash), bodies that are not forms and an
oversized body; ``tokens`` derives the token's cases from the security schemes.
"""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES
from buffer_profiles_testkit.contract.edge_cases.encoding import encoding_cases
from buffer_profiles_testkit.contract.edge_cases.forms import form_cases
from buffer_profiles_testkit.contract.edge_cases.model import (
    FORM_MEDIA_TYPE,
    EdgeCase,
    Expect,
    SpecView,
    spec_view,
)
from buffer_profiles_testkit.contract.edge_cases.tokens import token_cases
from buffer_profiles_testkit.contract.edge_cases.values import string_edges

OVERSIZED_BODY_BYTES = 256 * 1024  # well past any body a schedules update needs


def path_cases(spec: SpecView, profile_id: str) -> Iterator[EdgeCase]:
    """The profile id parameter's pattern on both sides, from the user's own id, in every path that has it."""
    id_schema = spec.resolve(spec.resolve({"$ref": "#/components/parameters/ProfileId"})["schema"])
    edges = string_edges({**id_schema, "examples": [profile_id]})
    example = spec.form_example()
    for operation in [name for name, (_, template) in spec.operations.items() if "{id}" in template]:
        for value in (*edges.inside[1:], *edges.outside):
            method, path = spec.path(operation, value)
            form = example if method == "POST" else None
            yield EdgeCase(f"{operation}: id {value!r}", Expect.REJECTED, method, path, operation, form=form)


def unknown_endpoint_cases(spec: SpecView, profile_id: str) -> Iterator[EdgeCase]:
    for operation in spec.operations:
        method, path = spec.path(operation, profile_id)
        for variant in (path.removesuffix(".json"), path.removesuffix(".json") + ".xml", path + "/"):
            yield EdgeCase(f"{method} {variant} (unknown endpoint)", Expect.UNKNOWN_ENDPOINT, method, variant, None)
    yield EdgeCase("GET unknown.json (unknown endpoint)", Expect.UNKNOWN_ENDPOINT, "GET", "unknown.json", None)


def body_cases(spec: SpecView, profile_id: str) -> Iterator[EdgeCase]:
    example = spec.form_example()
    method, path = spec.path(UPDATE_SCHEDULES, profile_id)
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
            UPDATE_SCHEDULES,
            content=content,
            content_type=content_type,
        )
    padding = "&padding=" + "a" * OVERSIZED_BODY_BYTES
    yield EdgeCase(
        f"update: a {OVERSIZED_BODY_BYTES // 1024} KiB body",
        Expect.SAFE,
        method,
        path,
        UPDATE_SCHEDULES,
        form=example,
        extra_form=padding,
    )


def edge_cases(raw_schema: Mapping[str, Any], profile_id: str, *, read_only: bool = False) -> list[EdgeCase]:
    """Every explicit case for an account whose first profile is ``profile_id``; no update when ``read_only``."""
    spec = spec_view(raw_schema)
    cases = [
        *token_cases(spec, profile_id),
        *path_cases(spec, profile_id),
        *unknown_endpoint_cases(spec, profile_id),
        *form_cases(spec, profile_id),
        *encoding_cases(spec, profile_id),
        *body_cases(spec, profile_id),
    ]
    return [case for case in cases if not (read_only and case.writes)]
