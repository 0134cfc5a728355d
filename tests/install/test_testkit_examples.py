"""The kit's README examples, run as a user runs them: from a folder outside the repository, with the
installed wheel (the test examples with the first one, in test_testkit_installed.py); and each shown
in the README exactly as it runs."""

import os
import shutil
import subprocess

from tests.install.kit import TESTKIT, InstalledKit, run
from tests.server.test_cli import ServerProcess

EXAMPLES = TESTKIT / "examples"
SHOWN = {"test_journal_and_faults.py": "python", "fixtures.json": "json", "admin_from_any_language.py": "python"}


def test_each_example_is_shown_in_the_kits_readme_as_it_runs() -> None:
    readme = (TESTKIT / "README.md").read_text(encoding="utf-8")

    for name, language in SHOWN.items():
        assert f"```{language}\n{(EXAMPLES / name).read_text(encoding='utf-8')}```" in readme, name


def test_the_admin_example_drives_a_server_started_with_the_fixtures_example(installed_kit: InstalledKit) -> None:
    folder = installed_kit.outside / "admin-example"
    folder.mkdir()
    for name in ("fixtures.json", "admin_from_any_language.py"):
        shutil.copy(EXAMPLES / name, folder)
    command = [
        str(installed_kit.command("buffer-profiles-server")),
        "--port",
        "0",
        "--admin",
        "--fixtures",
        "fixtures.json",
    ]
    environment = {**os.environ, "BUFFER_PROFILES_ADMIN_TOKEN": "secret", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, cwd=folder, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    server = ServerProcess(process)
    try:
        origin = server.wait_for(r"^Base URL: (\S+)/1$")
        output = run(installed_kit.python, "-I", "-S", "admin_from_any_language.py", origin, "secret", cwd=folder)
        said = server.stop()
    finally:
        server.close()

    assert output == "admin interface: fault planned and given, journal read, reset\n"
    assert "Users: 1 in" in said
    assert "secret" not in said  # a token given in the environment is never printed
