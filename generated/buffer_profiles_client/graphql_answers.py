"""An answer of Buffer's GraphQL API: its ``data``, or the same exception class a v1 answer would raise.

Buffer's GraphQL API reports most failures in the standard ``errors`` array of a ``200`` answer, each
with ``extensions.code`` (its error-handling guide), and a few at the HTTP layer: ``401`` for a
request without a valid key (recorded: ``UNAUTHENTICATED``, "An authentication JWT or Access Token
is required" without a key, "Access token is not valid" with an unknown one) and ``429`` with
``Retry-After`` (``RATE_LIMIT_EXCEEDED``). The class comes from the HTTP status when it is not a
success, else from the first error's code:

=========================  ===========================  =====================================
``extensions.code``        exception                    retried (reads)
=========================  ===========================  =====================================
``UNAUTHENTICATED``,       ``AuthenticationError``      no
``UNAUTHORIZED``
``FORBIDDEN``              ``PermissionDeniedError``    no
``NOT_FOUND``              ``NotFoundError``            no
``RATE_LIMIT_EXCEEDED``    ``RateLimitedError``         yes, as a ``429`` (``Retry-After``)
``UNEXPECTED``,            ``ServerError``              yes, as a ``5xx``
``INTERNAL_SERVER_ERROR``
none (query limits:        ``InvalidRequestError``      no: sent again, it fails again
complexity, depth, ...),
or another code
=========================  ===========================  =====================================

Any entry in ``errors`` fails the call, even beside data: every field this package asks for is
one it needs. A success status without ``data`` raises ``MalformedResponseError``.
"""

import json
from typing import Any

import httpx

from . import errors

_KIND_BY_CODE: dict[str, type[errors.BufferApiError]] = {
    "UNAUTHENTICATED": errors.AuthenticationError,
    "UNAUTHORIZED": errors.AuthenticationError,
    "FORBIDDEN": errors.PermissionDeniedError,
    "NOT_FOUND": errors.NotFoundError,
    "RATE_LIMIT_EXCEEDED": errors.RateLimitedError,
    "UNEXPECTED": errors.ServerError,
    "INTERNAL_SERVER_ERROR": errors.ServerError,  # the code Apollo-based servers give an unhandled error
}
# The codes whose failure may pass, as the HTTP status a retry decision reads them as.
_RETRY_STATUS_BY_CODE = {"RATE_LIMIT_EXCEEDED": 429, "UNEXPECTED": 500, "INTERNAL_SERVER_ERROR": 500}
# A GraphQL failure carries this key; an answer without it is not parsed twice.
_ERRORS_KEY = b'"errors"'


def data_of(response: httpx.Response) -> Any:
    """The answer's ``data``; raises the package's exception for a failure or an answer that is not GraphQL's."""
    if not response.is_success:
        raise errors.from_response(errors.kind_for_status(response.status_code), response)
    try:
        body = response.json()
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        body = None
    if not isinstance(body, dict):
        raise errors.MalformedDataError(detail="the answer is not a JSON object").with_response(response)
    if body.get("errors"):
        _, code = errors.first_graphql_error(body)
        raise errors.from_response(_KIND_BY_CODE.get(code or "", errors.InvalidRequestError), response)
    data = body.get("data")
    if data is None:
        raise errors.MalformedDataError(detail="data: missing, and no errors say why").with_response(response)
    return data


def retry_status(response: httpx.Response) -> int:
    """The HTTP status ``response`` stands for when deciding whether to send the request again.

    Its own, except for a success whose first GraphQL error may pass (``UNEXPECTED``, ``RATE_LIMIT_EXCEEDED``).
    """
    if not response.is_success or _ERRORS_KEY not in response.content:
        return response.status_code
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):
        return response.status_code
    _, code = errors.first_graphql_error(body) if isinstance(body, dict) else ("", None)
    return _RETRY_STATUS_BY_CODE.get(code or "", response.status_code)
