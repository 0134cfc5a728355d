"""``make bench``: every benchmark, each printed with its ratio to its baseline.

python -m bench [--requests 2000] [--concurrency 4] [--contract-max-examples N]
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bench import contract_suite, encoder_throughput
from bench.server_throughput import run, server_process

BASELINES = Path(__file__).with_name("baselines.json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2_000, help="requests per server operation (default 2000)")
    parser.add_argument("--concurrency", type=int, default=4, help="concurrent connections (default 4)")
    parser.add_argument(
        "--contract-max-examples", type=int, help="the contract suite's cases per operation and phase (its default)"
    )
    arguments = parser.parse_args()
    baselines = json.loads(BASELINES.read_text())["server_requests_per_second"]

    print("bracket encoder (bodies/s; baseline: urlencode of the same flat pairs, this run)")
    for encoded in encoder_throughput.measure():
        print(
            f"  {encoded.body:28} {encoded.bodies_per_second:>9,}  baseline {encoded.floor_bodies_per_second:>9,}"
            f"  ratio {encoded.ratio_to_floor:.2f}"
        )

    print(f"reference server (requests/s, {arguments.concurrency} connections; baseline: bench/baselines.json)")
    with server_process() as base_url:
        served = asyncio.run(run(base_url, arguments.requests, arguments.concurrency))
    for result in served:
        baseline = baselines[result.operation]
        print(
            f"  {result.operation:45} {result.requests_per_second:>6,}  baseline {baseline:>6,}"
            f"  ratio {result.requests_per_second / baseline:.2f}  (median {result.median_ms:.2f} ms,"
            f" p99 {result.p99_ms:.2f} ms)"
        )

    contract_suite.report(arguments.contract_max_examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
