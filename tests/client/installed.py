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


def run(command: list[str | Path], env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=240, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def distribution_names(python: Path) -> set[str]:
    frozen = run([python, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"])
    return {line.split("==")[0].lower().replace("_", "-") for line in frozen.split()}


def install_client(scratch: Path) -> InstalledClient:
    built = build_distributions(scratch / "dist")
    run([sys.executable, "-m", "venv", scratch / "venv"])
    python = scratch / "venv" / "bin" / "python"
    bare = distribution_names(python)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", LOCK, built[0]])
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
    pip: list[str | Path] = [
        client.python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        LOCK,
    ]
    run([*pip, built[0], "pytest", "pytest-xdist"])
    contract = subprocess.run(
        [client.python.parent / "buffer-profiles-contract"], capture_output=True, text=True, timeout=60, check=False
    )
    plain = PlainKit(client.distribution_names(), (contract.returncode, contract.stderr))
    run([*pip, f"{built[0]}[contract]"])
    return built, plain
