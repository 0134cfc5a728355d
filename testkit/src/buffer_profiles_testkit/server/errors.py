"""Buffer's error codes and the one JSON shape every error response takes."""

import json
from enum import IntEnum

from starlette.responses import Response


class ErrorCode(IntEnum):
    """The codes this server answers with; each one's HTTP status is fixed by Buffer's table."""

    ACCESS_TOKEN_REQUIRED = 1001
    PARAMETER_NOT_RECOGNIZED = 1003
    PARAMETER_MISSING = 1004
    OUT_OF_BOUNDS = 1006
    PROFILE_NOT_FOUND = 1010
    SCHEDULE_LIMIT_REACHED = 1013
    UNKNOWN_ERROR = 1000
    # Errors of HTTP itself carry their status as their code, as Buffer's 403/404/405 do.
    ENDPOINT_NOT_FOUND = 404
    METHOD_NOT_ALLOWED = 405
    CONTENT_TOO_LARGE = 413
    UNSUPPORTED_MEDIA_TYPE = 415
    RATE_LIMITED = 429
    MALFORMED_REQUEST = 400
    REQUEST_TIMEOUT = 408
    HEADERS_TOO_LARGE = 431
    SERVICE_UNAVAILABLE = 503
    STORAGE_FULL = 507


HTTP_STATUS = {
    ErrorCode.ACCESS_TOKEN_REQUIRED: 401,
    ErrorCode.PARAMETER_NOT_RECOGNIZED: 400,
    ErrorCode.PARAMETER_MISSING: 400,
    ErrorCode.OUT_OF_BOUNDS: 400,
    ErrorCode.PROFILE_NOT_FOUND: 404,
    ErrorCode.SCHEDULE_LIMIT_REACHED: 403,
    ErrorCode.UNKNOWN_ERROR: 500,
    ErrorCode.ENDPOINT_NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.CONTENT_TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.MALFORMED_REQUEST: 400,
    ErrorCode.REQUEST_TIMEOUT: 408,
    ErrorCode.HEADERS_TOO_LARGE: 431,
    ErrorCode.SERVICE_UNAVAILABLE: 503,
    ErrorCode.STORAGE_FULL: 507,
}


class ApiError(Exception):
    """Raised anywhere in a request; the app turns it into Buffer's error body."""

    def __init__(self, code: ErrorCode, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_body(code: ErrorCode, message: str) -> bytes:
    body = {"success": False, "code": int(code), "message": message}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def error_response(code: ErrorCode, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(error_body(code, message), HTTP_STATUS[code], headers, media_type="application/json")
