"""``POST /graphql``: the reference server's stand-in for Buffer's GraphQL API, over the store v1 reads.

HTTP as Buffer's GraphQL API answers it (its guides, and answers recorded from it), the rest marked
as the reference server's choice:

- a JSON body ``{"query": ..., "variables": {...}, "operationName": ...}`` with
  ``Authorization: Bearer <API key>``; a user's v1 access tokens are its API keys here (choice);
- no key (or no ``Bearer``): ``401``, ``UNAUTHENTICATED``, "An authentication JWT or Access Token
  is required" (recorded from https://api.buffer.com, 2026-08-13); an unknown key: ``401``,
  ``UNAUTHENTICATED``, "Access token is not valid" (recorded 2026-08-03);
- over the server's ``--rate-limit``: ``429``, ``RATE_LIMIT_EXCEEDED``, with ``Retry-After``;
- a request that is no GraphQL request: ``405`` (not a POST), ``415`` (not ``application/json``),
  ``413`` (over 128 KiB) or ``400`` (not a JSON object with a string ``query``), each with
  ``BAD_REQUEST`` (choice);
- everything else: ``200`` with ``data`` and, when something failed, ``errors`` (execution.py).

Every answer is a GraphQL body, ``{"errors": [{"message": ..., "extensions": {"code": ...}}]}`` for
a failure, and none carries v1's ``Deprecation`` or ``Sunset`` headers. With hooks, each request is
a Call of operation ``graphql``, with its user, the GraphQL operation's name and the channel asked for.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp

from buffer_profiles_testkit.server.errors import ApiError
from buffer_profiles_testkit.server.forms.body import read_body
from buffer_profiles_testkit.server.hooks import RequestHooks, current_call
from buffer_profiles_testkit.server.rate_limit import RateLimiter
from buffer_profiles_testkit.server.storage.read_cache import ReadCache

GRAPHQL_PATH = "/graphql"
GRAPHQL_OPERATION = "graphql"  # the operation of every /graphql request, as hooks see it
MISSING_KEY = "An authentication JWT or Access Token is required"
UNKNOWN_KEY = "Access token is not valid"
RATE_LIMITED = "Too many requests from this client. Please try again later."
JSON_MEDIA_TYPE = "application/json"

_BEARER = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +([!-~]+) *")


@dataclass(frozen=True)
class _Query:
    text: str
    variables: dict[str, Any] = field(default_factory=dict)
    operation_name: str | None = None


class _RefusedError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.response = graphql_error(status, message, "BAD_REQUEST", headers)


def graphql_error(status: int, message: str, code: str, headers: dict[str, str] | None = None) -> Response:
    """A failure in GraphQL's shape, as Buffer's API sends it."""
    return _json(status, {"errors": [{"message": message, "extensions": {"code": code}}]}, headers)


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return Response(text.encode(), status, headers, media_type=JSON_MEDIA_TYPE)


class GraphQLStandIn:
    """The ``/graphql`` endpoint; ``store`` gives the app's store once it is open."""

    def __init__(
        self,
        store: Callable[[], ReadCache],
        rate_limiter: RateLimiter | None,
        hooks: RequestHooks | None,
        max_body_bytes: int,
    ) -> None:
        self._store = store
        self._rate_limiter = rate_limiter
        self._hooks = hooks
        self._max_body_bytes = max_body_bytes

    async def endpoint(self, request: Request) -> ASGIApp:
        # graphql-core is imported with the first GraphQL request, not with the server: a v1-only
        # server (most test runs start many) starts about 0.15 s sooner.
        from buffer_profiles_testkit.server.graphql import execution

        token = _bearer_token(request)
        store = self._store()
        user_id = store.user_of_token(token) if token else None
        try:
            query: _Query | None = await self._query(request)
            refusal = None
        except _RefusedError as refused:
            query, refusal = None, refused.response
        parsed = execution.parse_request(query.text, query.operation_name, query.variables) if query else None
        if self._hooks is not None:
            call = current_call(request.scope)
            call.operation, call.user_id = GRAPHQL_OPERATION, user_id
            if parsed is not None:
                call.graphql_operation, call.profile_id = parsed.operation_name, parsed.channel_id
            answer = await self._hooks.before_operation(call)
            if answer is not None:
                return answer
        if user_id is None:
            return graphql_error(401, UNKNOWN_KEY if token else MISSING_KEY, "UNAUTHENTICATED")
        if self._rate_limiter is not None and (retry_after := self._rate_limiter.admit(user_id)) is not None:
            return graphql_error(429, RATE_LIMITED, "RATE_LIMIT_EXCEEDED", {"Retry-After": str(retry_after)})
        if refusal is not None or query is None or parsed is None:
            return refusal or graphql_error(400, "Not a GraphQL request.", "BAD_REQUEST")
        if parsed.document is None:
            return _json(200, parsed.refusal or {})
        data = execution.UserData(user_id, *_reads_of(store, token))
        return _json(200, execution.run(parsed.document, parsed.operation_name, query.variables, data))

    async def _query(self, request: Request) -> _Query:
        """The GraphQL query of the request; raises ``_RefusedError`` with the answer when it is none."""
        if request.method != "POST":
            raise _RefusedError(405, "Send GraphQL requests as POST.", {"Allow": "POST"})
        media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type != JSON_MEDIA_TYPE:
            raise _RefusedError(415, f'Send the query as {JSON_MEDIA_TYPE}: {{"query": ...}}.')
        try:
            raw = await read_body(request, self._max_body_bytes)
        except ApiError as error:  # too large
            raise _RefusedError(413, error.message) from None
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            raise _RefusedError(400, "The body is not JSON.") from None
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            raise _RefusedError(400, 'The body must be a JSON object with the document as a string in "query".')
        variables = body.get("variables")
        variables = {} if variables is None else variables  # absent or null; an empty list is no object
        operation_name = body.get("operationName")
        if not isinstance(variables, dict) or not isinstance(operation_name, str | None):
            raise _RefusedError(400, '"variables" must be an object and "operationName" a string.')
        return _Query(body["query"], variables, operation_name)


def _reads_of(store: ReadCache, token: str) -> tuple[Callable[[], bytes | str], Callable[[str], str | None]]:
    """What the key's user may read, each read as v1 reads it (a token removed meanwhile reads nothing)."""

    def profiles() -> bytes | str:
        found = store.token_and_profiles(token)
        return b"[]" if found is None else found[1]

    def profile(profile_id: str) -> str | None:
        found = store.token_and_profile(token, profile_id, "document")
        return None if found is None else found[1]

    return profiles, profile


def _bearer_token(request: Request) -> str:
    """The key of the one ``Authorization: Bearer`` header, or "" when there is none (or it is not one)."""
    headers = [value.decode("latin-1") for name, value in request.scope["headers"] if name == b"authorization"]
    match = _BEARER.fullmatch(headers[0]) if len(headers) == 1 else None
    return match.group(1) if match else ""
