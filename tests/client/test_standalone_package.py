"""The built package installs and works on its own, with only its runtime dependencies."""

import os
import tarfile
import zipfile
from pathlib import Path

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN
from overrides.dist import check_distributions
from tests.client.installed import InstalledClient
from tests.demo_server import demo_server

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

SEND_FORM = """
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

# What a new user writes after reading the package's README.
USER_SCRIPT = """
import os
import buffer_profiles_client
from buffer_profiles_client import AuthenticatedClient, AuthenticationError, NotFoundError, RateLimitRetry
from buffer_profiles_client.api.profiles import get_profile, list_profile_schedules, list_profiles
from buffer_profiles_client.api.profiles import update_profile_schedules
from buffer_profiles_client.models import Error, ScheduleInput, UpdateSchedulesForm

base_url, token = os.environ["BASE_URL"], os.environ["TOKEN"]
print("version", buffer_profiles_client.__version__)
with AuthenticatedClient(base_url=base_url, token=token, httpx_args={"transport": RateLimitRetry()}) as client:
    for profile in list_profiles.sync(client=client):
        print("profile", profile.id, profile.formatted_username)
    profile = get_profile.sync(os.environ["PROFILE_ID"], client=client)
    form = UpdateSchedulesForm(schedules=[ScheduleInput(days=["sat"], times=["09:30"])])
    print("updated", update_profile_schedules.sync(profile.id, client=client, body=form).success)
    print("schedules", [s.to_dict() for s in list_profile_schedules.sync(profile.id, client=client)])
try:
    list_profiles.sync(client=AuthenticatedClient(base_url=base_url, token="wrong"))
except AuthenticationError as error:
    print("wrong token:", type(error).__name__, error.status_code, error.code)
try:
    list_profiles.sync(client=AuthenticatedClient(base_url=base_url.removesuffix("/1"), token=token))
except NotFoundError as error:
    print("wrong base URL:", type(error).__name__, error.status_code)
with buffer_profiles_client.BufferProfiles() as buffer:  # BUFFER_ACCESS_TOKEN, BUFFER_BASE_URL
    buffer.profiles.schedules.update(os.environ["PROFILE_ID"], schedules=[{"days": ["sun"], "times": ["10:00"]}])
    print("client object", [s.to_dict() for s in buffer.profiles.schedules.list(os.environ["PROFILE_ID"])])
print("repr", Error(code=1010))
"""


def test_the_wheel_installs_alone(installed_client: InstalledClient) -> None:
    installed = installed_client.alone - installed_client.preinstalled

    assert installed == RUNTIME_DISTRIBUTIONS


def test_the_installed_package_sends_bracket_bodies(installed_client: InstalledClient) -> None:
    output = installed_client.run("-c", SEND_FORM).splitlines()

    assert output == ["schedules[0][days][]=mon&schedules[0][times][]=12:45", "UpdateSchedulesResult True"]


# The GraphQL reads need no GraphQL library: fixed documents out, decoded JSON in.
READ_GRAPHQL_ANSWER = """
from buffer_profiles_client.graphql_mapping import read_posting_schedule
from buffer_profiles_client.graphql_queries import POSTING_SCHEDULE

data = {"channel": {"postingSchedule": [{"day": "sun", "times": ["10:00"], "paused": False}]}}
print(POSTING_SCHEDULE.body(id="4eb854340acb04e870000010")["operationName"])
print([schedule.to_dict() for schedule in read_posting_schedule(data)])
"""


def test_the_installed_package_reads_graphql_answers_with_no_graphql_library(installed_client: InstalledClient) -> None:
    output = installed_client.run("-c", READ_GRAPHQL_ANSWER).splitlines()

    assert output == ["PostingSchedule", "[{'days': ['sun'], 'times': ['10:00']}]"]
    assert "graphql-core" not in installed_client.alone  # what the wheel pulled in


def test_a_user_script_works_against_the_reference_server(installed_client: InstalledClient, tmp_path: Path) -> None:
    with demo_server(tmp_path) as base_url:
        environment = {
            **os.environ,
            "BASE_URL": base_url,
            "TOKEN": DEMO_TOKEN,
            "PROFILE_ID": DEMO_PROFILE_ID,
            "BUFFER_ACCESS_TOKEN": DEMO_TOKEN,
            "BUFFER_BASE_URL": base_url,
            "NO_PROXY": "*",
        }
        output = installed_client.run("-c", USER_SCRIPT, env=environment).splitlines()

    assert output[0] == "version 3.0.0"
    assert f"profile {DEMO_PROFILE_ID} @skinnyoteam" in output
    assert "updated True" in output
    assert "schedules [{'days': ['sat'], 'times': ['09:30']}]" in output
    assert "wrong token: AuthenticationError 401 1001" in output
    assert "wrong base URL: NotFoundError 404" in output
    assert "client object [{'days': ['sun'], 'times': ['10:00']}]" in output
    assert output[-1].startswith("repr Error(code=1010, success=UNSET, ")


def test_the_distributions_pass_twine_check_and_carry_their_metadata(installed_client: InstalledClient) -> None:
    wheel, sdist = installed_client.distributions
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read("buffer_profiles_client-3.0.0.dist-info/METADATA").decode()
        wheel_files = set(archive.namelist())
    with tarfile.open(sdist) as archive:
        sdist_files = {Path(name).name for name in archive.getnames()}

    assert check_distributions([wheel, sdist]).count("PASSED") == 2
    assert wheel.name == "buffer_profiles_client-3.0.0-py3-none-any.whl"
    for field in (
        "Version: 3.0.0",
        "License-Expression: MIT",
        "Summary: Typed Python client for Buffer's Profiles API (v1)",
        "Project-URL: API documentation, https://buffer.com/developers/api/profiles",
        "Description-Content-Type: text/markdown",
    ):
        assert field in metadata
    assert "MyDataModel" not in metadata
    assert "api.example.com" not in metadata
    assert "buffer_profiles_client-3.0.0.dist-info/licenses/LICENSE" in wheel_files
    assert {"LICENSE", "README.md", "pyproject.toml", "py.typed", "errors.py", "retries.py"} <= sdist_files
