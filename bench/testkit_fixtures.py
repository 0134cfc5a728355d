"""What the test kit's fixtures cost each test: the store reset plus the user a test gets.

Measured on the plugin's own ``BufferApi`` over a running server, as ``buffer_api`` and
``buffer_user`` use it: per test, one ``reset()`` and then the demo data, or a user with one profile.
"""

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from buffer_profiles_testkit.faults import FaultPlan
from buffer_profiles_testkit.pytest_plugin import BufferApi
from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.storage.store import Store

ROUNDS = 200


@dataclass(frozen=True)
class FixtureCost:
    setup: str
    median_ms: float
    p99_ms: float


def _timed(step: Callable[[], object]) -> tuple[float, float]:
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        step()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def measure() -> list[FixtureCost]:
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "api.sqlite3"
        Store(db_path).close()
        faults = FaultPlan()
        with running_server(create_app(db_path, hooks=faults)) as base_url:
            api = BufferApi(base_url, db_path, faults)
            try:

                def demo_user() -> None:
                    api.reset()
                    api.add_demo_users()

                def one_profile_user() -> None:
                    api.reset()
                    api.add_user()

                setups = {
                    "reset + demo user (buffer_user)": demo_user,
                    "reset + one-profile user (marker)": one_profile_user,
                }
                return [FixtureCost(name, *_timed(step)) for name, step in setups.items()]
            finally:
                api.close()
