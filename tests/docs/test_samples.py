"""Every code sample of the API reference runs, as published, against the reference server over real HTTP.

The samples (inline in openapi.yaml, written out by the `samples` fixture) read BUFFER_BASE_URL,
BUFFER_ACCESS_TOKEN and BUFFER_PROFILE_ID from the environment, so the tests run them unchanged and
only set those variables.
"""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_SECOND_PROFILE_ID, DEMO_TOKEN
from tests.demo_server import SUNSET_WARNING_IGNORED, demo_server
from tests.docs.conftest import OPERATION_IDS, SAMPLE_ENDINGS, SAMPLE_NAMES, spec_samples
from tests.strict_examples import strict_mypy_verdict

# What both update samples send (ScheduleInput in Python, bracket keys in curl): the seed's example.
SENT_SCHEDULES = [{"days": ["mon", "tue", "thu"], "times": ["12:45", "15:30", "17:43"]}]
DEMO_SCHEDULES = [{"days": ["mon", "tue", "wed", "thu", "fri"], "times": ["12:00", "17:00", "18:00"]}]
# What a reader gets with no environment set: `make serve` and its demo token.
SAMPLE_DEFAULT_BASE_URL = "http://127.0.0.1:8080/1"

# A line each sample prints only when its operation worked on the demo data.
PYTHON_OUTPUT = {
    "list_profiles": f"{DEMO_PROFILE_ID} twitter @skinnyoteam",
    "get_profile": f"{DEMO_PROFILE_ID} @skinnyoteam Europe/London",
    "list_profile_schedules": f"{DEMO_SECOND_PROFILE_ID} sat, sun at 10:00",
    "update_profile_schedules": "success: True",
}
CURL_OUTPUT = {
    "list_profiles": f'"id":"{DEMO_SECOND_PROFILE_ID}"',
    "get_profile": '"formatted_username":"@skinnyoteam"',
    "list_profile_schedules": '"times":["12:00","17:00","18:00"]',
    "update_profile_schedules": '{"success":true',
}


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    """A fresh reference server per test: loopback port, its own SQLite file in tmp."""
    with demo_server(tmp_path) as url:
        yield url


def _run(sample: Path, base_url: str, token: str = DEMO_TOKEN) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(sample)] if sample.suffix == ".py" else ["bash", "-euo", "pipefail", str(sample)]
    environment = {
        **os.environ,
        "BUFFER_BASE_URL": base_url,
        "BUFFER_ACCESS_TOKEN": token,
        "BUFFER_PROFILE_ID": DEMO_PROFILE_ID,
        "NO_PROXY": "*",  # loopback only, whatever proxy the machine sets
        **SUNSET_WARNING_IGNORED,
    }
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment, check=False)


def _stdout_of(sample: Path, base_url: str) -> str:
    result = _run(sample, base_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _stored_schedules(samples: Path, base_url: str) -> object:
    # Read back through the curl sample: a second, independent path to the stored state.
    return json.loads(_stdout_of(samples / "list_profile_schedules.sh", base_url))


def test_every_operation_carries_a_python_and_a_curl_sample_inline() -> None:
    carried = {operation: sorted(by_label) for operation, by_label in spec_samples().items()}

    assert carried == {operation: sorted(SAMPLE_ENDINGS) for operation in OPERATION_IDS}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_defaults_to_make_serve_and_reads_the_environment(samples: Path, name: str) -> None:
    text = (samples / name).read_text()

    assert SAMPLE_DEFAULT_BASE_URL in text
    assert DEMO_TOKEN in text
    assert "BUFFER_BASE_URL" in text
    assert "BUFFER_ACCESS_TOKEN" in text


@pytest.mark.parametrize("operation", OPERATION_IDS)
def test_python_sample_runs(samples: Path, operation: str, base_url: str) -> None:
    assert PYTHON_OUTPUT[operation] in _stdout_of(samples / f"{operation}.py", base_url).splitlines()


@pytest.mark.parametrize("operation", OPERATION_IDS)
def test_curl_sample_runs(samples: Path, operation: str, base_url: str) -> None:
    assert CURL_OUTPUT[operation] in _stdout_of(samples / f"{operation}.sh", base_url)


@pytest.mark.parametrize("ending", ["py", "sh"])
def test_update_sample_stores_the_documented_schedules(samples: Path, ending: str, base_url: str) -> None:
    assert _stored_schedules(samples, base_url) == DEMO_SCHEDULES

    _stdout_of(samples / f"update_profile_schedules.{ending}", base_url)

    assert _stored_schedules(samples, base_url) == SENT_SCHEDULES


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_fails_on_an_unknown_token(samples: Path, name: str, base_url: str) -> None:
    # A sample that exited 0 on a 401 would let the tests above pass on output alone.
    result = _run(samples / name, base_url, token="not-a-known-token")

    assert result.returncode != 0, result.stdout
    if name.endswith(".py"):  # one line naming the failure, no traceback
        assert result.stderr.startswith("Buffer error: 401 Unauthorized (code 1001)"), result.stderr
        assert len(result.stderr.splitlines()) == 1


def test_python_samples_pass_mypy_strict(tmp_path_factory: pytest.TempPathFactory) -> None:
    checked, errors = strict_mypy_verdict(tmp_path_factory, "samples")

    assert sorted(Path(file).name for file in checked) == [f"{operation}.py" for operation in sorted(OPERATION_IDS)]
    assert errors == ""
