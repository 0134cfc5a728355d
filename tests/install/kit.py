"""The test kit as a user gets it: in the session's venv beside the client (tests/conftest.py builds it)."""

import subprocess
from dataclasses import dataclass
from pathlib import Path

from overrides.generate import ROOT

TESTKIT = ROOT / "testkit"


def run(*command: str | Path, cwd: Path | None = None, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=timeout, cwd=cwd, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@dataclass(frozen=True)
class InstalledKit:
    venv: Path
    client_wheel: Path
    testkit_wheel: Path
    outside: Path  # a folder outside the repository, to run commands from
    plain_distributions: frozenset[str]  # what the venv held with the kit installed without its contract extra
    plain_contract_command: tuple[int, str]  # the contract command's exit status and stderr then

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def command(self, name: str) -> Path:
        return self.venv / "bin" / name
