"""The generated client type-checks under ``mypy --strict`` from user code, and mypy catches misuse."""

import subprocess
import sys
from pathlib import Path

USER_CODE = Path(__file__).with_name("typed_usage.py")

MISUSE = """
from buffer_profiles_client import AuthenticatedClient, BufferProfiles
from buffer_profiles_client.api.profiles import get_profile
from buffer_profiles_client.models import ScheduleInput

schedule = ScheduleInput(days=["funday"], times=["12:00"])
profile = get_profile.sync(client=AuthenticatedClient(base_url="x", token="t"))
code = get_profile.sync("4eb854340acb04e870000010", client=AuthenticatedClient(base_url="x", token="t")).code
buffer = BufferProfiles("t")
buffer.profiles.schedules.update("4eb854340acb04e870000010", schedules=[{"days": ["mon"], "time": ["12:00"]}])
buffer.profiles.retrieve()
"""


def _mypy(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--config-file", "/dev/null"]
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, timeout=240)


def test_user_code_type_checks_strictly() -> None:
    result = _mypy(USER_CODE)

    assert result.returncode == 0, result.stdout + result.stderr


def test_misuse_is_reported(tmp_path: Path) -> None:
    misuse = tmp_path / "misuse.py"
    misuse.write_text(MISUSE)

    result = _mypy(misuse)

    assert result.returncode == 1
    assert "List item 0 has incompatible type \"Literal['funday']\"" in result.stdout
    assert 'Missing positional argument "id"' in result.stdout
    assert '"Profile" has no attribute "code"' in result.stdout  # sync returns no error model
    assert 'List item 0 has incompatible type "dict[str, list[str]]"; expected "ScheduleInput | ScheduleInputDict"' in (
        result.stdout
    )
    assert 'Missing positional argument "id" in call to "retrieve" of "Profiles"' in result.stdout
