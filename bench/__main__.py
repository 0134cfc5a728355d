"""``make bench``: the encoder, the client, the test kit's fixtures, then the server beside Prism and a constant app.

python -m bench [--seconds 3] [--rounds 3] [--connections 16] [--app-time-rounds 9] [--no-prism]
                [--skip-extremes] [--contract-max-examples N] [--only encoder|client|fixtures]

Needs wrk and Prism (``make bench`` installs both; neither is needed by ``make test``).
"""

import argparse
import sys
import tempfile
from pathlib import Path

from bench import client_overhead, contract_suite, encoder_throughput, slow_clients, testkit_fixtures, worst_case
from bench.throughput import (
    CASES,
    CONSTANT,
    PRISM,
    SERVER,
    SERVER_DB_NAME,
    AppTime,
    Row,
    measure,
    measure_app_time,
    targets,
)


def _print_encoder() -> None:
    print("bracket encoder (bodies/s; baseline: urlencode of the same flat pairs, this run)")
    for encoded in encoder_throughput.measure():
        print(
            f"  {encoded.body:28} {encoded.bodies_per_second:>9,}  baseline {encoded.floor_bodies_per_second:>9,}"
            f"  ratio {encoded.ratio_to_floor:.2f}"
        )


def _print_client_overhead() -> None:
    print(
        "\ntyped client against raw httpx (microseconds per call, same request and answer, this run;"
        " client: BufferProfiles, functions: list_profiles.sync and get_profile.sync)"
    )
    for compared in client_overhead.measure():
        print(
            f"  {compared.transport:9} {compared.operation:28} raw httpx {compared.raw_microseconds:8.1f}"
            f"  client {compared.client_microseconds:8.1f}  overhead {compared.overhead_microseconds:+8.1f}"
            f"  ratio {compared.ratio:.2f}  (functions {compared.functions_microseconds:.1f}, ratio"
            f" {compared.functions_ratio:.2f}; models alone {compared.models_microseconds:.1f})"
        )


def _print_fixture_cost() -> None:
    print(
        f"\ntest kit fixtures: {testkit_fixtures.TESTS} trivial tests per fixture, each set in a pytest of its own"
        f" (ms per test after the first; median of {testkit_fixtures.ROUNDS} rounds)"
    )
    costs, plugin = testkit_fixtures.measure()
    by_name = {cost.name: cost for cost in costs}
    for cost in costs:
        over_user = ""
        if cost.fixture == "buffer_client":
            over_user = f"  ({cost.per_test_ms - by_name['buffer_user'].per_test_ms:+.2f} ms over buffer_user)"
        print(
            f"  {cost.name:14} {cost.per_test_ms:6.2f} ms a test{over_user};"
            f" {cost.first_test_ms:7.1f} ms from start-up to the end of the first test (the server starts in it)"
        )
    print(
        f"  an empty test file: {plugin.with_plugin_ms:.0f} ms with the kit's plugin,"
        f" {plugin.without_plugin_ms:.0f} ms with -p no:buffer_profiles"
        f" ({plugin.with_plugin_ms - plugin.without_plugin_ms:+.0f} ms; median of {testkit_fixtures.EMPTY_RUNS})"
    )


QUICK_SECTIONS = {"encoder": _print_encoder, "client": _print_client_overhead, "fixtures": _print_fixture_cost}


def _print_loads(rows: list[Row], connections: int) -> None:
    by_key = {(row.case, row.target): row for row in rows}
    print(f"\nHTTP, wrk -t1 -c{connections} over loopback (median of the interleaved rounds)")
    print(f"  {'case':32} {'target':18} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'vs Prism':>8} {'vs constant':>11}")
    for case in CASES:
        for target in (SERVER, CONSTANT, PRISM):
            row = by_key.get((case.name, target))
            if row is None:
                continue
            load = row.load
            prism = by_key.get((case.name, PRISM))
            constant = by_key[(case.name, CONSTANT)]
            versus_prism = "-" if prism is None or target == PRISM else _ratio(load.requests_per_second, prism)
            versus_constant = f"{load.requests_per_second / constant.load.requests_per_second:.2f}"
            note = f"  ({load.not_2xx} of {load.requests} not 2xx)" if load.not_2xx else ""
            print(
                f"  {case.name:32} {target:18} {load.requests_per_second:>8,.0f} {load.p50_ms:>7.2f}"
                f" {load.p99_ms:>7.2f} {versus_prism:>8} {versus_constant:>11}{note}"
            )


def _ratio(rate: float, prism: Row) -> str:
    if prism.load.not_2xx == prism.load.requests:
        return "n/a"  # Prism answered nothing but errors (it cannot decode bracket forms)
    return f"{rate / prism.load.requests_per_second:.2f}"


def _print_app_time(times: list[AppTime], rounds: int) -> None:
    print(
        f"\napp time per request, wrk -c1: 1/throughput(server) - 1/throughput(constant app), same stack;"
        f" median of {rounds} rounds, each a pair of runs back to back"
    )
    for time in times:
        low, high = time.spread
        print(
            f"  {time.case:32} {time.microseconds:>7.1f} us  (rounds {low:.1f} to {high:.1f};"
            f" CPU time per request {time.cpu_microseconds:+.1f} us;"
            f" {time.server_rps:,.0f} vs {time.constant_rps:,.0f} req/s)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3, help="length of one wrk run (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per case and target (default 3)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument(
        "--app-time-rounds", type=int, default=9, help="rounds of the one-connection app time (default 9)"
    )
    parser.add_argument("--no-prism", action="store_true", help="leave Prism out")
    parser.add_argument("--skip-extremes", action="store_true", help="leave out worst-case requests and slow clients")
    parser.add_argument(
        "--contract-max-examples", type=int, help="the contract suite's cases per operation and phase (its default)"
    )
    parser.add_argument(
        "--only", choices=sorted(QUICK_SECTIONS), help="run only this section (needs neither wrk nor Prism)"
    )
    arguments = parser.parse_args()
    if arguments.only:
        QUICK_SECTIONS[arguments.only]()
        return 0

    for section in QUICK_SECTIONS.values():
        section()
    with tempfile.TemporaryDirectory() as scratch:
        with targets(Path(scratch), with_prism=not arguments.no_prism) as urls:
            busy = measure(urls, arguments.connections, arguments.seconds, arguments.rounds)
            app_times = measure_app_time(urls, arguments.seconds, arguments.app_time_rounds)
            wal_bytes = (Path(scratch) / f"{SERVER_DB_NAME}-wal").stat().st_size
        _print_loads(busy, arguments.connections)
        _print_app_time(app_times, arguments.app_time_rounds)
        print(f"  the reference server's WAL after these runs: {wal_bytes / 1e6:.1f} MB (about a second of writes)")
        if arguments.skip_extremes:
            contract_suite.report(arguments.contract_max_examples)
            return 0

        start_seconds, timings = worst_case.measure(Path(scratch), repeat=20)
        print(
            f"\nheaviest requests, one at a time (20 each); start with {worst_case.MANY_PROFILES:,} profiles"
            f" of fixtures: {start_seconds:.2f} s"
        )
        for timing in timings:
            print(
                f"  {timing.request:34} {timing.status}  {timing.body_bytes:>9,} bytes"
                f"  median {timing.median_ms:7.2f} ms (head {timing.median_first_byte_ms:6.2f})"
                f"  max {timing.max_ms:7.2f} ms"
            )
        print(f"  worst: {max(timing.max_ms for timing in timings):.2f} ms")

        slow = slow_clients.measure(Path(scratch))
        print(
            f"\n{slow.slow_clients:,} connections holding half a request, server at ulimit -n"
            f" {slow_clients.DESCRIPTOR_LIMIT}: a normal request got {slow.normal_status} in {slow.normal_ms:.1f} ms"
            f" ({slow.refused_by_kernel} of the slow connections could not connect)"
        )

    contract_suite.report(arguments.contract_max_examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
