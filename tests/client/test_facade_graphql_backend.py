"""BufferProfiles(backend="graphql") against the reference server's GraphQL stand-in: the same models as v1.

One server, one store: the test kit's fixtures serve v1 at ``buffer_api.base_url`` and Buffer's
GraphQL reads at ``buffer_api.graphql_url``, with the user's access token as its API key (the
reference server's choice). Each read is made through both backends and compared on every field the
GraphQL API carries; v1's fields without a counterpart (``default``, ``statistics``, ...) stay unset.
"""

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from buffer_profiles_client import (
    AsyncBufferProfiles,
    AuthenticationError,
    BufferProfiles,
    NoGraphQLEquivalentError,
    NotFoundError,
    ServerError,
)
from buffer_profiles_client.models import Profile, Schedule
from buffer_profiles_client.types import UNSET

from buffer_profiles_testkit.faults import server_error
from buffer_profiles_testkit.pytest_plugin import BufferApi, BufferUser
from tests.client.scripted import Clock

# v1 Profile fields that a GraphQL Channel (or its Account) carries: graphql_mapping's table.
MAPPED_FIELDS = (
    "id",
    "user_id",
    "service",
    "service_id",
    "service_username",
    "formatted_username",
    "created_at",
    "timezone",
    "schedules",
    "avatar",
)
UNKNOWN_PROFILE = "0123456789abcdef01234567"


def _mapped(profile: Profile, like: Profile | None = None) -> dict[str, Any]:
    """A profile's mapped fields that ``like`` (the v1 answer) sets: v1's avatar is optional, a channel's is not."""
    values, wanted = profile.to_dict(), (like or profile).to_dict()
    return {name: values.get(name) for name in MAPPED_FIELDS if name in wanted}


def _same_profiles(over_graphql: list[Profile], over_rest: list[Profile]) -> bool:
    return [_mapped(g, like=r) for g, r in zip(over_graphql, over_rest, strict=True)] == list(map(_mapped, over_rest))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def rest(buffer_api: BufferApi, buffer_user: BufferUser) -> Iterator[BufferProfiles]:
    with BufferProfiles(buffer_user.token, base_url=buffer_api.base_url) as client:
        yield client


@pytest.fixture
def graphql(buffer_api: BufferApi, buffer_user: BufferUser, clock: Clock) -> Iterator[BufferProfiles]:
    with BufferProfiles(
        backend="graphql", api_key=buffer_user.token, base_url=buffer_api.graphql_url, backoff=clock.backoff()
    ) as client:
        yield client


def test_the_reads_give_the_same_models_on_both_backends(rest: BufferProfiles, graphql: BufferProfiles) -> None:
    over_rest, over_graphql = rest.profiles.list(), graphql.profiles.list()

    assert all(isinstance(profile, Profile) for profile in over_graphql)
    assert _same_profiles(over_graphql, over_rest)
    for profile in over_rest:
        retrieved = graphql.profiles.retrieve(profile.id)
        schedules = graphql.profiles.schedules.list(profile.id)
        assert _same_profiles([retrieved], [rest.profiles.retrieve(profile.id)])
        assert all(isinstance(schedule, Schedule) for schedule in schedules)
        assert schedules == rest.profiles.schedules.list(profile.id)
        # Fields v1 has and a channel has not stay unset, never guessed.
        assert (retrieved.default, retrieved.statistics, retrieved.counts) == (UNSET, UNSET, UNSET)


@pytest.mark.buffer_profiles(
    {"schedules": [{"days": ["tue", "mon"], "times": ["18:00", "09:00"]}, {"days": ["mon"], "times": ["12:00"]}]}
)
def test_schedules_come_back_in_the_canonical_grouping_with_every_slot(
    rest: BufferProfiles, graphql: BufferProfiles, buffer_user: BufferUser
) -> None:
    profile_id = buffer_user.profile_ids[0]

    assert [schedule.to_dict() for schedule in graphql.profiles.schedules.list(profile_id)] == [
        {"days": ["mon"], "times": ["09:00", "12:00", "18:00"]},
        {"days": ["tue"], "times": ["09:00", "18:00"]},
    ]
    assert [schedule.to_dict() for schedule in rest.profiles.schedules.list(profile_id)] == [
        {"days": ["tue", "mon"], "times": ["18:00", "09:00"]},
        {"days": ["mon"], "times": ["12:00"]},
    ]


def test_the_async_client_reads_the_same(rest: BufferProfiles, buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    profile_id = buffer_user.profile_ids[1]

    async def reads() -> tuple[list[Profile], Profile, list[Schedule]]:
        async with AsyncBufferProfiles(
            backend="graphql", api_key=buffer_user.token, base_url=buffer_api.graphql_url
        ) as buffer:
            return await asyncio.gather(
                buffer.profiles.list(), buffer.profiles.retrieve(profile_id), buffer.profiles.schedules.list(profile_id)
            )

    profiles, profile, schedules = asyncio.run(reads())

    assert _same_profiles(profiles, rest.profiles.list())
    assert _same_profiles([profile], [rest.profiles.retrieve(profile_id)])
    assert schedules == rest.profiles.schedules.list(profile_id)


def test_failures_raise_the_same_classes_on_both_backends(
    rest: BufferProfiles, graphql: BufferProfiles, buffer_api: BufferApi
) -> None:
    for client in (rest, graphql):
        with pytest.raises(NotFoundError):
            client.profiles.retrieve(UNKNOWN_PROFILE)
        with pytest.raises(NotFoundError):
            client.profiles.schedules.list(UNKNOWN_PROFILE)
    with BufferProfiles("not-a-token", base_url=buffer_api.base_url) as unknown, pytest.raises(AuthenticationError):
        unknown.profiles.list()
    with (
        BufferProfiles(backend="graphql", api_key="not-a-key", base_url=buffer_api.graphql_url) as unknown,
        pytest.raises(AuthenticationError, match="Access token is not valid"),
    ):
        unknown.profiles.list()


def test_another_users_channel_is_not_found(graphql: BufferProfiles, buffer_api: BufferApi) -> None:
    other = buffer_api.add_user()

    with pytest.raises(NotFoundError) as raised:
        graphql.profiles.retrieve(other.profile_ids[0])

    assert raised.value.graphql_code == "NOT_FOUND"


def test_a_read_over_graphql_is_retried_after_a_server_error(
    graphql: BufferProfiles, buffer_api: BufferApi, clock: Clock
) -> None:
    buffer_api.fail_next("graphql", server_error())

    assert len(graphql.profiles.list()) == 2  # ACCOUNT answered 500, then again, then CHANNELS
    assert len(clock.sleeps) == 1

    buffer_api.fail_next("graphql", server_error(), times=3)
    with pytest.raises(ServerError):
        graphql.profiles.list()  # the first and both retries failed


def test_the_update_raises_before_sending_anything(buffer_api: BufferApi, buffer_user: BufferUser) -> None:
    sent: list[httpx.Request] = []
    before = buffer_api.schedules(buffer_user, buffer_user.profile_ids[0])
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        BufferProfiles(
            backend="graphql", api_key=buffer_user.token, base_url=buffer_api.graphql_url, http_client=http
        ) as buffer,
        pytest.raises(NoGraphQLEquivalentError) as raised,
    ):
        buffer.profiles.schedules.update(buffer_user.profile_ids[0], schedules=[{"days": ["sat"], "times": ["09:30"]}])

    assert sent == []
    assert raised.value.operation == "update_profile_schedules"
    message = str(raised.value)
    assert "no operation that sets posting schedules" in message
    assert "Buffer's web app" in message  # what the caller can still do
    assert 'backend="rest"' in message
    assert buffer_api.schedules(buffer_user, buffer_user.profile_ids[0]) == before
