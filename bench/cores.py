"""Load generator and server on cores of their own, as far as the machine has them.

On a 2-core machine, wrk and a single-threaded server that share both cores take turns on
either, and each migration costs the next request its caches: in trials here the constant app's
rate at one connection varied from 6,500 to 10,400 req/s between runs. Pinned (wrk and the bench
on the first core, each server on the last), runs of the same target agree more closely.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

# Read once, before anything is pinned: a child pinned later still picks from the whole machine.
_CORES = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


@contextmanager
def load_on_first_core() -> Iterator[None]:
    """This process, and the wrk processes it starts meanwhile, on the first core (given two or more)."""
    if len(_CORES) < 2:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {_CORES[0]})
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


def on_server_core() -> None:
    """For a server's preexec_fn: the last core (given two or more)."""
    if len(_CORES) >= 2:
        os.sched_setaffinity(0, {_CORES[-1]})
