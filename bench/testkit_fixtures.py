"""What the test kit's fixtures cost a test, as a user's suite pays it: 200 trivial tests per fixture.

Each set (no fixture, ``buffer_api``, ``buffer_user``, ``buffer_client``) runs in a pytest of its
own, in a folder outside the repository, with the kit's plugin loaded as installing it loads it; a
small plugin beside the tests adds up each test's setup, call and teardown. The first test of a set
also starts the session's server, so it is reported apart. Then the plugin's own cost on a run with
nothing to test: an empty test file with and without ``-p no:buffer_profiles``.
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
ROUNDS = 3
EMPTY_RUNS = 7
FIXTURES = ("", "buffer_api", "buffer_user", "buffer_client")

_TIMING_PLUGIN = """
import json, os
from pathlib import Path

seconds = {}


def pytest_runtest_logreport(report):
    seconds[report.nodeid] = seconds.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    Path(os.environ["TIMINGS_FILE"]).write_text(json.dumps(list(seconds.values())))
"""


@dataclass(frozen=True)
class FixtureCost:
    fixture: str  # "" for none
    per_test_ms: float  # mean over the tests after the first, median of the rounds
    first_test_ms: float  # the first test: the session's server starts in it

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


def _per_test(folder: Path, fixture: str) -> FixtureCost:
    test_file = _suite(folder, fixture)
    timings = folder / "timings.json"
    means, firsts = [], []
    for _ in range(ROUNDS):
        _pytest(folder, "-p", "timing_plugin", str(test_file), env={**os.environ, "TIMINGS_FILE": str(timings)})
        seconds = json.loads(timings.read_text())
        means.append(statistics.fmean(seconds[1:]) * 1000)
        firsts.append(seconds[0] * 1000)
    return FixtureCost(fixture, statistics.median(means), statistics.median(firsts))


def _empty_run(folder: Path, *arguments: str) -> float:
    empty = folder / "test_empty.py"
    empty.write_text("")
    runs = []
    for _ in range(EMPTY_RUNS):
        started = time.perf_counter()
        # Exit status 5: no tests collected, as expected of an empty file.
        result = subprocess.run(
            _pytest_command(folder, *arguments, str(empty)),
            cwd=folder,
            capture_output=True,
            timeout=120,
            check=False,
        )
        runs.append((time.perf_counter() - started) * 1000)
        assert result.returncode == 5, result.stdout.decode() + result.stderr.decode()
    return statistics.median(runs)


def measure() -> tuple[list[FixtureCost], PluginCost]:
    with tempfile.TemporaryDirectory(prefix="testkit-fixtures-") as scratch:
        folder = Path(scratch)
        (folder / "pytest.ini").write_text("[pytest]\n")
        (folder / "timing_plugin.py").write_text(_TIMING_PLUGIN)
        env_path = os.environ.get("PYTHONPATH", "")
        os.environ["PYTHONPATH"] = f"{folder}{os.pathsep}{env_path}" if env_path else str(folder)
        try:
            costs = [_per_test(folder, fixture) for fixture in FIXTURES]
            plugin = PluginCost(_empty_run(folder), _empty_run(folder, "-p", "no:buffer_profiles"))
        finally:
            os.environ["PYTHONPATH"] = env_path
            if not env_path:
                del os.environ["PYTHONPATH"]
        return costs, plugin
