"""What this suite's own hooks and checks cost per case, apart from the HTTP requests they make.

Every check, hook, serializer and deserializer of ``contract/`` is registered through ``timed``; the
requests they make run inside ``http_request()``. With ``CONTRACT_TIMINGS_FILE`` set (``make
bench``), the schemathesis process writes the totals there when it exits. Two clock readings per
call is all it costs when nobody asks.
"""

import atexit
import functools
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

TIMINGS_ENV = "CONTRACT_TIMINGS_FILE"
_spent: dict[str, Any] = {"own_seconds": 0.0, "http_seconds": 0.0, "responses": 0, "by_name": {}}
_depth = [0]  # nested timed calls (a check calling a helper check) are counted once

Target = TypeVar("Target")


def _timed_function(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed_call(*args: Any, **kwargs: Any) -> Any:
        _depth[0] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _depth[0] -= 1
            if _depth[0] == 0:
                elapsed = time.perf_counter() - started
                _spent["own_seconds"] += elapsed
                by_name = _spent["by_name"]
                by_name[function.__qualname__] = by_name.get(function.__qualname__, 0.0) + elapsed

    return timed_call


def timed(target: Target) -> Target:
    """``target`` (a function, or a check class's ``after_response``) with its time counted."""
    if isinstance(target, type):
        target.after_response = _timed_function(target.after_response)  # type: ignore[attr-defined]
        return target
    return _timed_function(target)  # type: ignore[arg-type, return-value]


@contextmanager
def http_request() -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        if _depth[0]:
            _spent["http_seconds"] += time.perf_counter() - started


def count_response() -> None:
    _spent["responses"] += 1


def _write(path: Path) -> None:
    path.write_text(json.dumps(_spent))


def write_at_exit() -> bool:
    """Arrange for the totals to be written when the process exits; False when nobody asked for them."""
    target = os.environ.get(TIMINGS_ENV)
    if target:
        atexit.register(_write, Path(target))
    return bool(target)
