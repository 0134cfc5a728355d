"""Side by side, in one run: the reference server, Prism's mock of the same spec, and the constant-JSON app.

Each case is run against every target in turn, round after round (interleaved, so that a slow
moment of the machine falls on all of them alike); the median round is reported. The load comes
from wrk over loopback. "App time" is the server's own work per request: 1/throughput of the
server minus 1/throughput of the constant app on the same stack, both at one connection, taken
round by round; the CPU time each process used per request is reported beside it.
"""

import statistics
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.cores import load_on_first_core, on_server_core
from bench.targets import ServerUrl, prism_mock, python_server, reference_server, server_cpu_seconds
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
    body: str | tuple[str, ...] | None = None  # several: sent in turn

    def headers(self) -> dict[str, str]:
        if self.body is None:
            return AUTH
        return {**AUTH, "Content-Type": "application/x-www-form-urlencoded"}


# The update case sends one body again and again: after the first, SQLite commits nothing
# for a row left as it was. The second update case changes the profile every time (two bodies in
# turn), so that each one is a commit to the WAL.
UPDATE_PATH = f"/profiles/{DEMO_PROFILE_ID}/schedules/update.json"
CASES = (
    Case("GET /profiles.json", "/profiles.json"),
    Case("GET /profiles/{id}.json", f"/profiles/{DEMO_PROFILE_ID}.json"),
    Case("POST .../schedules/update.json", UPDATE_PATH, "POST", UPDATE_BODY),
    Case("POST update, a change each time", UPDATE_PATH, "POST", (UPDATE_BODY, UPDATE_BODY.replace("17:43", "17:44"))),
)
SERVER, CONSTANT, PRISM = "reference server", "constant JSON app", "Prism 5.14.2"
SERVER_DB_NAME = "bench.sqlite3"


@dataclass(frozen=True)
class Row:
    case: str
    target: str
    connections: int
    load: Load  # the median round's


@contextmanager
def targets(scratch: Path, with_prism: bool) -> Iterator[dict[str, str]]:
    """The targets, each on the last core, while this process and its wrk runs keep to the first."""
    with ExitStack() as stack:
        urls: dict[str, str] = {
            SERVER: stack.enter_context(
                reference_server(scratch / SERVER_DB_NAME, "--demo", preexec_fn=on_server_core)
            ),
            CONSTANT: stack.enter_context(python_server("bench.constant_app", preexec_fn=on_server_core)),
        }
        if with_prism:
            urls[PRISM] = stack.enter_context(prism_mock(preexec_fn=on_server_core))
        stack.enter_context(load_on_first_core())
        yield urls


def measure(urls: dict[str, str], connections: int, seconds: float, rounds: int) -> list[Row]:
    loads: dict[tuple[str, str], list[Load]] = {}
    for case in CASES:
        for url in urls.values():  # warm-up, not counted
            _run(url, case, connections, 1)
    for _ in range(rounds):
        for case in CASES:
            for target, url in urls.items():
                loads.setdefault((case.name, target), []).append(_run(url, case, connections, seconds))
    rows = []
    for (case_name, target), runs in loads.items():
        median = statistics.median_low(run.requests_per_second for run in runs)
        chosen = next(run for run in runs if run.requests_per_second == median)
        rows.append(Row(case_name, target, connections, chosen))
    return rows


@dataclass(frozen=True)
class AppTime:
    """The server's own time per request at one connection, against the constant app, round by round."""

    case: str
    microseconds: float  # median over rounds of 1/throughput(server) - 1/throughput(constant), run back to back
    cpu_microseconds: float  # median over rounds of the difference in CPU time per request of the two processes
    spread: tuple[float, float]  # lowest and highest round of ``microseconds``
    server_rps: float  # medians
    constant_rps: float


def measure_app_time(urls: dict[str, str], seconds: float, rounds: int) -> list[AppTime]:
    """wrk -c1 on the server and then the constant app, case by case, ``rounds`` times.

    Each round's difference is taken between two runs made one after the other, and the median
    of the rounds reported, so that a slow moment of the machine spoils one round, not the result.
    The CPU time the two processes used per request (from /proc) is a second measure of the same
    quantity that waiting on the network does not blur.
    """
    server, constant = urls[SERVER], urls[CONSTANT]
    assert isinstance(server, ServerUrl)
    assert isinstance(constant, ServerUrl)
    per_round: dict[str, list[tuple[float, float, float, float]]] = {}
    for case in CASES:  # warm-up, not counted
        for url in (server, constant):
            _run(url, case, 1, 1)
    for _ in range(rounds):
        for case in CASES:
            server_rps, server_cpu = _run_counting_cpu(server, case, seconds)
            constant_rps, constant_cpu = _run_counting_cpu(constant, case, seconds)
            per_round.setdefault(case.name, []).append((server_rps, constant_rps, server_cpu, constant_cpu))
    results = []
    for case in CASES:
        runs = per_round[case.name]
        latencies = [1e6 / s - 1e6 / c for s, c, _, _ in runs]
        results.append(
            AppTime(
                case.name,
                statistics.median(latencies),
                statistics.median(sc - cc for _, _, sc, cc in runs),
                (min(latencies), max(latencies)),
                statistics.median(s for s, _, _, _ in runs),
                statistics.median(c for _, c, _, _ in runs),
            )
        )
    return results


def _run(url: str, case: Case, connections: int, seconds: float) -> Load:
    return run_wrk(
        url + case.path,
        connections=connections,
        seconds=seconds,
        method=case.method,
        body=case.body,
        headers=case.headers(),
    )


def _run_counting_cpu(url: ServerUrl, case: Case, seconds: float) -> tuple[float, float]:
    """Requests per second at one connection, and the server's CPU microseconds per request."""
    cpu_before = server_cpu_seconds(url)
    load = _run(url, case, 1, seconds)
    return load.requests_per_second, (server_cpu_seconds(url) - cpu_before) * 1e6 / max(load.requests, 1)
