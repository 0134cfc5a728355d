"""What an edge case is, and the view of the spec the cases are derived from."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import quote

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
FORM_SCHEMA = "UpdateSchedulesForm"


class Expect(Enum):
    ACCEPTED = 'valid: answered with success (an update: `"success": true`, and stored)'
    REJECTED = "invalid under Buffer's contract: refused with a documented 4xx, nothing changed"
    SAFE = "a reference-server choice: no 5xx, a documented status, nothing changed if refused"
    UNKNOWN_ENDPOINT = "no such endpoint: refused with a 4xx in Buffer's error shape"
    REFUSED = "no usable token: 401 with a challenge, or 403 with code 1001; nothing changed"
    FOREIGN = "another user's valid token: 404 with code 1010, or 403 with code 1011; nothing changed"


class Token(Enum):
    HEADER = "header"
    QUERY = "query"
    BODY = "body"


class Whose(Enum):
    USER = "the user's token"
    OTHER = "another user's token"  # BUFFER_OTHER_ACCESS_TOKEN: its cases are skipped without one
    UNKNOWN = "a token no server knows"


@dataclass(frozen=True)
class Credential:
    """How one copy of a token travels: where, whose, edited how, and written on the wire how.

    ``edit`` and ``wire`` name entries of ``credentials.TOKEN_EDITS`` and ``credentials.WIRE_FORMS``;
    ``name`` replaces the header's or the parameter's name (a near miss) when it is not None.
    """

    place: Token
    whose: Whose = Whose.USER
    edit: str = "as issued"
    wire: str = "as usual"
    name: str | None = None


@dataclass(frozen=True)
class EdgeCase:
    name: str
    expect: Expect
    method: str
    path: str  # relative to the base URL, already percent-encoded
    operation: str | None  # the spec's operationId, None for an unknown endpoint
    credentials: tuple[Credential, ...] = (Credential(Token.HEADER),)
    form: Mapping[str, Any] | None = None  # an update body, bracket-encoded when sent
    content: bytes | None = None  # a raw body instead of a form
    content_type: str | None = None
    extra_form: str = ""  # appended raw to the encoded form (an oversized body)
    # brackets and colons percent-encoded too, as form encoders write them; a token's name wholly so
    form_escaped: bool = False
    # values percent-encoded, names as written: what curl --data-urlencode sends (the spec's curl sample)
    form_values_escaped: bool = False
    check: str | None = None  # the check that reports a wrong answer, when not the one its expectation names

    @property
    def writes(self) -> bool:
        return self.method == "POST"

    @property
    def token_in(self) -> tuple[Token, ...]:
        return tuple(credential.place for credential in self.credentials)

    @property
    def needs_other_token(self) -> bool:
        return any(credential.whose is Whose.OTHER for credential in self.credentials)


@dataclass
class SpecView:
    raw: Mapping[str, Any]
    operations: dict[str, tuple[str, str]] = field(default_factory=dict)  # operationId -> (method, path)

    def resolve(self, node: Any) -> Any:
        """``node``, with its ``$ref`` (a local one) followed."""
        while isinstance(node, Mapping) and "$ref" in node:
            target: Any = self.raw
            for part in str(node["$ref"]).lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def form_example(self) -> Any:
        """The update body the spec gives as its example: every edge case starts from it."""
        return self.resolve({"$ref": f"#/components/schemas/{FORM_SCHEMA}"})["examples"][0]

    def path(self, operation: str, profile_id: str) -> tuple[str, str]:
        """The method and the path (relative to the base URL) of ``operation`` for this profile id."""
        method, template = self.operations[operation]
        return method, template.replace("{id}", quote(profile_id, safe="")).lstrip("/")


def spec_view(raw: Mapping[str, Any]) -> SpecView:
    spec = SpecView(raw)
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, Mapping) and "operationId" in operation:
                spec.operations[str(operation["operationId"])] = (method.upper(), path)
    return spec
