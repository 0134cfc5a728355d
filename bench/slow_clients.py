"""Many connections that never finish their request, and one normal client among them.

The server runs with its descriptor limit at 1,024 (``ulimit -n``), as on many machines; 2,000
connections each send half a request and then nothing. Before the server bounded its connections,
the 1,025th left it unable to accept anyone. Reported: the normal client's status and time.
"""

import http.client
import resource
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.targets import reference_server
from buffer_profiles_testkit.server.demo import DEMO_TOKEN

DESCRIPTOR_LIMIT = 1024
SLOW_CLIENTS = 2000
HALF_A_REQUEST = b"GET /1/profiles.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


@dataclass(frozen=True)
class SlowClientsResult:
    slow_clients: int
    refused_by_kernel: int
    normal_status: int
    normal_ms: float


def _limit_descriptors() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTOR_LIMIT, DESCRIPTOR_LIMIT))


def measure(scratch: Path) -> SlowClientsResult:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < SLOW_CLIENTS + 100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, SLOW_CLIENTS + 500), hard))
    with reference_server(scratch / "slow.sqlite3", "--demo", preexec_fn=_limit_descriptors) as url:
        parts = urlsplit(url)
        address = (parts.hostname or "127.0.0.1", parts.port or 80)
        slow: list[socket.socket] = []
        refused = 0
        try:
            for _ in range(SLOW_CLIENTS):
                try:
                    connection = socket.create_connection(address, timeout=5)
                    connection.sendall(HALF_A_REQUEST)
                    slow.append(connection)
                except OSError:
                    refused += 1
            time.sleep(0.5)  # let the server accept them all
            client = http.client.HTTPConnection(*address, timeout=30)
            started = time.perf_counter()
            client.request("GET", f"{parts.path}/profiles.json", headers={"Authorization": f"Bearer {DEMO_TOKEN}"})
            response = client.getresponse()
            response.read()
            elapsed_ms = (time.perf_counter() - started) * 1000
            client.close()
        finally:
            for connection in slow:
                connection.close()
    return SlowClientsResult(SLOW_CLIENTS, refused, response.status, elapsed_ms)
