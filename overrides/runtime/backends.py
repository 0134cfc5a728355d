"""Where a client object's operations go: a backend makes an operation call a request, and its answer the result.

``RestBackend`` serves Buffer's v1 REST API with the generated operations' own request building and
parsing. A backend for another API (Buffer's GraphQL API reads the same profiles) implements the
same two methods for the operations it can serve and returns the same models; the client object,
its retries, timeouts and logs stay as they are.
"""

from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

import httpx

from .operations import Operation

T = TypeVar("T")


class Backend(Protocol):
    """What a client object needs of the API it calls; ``RestBackend`` is the one for Buffer's v1."""

    @property
    def base_url(self) -> str:
        """Where the API is, for messages and repr."""
        ...

    def with_headers(self, headers: Mapping[str, str]) -> "Backend":
        """The same backend, sending ``headers`` as well (``with_options(default_headers=...)``)."""
        ...

    def build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        timeout: httpx.Timeout,
    ) -> httpx.Request:
        """The request for ``operation`` called with ``arguments`` (by the generated parameter names)."""
        ...

    def parse(self, operation: Operation[T], response: httpx.Response) -> T:
        """The result of ``operation`` from ``response``, or the package's exception for it."""
        ...


class RestBackend:
    """Buffer's v1 REST API at ``base_url``, with the access token as a Bearer token."""

    def __init__(self, base_url: str, access_token: str, headers: Mapping[str, str]) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {**headers, "Authorization": f"Bearer {access_token}"}

    def with_headers(self, headers: Mapping[str, str]) -> "RestBackend":
        derived = RestBackend.__new__(RestBackend)
        derived.base_url = self.base_url
        derived._headers = {**self._headers, **headers}
        return derived

    def build_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[Any],
        arguments: Mapping[str, Any],
        timeout: httpx.Timeout,
    ) -> httpx.Request:
        kwargs = operation.build_request(**arguments)
        kwargs["url"] = self.base_url + kwargs["url"]
        given = kwargs.get("headers")
        kwargs["headers"] = {**self._headers, **given} if given else self._headers
        return http.build_request(**kwargs, timeout=timeout)

    def parse(self, operation: Operation[T], response: httpx.Response) -> T:
        return operation.parse(response)

    def __repr__(self) -> str:
        return f"RestBackend(base_url={self.base_url!r})"  # never the token
