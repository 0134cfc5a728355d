"""An operation of the API as the client objects call it, and the raw answer they can return.

Each generated operation module defines ``OPERATION``: its name (the spec's operationId), method and
path, whether it is a read that may be repeated, how its arguments become a request (the module's
``_get_kwargs``) and how the answer becomes its result (the module's ``_parse_answer``, which raises
the package's exceptions for any other answer). The generated resources hand an ``Operation`` and
its arguments, by parameter name, to their client's one entry point; the client's backend turns
them into a request and its answer into the result.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from .retry_policy import RetryPolicy

T = TypeVar("T")


@dataclass(frozen=True)
class Operation(Generic[T]):
    """One operation of the spec.

    Attributes:
        name: the operationId, e.g. ``list_profiles``.
        method, path: as in the spec, e.g. ``GET`` and ``/profiles.json``.
        idempotent: whether it may be sent again after the server may have acted on it.
        build_request: its arguments (by Python parameter name) -> httpx request keyword arguments,
            with ``url`` relative to the base URL.
        parse: an answer -> the documented result, or raises the package's exception for it.
    """

    name: str
    method: str
    path: str
    idempotent: bool
    build_request: Callable[..., dict[str, Any]]
    parse: Callable[[httpx.Response], T]

    @property
    def retry_policy(self) -> RetryPolicy:
        return RetryPolicy.READ if self.idempotent else RetryPolicy.UNLESS_RECEIVED


@dataclass(frozen=True)
class RawResponse(Generic[T]):
    """An answer with its parsed result, as ``with_raw_response`` methods return it.

    Attributes:
        parsed: the result the plain method returns.
        http_response: httpx's response (status, headers, raw body, the request sent).
        retries_taken: how many times the request was sent again before this answer.
    """

    parsed: T
    http_response: httpx.Response
    retries_taken: int = 0

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def content(self) -> bytes:
        return self.http_response.content
