"""Requests per second of the reference server over loopback, for a read and for an update.

    python bench/server_throughput.py [--requests 2000] [--concurrency 4]

Starts ``buffer-profiles-server --demo`` in its own process (so client and server do not share one
interpreter) on a free port with a throwaway database and no access log, warms up, then sends a
fixed number of requests from ``--concurrency`` concurrent keep-alive connections (httpx async).
Every answer must be a 200, or the run fails. Prints one line per operation (``--json`` for one
JSON object).
"""

import argparse
import asyncio
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere: the server package lives at the top

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN  # noqa: E402 (needs the path above)

UPDATE_BODY = (
    "schedules[0][days][]=mon&schedules[0][days][]=tue&schedules[0][days][]=thu&"
    "schedules[0][times][]=12:45&schedules[0][times][]=15:30&schedules[0][times][]=17:43"
)
WARMUP_REQUESTS = 100


@dataclass(frozen=True)
class Result:
    operation: str
    requests: int
    concurrency: int
    seconds: float
    requests_per_second: int
    median_ms: float
    p99_ms: float


@contextmanager
def server_process(*options: str) -> Iterator[str]:
    """The reference server with demo data (and ``options``) in its own process; yields its base URL."""
    with tempfile.TemporaryDirectory() as scratch:
        command = [sys.executable, "-m", "buffer_profiles_testkit.server", "--port", "0", "--demo", "--no-access-log"]
        command += options
        process = subprocess.Popen(
            [*command, "--db", str(Path(scratch) / "bench.sqlite3")],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert process.stdout is not None
            first_line = process.stdout.readline()  # the server prints it as soon as its port is bound
            match = re.fullmatch(r"Base URL: (\S+)\n", first_line)
            if match is None:
                raise RuntimeError(f"unexpected first line from the server: {first_line!r}")
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()


async def measure(
    client: httpx.AsyncClient, operation: str, request: httpx.Request, count: int, concurrency: int
) -> Result:
    latencies: list[float] = []

    async def worker(share: int) -> None:
        for _ in range(share):
            started = time.perf_counter()
            response = await client.send(request)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{operation}: {response.status_code} {response.text}")

    shares = [count // concurrency + (1 if index < count % concurrency else 0) for index in range(concurrency)]
    await asyncio.gather(*(worker(share) for share in (WARMUP_REQUESTS // concurrency,) * concurrency))
    latencies.clear()
    started = time.perf_counter()
    await asyncio.gather(*(worker(share) for share in shares))
    seconds = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return Result(
        operation,
        count,
        concurrency,
        round(seconds, 3),
        round(count / seconds),
        round(quantiles[49] * 1000, 2),
        round(quantiles[98] * 1000, 2),
    )


async def run(base_url: str, count: int, concurrency: int) -> list[Result]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    headers = {"Authorization": f"Bearer {DEMO_TOKEN}"}
    async with httpx.AsyncClient(base_url=base_url + "/", headers=headers, limits=limits) as client:
        read = client.build_request("GET", f"profiles/{DEMO_PROFILE_ID}.json")
        update = client.build_request(
            "POST",
            f"profiles/{DEMO_PROFILE_ID}/schedules/update.json",
            content=UPDATE_BODY,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        return [
            await measure(client, "GET /profiles/{id}.json", read, count, concurrency),
            await measure(client, "POST /profiles/{id}/schedules/update.json", update, count, concurrency),
        ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2_000, help="requests per operation (default 2000)")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args()
    with server_process() as base_url:
        results = asyncio.run(run(base_url, arguments.requests, arguments.concurrency))
    if arguments.json:
        print(json.dumps({"server_throughput": [asdict(result) for result in results]}))
    else:
        for result in results:
            print(
                f"{result.operation:45} {result.requests_per_second:6d} req/s  median {result.median_ms:.2f} ms  "
                f"p99 {result.p99_ms:.2f} ms  ({result.requests} requests, {result.concurrency} connections)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
