"""The wheels, built as ``make dist`` builds them, installed into one fresh venv per test session.

The client goes in first, alone (what it pulled in is recorded then); the test kit and pytest join
it in the same venv for the kit's tests.
"""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from overrides.dist import build_distributions, build_testkit
from overrides.generate import ROOT

LOCK = ROOT / "requirements" / "lock.txt"


@dataclass(frozen=True)
class InstalledClient:
    distributions: list[Path]  # the wheel, then the sdist
    python: Path  # the venv's interpreter, with only the wheel and its runtime dependencies
    preinstalled: set[str]  # what the bare venv held before the wheel
    alone: set[str]  # what the venv held right after the client's wheel, before anything else

    def run(self, *arguments: str | Path, env: dict[str, str] | None = None) -> str:
        return run([self.python, *arguments], env=env)

    def distribution_names(self) -> set[str]:
        return distribution_names(self.python)


# The venvs get no pip of their own: this environment's pip installs into them (--python), which
# saves the ~3 s of CPU that ensurepip costs per venv. --no-compile leaves the .pyc files to the
# first import, which compiles only the modules a test uses instead of every installed file.
# Measured alone on the 2-core machine: the kit's venv from 14.3 s of CPU to 9.1 s.
PIP: list[str | Path] = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
INSTALL: list[str | Path] = ["install", "--quiet", "--no-compile", "-c", LOCK]
# What is installed in a venv, as pip list would name it, read by the venv's own interpreter.
LIST_DISTRIBUTIONS = "import importlib.metadata as m; print(*sorted({d.metadata['Name'] for d in m.distributions()}))"


def run(command: list[str | Path], env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=240, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def distribution_names(python: Path) -> set[str]:
    return {name.lower().replace("_", "-") for name in run([python, "-c", LIST_DISTRIBUTIONS]).split()}


def pip_install(python: Path, *requirements: str | Path) -> None:
    run([*PIP, "--python", python, *INSTALL, *requirements])


def install_client(scratch: Path) -> InstalledClient:
    built = build_distributions(scratch / "dist")
    run([sys.executable, "-m", "venv", "--without-pip", scratch / "venv"])
    python = scratch / "venv" / "bin" / "python"
    bare = distribution_names(python)
    pip_install(python, built[0])
    return InstalledClient(built, python, bare, distribution_names(python))


@dataclass(frozen=True)
class PlainKit:
    """What the venv held with the plain test kit, before its contract extra joined it."""

    distributions: set[str]
    contract_command: tuple[int, str]  # the contract command's exit status and stderr without the extra


def install_testkit(client: InstalledClient) -> tuple[list[Path], PlainKit]:
    """Add the test kit (and pytest with xdist, for a user's test suite) to the client's venv, first plain,
    then with its contract extra; return its wheel and sdist, and what the plain kit was."""
    built = build_testkit(client.distributions[0].parent)
    pip_install(client.python, built[0], "pytest", "pytest-xdist")
    contract = subprocess.run(
        [client.python.parent / "buffer-profiles-contract"], capture_output=True, text=True, timeout=60, check=False
    )
    plain = PlainKit(client.distribution_names(), (contract.returncode, contract.stderr))
    pip_install(client.python, f"{built[0]}[contract]")
    return built, plain
