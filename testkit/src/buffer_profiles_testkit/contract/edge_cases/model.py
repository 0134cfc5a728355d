"""What an edge case is, and the view of the spec the cases are derived from."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import quote

FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
FORM_SCHEMA = "UpdateSchedulesForm"


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
