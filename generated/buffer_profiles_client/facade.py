"""What ``BufferProfiles`` and ``AsyncBufferProfiles`` do besides naming the operations.

The generated classes add the resources (``buffer.profiles``, ``buffer.profiles.schedules``) and
their methods, generated from the spec; every method hands its operation and arguments to
``_request``, which lives here: it has the backend turn them into an exchange (backends.py), sends
each of its requests with the client's timeout, retries what the operation's retry policy allows,
logs each attempt, and returns what the backend made of the answers.

The backend is Buffer's v1 REST API (``backend="rest"``, the default) or its GraphQL API
(``backend="graphql"``), which reads the same profiles and schedules into the same models and
raises the same exceptions; the generated methods do not know which.

Settings come from the arguments, else from the environment (``BUFFER_ACCESS_TOKEN`` and
``BUFFER_BASE_URL`` for v1, ``BUFFER_API_KEY`` and ``BUFFER_GRAPHQL_URL`` for GraphQL, and
``BUFFER_LOG``), else from the defaults in ``defaults.py``.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar

import httpx

from . import errors, request_log
from .backends import Backend, Exchange, RestBackend
from .defaults import (
    ACCESS_TOKEN_VARIABLE,
    API_KEY_VARIABLE,
    BASE_URL_VARIABLE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    GRAPHQL_URL_VARIABLE,
    as_timeout,
)
from .graphql_backend import GraphQLBackend
from .graphql_queries import GRAPHQL_URL
from .operations import Operation, RawResponse
from .retry_policy import Backoff

T = TypeVar("T")
Http = TypeVar("Http", httpx.Client, httpx.AsyncClient)


class MissingAccessTokenError(ValueError, errors.BufferProfilesError):
    """A client object was made without an access token, and ``BUFFER_ACCESS_TOKEN`` is not set."""


class MissingApiKeyError(MissingAccessTokenError):
    """A client object with ``backend="graphql"`` was made without an API key, and ``BUFFER_API_KEY`` is not set.

    A ``MissingAccessTokenError`` too, so that code handling a missing credential keeps doing so
    when it switches backends.
    """


BackendName = Literal["rest", "graphql"]


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


@dataclass(frozen=True)
class _Settings:
    timeout: httpx.Timeout
    max_retries: int
    backoff: Backoff

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be 0 or more")


class _ClientBase(Generic[Http]):
    """Settings, the backend and the HTTP client: what the sync and the async client object share."""

    # Set by the generated subclasses: the spec's first server, and this package's name and version.
    _default_base_url: ClassVar[str]
    _user_agent: ClassVar[str]

    def __init__(
        self,
        access_token: str | None = None,
        *,
        backend: BackendName = "rest",
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: Http | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        """
        Args:
            access_token: a Buffer OAuth access token for v1; default: ``BUFFER_ACCESS_TOKEN``.
            backend: ``"rest"``, Buffer's v1 REST API (switched off on 2027-02-01), or ``"graphql"``,
                Buffer's GraphQL API: the same reads, as the same models (the update has no
                equivalent there and raises ``NoGraphQLEquivalentError``).
            api_key: with ``backend="graphql"``, a Buffer API key (or an OAuth access token for the
                GraphQL API); default: ``BUFFER_API_KEY``.
            base_url: where v1's paths start (default: ``BUFFER_BASE_URL``, else Buffer's API); with
                ``backend="graphql"``, the GraphQL endpoint (default: ``BUFFER_GRAPHQL_URL``, else
                https://api.buffer.com).
            timeout: seconds, or an ``httpx.Timeout``, for each request (default: 5 s to connect, 60 s
                for each further step).
            max_retries: how many times a failed request may be sent again (default 2; 0 turns it
                off); which failures allow it depends on the operation.
            default_headers: headers sent with every request.
            http_client: your own ``httpx.Client`` (``httpx.AsyncClient`` for the async client), for
                proxies, TLS or transports; it stays yours to close.
            backoff: the waits between attempts (``Backoff``).
        """
        request_log.configure_from_environment()
        headers = {"User-Agent": self._user_agent, **(default_headers or {})}
        self._settings = _Settings(as_timeout(timeout), max_retries, backoff or Backoff())
        self._backend: Backend = self._make_backend(backend, access_token, api_key, base_url, headers)
        self._http: Http = http_client or self._new_http(self._settings.timeout)
        self._owns_http = http_client is None

    def _make_backend(
        self,
        backend: BackendName,
        access_token: str | None,
        api_key: str | None,
        base_url: str | httpx.URL | None,
        headers: Mapping[str, str],
    ) -> Backend:
        name = type(self).__name__
        if backend == "rest":
            if api_key is not None:
                raise ValueError(f'api_key is for backend="graphql"; v1 takes access_token=... ({name})')
            token = access_token if access_token is not None else os.environ.get(ACCESS_TOKEN_VARIABLE, "")
            if not token:
                raise MissingAccessTokenError(
                    f"No access token: pass access_token=... to {name}, or set {ACCESS_TOKEN_VARIABLE}."
                )
            url = str(base_url or os.environ.get(BASE_URL_VARIABLE) or self._default_base_url)
            return RestBackend(url, token, headers)
        if backend == "graphql":
            if access_token is not None:
                raise ValueError(
                    f'backend="graphql" takes an API key: pass api_key=... to {name} (access_token is for v1)'
                )
            key = api_key if api_key is not None else os.environ.get(API_KEY_VARIABLE, "")
            if not key:
                raise MissingApiKeyError(
                    f'No API key: pass api_key=... to {name}(backend="graphql"), or set {API_KEY_VARIABLE}.'
                )
            url = str(base_url or os.environ.get(GRAPHQL_URL_VARIABLE) or GRAPHQL_URL)
            return GraphQLBackend(url, key, headers)
        raise ValueError(f'backend must be "rest" or "graphql", not {backend!r}')

    def _new_http(self, timeout: httpx.Timeout) -> Http:
        """The connection pool this client makes when it is given none."""
        raise NotImplementedError

    @property
    def backend(self) -> BackendName:
        """``"rest"`` (Buffer's v1 REST API) or ``"graphql"`` (its GraphQL API)."""
        name: BackendName = "graphql" if self._backend.name == "graphql" else "rest"
        return name

    @property
    def base_url(self) -> str:
        return self._backend.base_url

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        return self._settings.max_retries

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout = NOT_GIVEN,
        max_retries: int = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
        backoff: Backoff = NOT_GIVEN,
    ) -> Self:
        """A client like this one but for the options given; this one is left as it was.

        The new client shares this one's connections (closing this one closes them), so it is cheap
        to make for a single call: ``buffer.with_options(max_retries=0, timeout=5).profiles.list()``.
        ``default_headers`` are added to this client's.
        """
        changes: dict[str, Any] = {}
        if timeout is not NOT_GIVEN:
            changes["timeout"] = as_timeout(timeout)
        if max_retries is not NOT_GIVEN:
            changes["max_retries"] = max_retries
        if backoff is not NOT_GIVEN:
            changes["backoff"] = backoff
        derived = object.__new__(type(self))
        # The connections are shared; resources, made on first use, are made afresh for the new client.
        derived.__dict__.update(
            _http=self.__dict__["_http"],
            _settings=replace(self._settings, **changes),
            _backend=self._backend.with_headers(default_headers) if default_headers else self._backend,
            _owns_http=False,
        )
        return derived

    def __repr__(self) -> str:
        settings = self._settings
        return (
            f"{type(self).__name__}(backend={self.backend!r}, base_url={self.base_url!r},"
            f" timeout={settings.timeout!r}, max_retries={settings.max_retries})"
        )


class _Attempts:
    """The attempts at one request, and what each outcome means for the next: retry after a wait, or settle."""

    def __init__(
        self, request: httpx.Request, operation: Operation[Any], settings: _Settings, backend: Backend
    ) -> None:
        self.request = request
        self.policy = operation.retry_policy
        self.backoff = settings.backoff
        self.retries = settings.max_retries
        self.backend = backend
        self.number = 1

    def settle(self, outcome: httpx.Response | httpx.TransportError, since: float) -> httpx.Response | float:
        """The answer to keep, or the seconds to wait before the next attempt; raises for a failure not retried."""
        request_log.attempt(self.request, outcome, since, self.number, self.retries + 1)
        delay: float | None = None
        if self.number <= self.retries:
            if isinstance(outcome, httpx.Response):
                status = self.backend.retry_status(outcome)
                delay = self.backoff.after_answer(self.policy, outcome, self.number, status=status)
            else:
                delay = self.backoff.after_error(self.policy, outcome, self.number)
        if delay is None:
            if isinstance(outcome, httpx.Response):
                return outcome
            raise errors.no_answer(outcome, self.request, self.backend.failure_note()) from outcome
        request_log.retrying(self.request, outcome, delay, self.number, self.retries)
        self.number += 1
        return delay


class SyncClient(_ClientBase[httpx.Client]):
    """The base of ``BufferProfiles``: one ``httpx.Client`` (a connection pool) for all its calls."""

    def _new_http(self, timeout: httpx.Timeout) -> httpx.Client:
        return httpx.Client(timeout=timeout)

    def _request(self, operation: Operation[T], arguments: Mapping[str, Any]) -> RawResponse[T]:
        exchange = self._backend.exchange(self._http, operation, arguments, self._settings.timeout)
        request, retries = next(exchange), 0
        while True:
            response, taken = self._send(request, operation)
            retries += taken
            try:
                request = exchange.send(response)
            except StopIteration as done:
                return RawResponse(done.value, response, retries)

    def _send(self, request: httpx.Request, operation: Operation[Any]) -> tuple[httpx.Response, int]:
        """The answer to ``request`` after the retries it allows, and how many were taken."""
        attempts = _Attempts(request, operation, self._settings, self._backend)
        while True:
            since = request_log.started()
            try:
                outcome: httpx.Response | httpx.TransportError = self._http.send(request)
            except httpx.TransportError as error:
                outcome = error
            settled = attempts.settle(outcome, since)
            if isinstance(settled, httpx.Response):
                return settled, attempts.number - 1
            self._settings.backoff.sleep(settled)

    def close(self) -> None:
        """Close the connections, unless they are ``http_client``'s or those of the client this one came from."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


class AsyncClient(_ClientBase[httpx.AsyncClient]):
    """The base of ``AsyncBufferProfiles``: one ``httpx.AsyncClient`` for all its calls."""

    def _new_http(self, timeout: httpx.Timeout) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=timeout)

    async def _request(self, operation: Operation[T], arguments: Mapping[str, Any]) -> RawResponse[T]:
        exchange: Exchange[T] = self._backend.exchange(self._http, operation, arguments, self._settings.timeout)
        request, retries = next(exchange), 0
        while True:
            response, taken = await self._send(request, operation)
            retries += taken
            try:
                request = exchange.send(response)
            except StopIteration as done:
                return RawResponse(done.value, response, retries)

    async def _send(self, request: httpx.Request, operation: Operation[Any]) -> tuple[httpx.Response, int]:
        """The answer to ``request`` after the retries it allows, and how many were taken."""
        attempts = _Attempts(request, operation, self._settings, self._backend)
        while True:
            since = request_log.started()
            try:
                outcome: httpx.Response | httpx.TransportError = await self._http.send(request)
            except httpx.TransportError as error:
                outcome = error
            settled = attempts.settle(outcome, since)
            if isinstance(settled, httpx.Response):
                return settled, attempts.number - 1
            await self._settings.backoff.async_sleep(settled)

    async def close(self) -> None:
        """Close the connections, unless they are ``http_client``'s or those of the client this one came from."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()


class SyncResource:
    """A group of a ``BufferProfiles``'s operations (``buffer.profiles``); its methods are generated."""

    def __init__(self, client: SyncClient) -> None:
        self._client = client


class AsyncResource:
    """A group of an ``AsyncBufferProfiles``'s operations; its coroutine methods are generated."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
