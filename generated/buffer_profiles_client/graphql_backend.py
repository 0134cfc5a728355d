"""``BufferProfiles(backend="graphql")``: v1's reads from Buffer's GraphQL API, as the same models.

Each v1 read the GraphQL API can answer is a sequence of the fixed queries of ``graphql_queries``,
read by ``graphql_mapping``; the client object sends each query as a ``POST`` of JSON to the one
URL, ``Authorization: Bearer <API key>``, with the operation's own retries (a read stays a read,
sent as a POST). An operation without a read here raises ``NoGraphQLEquivalentError`` before
anything is sent: the update, which Buffer's GraphQL API cannot do, and any operation the spec
gains later until a read is written for it.
"""

from collections.abc import Callable, Generator, Mapping
from typing import Any, TypeVar

import httpx
from buffer_profiles_client.models import Profile, Schedule

from .backends import BearerBackend, Exchange
from .errors import MalformedDataError, NoGraphQLEquivalentError
from .graphql_answers import data_of, retry_status
from .graphql_mapping import read_account, read_channel, read_channels, read_posting_schedule
from .graphql_queries import ACCOUNT, CHANNEL, CHANNELS, NO_EQUIVALENT, POSTING_SCHEDULE, GraphQLQuery
from .operations import Operation
from .sunset import SUNSET_DATE

T = TypeVar("T")
# A read yields each query to send with its variables, is sent the answer's data, returns the result.
Read = Generator[tuple[GraphQLQuery, dict[str, str]], Any, T]

_UNKNOWN_OPERATION = (
    "this package has no GraphQL query for it. Buffer's GraphQL API may offer it under another name "
    "(https://developers.buffer.com/reference.html)"
)


def list_profiles() -> Read[list[Profile]]:
    """The account's organizations, then each one's channels: 1 + organizations requests, whatever the profiles."""
    account_id, organization_ids = read_account((yield ACCOUNT, {}))
    profiles: list[Profile] = []
    for organization_id in organization_ids:
        data = yield CHANNELS, {"organizationId": organization_id}
        profiles += read_channels(data, account_id=account_id)
    return profiles


def get_profile(id: str) -> Read[Profile]:
    return read_channel((yield CHANNEL, {"id": id}))


def list_profile_schedules(id: str) -> Read[list[Schedule]]:
    return read_posting_schedule((yield POSTING_SCHEDULE, {"id": id}))


# v1 operationId -> its read (graphql_queries.QUERIES_BY_OPERATION lists the queries each one sends).
READS: Mapping[str, Callable[..., Read[Any]]] = {
    "list_profiles": list_profiles,
    "get_profile": get_profile,
    "list_profile_schedules": list_profile_schedules,
}


class GraphQLBackend(BearerBackend):
    """Buffer's GraphQL API at ``base_url``, with an API key (or an OAuth access token of its own) as a Bearer token."""

    name = "graphql"

    def exchange(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        timeout: httpx.Timeout,
    ) -> Exchange[T]:
        read = READS.get(operation.name)
        if read is None:
            reason = NO_EQUIVALENT.get(operation.name, _UNKNOWN_OPERATION)
            raise NoGraphQLEquivalentError(
                operation.name, f'{reason} Until {SUNSET_DATE}, a client with backend="rest" can still send it.'
            )
        return self._requests(read(**arguments), http, timeout)

    def _requests(self, read: Read[T], http: httpx.Client | httpx.AsyncClient, timeout: httpx.Timeout) -> Exchange[T]:
        query, variables = next(read)
        while True:
            request = http.build_request(
                "POST", self.base_url, json=query.body(**variables), headers=self._headers, timeout=timeout
            )
            response = yield request
            data = data_of(response)
            try:
                query, variables = read.send(data)
            except StopIteration as done:
                result: T = done.value
                return result
            except MalformedDataError as error:
                raise error.with_response(response) from None

    def retry_status(self, response: httpx.Response) -> int:
        return retry_status(response)

    def failure_note(self) -> str:
        return ""
