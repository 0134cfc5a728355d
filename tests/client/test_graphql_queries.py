"""Every GraphQL document the client sends is valid against Buffer's published schema, and runs there.

The schema is the test kit's vendored copy of Buffer's introspection output. Running a document means
graphql-core executes it over that schema with plain data as the root value: the answer then has the
shape, the enum values and the non-null guarantees Buffer's schema gives, and the mapping reads it.
"""

from typing import Any

import pytest
from buffer_profiles_client.graphql_mapping import (
    GRAPHQL_SERVICES,
    WEEK,
    channel_from_profile,
    read_account,
    read_channel,
    read_channels,
    read_posting_schedule,
)
from buffer_profiles_client.graphql_queries import (
    ACCOUNT,
    CHANNEL,
    CHANNELS,
    NO_EQUIVALENT,
    POSTING_SCHEDULE,
    QUERIES_BY_OPERATION,
    GraphQLQuery,
)
from buffer_profiles_client.models import Profile, Schedule
from graphql import (
    FieldNode,
    GraphQLEnumType,
    OperationDefinitionNode,
    graphql_sync,
    parse,
    validate,
)

from buffer_profiles_testkit.graphql_schema import buffer_schema
from buffer_profiles_testkit.yaml_loading import load_yaml
from overrides.generate import SPEC

QUERIES = [ACCOUNT, CHANNELS, CHANNEL, POSTING_SCHEDULE]
ACCOUNT_ID = "5160746d13d04a5e3a00000d"
ORGANIZATION_ID = "5160746d13d04a5e3a0000aa"


def _operation(query: GraphQLQuery) -> OperationDefinitionNode:
    (definition,) = parse(query.document).definitions
    assert isinstance(definition, OperationDefinitionNode)
    return definition


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_each_document_is_valid_against_buffers_schema(query: GraphQLQuery) -> None:
    assert validate(buffer_schema(), parse(query.document)) == []


@pytest.mark.parametrize("query", QUERIES, ids=lambda query: query.name)
def test_each_document_is_one_named_query_declaring_its_variables(query: GraphQLQuery) -> None:
    operation = _operation(query)

    assert operation.operation.value == "query"
    assert operation.name is not None
    assert operation.name.value == query.name
    declared = operation.variable_definitions or ()
    assert tuple(variable.variable.name.value for variable in declared) == query.variables


def test_a_request_body_carries_the_document_and_exactly_its_variables() -> None:
    assert ACCOUNT.body() == {"query": ACCOUNT.document, "operationName": "Account"}
    assert CHANNELS.body(organizationId=ORGANIZATION_ID) == {
        "query": CHANNELS.document,
        "operationName": "Channels",
        "variables": {"organizationId": ORGANIZATION_ID},
    }
    with pytest.raises(TypeError, match="Channel takes the variables id, not organizationId"):
        CHANNEL.body(organizationId=ORGANIZATION_ID)
    with pytest.raises(TypeError, match="Channel takes the variables id, not none"):
        CHANNEL.body()


def test_every_v1_operation_has_its_queries_or_says_why_not() -> None:
    spec = load_yaml(SPEC.read_text(encoding="utf-8"))
    operation_ids = {
        operation["operationId"]
        for path_item in spec["paths"].values()
        for key, operation in path_item.items()
        if key != "parameters"
    }

    assert QUERIES_BY_OPERATION.keys() | NO_EQUIVALENT.keys() == operation_ids
    assert not QUERIES_BY_OPERATION.keys() & NO_EQUIVALENT.keys()
    assert "no operation that sets posting schedules" in NO_EQUIVALENT["update_profile_schedules"]


def test_the_channel_fields_are_those_the_mapping_reads_and_writes() -> None:
    (channel,) = [
        field
        for field in _operation(CHANNEL).selection_set.selections
        if isinstance(field, FieldNode) and field.name.value == "channel"
    ]
    assert channel.selection_set is not None
    asked = [field.name.value for field in channel.selection_set.selections if isinstance(field, FieldNode)]
    profile = Profile(
        id=ACCOUNT_ID, user_id=ACCOUNT_ID, service="twitter", service_id="1", service_username="a",
        formatted_username="@a", created_at=0, timezone="UTC", schedules=[],
    )  # fmt: skip

    assert sorted(channel_from_profile(profile)) == sorted(asked)


def test_the_mappings_enums_are_buffers() -> None:
    service = buffer_schema().get_type("Service")
    day = buffer_schema().get_type("DayOfWeek")

    assert isinstance(service, GraphQLEnumType)
    assert isinstance(day, GraphQLEnumType)
    assert set(service.values) == GRAPHQL_SERVICES
    assert tuple(day.values) == WEEK


# --- the documents, executed over Buffer's schema ---------------------------------------------------

PROFILES = [
    Profile(
        id="5160746d13d04a5e3a00000f",
        user_id=ACCOUNT_ID,
        service="twitter",
        service_id="737649619",
        service_username="example",
        formatted_username="@example",
        created_at=1365275757,
        timezone="America/New_York",
        schedules=[
            Schedule(days=["mon", "tue", "wed", "thu", "fri"], times=["06:13", "09:10"]),
            Schedule(days=["sun"], times=["10:00"]),
        ],
        avatar="https://example.com/avatar.png",
        service_type="profile",
    ),
    Profile(
        id="5160746d13d04a5e3a000010",
        user_id=ACCOUNT_ID,
        service="linkedin",
        service_id="urn:li:organization:1521226",
        service_username="bufferapp",
        formatted_username="Buffer",
        created_at=1600000000,
        timezone="Europe/London",
        schedules=[],
        avatar="https://example.com/b.png",
        service_type="page",
    ),
]


# graphql-core's default resolver calls a callable member of the root value with (info, **arguments).
def _channels(_: Any, input: dict[str, str]) -> list[dict[str, Any]]:
    return [channel_from_profile(profile) for profile in PROFILES] if input["organizationId"] == ORGANIZATION_ID else []


def _channel(_: Any, input: dict[str, str]) -> dict[str, Any]:
    return next(channel_from_profile(profile) for profile in PROFILES if profile.id == input["id"])


ROOT = {
    "account": {"id": ACCOUNT_ID, "organizations": [{"id": ORGANIZATION_ID}]},
    "channels": _channels,
    "channel": _channel,
}


def _run(query: GraphQLQuery, **variables: str) -> Any:
    result = graphql_sync(buffer_schema(), query.document, root_value=ROOT, variable_values=variables)
    assert result.errors is None, result.errors
    return result.data


def test_list_profiles_reads_every_channel_of_every_organization() -> None:
    account_id, organization_ids = read_account(_run(ACCOUNT))
    profiles = [
        profile
        for organization_id in organization_ids
        for profile in read_channels(_run(CHANNELS, organizationId=organization_id), account_id=account_id)
    ]

    assert organization_ids == [ORGANIZATION_ID]
    assert profiles == PROFILES


@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.service)
def test_get_profile_and_its_schedules_read_the_channel(profile: Profile) -> None:
    assert read_channel(_run(CHANNEL, id=profile.id)) == profile
    assert read_posting_schedule(_run(POSTING_SCHEDULE, id=profile.id)) == profile.schedules
