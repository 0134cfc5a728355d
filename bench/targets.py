"""The servers a benchmark compares, each in its own process on a free loopback port."""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRISM = REPO / "bench" / "prism" / "node_modules" / ".bin" / "prism"
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_listening(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode} during startup")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {STARTUP_SECONDS} s")


@contextmanager
def _process(command: Sequence[str], **options: object) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(command, cwd=REPO, text=True, **options)  # type: ignore[call-overload]
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


class ServerUrl(str):
    """A server's base URL, with the id of the process that serves it."""

    pid: int


def server_cpu_seconds(url: ServerUrl) -> float:
    """The CPU time (user and system) the server's process has used so far."""
    fields = Path(f"/proc/{url.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def python_server(module: str, *arguments: str, preexec_fn: object = None) -> Iterator[ServerUrl]:
    """``python -m module --port 0 ...``, which prints ``Base URL: ...`` first; yields that URL."""
    command = [sys.executable, "-m", module, "--port", "0", *arguments]
    options = {"stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL, "preexec_fn": preexec_fn}
    with _process(command, **options) as process:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        match = re.fullmatch(r"Base URL: (\S+)\n", first_line)
        if match is None:
            raise RuntimeError(f"{module}: unexpected first line {first_line!r}")
        port = int(match.group(1).rsplit(":", 1)[1].split("/", 1)[0])
        _wait_until_listening(port, process)
        url = ServerUrl(match.group(1))
        url.pid = process.pid
        yield url


@contextmanager
def reference_server(db: Path, *arguments: str, preexec_fn: object = None) -> Iterator[ServerUrl]:
    with python_server(
        "buffer_profiles_testkit.server", "--db", str(db), "--no-access-log", *arguments, preexec_fn=preexec_fn
    ) as url:
        yield url


@contextmanager
def demo_server(*arguments: str) -> Iterator[str]:
    """The reference server with the demo data (and ``arguments``) over a throwaway database."""
    with (
        tempfile.TemporaryDirectory() as scratch,
        reference_server(Path(scratch) / "bench.sqlite3", "--demo", *arguments) as url,
    ):
        yield url


@contextmanager
def prism_mock(preexec_fn: object = None) -> Iterator[str]:
    """Stoplight Prism's mock of openapi.yaml (static examples, logs off); yields its base URL."""
    if not PRISM.exists():
        raise RuntimeError("Prism is not installed: make bench installs it (bench/prism)")
    port = _free_port()
    command = [str(PRISM), "mock", "openapi.yaml", "-h", "127.0.0.1", "-p", str(port), "-v", "silent"]
    with _process(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=preexec_fn) as process:
        _wait_until_listening(port, process)
        yield f"http://127.0.0.1:{port}"  # Prism serves the paths without the servers entry's /1
