"""The generated package installs and works on its own, with only its runtime dependencies."""

import shutil
import subprocess
import sys
from pathlib import Path

from overrides.generate import OUTPUT, ROOT

LOCK = ROOT / "requirements" / "lock.txt"
# httpx and attrs, and what httpx itself needs; nothing of the generator or the dev tooling.
RUNTIME_DISTRIBUTIONS = {
    "anyio",
    "attrs",
    "buffer-profiles-client",
    "certifi",
    "h11",
    "httpcore",
    "httpx",
    "idna",
    "typing-extensions",
}

SMOKE = """
import httpx
from buffer_profiles_client import AuthenticatedClient
from buffer_profiles_client.api.profiles import update_profile_schedules
from buffer_profiles_client.models import ScheduleInput, UpdateSchedulesForm

def answer(request):
    print(request.read().decode())
    return httpx.Response(200, json={"success": True})

client = AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t",
                             httpx_args={"transport": httpx.MockTransport(answer)})
form = UpdateSchedulesForm(schedules=[ScheduleInput(days=["mon"], times=["12:45"])])
result = update_profile_schedules.sync("4eb854340acb04e870000010", client=client, body=form)
print(type(result).__name__, result.success)
"""


def _distributions(python: Path) -> set[str]:
    frozen = _run(python, "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check")
    return {line.split("==")[0].lower().replace("_", "-") for line in frozen.split()}


def _run(*command: str | Path) -> str:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_wheel_installs_alone_and_sends_bracket_bodies(tmp_path: Path) -> None:
    source = shutil.copytree(OUTPUT, tmp_path / "source", ignore=shutil.ignore_patterns("__pycache__"))
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", tmp_path, source)
    (wheel,) = tmp_path.glob("buffer_profiles_client-*.whl")
    _run(sys.executable, "-m", "venv", tmp_path / "venv")
    python = tmp_path / "venv" / "bin" / "python"
    bare = _distributions(python)
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", LOCK, wheel)

    installed = _distributions(python) - bare
    output = _run(python, "-c", SMOKE).splitlines()

    assert installed == RUNTIME_DISTRIBUTIONS
    assert output == ["schedules[0][days][]=mon&schedules[0][times][]=12:45", "UpdateSchedulesResult True"]
