"""Side by side, in one run: the reference server, Prism's mock of the same spec, and the constant-JSON app.

Each case is run against every target in turn, round after round (interleaved, so that a slow
moment of the machine falls on all of them alike); the median round is reported. The load comes
from wrk over loopback. "App time" is the server's own work per request: 1/throughput of the
server minus 1/throughput of the constant app on the same stack, both at one connection.
"""

import statistics
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.targets import prism_mock, python_server, reference_server
from bench.wrk import Load, run_wrk
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN

UPDATE_BODY = (
    "schedules[0][days][]=mon&schedules[0][days][]=tue&schedules[0][days][]=thu&"
    "schedules[0][times][]=12:45&schedules[0][times][]=15:30&schedules[0][times][]=17:43"
)
AUTH = {"Authorization": f"Bearer {DEMO_TOKEN}"}


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    method: str = "GET"
    body: str | None = None

    def headers(self) -> dict[str, str]:
        if self.body is None:
            return AUTH
        return {**AUTH, "Content-Type": "application/x-www-form-urlencoded"}


CASES = (
    Case("GET /profiles.json", "/profiles.json"),
    Case("GET /profiles/{id}.json", f"/profiles/{DEMO_PROFILE_ID}.json"),
    Case("POST .../schedules/update.json", f"/profiles/{DEMO_PROFILE_ID}/schedules/update.json", "POST", UPDATE_BODY),
)
SERVER, CONSTANT, PRISM = "reference server", "constant JSON app", "Prism 5.14.2"


@dataclass(frozen=True)
class Row:
    case: str
    target: str
    connections: int
    load: Load  # the median round's


@contextmanager
def targets(scratch: Path, with_prism: bool) -> Iterator[dict[str, str]]:
    with ExitStack() as stack:
        urls = {
            SERVER: stack.enter_context(reference_server(scratch / "bench.sqlite3", "--demo")),
            CONSTANT: stack.enter_context(python_server("bench.constant_app")),
        }
        if with_prism:
            urls[PRISM] = stack.enter_context(prism_mock())
        yield urls


def measure(urls: dict[str, str], connections: int, seconds: float, rounds: int) -> list[Row]:
    loads: dict[tuple[str, str], list[Load]] = {}
    for case in CASES:
        for url in urls.values():  # warm-up, not counted
            run_wrk(
                url + case.path,
                connections=connections,
                seconds=1,
                method=case.method,
                body=case.body,
                headers=case.headers(),
            )
    for _ in range(rounds):
        for case in CASES:
            for target, url in urls.items():
                load = run_wrk(
                    url + case.path,
                    connections=connections,
                    seconds=seconds,
                    method=case.method,
                    body=case.body,
                    headers=case.headers(),
                )
                loads.setdefault((case.name, target), []).append(load)
    rows = []
    for (case_name, target), runs in loads.items():
        median = statistics.median_low(run.requests_per_second for run in runs)
        chosen = next(run for run in runs if run.requests_per_second == median)
        rows.append(Row(case_name, target, connections, chosen))
    return rows
