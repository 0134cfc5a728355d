"""One wheel, built as ``make dist`` builds it, installed alone into one fresh venv per test session."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from overrides.dist import build_distributions
from overrides.generate import ROOT

LOCK = ROOT / "requirements" / "lock.txt"


@dataclass(frozen=True)
class InstalledClient:
    distributions: list[Path]  # the wheel, then the sdist
    python: Path  # the venv's interpreter, with only the wheel and its runtime dependencies
    preinstalled: set[str]  # what the bare venv held before the wheel

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
    return InstalledClient(built, python, bare)
