"""``buffer-profiles-contract``: contract-test a server against openapi.yaml (what ``make contract`` runs).

With ``--base-url`` it tests that server with the token in ``BUFFER_ACCESS_TOKEN`` (or ``--token``);
without, it starts the reference server on a free loopback port with demo data and tests that.
First a preflight (two requests at most) catches a wrong setup; then the explicit edge cases and
the schemathesis run; at the end every profile's schedules are put back as they were. The exit
status says what happened (``contract/run/exit_codes.py``; README, "Contract-test your server").
"""

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from buffer_profiles_testkit import SPEC_FILE
from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV, ApiReader
from buffer_profiles_testkit.contract.edge_cases.cases import edge_cases
from buffer_profiles_testkit.contract.edge_cases.report import add_to_junit, summary
from buffer_profiles_testkit.contract.edge_cases.runner import EdgeReport, EdgeRunner
from buffer_profiles_testkit.contract.pacing import PACING_ENV, Pacer
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.contract.run.account import UserRecord, record, restore
from buffer_profiles_testkit.contract.run.preflight import SetupError, preflight, spec_base_path
from buffer_profiles_testkit.contract.run.reference_server import reference_server
from buffer_profiles_testkit.contract.run.schemathesis_command import schemathesis_command

SPEC = SPEC_FILE
DEFAULT_JUNIT = Path("reports/contract-junit.xml")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="buffer-profiles-contract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="the server to test, ending in /1 (default: start the reference server)")
    parser.add_argument("--token", help=f"its access token (better: the {TOKEN_ENV} environment variable)")
    parser.add_argument("--other-token", help=f"a second user's token ({OTHER_TOKEN_ENV}): isolation checks")
    parser.add_argument("--seed", type=int, help="the seed (default: the one in schemathesis.toml)")
    parser.add_argument("--max-examples", type=int, help="cases per operation and phase (default: schemathesis.toml)")
    parser.add_argument("--read-only", action="store_true", help="send no update: for an account you care about")
    parser.add_argument(
        "--requests-per-minute", type=int, metavar="N", help="pace every request, and honour a 429's Retry-After"
    )
    parser.add_argument("--junit", type=Path, default=DEFAULT_JUNIT, help=f"JUnit report path ({DEFAULT_JUNIT})")
    parser.add_argument("schemathesis_args", nargs="*", help="more `schemathesis run` options, after --")
    arguments = parser.parse_args(argv)
    if arguments.requests_per_minute is not None and arguments.requests_per_minute < 1:
        parser.error("--requests-per-minute must be at least 1")
    return arguments


def _say(message: str) -> None:
    print(f"contract: {message}", flush=True)


def run_schemathesis(base_url: str, token: str, other_token: str | None, arguments: argparse.Namespace) -> int:
    # Tokens travel in the environment (schemathesis.toml reads them there), never on a command line.
    environment = {**os.environ, TOKEN_ENV: token}
    environment.pop(OTHER_TOKEN_ENV, None)
    if other_token:
        environment[OTHER_TOKEN_ENV] = other_token
    if arguments.requests_per_minute:
        environment[PACING_ENV] = str(arguments.requests_per_minute)
    arguments.junit.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="contract-config-") as scratch:
        command = schemathesis_command(base_url, arguments, Path(scratch))
        return subprocess.run(command, env=environment, check=False).returncode


def run_edges(
    base_url: str,
    token: str,
    other_token: str | None,
    spec: dict[str, Any],
    profile_id: str | None,
    arguments: argparse.Namespace,
    pacer: Pacer,
) -> EdgeReport:
    cases = edge_cases(spec, profile_id, read_only=arguments.read_only) if profile_id else []
    runner = EdgeRunner(base_url, token, other_token, spec, pacer)
    try:
        report = runner.run(cases)
    finally:
        runner.close()
    _say(summary(report))
    for failure in report.failures:
        print(f"  {failure.describe()}", flush=True)
    return report


def _put_back(users: list[UserRecord]) -> list[str]:
    # A second Ctrl-C must not leave the account half restored.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    _say("putting back every schedule the run changed (waiting out a 429 if the server throttles)...")
    try:
        return restore(users)
    finally:
        signal.signal(signal.SIGINT, previous)


def check_server(base_url: str, token: str, other_token: str | None, arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    spec = yaml.load(SPEC.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C: ~10x faster
    checked = preflight(base_url, token, other_token, spec_base_path(spec))
    others = f", {len(checked.other_profiles)} of OTHER_TOKEN's" if other_token else ""
    _say(
        f"preflight passed in {(time.perf_counter() - started) * 1000:.0f} ms: {len(checked.profiles)} profile(s) "
        f"of TOKEN's user{others}; their schedules are recorded and put back at the end."
    )
    pacer = Pacer(arguments.requests_per_minute)
    restoring = Pacer(arguments.requests_per_minute, honour_retry_after=True)
    users = [record("TOKEN", ApiReader(base_url, token, TOKEN_ENV, restoring), checked.profiles)]
    if other_token:
        other_reader = ApiReader(base_url, other_token, OTHER_TOKEN_ENV, restoring)
        users.append(record("OTHER_TOKEN", other_reader, checked.other_profiles))
    status = exit_codes.INTERRUPTED
    try:
        edges = run_edges(base_url, token, other_token, spec, checked.first_profile, arguments, pacer)
        status = run_schemathesis(base_url, token, other_token, arguments)
        add_to_junit(arguments.junit, edges)
        if edges.failures and status == exit_codes.PASSED:
            status = exit_codes.CONTRACT_BROKEN
    except KeyboardInterrupt:
        _say("interrupted.")
    finally:
        if not arguments.read_only:
            problems = _put_back(users)
            for problem in problems:
                _say(problem)
            if problems:
                status = exit_codes.NOT_RESTORED
            else:
                _say("every profile's schedules are as they were before the run.")
    return status


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    arguments.junit = arguments.junit.resolve()
    try:
        if arguments.base_url:
            token = arguments.token or os.environ.get(TOKEN_ENV)
            if not token:
                _say(f"set TOKEN (or {TOKEN_ENV}) to the access token of the account to test.")
                return exit_codes.USAGE
            other_token = arguments.other_token or os.environ.get(OTHER_TOKEN_ENV) or None
            return check_server(arguments.base_url.rstrip("/"), token, other_token, arguments)
        with reference_server() as server:
            _say(f"testing the reference server at {server.base_url} (demo data, fresh database)")
            return check_server(server.base_url, server.token, server.other_token, arguments)
    except SetupError as error:
        _say(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
