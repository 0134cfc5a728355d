"""``buffer-profiles-server``: what it prints, fixtures from a file, and no tokens in its logs."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_PROFILE_ID, DEMO_TOKEN
from buffer_profiles_testkit.server.serving.log_redaction import REDACTED

REPO = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 20


class ServerProcess:
    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> str:
        """The first output line matching ``pattern``, waiting for it at most STARTUP_SECONDS."""
        compiled = re.compile(pattern)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if match := compiled.search(line):
                    return match.group(1)
            if not self._reader.is_alive():
                break  # the process ended; no more lines will come
            self._reader.join(0.01)
        raise AssertionError(f"no line matching {pattern!r} in {self.lines}")

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        return "\n".join(self.lines)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@contextmanager
def server_process(*arguments: str) -> Iterator[ServerProcess]:
    process = subprocess.Popen(
        [sys.executable, "-m", "buffer_profiles_testkit.server", "--port", "0", *arguments],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    running = ServerProcess(process)
    try:
        yield running
    finally:
        running.close()


def test_demo_server_prints_base_url_and_token_and_keeps_tokens_out_of_its_log(tmp_path: Path) -> None:
    with server_process("--db", str(tmp_path / "db.sqlite3"), "--demo") as server:
        base_url = server.wait_for(r"^Base URL: (http://127\.0\.0\.1:\d+/1)$")
        token = server.wait_for(r"^Access token: (\S+)$")
        assert token == DEMO_TOKEN

        by_query = httpx.get(f"{base_url}/profiles/{DEMO_PROFILE_ID}.json", params={"access_token": token})
        by_header = httpx.get(f"{base_url}/profiles.json", headers={"Authorization": f"Bearer {token}"})
        mistyped = httpx.get(f"{base_url}/profiles.json?Access%5FToken={token}")
        near_misses = [
            httpx.get(f"{base_url}/profiles.json?{name}={token}")
            for name in ("access_token[]", "access_token%00", "access_tokens", "token", "q")
        ]
        output = server.stop()

    assert by_query.status_code == 200
    assert by_header.status_code == 200
    assert mistyped.status_code == 401
    assert [response.status_code for response in near_misses] == [401] * 5
    log = output.split("\n", 2)[2]  # after the two lines printed for scripts
    assert f"/1/profiles/{DEMO_PROFILE_ID}.json?access_token={REDACTED}" in log
    assert token not in log


def test_fixtures_from_a_file(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures.json"
    own = json.loads(json.dumps(DEMO_FIXTURES["users"][1]))
    own["tokens"] = ["my-integration-test-token"]
    fixtures.write_text(json.dumps({"users": [own]}))

    with server_process("--db", str(tmp_path / "db.sqlite3"), "--fixtures", str(fixtures)) as server:
        base_url = server.wait_for(r"^Base URL: (\S+)$")
        response = httpx.get(f"{base_url}/profiles.json", headers={"Authorization": "Bearer my-integration-test-token"})
        output = server.stop()

    assert response.status_code == 200
    assert [profile["id"] for profile in response.json()] == [profile["id"] for profile in own["profiles"]]
    assert "Access token:" not in output  # no demo user, so no demo token to print


def test_invalid_fixtures_stop_the_server_with_a_message(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(json.dumps({"users": [{"id": "not-an-id", "tokens": [], "profiles": []}]}))

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "buffer_profiles_testkit.server",
            "--port",
            "0",
            "--db",
            str(tmp_path / "db"),
            "--fixtures",
            str(fixtures),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
        check=False,
    )

    assert result.returncode == 2
    assert "fixtures users/0/id" in result.stderr
