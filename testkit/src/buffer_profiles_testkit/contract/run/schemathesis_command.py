"""The ``schemathesis run`` command of a suite run, and the configuration file it reads."""

import argparse
import sys
from pathlib import Path

from buffer_profiles_testkit import SCHEMATHESIS_CONFIG, SPEC_FILE
from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES

SPEC = SPEC_FILE
CONFIG = SCHEMATHESIS_CONFIG
# Methods the coverage phase may send to an operation that does not declare them, in read-only
# mode: only those that change nothing on any server.
_SAFE_UNEXPECTED_METHODS = '["get", "options", "trace"]'
_COVERAGE_TABLE = "[phases.coverage]\n"


def read_only_config(scratch: Path) -> Path:
    """schemathesis.toml, except that the coverage phase sends no writing method where none is declared."""
    text = CONFIG.read_text()
    if _COVERAGE_TABLE not in text:
        raise RuntimeError(f"{CONFIG.name} has no {_COVERAGE_TABLE.strip()} table to make read-only")
    path = scratch / "schemathesis-read-only.toml"
    methods = f"unexpected-methods = {_SAFE_UNEXPECTED_METHODS}\n"
    path.write_text(text.replace(_COVERAGE_TABLE, _COVERAGE_TABLE + methods))
    return path


def schemathesis_command(base_url: str, arguments: argparse.Namespace, scratch: Path) -> list[str]:
    config = read_only_config(scratch) if arguments.read_only else CONFIG
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "run", str(SPEC)]
    command += ["--url", base_url, "--report", "junit", "--report-junit-path", str(arguments.junit)]
    if arguments.read_only:
        command += ["--exclude-operation-id", UPDATE_SCHEDULES]
    if arguments.seed is not None:
        command += ["--seed", str(arguments.seed)]
    if arguments.max_examples is not None:
        command += ["--max-examples", str(arguments.max_examples)]
    if arguments.exitfirst:
        command += ["--max-failures", "1"]
    return command + list(arguments.schemathesis_args)
