import os

import pytest
from hypothesis import settings

from tests.client.installed import InstalledClient, install_client, install_testkit
from tests.install.kit import InstalledKit

# CI runs the same examples every time; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def installed_client(tmp_path_factory: pytest.TempPathFactory) -> InstalledClient:
    """The client's wheel alone in a fresh venv outside the repository."""
    return install_client(tmp_path_factory.mktemp("installed"))


@pytest.fixture(scope="session")
def installed_kit(installed_client: InstalledClient) -> InstalledKit:
    """The same venv, with the test kit's wheel and pytest added."""
    testkit_wheel = install_testkit(installed_client)[0]
    outside = installed_client.python.parent.parent.parent / "elsewhere"
    outside.mkdir()
    return InstalledKit(
        installed_client.python.parent.parent, installed_client.distributions[0], testkit_wheel, outside
    )
