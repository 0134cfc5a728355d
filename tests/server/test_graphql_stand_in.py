"""The reference server's /graphql: Buffer's GraphQL reads from the v1 store, GraphQL errors for everything else.

Answers are checked for Buffer's shapes: ``401`` ``UNAUTHENTICATED`` with the messages the live API
sent (no key; an unknown key), ``429`` ``RATE_LIMIT_EXCEEDED`` with ``Retry-After``, and otherwise a
``200`` whose ``errors`` carry ``extensions.code``. v1's answers carry the sunset's headers (RFC
9745, RFC 8594; the reference server's choice), /graphql's none.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN, OTHER_USER_PROFILE_IDS
from buffer_profiles_testkit.server.graphql.channels import organization_id
from buffer_profiles_testkit.server.sunset_headers import HEADERS
from tests.demo_server import graphql_url

CHANNEL = "query Channel($id: ChannelId!) { channel(input: {id: $id}) { id name } }"


class StandIn:
    """The demo user's requests to one server's /graphql."""

    def __init__(self, base_url: str) -> None:
        self.url = graphql_url(base_url)
        self.http = httpx.Client(headers={"Authorization": f"Bearer {DEMO_TOKEN}"}, timeout=10)

    def post(self, query: str, **variables: Any) -> httpx.Response:
        return self.http.post(self.url, json={"query": query, "variables": variables})


@pytest.fixture(scope="module")
def graphql(shared_base_url: str) -> Iterator[StandIn]:
    stand_in = StandIn(shared_base_url)
    with stand_in.http:
        yield stand_in


def _codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json()["errors"]]


def test_a_served_query_reads_the_v1_store(graphql: StandIn) -> None:
    response = graphql.post(CHANNEL, id=DEMO_PROFILE_ID)

    assert response.status_code == 200
    assert response.json() == {"data": {"channel": {"id": DEMO_PROFILE_ID, "name": "skinnyoteam"}}}
    assert not set(HEADERS) & set(response.headers)  # the replacement is not deprecated


def test_another_users_channel_is_not_found_and_another_organization_forbidden(graphql: StandIn) -> None:
    missing = graphql.post(CHANNEL, id=OTHER_USER_PROFILE_IDS[0])
    forbidden = graphql.post(
        "query C($o: OrganizationId!) { channels(input: {organizationId: $o}) { id } }",
        o=organization_id("5f1a2b3c4d5e6f7a8b9c0d1e"),
    )

    assert (missing.status_code, missing.json()["data"], _codes(missing)) == (200, None, ["NOT_FOUND"])
    assert (forbidden.status_code, _codes(forbidden)) == (200, ["FORBIDDEN"])


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ('query { channel(input: {id: "x"}) { isDisconnected } }', "GRAPHQL_VALIDATION_FAILED"),  # not served
        ('query { channel(input: {id: "x"}) { nickname } }', "GRAPHQL_VALIDATION_FAILED"),  # not in the schema
        ('mutation { deletePost(input: {id: "x"}) { __typename } }', "GRAPHQL_VALIDATION_FAILED"),
        ("query { __schema { types { name } } }", "GRAPHQL_VALIDATION_FAILED"),  # no introspection
        ("query { channel(input: {id: ", "GRAPHQL_PARSE_FAILED"),
    ],
    ids=["unserved-field", "unknown-field", "mutation", "introspection", "unparsable"],
)
def test_anything_else_is_a_graphql_error_with_no_data(graphql: StandIn, query: str, code: str) -> None:
    response = graphql.post(query)

    assert response.status_code == 200
    assert "data" not in response.json()
    assert set(_codes(response)) == {code}


@pytest.mark.parametrize(
    ("key", "message"),
    [(None, "An authentication JWT or Access Token is required"), ("not-a-key", "Access token is not valid")],
)
def test_no_key_or_an_unknown_one_is_401_unauthenticated(shared_base_url: str, key: str | None, message: str) -> None:
    headers = {} if key is None else {"Authorization": f"Bearer {key}"}

    response = httpx.post(graphql_url(shared_base_url), json={"query": CHANNEL}, headers=headers, timeout=10)

    assert response.status_code == 401
    assert response.json() == {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


@pytest.mark.parametrize(
    ("request_options", "status"),
    [
        ({"method": "GET"}, 405),
        ({"method": "POST", "content": b"{}", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"method": "POST", "content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
        ({"method": "POST", "json": {"query": 3}}, 400),
        ({"method": "POST", "json": {"query": CHANNEL, "variables": []}}, 400),
    ],
    ids=["get", "text", "not-json", "query-not-a-string", "variables-not-an-object"],
)
def test_what_is_no_graphql_request_is_refused_in_graphqls_shape(
    graphql: StandIn, request_options: dict[str, Any], status: int
) -> None:
    response = graphql.http.request(url=graphql.url, **request_options)

    assert response.status_code == status
    assert _codes(response) == ["BAD_REQUEST"]


def test_v1_answers_and_errors_carry_the_sunset_headers(shared_base_url: str) -> None:
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    with httpx.Client(base_url=shared_base_url, headers=headers, timeout=10) as v1:
        answers = [v1.get("/profiles.json"), v1.get("/profiles/0123456789abcdef01234567.json")]

    assert [answer.status_code for answer in answers] == [200, 404]
    for answer in answers:
        assert {name: answer.headers.get(name) for name in HEADERS} == {
            "Deprecation": "@1785110400",  # 2026-07-27, the announcement (RFC 9745)
            "Sunset": "Mon, 01 Feb 2027 00:00:00 GMT",  # RFC 8594
            "Link": '<https://buffer.com/resources/legacy-rest-api-retired/>; rel="deprecation"; type="text/html"',
        }


def test_over_the_rate_limit_is_429_rate_limit_exceeded_with_retry_after(db_path: Path) -> None:
    with running_server(create_app(db_path, rate_limit_per_minute=1)) as base_url:
        headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
        answers = [
            httpx.post(
                graphql_url(base_url),
                json={"query": CHANNEL, "variables": {"id": DEMO_PROFILE_ID}},
                headers=headers,
                timeout=10,
            )
            for _ in range(2)
        ]

    assert [answer.status_code for answer in answers] == [200, 429]
    assert _codes(answers[1]) == ["RATE_LIMIT_EXCEEDED"]
    assert int(answers[1].headers["Retry-After"]) > 0
