"""One DEBUG line per request, one INFO line per retry, on the ``buffer_profiles_client`` logger.

Switch them on with logging's own configuration, or with ``BUFFER_LOG=debug`` (or ``info``) in the
environment, which adds a handler writing to stderr. A line names the method, the URL (any
``access_token`` in it shown as ``REDACTED``; the token in the ``Authorization`` header is never
logged), the status or the exception, the time taken and the attempt::

    GET https://api.bufferapp.com/1/profiles.json -> 200 in 84.2 ms (attempt 1 of 3)
"""

import logging
import os
import sys
import time

import httpx

from .defaults import LOG_VARIABLE
from .errors import redacted_url

LOGGER = logging.getLogger("buffer_profiles_client")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_handler: logging.Handler | None = None


def configure_from_environment() -> None:
    """Apply ``BUFFER_LOG`` (``debug`` or ``info``): the logger's level, and one stderr handler."""
    global _handler  # one handler per process, however many clients are made
    level = _LEVELS.get(os.environ.get(LOG_VARIABLE, "").strip().lower())
    if level is None:
        return
    if _handler is None:
        _handler = logging.StreamHandler(sys.stderr)
        _handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        LOGGER.addHandler(_handler)
    LOGGER.setLevel(level)


def started() -> float:
    """The time a request starts, or 0.0 when no line will be written (no clock read then)."""
    return time.perf_counter() if LOGGER.isEnabledFor(logging.DEBUG) else 0.0


def attempt(
    request: httpx.Request, outcome: httpx.Response | Exception, since: float, number: int, attempts: int
) -> None:
    """The line for one attempt at ``request``, which got ``outcome`` (an answer, or the exception instead)."""
    if not since or not LOGGER.isEnabledFor(logging.DEBUG):
        return
    result = outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
    LOGGER.debug(
        "%s %s -> %s in %.1f ms (attempt %d of %d)",
        request.method,
        redacted_url(request.url),
        result,
        (time.perf_counter() - since) * 1000,
        number,
        attempts,
    )


def retrying(
    request: httpx.Request, outcome: httpx.Response | Exception, delay: float, retry: int, retries: int
) -> None:
    reason = f"{outcome.status_code}" if isinstance(outcome, httpx.Response) else type(outcome).__name__
    LOGGER.info(
        "%s %s got %s; retry %d of %d in %.2f s",
        request.method,
        redacted_url(request.url),
        reason,
        retry,
        retries,
        delay,
    )
