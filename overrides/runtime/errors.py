"""The exceptions the client raises for every answer that is not a success, and for no answer at all.

One small hierarchy, chosen from the status code alone, so that it holds for every operation and
every body. Buffer answers errors with an empty body (its recorded 401 is an empty ``text/html``
page with an OAuth ``WWW-Authenticate`` challenge), with HTML, or with JSON in one of two shapes,
``{"success": false, "code": 1010, "message": "..."}`` and ``{"code": 1023, "error": "..."}``.
Its GraphQL API answers in GraphQL's shape, ``{"errors": [{"message": "...", "extensions":
{"code": "NOT_FOUND"}}]}``, mostly with status 200 (``graphql_answers`` picks the class there).
The body is read leniently: nothing in it can make building the exception fail.

Every exception the package raises for a call that failed is a ``BufferProfilesError``.

Beside it, for requests that got no answer: ``APIConnectionError`` and its ``APITimeoutError``. They
also subclass httpx's ``TransportError`` and ``TimeoutException``, so code written against httpx's
exceptions (as the generated docstrings promise them) keeps catching them.

This module replaces the generator's ``errors.py``; ``UnexpectedStatus(status_code, content)``
keeps the generator's signature, so the generated modules that raise it keep working.
"""

import email.utils
import functools
import json
import re
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from . import sunset

# Enough for any JSON error Buffer sends; an HTML error page is cut rather than kept whole.
MAX_BODY_BYTES = 4096
_MAX_MESSAGE_CHARS = 300
_REDACTED = "REDACTED"
# Query parameters that carry a credential: Buffer accepts the token as ``access_token``.
_SECRET_PARAMETERS = ("access_token",)
# error_description='...' (or "...") in an OAuth WWW-Authenticate challenge.
_CHALLENGE_DESCRIPTION = re.compile(r"""error_description=(?:'([^']*)'|"([^"]*)")""")
# Buffer's code for "Access token required", which it has also answered with status 403.
ACCESS_TOKEN_REQUIRED = 1001

T = TypeVar("T")
E = TypeVar("E", bound="BufferApiError")


class BufferProfilesError(Exception):
    """The base of every exception this package raises for a call that failed (or could not be made)."""


class BufferApiError(BufferProfilesError):
    """An answer that is not a documented success; a subclass names what kind.

    Attributes:
        status_code: the HTTP status.
        code: Buffer's numeric error code from the body, when it sent one (v1).
        graphql_code: the ``extensions.code`` of the first GraphQL error in the body, e.g.
            ``NOT_FOUND``, when it sent one (Buffer's GraphQL API).
        message: Buffer's message, else the challenge's description, else the status's reason phrase.
        headers: the response headers.
        content: the raw body, cut to ``MAX_BODY_BYTES``.
        method: the request's method.
        url: the request's URL, with any access token replaced by ``REDACTED``.
        note: a sentence added after the message (after Buffer's v1 sunset, what to use instead), or "".
    """

    def __init__(
        self,
        status_code: int,
        content: bytes,
        *,
        headers: Mapping[str, str] | None = None,
        method: str = "",
        url: str = "",
        note: str = "",
    ) -> None:
        self.status_code = status_code
        self.content = content[:MAX_BODY_BYTES]
        self.headers = httpx.Headers(headers or {})
        self.method = method
        self.url = url
        self.note = note
        self.code, body_message, self.graphql_code = _read_body(content)
        self.message = _one_line(body_message or _challenge_description(self.headers) or self._fallback_message())
        super().__init__(str(self))

    def _fallback_message(self) -> str:
        return _reason(self.status_code)

    def __str__(self) -> str:
        if self.code is not None:
            code = f" (code {self.code})"
        else:
            code = f" ({self.graphql_code})" if self.graphql_code else ""
        request = f" [{self.method} {self.url}]" if self.method or self.url else ""
        note = f" {self.note}" if self.note else ""
        return f"{self.status_code} {_reason(self.status_code)}{code}: {self.message}{request}{note}"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle their args; ours are keyword arguments.
        return (
            _rebuild,
            (type(self), self.status_code, self.content, dict(self.headers), self.method, self.url, self.note),
        )


class AuthenticationError(BufferApiError):
    """401, or 403 with code 1001: the access token is missing, unknown, expired or sent twice."""


class PermissionDeniedError(BufferApiError):
    """403: the token is valid but may not do this (for example code 1013, the schedule limit)."""


class NotFoundError(BufferApiError):
    """404: no such profile for this token (code 1010), or no such endpoint (check the base URL ends in /1)."""


class InvalidRequestError(BufferApiError):
    """400 (and 406, 413, 415, 422): the request was refused as sent; ``code`` tells which parameter rule."""


class RateLimitedError(BufferApiError):
    """429: too many requests (Buffer allows 60 per user per minute).

    ``retry_after`` is the server's ``Retry-After`` in seconds, or None when it sent none.
    """

    @property
    def retry_after(self) -> float | None:
        return retry_after_seconds(self.headers)


class ServerError(BufferApiError):
    """5xx: the server failed; an update may or may not have been applied."""


class UnexpectedStatus(BufferApiError):  # noqa: N818 -- the generator's name, which generated code raises
    """Any other status, including a success status the operation does not document."""


class MalformedResponseError(BufferApiError):
    """A success status with a body that is not what the API documents (a base URL that serves a web page?)."""

    def _fallback_message(self) -> str:
        return "the body is not what the API documents for this answer"


class UnsuccessfulResponseError(BufferApiError):
    """A ``200`` whose body says ``"success": false``: Buffer refused the request and changed nothing.

    Buffer has answered refused updates this way, with its ``code`` and ``message`` in the body
    (``{"success": false, "message": "...", "code": 1004}``), as well as with a 4xx status.
    """

    def _fallback_message(self) -> str:
        return 'the answer says "success": false'


class APIConnectionError(httpx.TransportError, BufferProfilesError):
    """No answer: the connection could not be made, or broke before the whole answer arrived.

    Attributes:
        method: the request's method.
        url: the request's URL, with any access token replaced by ``REDACTED``.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        # request stays optional, as in httpx, so that the exception unpickles from its message.
        super().__init__(message, request=request)
        self.method = request.method if request is not None else ""
        self.url = redacted_url(request.url) if request is not None else ""


class APITimeoutError(APIConnectionError, httpx.TimeoutException):
    """No answer within the timeout (connecting, sending, waiting for the answer, or for a free connection)."""


class InvalidEnumValueError(ValueError, TypeError, BufferProfilesError):
    """A value outside the values a field allows, e.g. a day that is not mon..sun.

    A ``ValueError``; also a ``TypeError``, which the value checks raised before 2.1, so that code
    catching that keeps working.
    """


class NoGraphQLEquivalentError(BufferProfilesError):
    """An operation Buffer's GraphQL API cannot do, called on a client with ``backend="graphql"``: nothing was sent.

    Attributes:
        operation: the operation's name in the spec (its operationId), e.g. ``update_profile_schedules``.
        reason: why there is no equivalent, and what to do instead.
    """

    def __init__(self, operation: str, reason: str) -> None:
        self.operation = operation
        self.reason = reason
        super().__init__(f'{operation} cannot be sent with backend="graphql": {reason}')

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.operation, self.reason))


_BY_STATUS: dict[int, type[BufferApiError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    406: InvalidRequestError,
    413: InvalidRequestError,
    415: InvalidRequestError,
    422: InvalidRequestError,
    429: RateLimitedError,
}


def kind_for_status(status: int) -> type[BufferApiError]:
    """The exception class for an error answer with HTTP status ``status``."""
    return _BY_STATUS.get(status) or (ServerError if 500 <= status <= 599 else UnexpectedStatus)


def error_for(response: httpx.Response) -> BufferApiError:
    """The exception for ``response``, an answer of Buffer's v1 API that is not a documented success."""
    kind = kind_for_status(response.status_code)
    if kind is PermissionDeniedError and _read_body(response.content)[0] == ACCESS_TOKEN_REQUIRED:
        kind = AuthenticationError
    return from_response(kind, response, note=sunset.note())


def malformed_success(response: httpx.Response) -> MalformedResponseError:
    """The exception for a v1 success status whose body could not be read as documented."""
    return from_response(MalformedResponseError, response, note=sunset.note())


def unsuccessful(response: httpx.Response) -> UnsuccessfulResponseError:
    """The exception for a v1 success status whose body says ``"success": false``."""
    return from_response(UnsuccessfulResponseError, response, note=sunset.note())


def no_answer(error: httpx.TransportError, request: httpx.Request, note: str = "") -> APIConnectionError:
    """The package's own exception for httpx's ``error``, which left ``request`` without an answer.

    ``note`` is a sentence to add (after Buffer's v1 sunset, what to use instead).
    """
    kind = APITimeoutError if isinstance(error, httpx.TimeoutException) else APIConnectionError
    what = "timed out" if kind is APITimeoutError else "got no answer"
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    added = f" {note}" if note else ""
    return kind(f"{request.method} {redacted_url(request.url)} {what} ({detail}){added}", request=request)


def from_response(kind: type[E], response: httpx.Response, *, note: str = "") -> E:
    """An exception of class ``kind`` carrying ``response``'s status, headers, body and request."""
    return kind(response.status_code, response.content, headers=response.headers, note=note, **_request_of(response))


def parse_leniently(parse: Callable[..., T], *, client: Any, response: httpx.Response) -> T | None:
    """``parse(client=..., response=...)``, for the detailed functions, which return every answer.

    An error answer whose body is not what the spec says (empty, HTML) parses as None; a success
    answer whose body is not what the spec says raises ``MalformedResponseError``.
    """
    try:
        return parse(client=client, response=response)
    except (ValueError, TypeError, KeyError, AttributeError) as error:  # JSONDecodeError is a ValueError
        if response.is_success:
            raise malformed_success(response) from error
        return None


class MalformedDataError(MalformedResponseError):
    """A ``MalformedResponseError`` raised where the data is read; ``detail`` says what is wrong, and where.

    Code that maps data already decoded from an answer (Buffer's GraphQL API, to these models) has no
    response at hand: it raises this with ``detail`` alone, and ``with_response`` adds the answer's
    status, headers, body and request once the caller has them.
    """

    def __init__(self, status_code: int = 200, content: bytes = b"", *, detail: str, **request: Any) -> None:
        super().__init__(status_code, content, **request)
        self.detail = detail
        self.message = _one_line(detail)  # more precise than anything the body says
        self.args = (str(self),)

    def with_response(self, response: httpx.Response) -> "MalformedDataError":
        kind, request = type(self), _request_of(response)
        return kind(response.status_code, response.content, detail=self.detail, headers=response.headers, **request)

    def __reduce__(self) -> tuple[Any, ...]:
        rebuild = functools.partial(
            type(self), detail=self.detail, headers=dict(self.headers), method=self.method, url=self.url
        )
        return (rebuild, (self.status_code, self.content))


def retry_after_seconds(headers: Mapping[str, str], now: Callable[[], float] = time.time) -> float | None:
    """``Retry-After`` in seconds (from delay-seconds or an HTTP date), or None when absent or unreadable."""
    value = headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - now())


def redacted_url(url: httpx.URL) -> str:
    for name in _SECRET_PARAMETERS:
        if name in url.params:
            url = url.copy_set_param(name, _REDACTED)
    if url.password:
        url = url.copy_with(password=_REDACTED)
    return str(url)


def _request_of(response: httpx.Response) -> dict[str, str]:
    try:
        request = response.request
    except RuntimeError:  # a response built by hand, never sent
        return {}
    return {"method": request.method, "url": redacted_url(request.url)}


def _read_body(content: bytes) -> tuple[int | None, str, str | None]:
    """Buffer's numeric code and message (v1), and the first GraphQL error's code (GraphQL), when the body has them."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):  # empty, HTML, not UTF-8, or nested past the parser's depth
        return None, "", None
    if not isinstance(body, dict):
        return None, "", None
    code = body.get("code")
    if isinstance(code, str) and code.isdigit():
        code = int(code)
    message = next((body[key] for key in ("message", "error") if isinstance(body.get(key), str)), "")
    graphql_message, graphql_code = first_graphql_error(body)
    numeric = code if isinstance(code, int) and not isinstance(code, bool) else None
    return numeric, message or graphql_message, graphql_code


def first_graphql_error(body: Mapping[str, Any]) -> tuple[str, str | None]:
    """The message and ``extensions.code`` of the first entry of a GraphQL body's ``errors`` ("" and None if absent)."""
    found = body.get("errors")
    first = found[0] if isinstance(found, list) and found else None
    if not isinstance(first, dict):
        return "", None
    message = first.get("message")
    extensions = first.get("extensions")
    code = extensions.get("code") if isinstance(extensions, dict) else None
    return (message if isinstance(message, str) else ""), (code if isinstance(code, str) and code else None)


def _challenge_description(headers: httpx.Headers) -> str:
    found = _CHALLENGE_DESCRIPTION.search(headers.get("WWW-Authenticate", ""))
    return next((group for group in found.groups() if group), "") if found else ""


def _reason(status_code: int) -> str:
    return httpx.codes.get_reason_phrase(status_code) or "Unknown Status"


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_MESSAGE_CHARS else flat[: _MAX_MESSAGE_CHARS - 3] + "..."


def _rebuild(
    kind: type[BufferApiError],
    status_code: int,
    content: bytes,
    headers: dict[str, str],
    method: str,
    url: str,
    note: str = "",
) -> BufferApiError:
    return kind(status_code, content, headers=headers, method=method, url=url, note=note)


__all__ = [
    "APIConnectionError",
    "APITimeoutError",
    "AuthenticationError",
    "BufferApiError",
    "BufferProfilesError",
    "InvalidEnumValueError",
    "InvalidRequestError",
    "MalformedDataError",
    "MalformedResponseError",
    "NoGraphQLEquivalentError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "ServerError",
    "UnexpectedStatus",
    "UnsuccessfulResponseError",
    "error_for",
    "first_graphql_error",
    "from_response",
    "kind_for_status",
    "malformed_success",
    "no_answer",
    "parse_leniently",
    "unsuccessful",
]
