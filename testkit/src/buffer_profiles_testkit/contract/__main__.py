"""``buffer-profiles-contract``: contract-test a server against openapi.yaml (what ``make contract`` runs).

With ``--base-url`` it tests that server with the token in ``BUFFER_ACCESS_TOKEN`` (or ``--token``);
without, it starts the reference server on a free loopback port with demo data and tests that.
Exit status is schemathesis' own: 0 only when every check passed.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from buffer_profiles_testkit import SCHEMATHESIS_CONFIG, SPEC_FILE
from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV
from buffer_profiles_testkit.contract.reference_server import reference_server

SPEC = SPEC_FILE
CONFIG = SCHEMATHESIS_CONFIG
DEFAULT_JUNIT = Path("reports/contract-junit.xml")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="buffer-profiles-contract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="the server to test, ending in /1 (default: start the reference server)")
    parser.add_argument("--token", help=f"its access token (better: the {TOKEN_ENV} environment variable)")
    parser.add_argument("--other-token", help=f"a second user's token ({OTHER_TOKEN_ENV}); enables the leak check")
    parser.add_argument("--seed", type=int, help="the seed (default: the one in schemathesis.toml)")
    parser.add_argument("--max-examples", type=int, help="cases per operation and phase (default: schemathesis.toml)")
    parser.add_argument("--junit", type=Path, default=DEFAULT_JUNIT, help=f"JUnit report path ({DEFAULT_JUNIT})")
    parser.add_argument("schemathesis_args", nargs="*", help="more `schemathesis run` options, after --")
    return parser.parse_args(argv)


def schemathesis_command(base_url: str, arguments: argparse.Namespace) -> list[str]:
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run", str(SPEC)]
    command += ["--url", base_url, "--report", "junit", "--report-junit-path", str(arguments.junit)]
    if arguments.seed is not None:
        command += ["--seed", str(arguments.seed)]
    if arguments.max_examples is not None:
        command += ["--max-examples", str(arguments.max_examples)]
    return command + list(arguments.schemathesis_args)


def run_suite(base_url: str, token: str, other_token: str | None, arguments: argparse.Namespace) -> int:
    # Tokens travel in the environment (schemathesis.toml reads them there), never on a command line.
    environment = {**os.environ, TOKEN_ENV: token}
    if other_token:
        environment[OTHER_TOKEN_ENV] = other_token
    arguments.junit.parent.mkdir(parents=True, exist_ok=True)
    return subprocess.run(schemathesis_command(base_url, arguments), env=environment).returncode


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    arguments.junit = arguments.junit.resolve()
    if arguments.base_url:
        token = arguments.token or os.environ.get(TOKEN_ENV)
        if not token:
            print(f"buffer-profiles-contract: give the access token as TOKEN=... or {TOKEN_ENV}", file=sys.stderr)
            return 2
        other_token = arguments.other_token or os.environ.get(OTHER_TOKEN_ENV)
        return run_suite(arguments.base_url.rstrip("/"), token, other_token, arguments)
    with reference_server() as server:
        print(f"contract: testing the reference server at {server.base_url} (demo data, fresh database)", flush=True)
        return run_suite(server.base_url, server.token, server.other_token, arguments)


if __name__ == "__main__":
    sys.exit(main())
