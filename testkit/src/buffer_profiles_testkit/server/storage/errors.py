"""What a client is told when the database fails under a request: busy, full, read-only or unreadable.

Each is its own answer, so that a client (or its operator) knows whether to retry, free space or
fix the file. The store's transactions are rolled back before these are sent: nothing is half-applied.
"""

import logging
import sqlite3

from starlette.requests import Request
from starlette.responses import Response

from buffer_profiles_testkit.server.errors import ErrorCode, error_response

RETRY_AFTER_SECONDS = 1
_logger = logging.getLogger("uvicorn.error")


def storage_error_response(request: Request, error: Exception) -> Response:
    assert isinstance(error, sqlite3.Error)
    primary = getattr(error, "sqlite_errorcode", 0) & 0xFF  # extended codes keep the primary one in the low byte
    _logger.warning("storage error under %s %s: %s", request.method, request.url.path, error)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return error_response(
            ErrorCode.SERVICE_UNAVAILABLE,
            "Storage is busy: another process holds its lock. Retry shortly.",
            {"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    if primary == sqlite3.SQLITE_FULL:
        return error_response(ErrorCode.STORAGE_FULL, "Storage is full: nothing was changed.")
    if primary == sqlite3.SQLITE_READONLY:
        return error_response(ErrorCode.SERVICE_UNAVAILABLE, "Storage is read-only: nothing was changed.")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN):
        return error_response(ErrorCode.SERVICE_UNAVAILABLE, "Storage cannot be read: nothing was changed.")
    return error_response(ErrorCode.UNKNOWN_ERROR, "An unknown error occurred.")
