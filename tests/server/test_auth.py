"""The token works in each documented place (header, query, a POST's form body); anything else is 401 (1001)."""

import httpx
import pytest

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN
from tests.server.conftest import ClientFactory
from tests.server.operations import OPERATIONS, Operation

by_name = pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.name)


def send(
    client: httpx.Client,
    operation: Operation,
    headers: dict[str, str] | None = None,
    params: dict[str, str | list[str]] | None = None,
) -> httpx.Response:
    return client.request(
        operation.method,
        operation.path(),
        content=operation.body,
        headers={**operation.headers, **(headers or {})},
        params=params,
    )


def schedules(api: ClientFactory) -> object:
    return api().get(f"profiles/{DEMO_PROFILE_ID}/schedules.json").json()


@by_name
def test_bearer_header_is_accepted(shared_api: ClientFactory, operation: Operation) -> None:
    assert send(shared_api(), operation).status_code == 200


@by_name
def test_access_token_parameter_is_accepted(shared_api: ClientFactory, operation: Operation) -> None:
    response = send(shared_api(token=None), operation, params={"access_token": DEMO_TOKEN})

    assert response.status_code == 200


@by_name
def test_bearer_scheme_is_case_insensitive(shared_api: ClientFactory, operation: Operation) -> None:
    response = send(shared_api(token=None), operation, headers={"Authorization": f"bearer {DEMO_TOKEN}"})

    assert response.status_code == 200


REFUSED = {
    "no token": ({}, {}, None),
    "unknown token": ({"Authorization": "Bearer not-a-token"}, {}, "invalid_token"),
    "unknown token as parameter": ({}, {"access_token": "not-a-token"}, "invalid_token"),
    "empty parameter": ({}, {"access_token": ""}, None),
    "header and parameter": (
        {"Authorization": f"Bearer {DEMO_TOKEN}"},
        {"access_token": DEMO_TOKEN},
        "invalid_request",
    ),
    "parameter twice": ({}, {"access_token": [DEMO_TOKEN, DEMO_TOKEN]}, "invalid_request"),
    "basic scheme": ({"Authorization": f"Basic {DEMO_TOKEN}"}, {}, "invalid_request"),
    "bare token": ({"Authorization": DEMO_TOKEN}, {}, "invalid_request"),
    "bearer without token": ({"Authorization": "Bearer"}, {}, "invalid_request"),
    "token in the wrong case": ({"Authorization": f"Bearer {DEMO_TOKEN.upper()}"}, {}, "invalid_token"),
    "token with a suffix": ({"Authorization": f"Bearer {DEMO_TOKEN}x"}, {}, "invalid_token"),
    "header with two tokens": ({"Authorization": f"Bearer {DEMO_TOKEN} {DEMO_TOKEN}"}, {}, "invalid_request"),
}


@by_name
@pytest.mark.parametrize(("headers", "params", "oauth_error"), REFUSED.values(), ids=REFUSED.keys())
def test_refused_tokens_are_401_with_code_1001(
    shared_api: ClientFactory,
    operation: Operation,
    headers: dict[str, str],
    params: dict[str, str | list[str]],
    oauth_error: str | None,
) -> None:
    before = schedules(shared_api)

    response = send(shared_api(token=None), operation, headers=headers, params=params)

    assert response.status_code == 401
    assert response.json()["code"] == 1001
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    if oauth_error is not None:
        assert f'error="{oauth_error}"' in response.headers["WWW-Authenticate"]
    assert schedules(shared_api) == before


UPDATE = OPERATIONS[-1]
NEW_SCHEDULES = [{"days": ["mon"], "times": ["09:00"]}]


# The name as any form encoder may write it: plain, or with an escape that decodes to the same name.
@pytest.mark.parametrize("name", ["access_token", "access%5Ftoken"])
def test_a_token_in_the_form_body_is_accepted(shared_api: ClientFactory, name: str) -> None:
    """Buffer's Authentication page: the token travels "in the HTTP Authorization header, request body or query"."""
    body = f"{UPDATE.body}&{name}={DEMO_TOKEN}"

    response = shared_api(token=None).post(UPDATE.path(), content=body, headers=UPDATE.headers)

    assert response.status_code == 200
    assert schedules(shared_api) == NEW_SCHEDULES


BODY_TOKEN_REFUSED = {
    "body and header": ({"Authorization": f"Bearer {DEMO_TOKEN}"}, {}, f"access_token={DEMO_TOKEN}"),
    "body and parameter": ({}, {"access_token": DEMO_TOKEN}, f"access_token={DEMO_TOKEN}"),
    "body twice": ({}, {}, f"access_token={DEMO_TOKEN}&access_token={DEMO_TOKEN}"),
    "unknown body token": ({}, {}, "access_token=not-a-token"),
    "empty body token": ({}, {}, "access_token="),
}


@pytest.mark.parametrize(("headers", "params", "token_pairs"), BODY_TOKEN_REFUSED.values(), ids=BODY_TOKEN_REFUSED)
def test_a_body_token_with_another_or_unknown_is_401(
    shared_api: ClientFactory, headers: dict[str, str], params: dict[str, str], token_pairs: str
) -> None:
    before = schedules(shared_api)
    body = f"{UPDATE.body}&{token_pairs}"

    response = shared_api(token=None).post(
        UPDATE.path(), content=body, headers={**UPDATE.headers, **headers}, params=params
    )

    assert response.status_code == 401
    assert response.json()["code"] == 1001
    assert schedules(shared_api) == before


def test_a_token_in_a_non_form_body_is_not_read(shared_api: ClientFactory) -> None:
    """Only a form body carries parameters; the same bytes labelled as JSON hold no token."""
    body = f"{UPDATE.body}&access_token={DEMO_TOKEN}"

    response = shared_api(token=None).post(UPDATE.path(), content=body, headers={"Content-Type": "text/plain"})

    assert response.status_code == 401
