"""Start the bundled reference server (``buffer-profiles-server --demo``) for a run with no BASE_URL."""

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STARTUP_LINES = ("Base URL: ", "Access token: ")
STOP_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    token: str
    other_token: str


@contextmanager
def reference_server() -> Iterator[RunningServer]:
    """The reference server on a free loopback port over a fresh demo database; stopped on exit."""
    from buffer_profiles_testkit.server.demo import (
        OTHER_USER_TOKEN,  # the demo's second user, for other_users_profiles_are_hidden
    )

    with tempfile.TemporaryDirectory(prefix="contract-") as scratch:
        command = [sys.executable, "-m", "buffer_profiles_testkit.server", "--host", "127.0.0.1", "--port", "0"]
        command += ["--db", str(Path(scratch) / "reference.sqlite3"), "--demo", "--no-access-log"]
        log_path = Path(scratch) / "server.log"
        with log_path.open("w") as log:
            # Its log goes to a file, shown only if it fails to start: the run's output is the verdict.
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            try:
                found = _read_startup_lines(process)
            except RuntimeError:
                print(log_path.read_text(), file=sys.stderr)
                raise
            yield RunningServer(found[STARTUP_LINES[0]], found[STARTUP_LINES[1]], OTHER_USER_TOKEN)
        finally:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def _read_startup_lines(process: "subprocess.Popen[str]") -> dict[str, str]:
    assert process.stdout is not None
    found: dict[str, str] = {}
    # The server prints both lines before it listens; connections wait in the socket's backlog.
    for line in process.stdout:
        for prefix in STARTUP_LINES:
            if line.startswith(prefix):
                found[prefix] = line[len(prefix) :].strip()
        if len(found) == len(STARTUP_LINES):
            return found
    raise RuntimeError(f"the reference server exited ({process.wait()}) before printing its base URL and token")
