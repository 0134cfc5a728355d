"""``buffer-profiles-contract``: contract-test a server against openapi.yaml (what ``make contract`` runs).

With ``--base-url`` it tests that server with the token in ``BUFFER_ACCESS_TOKEN`` (or ``--token``);
without, it starts the reference server on a free loopback port with demo data and tests that.
First a preflight (two requests at most) catches a wrong setup; then the explicit edge cases and
the schemathesis run; at the end every profile's schedules are put back as they were. The last line
is the verdict (``run/verdict.py``, also written as JSON beside the JUnit report), and the exit
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

from buffer_profiles_testkit import SPEC_FILE
from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV, ApiReader
from buffer_profiles_testkit.contract.edge_cases.cases import edge_cases
from buffer_profiles_testkit.contract.edge_cases.report import add_to_junit, failure_lines, summary
from buffer_profiles_testkit.contract.edge_cases.runner import EdgeReport, EdgeRunner
from buffer_profiles_testkit.contract.not_verified import NOT_VERIFIED_ENV, ProcessRecord
from buffer_profiles_testkit.contract.not_verified import read as read_not_verified
from buffer_profiles_testkit.contract.pacing import PACING_ENV, Pacer
from buffer_profiles_testkit.contract.run import exit_codes
from buffer_profiles_testkit.contract.run.account import UserRecord, record, restore
from buffer_profiles_testkit.contract.run.outcome import Outcome
from buffer_profiles_testkit.contract.run.preflight import SetupError, preflight, spec_base_path
from buffer_profiles_testkit.contract.run.reference_server import reference_server
from buffer_profiles_testkit.contract.run.schemathesis_command import schemathesis_command
from buffer_profiles_testkit.contract.run.verdict import OTHER_USER_CHECKS, SUMMARY_NAME, WRITE_CHECKS, Skipped
from buffer_profiles_testkit.yaml_loading import load_yaml

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
    parser.add_argument(
        "--junit",
        type=Path,
        default=DEFAULT_JUNIT,
        help=f"JUnit report path ({DEFAULT_JUNIT}); {SUMMARY_NAME} beside it",
    )
    parser.add_argument("--exitfirst", action="store_true", help="stop at the first failing step (quick loops)")
    parser.add_argument("schemathesis_args", nargs="*", help="more `schemathesis run` options, after --")
    arguments = parser.parse_args(argv)
    if arguments.requests_per_minute is not None and arguments.requests_per_minute < 1:
        parser.error("--requests-per-minute must be at least 1")
    return arguments


def _say(message: str) -> None:
    print(f"contract: {message}", flush=True)


def run_schemathesis(
    base_url: str, token: str, other_token: str | None, arguments: argparse.Namespace, per_minute: int | None
) -> tuple[int, ProcessRecord]:
    """schemathesis' exit status, and what its checks could not verify (with how often it was throttled)."""
    # Tokens travel in the environment (schemathesis.toml reads them there), never on a command line.
    environment = {**os.environ, TOKEN_ENV: token}
    environment.pop(OTHER_TOKEN_ENV, None)
    if other_token:
        environment[OTHER_TOKEN_ENV] = other_token
    if per_minute:  # as asked, or Buffer's rate once the edge cases met a 429 that named no wait
        environment[PACING_ENV] = str(per_minute)
    arguments.junit.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="contract-config-") as scratch:
        record_path = Path(scratch) / "not-verified.json"
        environment[NOT_VERIFIED_ENV] = str(record_path)
        command = schemathesis_command(base_url, arguments, Path(scratch))
        status = subprocess.run(command, env=environment, check=False).returncode
        return status, read_not_verified(record_path)


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
    for line in failure_lines(report):
        print(f"  {line}", flush=True)
    return report


def _put_back(users: list[UserRecord]) -> list[str]:
    # A second Ctrl-C must not leave the account half restored.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    _say("putting back every schedule the run changed (waiting out a 429 if the server throttles)...")
    try:
        return restore(users)
    finally:
        signal.signal(signal.SIGINT, previous)


def _skipped_groups(other_token: str | None, arguments: argparse.Namespace) -> list[Skipped]:
    """The groups of checks this run cannot make: the verdict names each once, with what to pass to make them."""
    return ([] if other_token else [OTHER_USER_CHECKS]) + ([WRITE_CHECKS] if arguments.read_only else [])


def check_server(base_url: str, token: str, other_token: str | None, arguments: argparse.Namespace) -> int:
    started = time.perf_counter()
    spec = load_yaml(SPEC.read_text())
    checked = preflight(base_url, token, other_token, spec_base_path(spec))
    others = f", {len(checked.other_profiles)} of the other user's" if other_token else ""
    _say(
        f"preflight passed in {(time.perf_counter() - started) * 1000:.0f} ms: {len(checked.profiles)} profile(s) "
        f"of the user{others}; their schedules are recorded and put back at the end."
    )
    skipped = _skipped_groups(other_token, arguments)
    arguments.junit.unlink(missing_ok=True)  # the verdict reads it back: never a previous run's
    pacer = Pacer(arguments.requests_per_minute)
    users = [record("the user", ApiReader(base_url, token, TOKEN_ENV, pacer), checked.profiles)]
    if other_token:
        other_reader = ApiReader(base_url, other_token, OTHER_TOKEN_ENV, pacer)
        users.append(record("the other user", other_reader, checked.other_profiles))
    outcome = Outcome()
    try:
        edges = run_edges(base_url, token, other_token, spec, checked.first_profile, arguments, pacer)
        outcome.add_edges(edges)
        if pacer.throttled and arguments.requests_per_minute is None:
            _say(f"the server answered 429: the rest of the run goes at {pacer.per_minute} requests a minute.")
        if not (arguments.exitfirst and edges.failures):
            status, process = run_schemathesis(base_url, token, other_token, arguments, pacer.per_minute)
            outcome.add_schemathesis(status, process)
        add_to_junit(arguments.junit, edges)
    except KeyboardInterrupt:
        outcome.interrupted = True
    finally:
        if not arguments.read_only:
            problems = _put_back(users)
            for problem in problems:
                _say(problem)
            outcome.not_restored = bool(problems)
            if not problems:
                _say("every profile's schedules are as they were before the run.")
    verdict = outcome.verdict(arguments.junit, skipped, pacer.throttled)
    verdict.write()
    for line in outcome.notes(verdict):
        _say(line)
    print(verdict.line(), flush=True)
    return verdict.exit_status


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    arguments.junit = arguments.junit.resolve()
    try:
        if arguments.base_url:
            token = arguments.token or os.environ.get(TOKEN_ENV)
            if not token:
                _say(f"NOT RUN: pass --token, or set {TOKEN_ENV}, to the access token of the account to test.")
                return exit_codes.USAGE
            other_token = arguments.other_token or os.environ.get(OTHER_TOKEN_ENV) or None
            return check_server(arguments.base_url.rstrip("/"), token, other_token, arguments)
        with reference_server() as server:
            _say(f"testing the reference server at {server.base_url} (demo data, fresh database)")
            return check_server(server.base_url, server.token, server.other_token, arguments)
    except SetupError as error:
        _say(f"NOT RUN: {error}")
        return error.exit_code
    except KeyboardInterrupt:
        return exit_codes.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
