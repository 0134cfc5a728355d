"""Faults described in JSON, for the admin interface: ``{"kind": "rate_limited", "retry_after": 5}``.

``kind`` names one of the functions of :mod:`buffer_profiles_testkit.faults`, the other members are
its arguments, and ``"after_write": true`` makes it :meth:`~buffer_profiles_testkit.faults.Fault.after_write`.
The function checks its arguments as it does in Python, so a wrong one gets the same sentence.
"""

import inspect
from collections.abc import Callable
from typing import Any

from buffer_profiles_testkit.faults import kinds

FAULT_KINDS: dict[str, Callable[..., kinds.Fault]] = {
    function.__name__: function
    for function in (
        kinds.server_error,
        kinds.rate_limited,
        kinds.schedule_limit_reached,
        kinds.bare_unauthorized,
        kinds.buffer_error,
        kinds.answer,
        kinds.non_json_body,
        kinds.connection_reset,
        kinds.delay,
        kinds.closed_after_head,
        kinds.truncated_body,
        kinds.slow_body,
    )
}
AFTER_WRITE = "after_write"


def fault_from_json(spec: Any) -> kinds.Fault:
    """The fault ``spec`` describes; ValueError or TypeError, naming the member, when it describes none."""
    if not isinstance(spec, dict) or not isinstance(spec.get("kind"), str):
        raise TypeError(f'fault must be an object with a "kind", one of: {", ".join(FAULT_KINDS)}.')
    arguments = {name: value for name, value in spec.items() if name not in ("kind", AFTER_WRITE)}
    kind = spec["kind"]
    make = FAULT_KINDS.get(kind)
    if make is None:
        raise ValueError(f"fault: unknown kind {kind!r}; known: {', '.join(FAULT_KINDS)}.")
    known = list(inspect.signature(make).parameters)
    for name in arguments:
        if name not in known:
            takes = f"takes {', '.join(known)}" if known else "takes no arguments"
            raise ValueError(f"fault: {kind} {takes} (and {AFTER_WRITE}); unknown: {name!r}.")
    fault = make(**arguments)
    after_write = spec.get(AFTER_WRITE, False)
    if not isinstance(after_write, bool):
        raise TypeError(f"fault: {AFTER_WRITE} must be true or false, not {after_write!r}.")
    return fault.after_write() if after_write else fault
