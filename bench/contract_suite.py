"""The contract suite's speed: cases per second next to stock schemathesis, our per-case overhead, preflight timings.

    python -m bench.contract_suite [--max-examples N]

Each run gets a fresh reference server (its own process, a throwaway database). "Ours" is
``buffer-profiles-contract`` as ``make contract`` runs it; "stock" is ``schemathesis run`` on the same
kind of server with the same ``schemathesis.toml`` minus this project's hooks (so: no bracket-form
bodies, no extra checks, no edge cases), the same seed and phases. Cases per second are
schemathesis' generated cases over the duration it reports for itself. Our overhead is the time
spent inside our hooks and checks minus the HTTP requests they make, per response
(``contract/overhead.py``). Preflight timings are wall-clock times from starting ``python -m
contract`` to its verdict on each setup mistake (interpreter start included).
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.targets import REPO, demo_server
from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV
from buffer_profiles_testkit.contract.invocation import contract_command
from buffer_profiles_testkit.contract.overhead import TIMINGS_ENV
from buffer_profiles_testkit.server.demo import DEMO_TOKEN, OTHER_USER_TOKEN

_GENERATED = re.compile(r"(\d+) generated")
_DURATION = re.compile(r" in ([\d.]+)s =+")
_EDGES = re.compile(r"edge cases: (\d+) sent in ([\d.]+) s.*\(judging ([\d.]+) ms a case\)")
_PREFLIGHT = re.compile(r"preflight passed in (\d+) ms")


@dataclass(frozen=True)
class SuiteRun:
    cases: int
    seconds: float  # as schemathesis reports its own run
    wall_seconds: float  # the whole command
    output: str

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, TOKEN_ENV: DEMO_TOKEN, OTHER_TOKEN_ENV: OTHER_USER_TOKEN, "NO_COLOR": "1", **extra}


def _suite_run(command: list[str], environment: dict[str, str]) -> SuiteRun:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    output = completed.stdout + completed.stderr
    generated, duration = _GENERATED.search(output), _DURATION.search(output)
    if generated is None or duration is None:
        raise RuntimeError(f"no schemathesis summary in the output of {command[:4]}:\n{output[-2000:]}")
    return SuiteRun(int(generated.group(1)), float(duration.group(1)), wall, output)


def stock_config(scratch: Path) -> Path:
    """schemathesis.toml without this project's hooks, and with the stock negative_data_rejection check back."""
    text = (REPO / "schemathesis.toml").read_text()
    text = re.sub(r"^hooks = .*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\[checks\.negative_data_rejection\]\n(?:#.*\n)*enabled = false\n", "", text, flags=re.MULTILINE)
    path = scratch / "stock-schemathesis.toml"
    path.write_text(text)
    return path


def run_ours(max_examples: int | None, scratch: Path) -> tuple[SuiteRun, dict[str, Any], tuple[int, float, float]]:
    timings = scratch / "timings.json"
    with demo_server() as base_url:
        command = contract_command(base_url, "--junit", str(scratch / "ours.xml"))
        if max_examples is not None:
            command += ["--max-examples", str(max_examples)]
        run = _suite_run(command, _environment(**{TIMINGS_ENV: str(timings)}))
    edges = _EDGES.search(run.output)
    if edges is None:
        raise RuntimeError(f"no edge-case summary:\n{run.output[-2000:]}")
    return run, json.loads(timings.read_text()), (int(edges.group(1)), float(edges.group(2)), float(edges.group(3)))


def run_stock(max_examples: int | None, scratch: Path) -> SuiteRun:
    with demo_server() as base_url:
        command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(stock_config(scratch)), "run"]
        command += [str(REPO / "openapi.yaml"), "--url", base_url, "--report-junit-path", str(scratch / "stock.xml")]
        if max_examples is not None:
            command += ["--max-examples", str(max_examples)]
        return _suite_run(command, _environment())


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/1"


def _time_to_verdict(base_url: str, token: str, other_token: str) -> tuple[float, str]:
    """Seconds from starting ``buffer-profiles-contract`` to its first line (a setup verdict), and that line."""
    environment = {**_environment(), TOKEN_ENV: token, OTHER_TOKEN_ENV: other_token}
    command = contract_command(base_url, "--read-only", "--", "--phases", "examples")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=environment, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    first_line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.kill()  # the timing is taken; the rest of a run is not the point here
    process.communicate()
    return elapsed, first_line.strip()


def preflight_timings() -> list[tuple[str, float, str]]:
    results = [("nothing listening", *_time_to_verdict(_closed_port_url(), DEMO_TOKEN, OTHER_USER_TOKEN))]
    with demo_server() as base_url:
        for label, url, token, other in (
            ("BASE_URL without /1", base_url.removesuffix("/1"), DEMO_TOKEN, OTHER_USER_TOKEN),
            ("TOKEN refused", base_url, "not-a-token", OTHER_USER_TOKEN),
            ("OTHER_TOKEN refused", base_url, DEMO_TOKEN, "not-a-token"),
            ("OTHER_TOKEN = TOKEN", base_url, DEMO_TOKEN, DEMO_TOKEN),
            ("a correct setup", base_url, DEMO_TOKEN, OTHER_USER_TOKEN),
        ):
            results.append((label, *_time_to_verdict(url, token, other)))
    return results


def report(max_examples: int | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-contract-") as directory:
        scratch = Path(directory)
        ours, timings, (edge_cases, edge_seconds, edge_judging_ms) = run_ours(max_examples, scratch)
        stock = run_stock(max_examples, scratch)
    overhead_ms = (timings["own_seconds"] - timings["http_seconds"]) / max(timings["responses"], 1) * 1000
    print("contract suite (cases/s: schemathesis' generated cases over its own reported duration; fresh server each)")
    print(f"  ours   {ours.cases:>5} cases in {ours.seconds:6.1f} s  {ours.cases_per_second:7.1f} cases/s")
    print(f"  stock  {stock.cases:>5} cases in {stock.seconds:6.1f} s  {stock.cases_per_second:7.1f} cases/s")
    print(f"  ratio ours/stock {ours.cases_per_second / stock.cases_per_second:.2f}")
    print(
        f"  plus {edge_cases} edge cases in {edge_seconds:.1f} s; the whole `buffer-profiles-contract` took "
        f"{ours.wall_seconds:.1f} s"
    )
    print(
        f"  our hooks and checks, without their HTTP requests: {overhead_ms:.3f} ms a case on average "
        f"({timings['responses']} responses; goal <= 1 ms); edge-case judging {edge_judging_ms:.3f} ms a case"
    )
    slowest = sorted(timings.get("by_name", {}).items(), key=lambda item: -item[1])[:3]
    print("  most time (HTTP included): " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in slowest))
    print("preflight (wall clock from starting buffer-profiles-contract to its verdict, interpreter start included)")
    for label, seconds, line in preflight_timings():
        inside = _PREFLIGHT.search(line)
        detail = f"; the preflight itself {inside.group(1)} ms" if inside else ""
        print(f"  {label:22} {seconds * 1000:6.0f} ms{detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, help="per operation and phase (default: schemathesis.toml's)")
    report(parser.parse_args().max_examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
