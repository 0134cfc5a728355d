"""The ASGI app: routes under ``/1``, the GraphQL stand-in at ``/graphql``, Buffer-shaped errors, the lifespan."""

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from buffer_profiles_testkit.server.endpoints import OPERATIONS, ProfilesApi
from buffer_profiles_testkit.server.errors import ApiError, ErrorCode, error_response
from buffer_profiles_testkit.server.forms.limits import DEFAULT_FORM_LIMITS
from buffer_profiles_testkit.server.forms.validation import UpdateFormChecker
from buffer_profiles_testkit.server.graphql.endpoint import GRAPHQL_PATH, GraphQLStandIn
from buffer_profiles_testkit.server.hooks import HookedApp, RequestHooks
from buffer_profiles_testkit.server.rate_limit import RateLimiter
from buffer_profiles_testkit.server.spec import load_spec
from buffer_profiles_testkit.server.storage.checkpoints import BackgroundCheckpoints
from buffer_profiles_testkit.server.storage.errors import storage_error_response
from buffer_profiles_testkit.server.storage.store import Store
from buffer_profiles_testkit.server.storage.wal_index import WalIndex
from buffer_profiles_testkit.server.sunset_headers import with_sunset_headers

BASE_PATH = "/1"
V1_PREFIX = BASE_PATH + "/"
_logger = logging.getLogger("uvicorn.error")


def _v1_answer(request: Request, response: Response) -> Response:
    """An error answer, with the sunset's headers when it answers a v1 path (sunset_headers.py)."""
    if request.scope["path"].startswith(V1_PREFIX):
        with_sunset_headers(response)
    return response


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return _v1_answer(request, error_response(error.code, error.message, error.headers))


async def _http_error(request: Request, error: Exception) -> Response:
    return _v1_answer(request, await _http_error_response(request, error))


async def _http_error_response(request: Request, error: Exception) -> Response:
    # Starlette's router raises these for paths no route matches (404) and for wrong methods (405).
    assert isinstance(error, HTTPException)
    if error.status_code == 405:
        allowed = sorted(method.strip() for method in (error.headers or {}).get("Allow", "").split(","))
        message = f"Method {request.method[:20]} not allowed; this endpoint allows {', '.join(allowed)}."
        return error_response(ErrorCode.METHOD_NOT_ALLOWED, message, {"Allow": ", ".join(allowed)})
    if error.status_code == 404:
        return error_response(ErrorCode.ENDPOINT_NOT_FOUND, "Endpoint not found.")
    body = {"success": False, "code": error.status_code, "message": error.detail}
    return JSONResponse(body, status_code=error.status_code, headers=error.headers)


async def _client_disconnected(request: Request, error: Exception) -> Response:
    # One line, no traceback: a client that goes away mid-upload is not the server's fault.
    _logger.info("client disconnected before the request was complete: %s %s", request.method, request.url.path)
    return Response(status_code=400)  # never sent: there is no one to send it to


async def _unexpected_error(request: Request, error: Exception) -> Response:
    # A bug, never an input: tests send malformed input of every kind and expect no 500.
    return _v1_answer(request, error_response(ErrorCode.UNKNOWN_ERROR, "An unknown error occurred."))


async def _storage_error(request: Request, error: Exception) -> Response:
    return _v1_answer(request, storage_error_response(request, error))


class EncodedSlashGuard:
    """Paths are matched as sent: a percent-encoded slash is part of a segment, never a separator.

    uvicorn decodes ``%2F`` before routing sees the path, so ``/1%2Fprofiles.json`` would reach
    ``/1/profiles.json``. No path of the API contains an encoded slash; such a path is unknown.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_path = scope.get("raw_path")
        if scope["type"] == "http" and raw_path is not None and b"%2f" in raw_path.lower():
            response = error_response(ErrorCode.ENDPOINT_NOT_FOUND, "Endpoint not found: %2F is not a path separator.")
            await response(scope, receive, send)
            return
        await self._app(scope, receive, send)


def _docs_route(docs_dir: Path) -> Route:
    async def docs(request: Request) -> Response:
        index = docs_dir / "index.html"
        if not index.is_file():
            return error_response(ErrorCode.ENDPOINT_NOT_FOUND, "No docs built yet: run make docs.")
        return FileResponse(index, media_type="text/html")

    return Route("/docs", docs, methods=["GET"])


def create_app(
    db_path: Path,
    *,
    rate_limit_per_minute: int | None = None,
    rate_limit_clock: Callable[[], float] = time.monotonic,
    docs_dir: Path | None = None,
    hooks: RequestHooks | None = None,
) -> ASGIApp:
    """The reference server over the SQLite file ``db_path`` (created, with its schema, if missing).

    ``rate_limit_per_minute`` limits each user's requests (off when None, so that test suites are
    not throttled), over the minute ``rate_limit_clock`` measures (tests step it instead of waiting);
    ``docs_dir`` serves its ``index.html`` at ``/docs``; ``hooks`` (server/hooks.py) are what a test
    kit plugs in: faults on purpose, a record of the requests. Without them the app has none of it.
    ``/graphql`` answers Buffer's GraphQL API's reads from the same store (server/graphql/).
    """
    spec = load_spec()
    limiter = None if rate_limit_per_minute is None else RateLimiter(rate_limit_per_minute, rate_limit_clock)
    api = ProfilesApi(UpdateFormChecker(spec), DEFAULT_FORM_LIMITS, limiter, hooks)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        store = Store(Path(db_path))
        checkpoints = BackgroundCheckpoints(Path(db_path))
        store.leave_checkpoints_to_others()
        checkpointing = asyncio.create_task(checkpoints.run())
        wal_index = WalIndex.open(Path(db_path))
        api.open(store, wal_index, checkpoints.writes)
        try:
            yield
        finally:
            if wal_index is not None:
                wal_index.close()
            checkpointing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await checkpointing
            checkpoints.close()
            store.close()  # the last connection to close checkpoints what is left

    operations = {
        "list_profiles": api.list_profiles,
        "get_profile": api.get_profile,
        "list_profile_schedules": api.list_profile_schedules,
        "update_profile_schedules": api.update_profile_schedules,
    }
    routes = [
        Route(f"{BASE_PATH}{path}", api.endpoint(name, operations[name]), methods=[method])
        for name, (method, path) in OPERATIONS.items()
    ]
    graphql = GraphQLStandIn(lambda: api.store, limiter, hooks, DEFAULT_FORM_LIMITS.max_body_bytes)
    # Every method: the stand-in answers the wrong ones itself, in GraphQL's shape.
    routes.append(Route(GRAPHQL_PATH, graphql.endpoint, methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]))
    if docs_dir is not None:
        routes.append(_docs_route(docs_dir))
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            ClientDisconnect: _client_disconnected,
            sqlite3.Error: _storage_error,
            Exception: _unexpected_error,
        },
        middleware=[Middleware(EncodedSlashGuard)],
    )
    # Paths are exact, as in the spec: /profiles.json/ is an unknown endpoint, not a redirect.
    app.router.redirect_slashes = False
    return app if hooks is None else HookedApp(app, hooks)
