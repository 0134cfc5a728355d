"""Edge cases of the update body's encoding, built from the spec's example and its "Request bodies" prose.

The spec says how the form is written ("values are percent-encoded as usual, the brackets may be";
a list of objects is indexed ``key[0]``, ``key[1]``, ...), and its own curl sample sends the values
percent-encoded under names as written (``curl --data-urlencode`` escapes only what follows ``=``).
So the example is sent as the documentation writes it and, at once, as that sample sends it: a
server that remembers something of one body's names for the next (a parse cache, as decoders keep
for speed) must still decode the next body's values.

What a form that is not written that way gets is not Buffer's documented contract: a malformed
escape, bytes that are not UTF-8 (escaped or not), a name longer than any form needs, list indices
with a gap. Each may be refused or read leniently (WHATWG's form decoding keeps a bad escape as it
is), but it must get a documented answer, never a 5xx, and change nothing if refused. A plain value
where the spec has a schedule (an object) can be no schedule at all, so it must be refused. The
malformed values ride on the example's own names, right after it, so a server that reuses a parse
of those names meets them too.
"""

from collections.abc import Iterator
from urllib.parse import parse_qsl

from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES
from buffer_profiles_testkit.contract.edge_cases.model import FORM_MEDIA_TYPE, FORM_SCHEMA, EdgeCase, Expect, SpecView

MALFORMED_FORMS = "malformed_forms_are_answered_safely"
LONG_NAME_CHARACTERS = 4096  # far past any name the update's form has (``schedules[6][times][]``)


def _with_last_value(pairs: list[tuple[str, str]], raw_value: bytes) -> bytes:
    """The pairs as the documentation writes them, the last value replaced by ``raw_value`` as it is on the wire."""
    written = "&".join([f"{name}={value}" for name, value in pairs[:-1]] + [f"{pairs[-1][0]}="])
    return written.encode("ascii") + raw_value


def encoding_cases(spec: SpecView, profile_id: str) -> Iterator[EdgeCase]:
    example = spec.form_example()
    method, path = spec.path(UPDATE_SCHEDULES, profile_id)
    documented = encode_bracket_form(example)
    pairs = parse_qsl(documented, keep_blank_values=True)

    def malformed(label: str, content: bytes) -> EdgeCase:
        return EdgeCase(
            f"update: {label}",
            Expect.SAFE,
            method,
            path,
            UPDATE_SCHEDULES,
            content=content,
            content_type=FORM_MEDIA_TYPE,
            check=MALFORMED_FORMS,
        )

    yield EdgeCase(
        "update: the example as Buffer's documentation writes it",
        Expect.ACCEPTED,
        method,
        path,
        UPDATE_SCHEDULES,
        form=example,
    )
    label = "the example as the spec's curl sample sends it: names as written, values percent-encoded"
    yield EdgeCase(
        f"update: {label}", Expect.ACCEPTED, method, path, UPDATE_SCHEDULES, form=example, form_values_escaped=True
    )
    last = pairs[-1][1]
    head, tail = last[:-2].encode(), last[-2:].encode()  # the colon as the documentation writes it
    for inserted, problem in (
        (b"%ZZ", "a malformed percent-escape"),
        (b"%FF", "an escape that is not UTF-8"),
        (b"\xff", "a byte that is not UTF-8, unescaped"),
    ):
        value = head + inserted + tail
        shown = value.decode("ascii", "backslashreplace")
        yield malformed(f"the example with {problem} in a value ({shown})", _with_last_value(pairs, value))
    yield malformed("the example and a name with a malformed percent-escape (x%ZZ=1)", f"{documented}&x%ZZ=1".encode())
    long_name = "n" * LONG_NAME_CHARACTERS
    yield malformed(
        f"the example and a name of {LONG_NAME_CHARACTERS} characters", f"{documented}&{long_name}=1".encode()
    )
    first, second = "schedules[0]", "schedules[1]"
    yield malformed(
        f"the example's schedule indexed {second}, with no {first}", documented.replace(first, second).encode()
    )
    # A list of objects given a plain value: no reading of it is an object, so every server must refuse it.
    schedules = spec.resolve(spec.resolve({"$ref": f"#/components/schemas/{FORM_SCHEMA}"})["properties"]["schedules"])
    if spec.resolve(schedules.get("items", {})).get("type") == "object":
        plain = {"schedules": [example["schedules"][0]["days"][0]]}
        label = f"a plain value where a schedule (an object) belongs ({encode_bracket_form(plain)})"
        yield EdgeCase(
            f"update: {label}", Expect.REJECTED, method, path, UPDATE_SCHEDULES, form=plain, check=MALFORMED_FORMS
        )
