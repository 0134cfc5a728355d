import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.built_once import Record, built_once
from tests.changes.generation_cache import prune
from tests.client.installed import InstalledClient, install_client, install_testkit
from tests.install.kit import InstalledKit

# What installs the built wheels is slow (make test-fast leaves it out).
INSTALLS = {"installed_client", "installed_kit"}
BROWSER = "browser"  # tests/docs/test_page.py's Chromium


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that install the wheels slow, and run the slow tests first, then the browser's.

    Under xdist the quick tests then fill in around the slow ones on every worker, instead of one
    long test running alone at the end. One test that installs the wheels starts, and the others
    come after the whole contract runs: by then the wheels are built (tests/built_once.py), and no
    worker waits for them while another builds. The browser's tests share one Chromium per worker
    and run one after another, the longest chain of the quick tests, so they start first too.
    """
    installs = [item for item in items if set(getattr(item, "fixturenames", ())) & INSTALLS]
    for item in installs:
        item.add_marker(pytest.mark.slow)

    def rank(item: pytest.Item) -> int:
        if installs and item is installs[0]:
            return 0
        if item.get_closest_marker("slow") is None:
            return 3 if BROWSER in getattr(item, "fixturenames", ()) else 4
        return 2 if item in installs else 1

    items.sort(key=rank)


# CI runs the same examples every time; locally each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def generated_clients(pytestconfig: pytest.Config) -> Path:
    """Where each distinct generated client is kept, across runs (tests/changes/generation_cache.py)."""
    assert pytestconfig.cache is not None, "the generated clients are kept in pytest's cache"
    folder = pytestconfig.cache.mkdir("generated-clients")
    prune(folder)
    return folder


@pytest.fixture(scope="session")
def installed_client(tmp_path_factory: pytest.TempPathFactory) -> InstalledClient:
    """The client's wheel alone in a fresh venv outside the repository (built once per run)."""

    def install(folder: Path) -> Record:
        client = install_client(folder)
        return {
            "distributions": [str(path) for path in client.distributions],
            "python": str(client.python),
            "preinstalled": sorted(client.preinstalled),
            "alone": sorted(client.alone),
        }

    built = built_once(tmp_path_factory, "installed-client", install)
    return InstalledClient(
        [Path(path) for path in built["distributions"]],
        Path(built["python"]),
        set(built["preinstalled"]),
        set(built["alone"]),
    )


@pytest.fixture(scope="session")
def installed_kit(tmp_path_factory: pytest.TempPathFactory, installed_client: InstalledClient) -> InstalledKit:
    """The same venv, with the test kit's wheel and pytest added (once per run)."""

    def install(folder: Path) -> Record:
        built, plain = install_testkit(installed_client)
        return {
            "testkit_wheel": str(built[0]),
            "outside": str(folder),
            "plain_distributions": sorted(plain.distributions),
            "plain_contract_command": list(plain.contract_command),
        }

    built = built_once(tmp_path_factory, "installed-kit", install)
    venv = installed_client.python.parent.parent
    return InstalledKit(
        venv,
        installed_client.distributions[0],
        Path(built["testkit_wheel"]),
        Path(built["outside"]),
        frozenset(built["plain_distributions"]),
        tuple(built["plain_contract_command"]),
    )
