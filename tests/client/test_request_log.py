"""One DEBUG line per request on the buffer_profiles_client logger, one INFO line per retry; never a token."""

import logging
import os
import subprocess
import sys

import httpx
import pytest
from buffer_profiles_client import AuthenticatedClient
from buffer_profiles_client.api.profiles import list_profiles

from tests.client.recording import BASE_URL
from tests.client.scripted import Clock, Script, ok, scripted_client

SECRET = "secret-token-1234"
LOGGER = "buffer_profiles_client"


def _python(program: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", program], env=environment, capture_output=True, text=True, timeout=60)


def test_each_attempt_is_a_debug_line_and_each_retry_an_info_line(caplog: pytest.LogCaptureFixture) -> None:
    script, clock = Script((503, {"Retry-After": "2"}, b""), ok()), Clock()
    caplog.set_level(logging.DEBUG, logger=LOGGER)

    with scripted_client(script, clock) as buffer:
        buffer.profiles.list()

    ours = [record for record in caplog.records if record.name == LOGGER]
    assert [record.levelname for record in ours] == ["DEBUG", "INFO", "DEBUG"]
    first, retry, second = (record.getMessage() for record in ours)
    assert first.startswith(f"GET {BASE_URL}/profiles.json -> 503 in ")
    assert first.endswith(" ms (attempt 1 of 3)")
    assert retry == f"GET {BASE_URL}/profiles.json got 503; retry 1 of 2 in 2.00 s"
    assert second.startswith(f"GET {BASE_URL}/profiles.json -> 200 in ")
    assert second.endswith(" ms (attempt 2 of 3)")


def test_no_answer_is_logged_by_its_exception(caplog: pytest.LogCaptureFixture) -> None:
    script, clock = Script(httpx.ConnectError("refused"), ok()), Clock()
    caplog.set_level(logging.DEBUG, logger=LOGGER)

    with scripted_client(script, clock) as buffer:
        buffer.profiles.list()

    assert " -> ConnectError in " in next(record.getMessage() for record in caplog.records if record.name == LOGGER)


def test_a_token_in_the_url_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    client = AuthenticatedClient(
        base_url=BASE_URL, token=SECRET, httpx_args={"transport": transport, "params": {"access_token": SECRET}}
    )

    with client:
        list_profiles.sync(client=client)

    line = next(record.getMessage() for record in caplog.records if record.name == LOGGER)
    assert line.startswith(f"GET {BASE_URL}/profiles.json?access_token=REDACTED -> 200 in ")
    assert SECRET not in "\n".join(record.getMessage() for record in caplog.records if record.name == LOGGER)


def test_buffer_log_debug_switches_the_lines_on_and_no_token_reaches_them() -> None:
    program = f"""
import httpx
from buffer_profiles_client import BufferProfiles

transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
with httpx.Client(transport=transport) as http:
    BufferProfiles({SECRET!r}, base_url={BASE_URL!r}, http_client=http).profiles.list()
"""
    environment = {**os.environ, "BUFFER_LOG": "debug"}
    result = subprocess.run(
        [sys.executable, "-c", program], env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert f"buffer_profiles_client DEBUG] GET {BASE_URL}/profiles.json -> 200 in " in result.stderr
    assert SECRET not in result.stderr + result.stdout


def test_without_buffer_log_nothing_is_written() -> None:
    program = "import buffer_profiles_client, logging; print(logging.getLogger('buffer_profiles_client').handlers)"
    environment = {name: value for name, value in os.environ.items() if name != "BUFFER_LOG"}
    result = subprocess.run(
        [sys.executable, "-c", program], env=environment, capture_output=True, text=True, timeout=60
    )

    assert result.stdout.strip() == "[]"
