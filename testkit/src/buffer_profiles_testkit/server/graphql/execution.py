"""A GraphQL document run with graphql-core over Buffer's vendored schema, against one user's stored data.

The schema is Buffer's whole SDL (``graphql_schema.buffer_schema``), so a document is parsed and
validated exactly as against Buffer's API; the stand-in then serves a subset, and a document that
selects anything else is refused before it runs (``ServedSubset``):

- ``Query.account { id organizations { id } }`` (``organizations`` without ``filter``);
- ``Query.channels(input: {organizationId})`` (without ``filter``) and ``Query.channel(input: {id})``;
- of a ``Channel``: ``id service serviceId name displayName type timezone avatar createdAt
  postingSchedule { day times paused }``, the fields the client package asks for;
- ``__typename`` anywhere. No mutations, and no introspection.

Errors carry ``extensions.code`` as Buffer's do: ``NOT_FOUND`` for a channel the key's user does not
have (another user's included: it never says which), ``FORBIDDEN`` for another organization's
channels, ``UNEXPECTED`` for a failure of the server (storage). Parse and validation failures
(``GRAPHQL_PARSE_FAILED``, ``GRAPHQL_VALIDATION_FAILED``) and bad variables (``BAD_USER_INPUT``)
carry the codes Apollo-based servers give them; all of them come in a ``200``, as Buffer's guide
says ("GraphQL always returns HTTP 200").
"""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    ValidationRule,
    VariableNode,
    execute,
    parse,
    specified_rules,
    validate,
)

from buffer_profiles_testkit.graphql_schema import buffer_schema
from buffer_profiles_testkit.server.graphql import channels

_logger = logging.getLogger("uvicorn.error")

SERVED: dict[str, frozenset[str]] = {
    "Query": frozenset({"account", "channels", "channel"}),
    "Account": frozenset({"id", "organizations"}),
    "Organization": frozenset({"id"}),
    "Channel": channels.CHANNEL_FIELDS,
    "ScheduleV2": frozenset({"day", "times", "paused"}),
}
_ALWAYS_SERVED = "__typename"


@dataclass(frozen=True)
class UserData:
    """What one request may read: its user's account, organization and channels, read from the store when asked."""

    user_id: str
    profiles_json: Callable[[], bytes | str]  # the user's profiles as v1 lists them
    profile_json: Callable[[str], str | None]  # one of them as v1 answers it, None if the user has none by that id


class ServedSubset(ValidationRule):
    """Refuses every field outside ``SERVED``, and every operation but a query."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        if node.operation is not OperationType.QUERY:
            self.report_error(_refusal(f"The reference server serves queries only, not {node.operation.value}s.", node))

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        parent = self.context.get_parent_type()
        name = node.name.value
        if parent is None or name == _ALWAYS_SERVED or name in SERVED.get(parent.name, ()):
            return
        served = ", ".join(f"{owner} {{{' '.join(sorted(fields))}}}" for owner, fields in SERVED.items())
        message = f"The reference server does not serve {parent.name}.{name}; it serves {served}."
        self.report_error(_refusal(message, node))


def _refusal(message: str, node: Any) -> GraphQLError:
    return GraphQLError(message, node, extensions={"code": "GRAPHQL_VALIDATION_FAILED"})


@dataclass(frozen=True)
class Parsed:
    """A request's document, or the answer to one that does not parse; and what hooks are told of it."""

    document: DocumentNode | None
    refusal: dict[str, Any] | None  # the answer's body when the document does not parse
    operation_name: str | None  # the operation that would run, when it has a name
    channel_id: str | None  # the id its channel field asks for, when it has one


def parse_request(query: str, operation_name: str | None, variables: dict[str, Any]) -> Parsed:
    try:
        document = parse(query)
    except GraphQLError as error:
        refused = GraphQLError(
            error.message, source=error.source, positions=error.positions, extensions={"code": "GRAPHQL_PARSE_FAILED"}
        )
        return Parsed(None, {"errors": [refused.formatted]}, operation_name, None)
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    chosen = next(
        (node for node in operations if operation_name is None or (node.name and node.name.value == operation_name)),
        None,
    )
    if chosen is None:
        return Parsed(document, None, operation_name, None)
    name = chosen.name.value if chosen.name else operation_name
    for selection in chosen.selection_set.selections:
        if isinstance(selection, FieldNode) and selection.name.value == "channel":
            return Parsed(document, None, name, _channel_id(selection, variables))
    return Parsed(document, None, name, None)


def _channel_id(field: FieldNode, variables: dict[str, Any]) -> str | None:
    for argument in field.arguments or ():
        if argument.name.value != "input" or not isinstance(argument.value, ObjectValueNode):
            continue
        for member in argument.value.fields:
            if member.name.value != "id":
                continue
            value = member.value
            if isinstance(value, StringValueNode):
                return value.value
            if isinstance(value, VariableNode):
                found = variables.get(value.name.value)
                return found if isinstance(found, str) else None
    return None


def run(
    document: DocumentNode, operation_name: str | None, variables: dict[str, Any], data: UserData
) -> dict[str, Any]:
    """The JSON body that answers the document: ``{"data": ...}``, with ``errors`` when anything failed."""
    schema = buffer_schema()
    refused = validate(schema, document, [*specified_rules, ServedSubset])
    if refused:
        return {"errors": [_with_code(error, "GRAPHQL_VALIDATION_FAILED") for error in refused]}
    result = execute(schema, document, _root(data), variable_values=variables, operation_name=operation_name)
    assert isinstance(result, ExecutionResult)  # every resolver here is synchronous
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [_reported(error) for error in result.errors]
    return body


def _root(data: UserData) -> dict[str, Any]:
    # graphql-core's default resolver calls a callable member with (info, **arguments).
    organization = channels.organization_id(data.user_id)

    def organizations(_: Any, filter: Any = None) -> list[dict[str, str]]:
        _not_served_argument("Account.organizations", "filter", filter)
        return [{"id": organization}]

    def all_channels(_: Any, input: dict[str, Any]) -> list[dict[str, Any]]:
        _not_served_argument("Query.channels", "input.filter", input.get("filter"))
        if input["organizationId"] != organization:
            raise GraphQLError("You do not have access to this organization.", extensions={"code": "FORBIDDEN"})
        return channels.channels(data.profiles_json())

    def one_channel(_: Any, input: dict[str, Any]) -> dict[str, Any]:
        channel_id = input["id"]
        stored = data.profile_json(channel_id) if isinstance(channel_id, str) else None
        found = channels.channel(json.loads(stored)) if stored is not None else None
        if found is None:
            raise GraphQLError("Channel not found.", extensions={"code": "NOT_FOUND"})
        return found

    return {
        "account": lambda _: {"id": data.user_id, "organizations": organizations},
        "channels": all_channels,
        "channel": one_channel,
    }


def _not_served_argument(field: str, argument: str, value: Any) -> None:
    if value is not None:
        message = f"The reference server does not serve {field}({argument}): leave it out."
        raise GraphQLError(message, extensions={"code": "BAD_USER_INPUT"})


def _with_code(error: GraphQLError, code: str) -> dict[str, Any]:
    formatted = error.formatted
    if not (formatted.get("extensions") or {}).get("code"):
        formatted["extensions"] = {**(formatted.get("extensions") or {}), "code": code}
    return dict(formatted)


def _reported(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        # A failure of the server (its storage, or a bug): said as Buffer says it, and logged.
        _logger.warning("GraphQL stand-in: %s at %s: %r", type(original).__name__, error.path, original)
        return {"message": "Unexpected error.", "path": error.path, "extensions": {"code": "UNEXPECTED"}}
    return _with_code(error, "BAD_USER_INPUT")
