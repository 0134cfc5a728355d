"""The admin interface: the test kit's controls over HTTP, for tests in another process or language.

``buffer-profiles-server --admin`` serves it beside the API under ``/__admin`` (WireMock's
``/__admin`` and moto's server mode are the models), guarded by a token of its own: reset, load
fixtures, plan faults, read the request journal, set a rate limit. It is an ASGI app around the
API's app (:class:`~buffer_profiles_testkit.controls.Controls`) with its own connection to the
database; without ``--admin`` none of it exists. Every answer is JSON; a mistake is a ``400`` whose
message names it, as the Python API's would.
"""

import hmac
import json
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from buffer_profiles_testkit.admin.fault_specs import FAULT_KINDS, fault_from_json
from buffer_profiles_testkit.controls import Controls
from buffer_profiles_testkit.faults.plan import KNOWN_OPERATIONS, PlannedFault
from buffer_profiles_testkit.server.fixtures import load_fixtures
from buffer_profiles_testkit.server.storage.file_check import StoreError
from buffer_profiles_testkit.server.storage.store import Store

ADMIN_PREFIX = "/__admin"
PLAN_MEMBERS = ("operation", "fault", "times", "profile_id", "user_id", "optional")
ENDPOINTS = {
    f"POST {ADMIN_PREFIX}/reset": "forget every user, profile, planned fault and request seen; no rate limit",
    f"POST {ADMIN_PREFIX}/fixtures": "add the users of a body in the fixtures format (partial profiles completed)",
    f"POST {ADMIN_PREFIX}/faults": f"plan a fault: {{{', '.join(PLAN_MEMBERS)}}} (README: Admin interface)",
    f"GET {ADMIN_PREFIX}/faults": "the planned faults, and how often each was given",
    f"DELETE {ADMIN_PREFIX}/faults": "forget the planned faults",
    f"GET {ADMIN_PREFIX}/requests": "the request journal, oldest first (?operation= to filter)",
    f"DELETE {ADMIN_PREFIX}/requests": "empty the request journal",
    f"PUT {ADMIN_PREFIX}/rate-limit": '{"per_minute": N} requests per user per minute, or null for none',
}


class AdminError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"success": False, "code": status, "message": message}, status_code=status)


async def _json_body(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise AdminError(400, f"the body must be JSON: {error}.") from error


def _planned_json(planned: PlannedFault) -> dict[str, Any]:
    return {
        "operation": planned.operation,
        "fault": str(planned.fault),
        "times": planned.times,
        "given": planned.given,
        "profile_id": planned.profile_id,
        "user_id": planned.user_id,
        "optional": planned.optional,
    }


class _AdminRoutes:
    def __init__(self, controls: Controls, db_path: Path) -> None:
        self._controls, self._db_path = controls, db_path

    @contextmanager
    def _store(self) -> Iterator[Store]:
        # A connection per admin request: they are few, and it needs no life of its own beside the server's.
        store = Store(self._db_path)
        try:
            yield store
        finally:
            store.close()

    async def index(self, request: Request) -> Response:
        return JSONResponse(
            {"endpoints": ENDPOINTS, "operations": sorted(KNOWN_OPERATIONS), "fault_kinds": list(FAULT_KINDS)}
        )

    async def reset(self, request: Request) -> Response:
        with self._store() as store:
            store.reset()
        self._controls.reset()
        return JSONResponse({"reset": True})

    async def fixtures(self, request: Request) -> Response:
        fixtures = await _json_body(request)
        with self._store() as store:
            loaded = load_fixtures(store, fixtures)
        users = [{"id": user.id, "profile_ids": user.profile_ids} for user in loaded.users]
        return JSONResponse({"users": users, "kept": loaded.kept})

    async def plan_fault(self, request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise AdminError(400, f"the body must be an object with {', '.join(PLAN_MEMBERS)}.")
        for name in body:
            if name not in PLAN_MEMBERS:
                raise AdminError(400, f"unknown member {name!r}; known: {', '.join(PLAN_MEMBERS)}.")
        operation: Any = body.get("operation")  # checked by plan(), which names it
        planned = self._controls.faults.plan(
            operation,
            fault_from_json(body.get("fault")),
            times=body.get("times", 1),
            profile_id=body.get("profile_id"),
            user_id=body.get("user_id"),
            optional=body.get("optional", False),
        )
        return JSONResponse({"planned": _planned_json(planned)}, status_code=201)

    async def faults(self, request: Request) -> Response:
        return JSONResponse({"faults": [_planned_json(planned) for planned in self._controls.faults.planned()]})

    async def clear_faults(self, request: Request) -> Response:
        self._controls.faults.clear()
        return JSONResponse({"faults": []})

    async def requests(self, request: Request) -> Response:
        operation = request.query_params.get("operation")
        found = self._controls.journal.requests(operation)
        return JSONResponse({"requests": [entry.as_json() for entry in found]})

    async def clear_requests(self, request: Request) -> Response:
        self._controls.journal.clear()
        return JSONResponse({"requests": []})

    async def rate_limit(self, request: Request) -> Response:
        body = await _json_body(request)
        if not isinstance(body, dict) or set(body) != {"per_minute"}:
            raise AdminError(400, 'the body must be {"per_minute": N}, or {"per_minute": null} for no limit.')
        self._controls.rate_limits.limit(body["per_minute"])
        return JSONResponse({"per_minute": body["per_minute"]})


def _admin_routes(controls: Controls, db_path: Path) -> Starlette:
    routes = _AdminRoutes(controls, db_path)
    table: list[tuple[str, Callable[[Request], Awaitable[Response]], str]] = [
        ("", routes.index, "GET"),
        ("/reset", routes.reset, "POST"),
        ("/fixtures", routes.fixtures, "POST"),
        ("/faults", routes.plan_fault, "POST"),
        ("/faults", routes.faults, "GET"),
        ("/faults", routes.clear_faults, "DELETE"),
        ("/requests", routes.requests, "GET"),
        ("/requests", routes.clear_requests, "DELETE"),
        ("/rate-limit", routes.rate_limit, "PUT"),
    ]

    async def refused(request: Request, error: Exception) -> Response:
        if isinstance(error, AdminError):
            return _error(error.status, str(error))
        if isinstance(error, StoreError):
            return _error(503, str(error))
        return _error(400, str(error))  # ValueError, TypeError: an argument refused, by name

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code == 405:
            return _error(405, f"{request.method} is not allowed here; see GET {ADMIN_PREFIX} for the endpoints.")
        return _error(error.status_code, f"no such admin endpoint; see GET {ADMIN_PREFIX} for the endpoints.")

    return Starlette(
        routes=[Route(ADMIN_PREFIX + path, endpoint, methods=[method]) for path, endpoint, method in table],
        exception_handlers={
            AdminError: refused,
            ValueError: refused,
            TypeError: refused,
            StoreError: refused,
            HTTPException: http_error,
        },
    )


class AdminInterface:
    """ASGI: requests under ``/__admin`` go to the admin routes (with the admin token), all others to the API."""

    def __init__(self, api: ASGIApp, admin: ASGIApp, token: str) -> None:
        self._api, self._admin = api, admin
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not (path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/")):
            await self._api(scope, receive, send)  # the lifespan too: the API's store opens and closes with it
            return
        presented = [value for name, value in scope["headers"] if name == b"authorization"]
        if len(presented) != 1 or not hmac.compare_digest(presented[0], self._expected):
            message = "the admin interface needs its token: Authorization: Bearer <admin token>."
            await _error(401, message)(scope, receive, send)
            return
        await self._admin(scope, receive, send)


def admin_app(db_path: Path, token: str, **create_app_options: Any) -> ASGIApp:
    """The API of ``create_app(db_path, **create_app_options)`` with the admin interface beside it."""
    controls = Controls()
    return AdminInterface(controls.app(db_path, **create_app_options), _admin_routes(controls, db_path), token)
