"""The distributions as a user gets them: built once per session, installed into one fresh venv outside the repo."""

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from overrides.generate import OUTPUT, ROOT

LOCK = ROOT / "requirements" / "lock.txt"
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

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def command(self, name: str) -> Path:
        return self.venv / "bin" / name


@pytest.fixture(scope="session")
def installed_kit(tmp_path_factory: pytest.TempPathFactory) -> InstalledKit:
    """The client and the test kit, built from this tree, installed with pytest into a fresh venv (lock-pinned)."""
    scratch = tmp_path_factory.mktemp("install")
    dist = scratch / "dist"
    for project in (OUTPUT, TESTKIT):
        run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, project, timeout=300)
    (client_wheel,) = dist.glob("buffer_profiles_client-*.whl")
    (testkit_wheel,) = dist.glob("buffer_profiles_testkit-*.whl")
    venv = scratch / "venv"
    run(sys.executable, "-m", "venv", venv)
    pip: list[str | Path] = [venv / "bin" / "python", "-m", "pip", "install", "--quiet", "-c", LOCK]
    run(*pip, client_wheel, testkit_wheel, "pytest", timeout=600)
    outside = scratch / "elsewhere"
    outside.mkdir()
    return InstalledKit(venv, client_wheel, testkit_wheel, outside)
