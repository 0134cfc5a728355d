"""Where a client object's operations go: a backend makes an operation call an exchange of requests and answers.

An exchange is a generator: it yields each request to send and is sent back its answer, and its
return value is the operation's result (or it raises the package's exception). The client object
sends each request with its timeout, retries and logs, the same for every backend, so a backend
never touches the network itself. ``RestBackend`` serves Buffer's v1 REST API with the generated
operations' own request building and parsing: one request per call. ``GraphQLBackend``
(``graphql_backend.py``) serves the same reads from Buffer's GraphQL API, some of them in several
requests, and returns the same models.
"""

import copy
import functools
from collections.abc import Generator, Mapping
from typing import Any, Protocol, Self, TypeVar

import httpx

from . import sunset
from .operations import Operation

T = TypeVar("T")
# URLs kept parsed, for all clients: the lists', and the latest profiles' own.
_URLS_KEPT = 256
# Yields the requests to send, is sent their answers, returns the result.
Exchange = Generator[httpx.Request, httpx.Response, T]


class Backend(Protocol):
    """What a client object needs of the API it calls."""

    @property
    def name(self) -> str:
        """``rest`` or ``graphql``: what ``BufferProfiles(backend=...)`` names it."""
        ...

    @property
    def base_url(self) -> str:
        """Where the API is, for messages and repr."""
        ...

    def with_headers(self, headers: Mapping[str, str]) -> "Backend":
        """The same backend, sending ``headers`` as well (``with_options(default_headers=...)``)."""
        ...

    def exchange(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        timeout: httpx.Timeout,
    ) -> Exchange[T]:
        """The exchange that performs ``operation`` with ``arguments`` (by the generated parameter names).

        Raises, before any request, for an operation this backend cannot perform.
        """
        ...

    def retry_status(self, response: httpx.Response) -> int:
        """The status ``response`` counts as when deciding on a retry (an API may report a failure in a 200)."""
        ...

    def failure_note(self) -> str:
        """A sentence to add to the error of a request that got no answer, or ""."""
        ...


class BearerBackend:
    """What the backends share: where requests go, and their headers, with the credential as a Bearer token."""

    def __init__(self, base_url: str, credential: str, headers: Mapping[str, str]) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {**headers, "Authorization": f"Bearer {credential}"}

    def with_headers(self, headers: Mapping[str, str]) -> Self:
        derived = copy.copy(self)
        derived._headers = {**self._headers, **headers}
        return derived

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"  # never the credential


class RestBackend(BearerBackend):
    """Buffer's v1 REST API at ``base_url``, with the access token as a Bearer token."""

    name = "rest"

    def exchange(
        self,
        http: httpx.Client | httpx.AsyncClient,
        operation: Operation[T],
        arguments: Mapping[str, Any],
        timeout: httpx.Timeout,
    ) -> Exchange[T]:
        kwargs = operation.build_request(**arguments)
        kwargs["url"] = _parsed_url(self.base_url + kwargs["url"])
        given = kwargs.get("headers")
        kwargs["headers"] = {**self._headers, **given} if given else self._headers
        return _one_request(http.build_request(**kwargs, timeout=timeout), operation)

    def retry_status(self, response: httpx.Response) -> int:
        return response.status_code

    def failure_note(self) -> str:
        return sunset.note()


@functools.lru_cache(maxsize=_URLS_KEPT)
def _parsed_url(url: str) -> httpx.URL:
    """``url`` parsed, once while it is among the latest used: httpx parses a URL given as a string
    on every request (about 10 us, 3% of listing 100 profiles in memory: make bench), and an
    httpx.URL is immutable."""
    return httpx.URL(url)


def _one_request(request: httpx.Request, operation: Operation[T]) -> Exchange[T]:
    sunset.warn_once()  # when the request is about to be sent, not when the call was made
    response = yield request
    return operation.parse(response)
