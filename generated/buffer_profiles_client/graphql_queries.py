"""The GraphQL documents this package sends to Buffer's GraphQL API, for the reads v1 also offers.

Buffer retires its v1 REST API on 2027-02-01. Its GraphQL API answers at one URL
(``POST https://api.buffer.com``) a JSON body ``{"query": ..., "variables": ...}`` sent with
``Authorization: Bearer <API key>``. Each document here is a fixed string: nothing builds query text
at run time, the variables are the only input. The test suite validates every one against Buffer's
published schema, and the README and the API reference show the same documents.

What each v1 read costs there (Buffer allows 100 requests per API key in 15 rolling minutes):

- ``list_profiles``: ``ACCOUNT`` once, then ``CHANNELS`` once per organization of the account, so
  1 + organizations requests however many profiles there are (``Organization`` has no channels
  field, and ``channels`` answers a whole organization at once, with no pages);
- ``get_profile``: ``CHANNEL``, one request, which also reads the account's id (v1's ``user_id``);
- ``list_profile_schedules``: ``POSTING_SCHEDULE``, one request;
- ``update_profile_schedules``: none. Buffer's GraphQL API has no mutation that sets posting
  schedules (``NO_EQUIVALENT`` says so for the caller).

``graphql_mapping`` reads the answers into this package's models.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GRAPHQL_URL = "https://api.buffer.com"

# The Channel fields v1's Profile is mapped from (graphql_mapping.profile_from_channel), no more.
CHANNEL_FIELDS = (
    "id service serviceId name displayName type timezone avatar createdAt postingSchedule { day times paused }"
)


@dataclass(frozen=True)
class GraphQLQuery:
    """One fixed GraphQL document: its operation name, its text and the variables it declares."""

    name: str
    document: str
    variables: tuple[str, ...] = ()

    def body(self, **variables: str) -> dict[str, Any]:
        """The JSON body of a request that runs this query with ``variables`` (exactly those it declares)."""
        if set(variables) != set(self.variables):
            expected = ", ".join(self.variables) or "none"
            raise TypeError(f"{self.name} takes the variables {expected}, not {', '.join(variables) or 'none'}")
        body: dict[str, Any] = {"query": self.document, "operationName": self.name}
        if variables:
            body["variables"] = variables
        return body


ACCOUNT = GraphQLQuery("Account", "query Account { account { id organizations { id } } }")
CHANNELS = GraphQLQuery(
    "Channels",
    "query Channels($organizationId: OrganizationId!) "
    "{ channels(input: {organizationId: $organizationId}) { " + CHANNEL_FIELDS + " } }",
    ("organizationId",),
)
CHANNEL = GraphQLQuery(
    "Channel",
    "query Channel($id: ChannelId!) { account { id } channel(input: {id: $id}) { " + CHANNEL_FIELDS + " } }",
    ("id",),
)
POSTING_SCHEDULE = GraphQLQuery(
    "PostingSchedule",
    "query PostingSchedule($id: ChannelId!) { channel(input: {id: $id}) { postingSchedule { day times paused } } }",
    ("id",),
)

# v1 operationId -> the queries that read the same data, in the order they are sent.
QUERIES_BY_OPERATION: Mapping[str, tuple[GraphQLQuery, ...]] = {
    "list_profiles": (ACCOUNT, CHANNELS),
    "get_profile": (CHANNEL,),
    "list_profile_schedules": (POSTING_SCHEDULE,),
}
# v1 operationId -> why Buffer's GraphQL API cannot do it, and what to do instead.
NO_EQUIVALENT: Mapping[str, str] = {
    "update_profile_schedules": (
        "Buffer's GraphQL API has no operation that sets posting schedules (its mutations are about "
        "posts, ideas and post templates): set them in Buffer's web app; reading them works over GraphQL."
    ),
}
