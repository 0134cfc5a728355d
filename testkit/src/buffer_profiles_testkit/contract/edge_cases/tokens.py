"""The token's edge cases, derived from the spec's security schemes, for every operation and every place.

Each scheme the operation's ``security`` names gives a place: ``http``/``bearer`` the Authorization
header, an ``apiKey`` in the query its parameter; the query scheme's description also names the
form body of a ``POST``, where an operation takes a form. In each place the valid token must work,
and so must its equivalent forms; an unknown token, the valid one edited (``credentials``), or sent
under a near-miss name must be refused (401, or 403 with code 1001), as must the token in two
places or in none; another user's valid token on this user's profile is refused as that profile is
to that user (404 with code 1010, or 403 with code 1011). Every update among them is bracketed by
readings of the account, so a refused one must also have changed nothing.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES
from buffer_profiles_testkit.contract.edge_cases.credentials import (
    EQUIVALENT_HEADER_FORMS,
    EQUIVALENT_PARAMETER_FORMS,
    NEAR_MISS_HEADERS,
    TOKEN_EDITS,
    describe,
    near_miss_parameter_names,
)
from buffer_profiles_testkit.contract.edge_cases.model import (
    FORM_MEDIA_TYPE,
    Credential,
    EdgeCase,
    Expect,
    SpecView,
    Token,
    Whose,
)

CLOSE_TOKENS = "close_tokens_are_refused"
EQUIVALENT_TOKENS = "equivalent_tokens_are_accepted"
UNKNOWN_TOKENS = "missing_or_unknown_tokens_are_refused"
PLACEMENTS = "token_placements_agree"
VALID_REQUESTS = "valid_edges_are_accepted"
OTHER_USERS_READS = "other_users_profiles_are_hidden"
OTHER_USERS_WRITES = "other_users_writes_are_refused"
# Edits that leave a header's token as it was: HTTP strips whitespace around a field's value, and a
# newline or a NUL cannot travel in one. What stays differs from the valid token.
_HEADER_EDITS = (
    "empty",
    "cut short",
    "with a character changed",
    "in another case",
    "with a no-break space after it",
    "with a percent-escape in it",
)
_PARAMETER_EDITS = tuple(edit for edit in TOKEN_EDITS if edit != "as issued")


def token_places(spec: SpecView, operation: str) -> list[tuple[Token, str]]:
    """Where ``operation`` takes the token, with the parameter's name, as its security schemes say."""
    raw = spec.raw
    method, template = spec.operations[operation]
    definition = raw["paths"][template][method.lower()]
    schemes: Mapping[str, Any] = raw.get("components", {}).get("securitySchemes", {})
    named = [name for requirement in definition.get("security", raw.get("security", [])) for name in requirement]
    places: list[tuple[Token, str]] = []
    for name in named:
        scheme = schemes.get(name, {})
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            places.append((Token.HEADER, "Authorization"))
        elif scheme.get("type") == "apiKey" and scheme.get("in") == "query":
            places.append((Token.QUERY, str(scheme["name"])))
            takes_form = FORM_MEDIA_TYPE in definition.get("requestBody", {}).get("content", {})
            if takes_form and "form body" in str(scheme.get("description", "")):
                places.append((Token.BODY, str(scheme["name"])))
    return places


def _close_credentials(place: Token, parameter: str) -> Iterator[Credential]:
    edits = _HEADER_EDITS if place is Token.HEADER else _PARAMETER_EDITS
    for edit in edits:
        yield Credential(place, edit=edit)
    if place is not Token.HEADER:
        yield Credential(place, edit="with a space after it", wire="with a space written as +")
        yield Credential(place, wire="percent-encoded twice")
    for name in NEAR_MISS_HEADERS if place is Token.HEADER else near_miss_parameter_names(parameter):
        yield Credential(place, name=name)


def _equivalent_credentials(place: Token) -> Iterator[Credential]:
    for wire in EQUIVALENT_HEADER_FORMS if place is Token.HEADER else EQUIVALENT_PARAMETER_FORMS:
        yield Credential(place, wire=wire)


def _operation_cases(spec: SpecView, operation: str, profile_id: str) -> Iterator[EdgeCase]:
    method, path = spec.path(operation, profile_id)
    form = spec.form_example() if method == "POST" else None

    def case(
        expect: Expect, credentials: tuple[Credential, ...], check: str, label: str = "", escaped: bool = False
    ) -> EdgeCase:
        name = label or " and ".join(describe(credential) for credential in credentials)
        name += ", its name and the form's brackets percent-encoded" if escaped else ""
        return EdgeCase(
            f"{operation}: {name}",
            expect,
            method,
            path,
            operation,
            credentials,
            form=form,
            form_escaped=escaped,
            check=check,
        )

    places = token_places(spec, operation)
    for place, parameter in places:
        valid = Credential(place)
        yield case(Expect.ACCEPTED, (valid,), PLACEMENTS if place is not Token.HEADER else VALID_REQUESTS)
        for equivalent in _equivalent_credentials(place):
            yield case(Expect.ACCEPTED, (equivalent,), EQUIVALENT_TOKENS)
        yield case(Expect.REFUSED, (Credential(place, Whose.UNKNOWN),), UNKNOWN_TOKENS)
        for close in _close_credentials(place, parameter):
            yield case(Expect.REFUSED, (close,), CLOSE_TOKENS)
        if place is Token.BODY:
            # A server may look names up one way in a plain body and another once it sees escapes:
            # the token's name written wholly in escapes (%61%63...) is the same name.
            yield case(Expect.ACCEPTED, (valid,), PLACEMENTS, escaped=True)
            for name in near_miss_parameter_names(parameter):
                yield case(Expect.REFUSED, (Credential(place, name=name),), CLOSE_TOKENS, escaped=True)
        if "{id}" in spec.operations[operation][1]:
            foreign = OTHER_USERS_WRITES if operation == UPDATE_SCHEDULES else OTHER_USERS_READS
            yield case(Expect.FOREIGN, (Credential(place, Whose.OTHER),), foreign)
    for index, (first, _) in enumerate(places):
        for second, _ in places[index + 1 :]:
            yield case(Expect.REFUSED, (Credential(first), Credential(second)), PLACEMENTS)
    yield case(Expect.REFUSED, (), UNKNOWN_TOKENS, "no token")


def token_cases(spec: SpecView, profile_id: str) -> Iterator[EdgeCase]:
    for operation in spec.operations:
        yield from _operation_cases(spec, operation, profile_id)
