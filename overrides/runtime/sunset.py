"""Buffer switches its v1 REST API off on 2027-02-01: the warning this package gives, and what its errors say after.

Buffer announced it on 2026-07-27 (https://buffer.com/resources/legacy-rest-api-retired/): "We're
retiring Buffer's legacy REST API on February 1, 2027. After that date, requests to legacy
endpoints will no longer return data."

- The first request to v1 in a process raises one ``DeprecationWarning`` (never an import, never a
  request over ``backend="graphql"``), pointing at the caller's line. Python's usual filters
  silence it, e.g. ``warnings.filterwarnings("ignore", "Buffer switches its v1 API off",
  DeprecationWarning)`` or ``PYTHONWARNINGS="ignore:Buffer switches its v1 API off:DeprecationWarning"``.
- From the sunset on, every error of a v1 request adds one sentence saying why the request may
  have failed, and what to use instead (``note``).

``clock`` is the time now in Unix seconds; tests replace it to stand on either side of the date.
"""

import inspect
import threading
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from types import FrameType

SUNSET_DATE = "2027-02-01"
SUNSET = datetime(2027, 2, 1, tzinfo=UTC)
ANNOUNCEMENT = "https://buffer.com/resources/legacy-rest-api-retired/"
MIGRATION_SECTION = "Migrating to Buffer's GraphQL API"

# The warning's first words hold no colon or comma, so that a PYTHONWARNINGS or -W filter can name them.
WARNING_PREFIX = f"Buffer switches its v1 API off on {SUNSET_DATE}"
WARNING = (
    f"{WARNING_PREFIX} ({ANNOUNCEMENT}); after that, v1 requests get no data. "
    'BufferProfiles(backend="graphql") reads the same profiles and schedules from Buffer\'s GraphQL API: '
    f'see "{MIGRATION_SECTION}" in the README of buffer-profiles-client.'
)
AFTER_SUNSET = (
    f"Buffer switched its v1 API off on {SUNSET_DATE} ({ANNOUNCEMENT}): "
    'BufferProfiles(backend="graphql") reads the same profiles from its GraphQL API.'
)

clock: Callable[[], float] = time.time

_PACKAGE = __name__.rpartition(".")[0]
_warned = False
_warning_lock = threading.Lock()


def warn_once() -> None:
    """The sunset's ``DeprecationWarning``, the first time a process calls this; later calls do nothing."""
    global _warned  # once per process, however many clients make requests
    if _warned:
        return
    with _warning_lock:
        if _warned:
            return
        _warned = True
    warnings.warn(WARNING, DeprecationWarning, stacklevel=_callers_level())


def note() -> str:
    """The sentence a v1 error adds once the sunset has passed, else ``""``."""
    return AFTER_SUNSET if clock() >= SUNSET.timestamp() else ""


def _callers_level() -> int:
    """``warn_once``'s ``stacklevel`` that names the first frame outside this package: the user's call.

    (Python 3.12's ``skip_file_prefixes`` does this; the package supports 3.11.)
    """
    frame = inspect.currentframe()
    frame = frame.f_back if frame is not None else None  # warn_once's frame: stacklevel 1
    level = 1
    while frame is not None and frame.f_back is not None and _in_package(frame):
        frame = frame.f_back
        level += 1
    return level


def _in_package(frame: FrameType) -> bool:
    name = str(frame.f_globals.get("__name__", ""))
    return name == _PACKAGE or name.startswith(_PACKAGE + ".")
