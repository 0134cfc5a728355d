import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_TOKEN
from tests.demo_server import seed_demo
from tests.server.spec_conformance import SpecConformance

ClientFactory = Callable[..., httpx.Client]

# Loopback HTTP needs no TLS, but every httpx client builds a context (~15 ms) unless given one.
SHARED_TLS_CONTEXT = ssl.create_default_context()


@pytest.fixture(scope="session")
def conformance() -> SpecConformance:
    return SpecConformance()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return seed_demo(tmp_path / "profiles.sqlite3")


@pytest.fixture
def base_url(db_path: Path) -> Iterator[str]:
    """A fresh server over a fresh demo database, on a free loopback port, for each test."""
    with running_server(create_app(db_path)) as url:
        yield url


@contextmanager
def client_factory(base_url: str, conformance: SpecConformance) -> Iterator[ClientFactory]:
    """Yield a maker of clients of ``base_url``; every client it made is closed on exit."""
    clients: list[httpx.Client] = []

    def client(token: str | None = DEMO_TOKEN, *, check: bool = True) -> httpx.Client:
        """A client of ``base_url`` that sends ``token`` as a Bearer header and checks responses against the spec."""
        headers = {} if token is None else {"Authorization": f"Bearer {token}"}
        hooks = {"response": [conformance.check]} if check else {}
        made = httpx.Client(
            base_url=base_url + "/", headers=headers, event_hooks=hooks, timeout=10, verify=SHARED_TLS_CONTEXT
        )
        clients.append(made)
        return made

    try:
        yield client
    finally:
        for made in clients:
            made.close()


@pytest.fixture
def api(base_url: str, conformance: SpecConformance) -> Iterator[ClientFactory]:
    """Clients of this test's own server: for tests that start from the demo data as seeded."""
    with client_factory(base_url, conformance) as factory:
        yield factory


@pytest.fixture(scope="module")
def shared_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server per module (stopping one takes ~0.2 s), for tests that compare before and after."""
    db = seed_demo(tmp_path_factory.mktemp("shared") / "profiles.sqlite3")
    with running_server(create_app(db)) as url:
        yield url


@pytest.fixture
def shared_api(shared_base_url: str, conformance: SpecConformance) -> Iterator[ClientFactory]:
    with client_factory(shared_base_url, conformance) as factory:
        yield factory
