"""pytest fixtures for your tests: a real, local Buffer Profiles API with your data, faults on demand, a journal.

Registered through the ``pytest11`` entry point, so installing the package is enough::

    def test_my_app_lists_profiles(buffer_api, buffer_user, buffer_client):
        buffer_api.fail_next("list_profiles", rate_limited(retry_after=1))
        ...

One reference server runs per test session (per worker under ``pytest -n``), on a free loopback
port, over a SQLite file in the session's temporary folder; each test starts from an empty store,
no faults and an empty journal. A test whose planned faults were not all given fails, unless they
were planned ``optional=True``.

pytest imports this module in every run of every project that has the kit installed, tests of the
API or not; so it imports only pytest up front, and the server and the client when a test first
asks for one of the fixtures (loading them here cost about 0.4 s a run with the plain kit,
measured with ``python -X importtime``).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from buffer_profiles_client import AuthenticatedClient

    from buffer_profiles_testkit.local_api import BufferApi, BufferUser

__all__ = ["BufferApi", "BufferUser"]

PROFILES_MARKER = "buffer_profiles"


def __getattr__(name: str) -> Any:
    """``BufferApi`` and ``BufferUser``, which tests import from here for their annotations, on first use."""
    if name in __all__:
        from buffer_profiles_testkit import local_api

        return getattr(local_api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{PROFILES_MARKER}(*profiles): the profiles of buffer_user, each a dict of the spec's Profile fields"
        " (the rest filled in; fields beyond the spec under 'extra_fields')",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """A test that passed fails, in one line, when a fault it planned was not given as often as planned."""
    outcome = yield
    api = getattr(item, "funcargs", {}).get("buffer_api")
    if api is not None:
        from buffer_profiles_testkit.local_api import unused_faults_message

        unused = api.controls.faults.unused()
        if unused:
            pytest.fail(unused_faults_message(unused), pytrace=False)
    return outcome


@pytest.fixture(scope="session")
def buffer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BufferApi]:
    """The session's local API, not reset between tests; most tests want ``buffer_api``, which is."""
    from buffer_profiles_testkit.local_api import running_api

    with running_api(tmp_path_factory.mktemp("buffer-profiles")) as api:
        yield api


@pytest.fixture
def buffer_api(buffer_server: BufferApi) -> BufferApi:
    """The local API, with no users, no faults, an empty journal and no rate limit at the start of each test."""
    buffer_server.reset()
    return buffer_server


@pytest.fixture
def buffer_user(buffer_api: BufferApi, request: pytest.FixtureRequest) -> BufferUser:
    """A user with the profiles of the test's ``buffer_profiles`` marker, or else the demo user and data."""
    from buffer_profiles_testkit.local_api import FixtureError, add_marker_user

    marker = request.node.get_closest_marker(PROFILES_MARKER)
    if marker is None:
        return buffer_api.add_demo_users()[0]
    try:
        return add_marker_user(buffer_api, marker.args, marker.kwargs)
    except FixtureError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def buffer_token(buffer_user: BufferUser) -> str:
    return buffer_user.token


@pytest.fixture
def buffer_client(buffer_api: BufferApi, buffer_user: BufferUser) -> Iterator[AuthenticatedClient]:
    """The typed client, authenticated as ``buffer_user``; it does not retry, and is closed after the test."""
    with buffer_api.client(buffer_user) as client:
        yield client
