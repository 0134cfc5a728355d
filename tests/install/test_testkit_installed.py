"""The test kit as a user installs it: its commands work from any folder, and its pytest plugin in their tests."""

import shutil
import subprocess
import zipfile

from buffer_profiles_testkit.yaml_loading import load_yaml
from tests.install.kit import TESTKIT, InstalledKit, run

EXAMPLE = TESTKIT / "examples" / "test_my_integration.py"


def test_the_wheel_carries_the_spec_and_the_contract_configuration(installed_kit: InstalledKit) -> None:
    with zipfile.ZipFile(installed_kit.testkit_wheel) as wheel:
        names = set(wheel.namelist())
        spec = wheel.read("buffer_profiles_testkit/openapi.yaml")
        entry_points = next(name for name in names if name.endswith("entry_points.txt"))
        registered = wheel.read(entry_points).decode()

    assert spec == (TESTKIT.parent / "openapi.yaml").read_bytes(), "the one spec, as a file"
    assert "buffer_profiles_testkit/schemathesis.toml" in names
    assert "buffer_profiles_testkit/py.typed" in names
    assert "buffer_profiles = buffer_profiles_testkit.pytest_plugin" in registered
    assert "buffer-profiles-server = buffer_profiles_testkit.server.__main__:main" in registered


def test_a_users_test_suite_runs_with_the_plugin_and_an_injected_fault(installed_kit: InstalledKit) -> None:
    suite = installed_kit.outside / "my-app-tests"
    suite.mkdir()
    shutil.copy(EXAMPLE, suite)
    shutil.copy(EXAMPLE.with_name("test_journal_and_faults.py"), suite)  # the package README's second example

    output = run(installed_kit.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", suite, cwd=suite)

    # Under xdist each worker starts a server of its own, so tests in parallel never see each
    # other's data or faults: make test runs tests/testkit/ that way, with the same plugin.
    assert "6 passed" in output


def test_the_server_command_runs_from_any_folder(installed_kit: InstalledKit) -> None:
    command = [str(installed_kit.command("buffer-profiles-server")), "--port", "0", "--demo", "--db", "api.sqlite3"]
    server = subprocess.Popen(command, cwd=installed_kit.outside, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().removeprefix("Base URL: ").strip()
        token = server.stdout.readline().removeprefix("Access token: ").strip()
        profiles = run(
            "curl", "-sS", "--fail-with-body", "-H", f"Authorization: Bearer {token}", f"{base_url}/profiles.json"
        )
    finally:
        server.terminate()
        server.wait(10)
        if server.stdout is not None:
            server.stdout.close()

    assert base_url.startswith("http://127.0.0.1:")
    assert base_url.endswith("/1")
    assert '"formatted_username":"@skinnyoteam"' in profiles
    assert (installed_kit.outside / "api.sqlite3").exists()


def test_the_contract_command_runs_from_any_folder(installed_kit: InstalledKit) -> None:
    output = run(
        installed_kit.command("buffer-profiles-contract"),
        "--",
        "--phases",
        "examples",
        "--max-examples",
        "5",
        cwd=installed_kit.outside,
    )

    assert "No issues found" in output
    assert (installed_kit.outside / "reports" / "contract-junit.xml").exists()


def test_the_client_stays_installable_alone(installed_kit: InstalledKit) -> None:
    with zipfile.ZipFile(installed_kit.client_wheel) as wheel:
        metadata = next(name for name in wheel.namelist() if name.endswith("METADATA"))
        requires = [line for line in wheel.read(metadata).decode().splitlines() if line.startswith("Requires-Dist:")]

    assert sorted(line.split()[1].split("<")[0].split(">")[0] for line in requires) == ["attrs", "httpx"]


def test_the_readme_the_package_readme_and_the_api_reference_show_the_example_as_it_runs() -> None:
    shown = f"```python\n{EXAMPLE.read_text(encoding='utf-8')}```"
    spec = load_yaml((TESTKIT.parent / "openapi.yaml").read_text(encoding="utf-8"))

    assert shown in (TESTKIT.parent / "README.md").read_text(encoding="utf-8")
    assert shown in (TESTKIT / "README.md").read_text(encoding="utf-8")
    assert shown in spec["info"]["description"]


BUILD_GRAPHQL_SCHEMA = """
import hashlib
from buffer_profiles_testkit.graphql_schema import SCHEMA_FILE, SCHEMA_SHA256, buffer_schema
print(hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256, "site-packages" in str(SCHEMA_FILE))
print(sorted(buffer_schema().query_type.fields)[:3])
"""


def test_the_installed_kit_builds_buffers_graphql_schema_from_its_own_copy(installed_kit: InstalledKit) -> None:
    output = run(installed_kit.python, "-c", BUILD_GRAPHQL_SCHEMA, cwd=installed_kit.outside).splitlines()

    assert output == ["True True", "['account', 'aggregatedPostMetrics', 'channel']"]
