"""Serve a (possibly broken) reference app on loopback and run ``buffer-profiles-contract`` against it."""

import os
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp

from buffer_profiles_testkit.contract.api_reader import OTHER_TOKEN_ENV, TOKEN_ENV
from buffer_profiles_testkit.contract.edge_cases.report import SUITE_NAME as EDGE_SUITE_NAME
from buffer_profiles_testkit.contract.invocation import contract_command
from buffer_profiles_testkit.contract.run.verdict import failures_by_check
from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_TOKEN, OTHER_USER_TOKEN
from tests.contract.variants import Combined, Variant
from tests.demo_server import seed_demo

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVER_DATABASE = "server.sqlite3"  # in the scratch folder given to serving()


@dataclass(frozen=True)
class ContractRun:
    exit_code: int
    output: str
    cases: int  # JUnit testcases: operations plus the stateful suite
    failures: dict[str, list[str]]  # check name -> the failure texts that name it

    @property
    def failed_checks(self) -> set[str]:
        return set(self.failures)


@contextmanager
def serving(scratch: Path, variant: Variant | Combined | None = None) -> Iterator[str]:
    """The reference app (wrapped by ``variant``) over its own fresh demo database; yields its base URL."""
    app: ASGIApp = create_app(seed_demo(scratch / SERVER_DATABASE))
    with running_server(variant.wrap(app) if variant else app) as base_url:
        yield base_url


def run_contract(
    base_url: str,
    scratch: Path,
    *schemathesis_args: str,
    token: str = DEMO_TOKEN,
    other_token: str | None = OTHER_USER_TOKEN,
    options: tuple[str, ...] = (),
) -> ContractRun:
    """The contract command against ``base_url``; ``options`` are its own, ``schemathesis_args`` go after ``--``."""
    junit = scratch / "contract-junit.xml"
    environment = {**os.environ, TOKEN_ENV: token, "NO_COLOR": "1"}
    environment.pop(OTHER_TOKEN_ENV, None)
    if other_token is not None:
        environment[OTHER_TOKEN_ENV] = other_token
    command = contract_command(base_url, "--junit", str(junit), *options)
    if schemathesis_args:
        command += ["--", *schemathesis_args]
    completed = subprocess.run(
        command, cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True, timeout=240, check=False
    )
    output = completed.stdout + completed.stderr
    tests, failures = _read_junit(junit) if junit.exists() else (0, {})
    return ContractRun(completed.returncode, output, tests, failures)


def _read_junit(path: Path) -> tuple[int, dict[str, list[str]]]:
    # The cases of schemathesis' own suite: the edge cases add a suite of their own.
    root = ElementTree.parse(path).getroot()
    schemathesis_cases = [case for case in root.iter("testcase") if case.get("classname") != EDGE_SUITE_NAME]
    return len(schemathesis_cases), failures_by_check(path)
