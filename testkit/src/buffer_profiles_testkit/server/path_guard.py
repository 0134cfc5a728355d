"""Paths are matched as sent: a percent-encoded slash is part of a segment, never a separator.

uvicorn decodes ``%2F`` before routing sees the path, so ``/1%2Fprofiles.json`` would reach
``/1/profiles.json``. No path of the API contains an encoded slash; such a path is unknown.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from buffer_profiles_testkit.server.errors import ErrorCode, error_response


class EncodedSlashGuard:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw_path = scope.get("raw_path")
        if scope["type"] == "http" and raw_path is not None and b"%2f" in raw_path.lower():
            response = error_response(ErrorCode.ENDPOINT_NOT_FOUND, "Endpoint not found: %2F is not a path separator.")
            await response(scope, receive, send)
            return
        await self._app(scope, receive, send)
