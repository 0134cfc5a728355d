"""What the test kit's fixtures cost a test, as a user's suite pays it: 200 trivial tests per fixture.

Each set (no fixture, ``buffer_api``, ``buffer_user``, ``buffer_client``) runs in a pytest of its
own, in a folder outside the repository, with the kit's plugin loaded as installing it loads it; a
small plugin beside the tests notes the clock as each test ends. A test's cost is the time from the
end of the first test to the end of the last, divided by the tests between: everything a user's
suite waits for per test, pytest's own work included (a sum of the phases' durations leaves out
what happens between them). The first test also starts the session's server, so it is reported
apart. The sets take turns, round after round, so that a machine busier in one minute than in the
next weighs on all of them alike. Then the plugin's own cost on a run with nothing to test: an
empty test file with and without ``-p no:buffer_profiles``.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TESTS = 200
ROUNDS = 5
EMPTY_RUNS = 7
FIXTURES = ("", "buffer_api", "buffer_user", "buffer_client")

_TIMING_PLUGIN = """
import json, os, time
from pathlib import Path

started = time.perf_counter()
ended = []


def pytest_runtest_logfinish(nodeid, location):
    ended.append(time.perf_counter())


def pytest_sessionfinish(session):
    Path(os.environ["TIMINGS_FILE"]).write_text(json.dumps([started, *ended]))
"""


@dataclass(frozen=True)
class FixtureCost:
    fixture: str  # "" for none
    per_test_ms: float  # from the end of the first test to the end of the last, per test; median of the rounds
    first_test_ms: float  # the first test (and the collection before it): the session's server starts in it

    @property
    def name(self) -> str:
        return self.fixture or "no fixture"


@dataclass(frozen=True)
class PluginCost:
    with_plugin_ms: float
    without_plugin_ms: float


def _suite(folder: Path, fixture: str) -> Path:
    test_file = folder / f"test_trivial_{fixture or 'none'}.py"
    argument = f", {fixture}" if fixture else ""
    test_file.write_text(
        f"import pytest\n\n\n@pytest.mark.parametrize('number', range({TESTS}))\n"
        f"def test_trivial(number{argument}):\n    pass\n"
    )
    return test_file


def _pytest_command(folder: Path, *arguments: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-c",
        str(folder / "pytest.ini"),
        *arguments,
    ]


def _pytest(folder: Path, *arguments: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        _pytest_command(folder, *arguments), cwd=folder, check=True, capture_output=True, env=env, timeout=300
    )


def _one_run(folder: Path, test_file: Path) -> tuple[float, float]:
    """The ms per test after the first, and the ms until the first test ended."""
    timings = folder / "timings.json"
    _pytest(folder, "-p", "timing_plugin", str(test_file), env={**os.environ, "TIMINGS_FILE": str(timings)})
    started, *ended = json.loads(timings.read_text())
    return (ended[-1] - ended[0]) / (len(ended) - 1) * 1000, (ended[0] - started) * 1000


def _per_test(folder: Path) -> list[FixtureCost]:
    test_files = {fixture: _suite(folder, fixture) for fixture in FIXTURES}
    runs: dict[str, list[tuple[float, float]]] = {fixture: [] for fixture in FIXTURES}
    for _ in range(ROUNDS):
        for fixture, test_file in test_files.items():
            runs[fixture].append(_one_run(folder, test_file))
    return [
        FixtureCost(
            fixture,
            statistics.median(per_test for per_test, _ in runs[fixture]),
            statistics.median(first for _, first in runs[fixture]),
        )
        for fixture in FIXTURES
    ]


def _empty_run_ms(folder: Path, *arguments: str) -> float:
    empty = folder / "test_empty.py"
    empty.write_text("")
    started = time.perf_counter()
    result = subprocess.run(
        _pytest_command(folder, *arguments, str(empty)), cwd=folder, capture_output=True, timeout=120, check=False
    )
    # Exit status 5: no tests collected, as expected of an empty file.
    assert result.returncode == 5, result.stdout.decode() + result.stderr.decode()
    return (time.perf_counter() - started) * 1000


def _plugin_cost(folder: Path) -> PluginCost:
    """Runs with and without the kit's plugin, taking turns; the median of each."""
    with_plugin, without_plugin = [], []
    for _ in range(EMPTY_RUNS):
        with_plugin.append(_empty_run_ms(folder))
        without_plugin.append(_empty_run_ms(folder, "-p", "no:buffer_profiles"))
    return PluginCost(statistics.median(with_plugin), statistics.median(without_plugin))


def measure() -> tuple[list[FixtureCost], PluginCost]:
    with tempfile.TemporaryDirectory(prefix="testkit-fixtures-") as scratch:
        folder = Path(scratch)
        (folder / "pytest.ini").write_text("[pytest]\n")
        (folder / "timing_plugin.py").write_text(_TIMING_PLUGIN)
        env_path = os.environ.get("PYTHONPATH", "")
        os.environ["PYTHONPATH"] = f"{folder}{os.pathsep}{env_path}" if env_path else str(folder)
        try:
            costs = _per_test(folder)
            plugin = _plugin_cost(folder)
        finally:
            os.environ["PYTHONPATH"] = env_path
            if not env_path:
                del os.environ["PYTHONPATH"]
        return costs, plugin
