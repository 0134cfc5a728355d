"""pytest fixtures for your own tests: a real, local Buffer Profiles API with your data, and faults on demand.

Registered through the ``pytest11`` entry point, so installing the package is enough::

    def test_my_app_lists_profiles(buffer_api, buffer_user, buffer_client):
        buffer_api.fail_next("list_profiles", rate_limited(retry_after=1))
        ...

One reference server runs per test session (per worker under ``pytest -n``), on a free loopback
port, over a SQLite file in the session's temporary folder; each test starts from an empty store.
"""

import json
import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from buffer_profiles_client import AuthenticatedClient

from buffer_profiles_testkit.faults import Fault, FaultPlan
from buffer_profiles_testkit.server.app import BASE_PATH, create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES
from buffer_profiles_testkit.server.fixtures import load_fixtures
from buffer_profiles_testkit.server.graphql.endpoint import GRAPHQL_PATH
from buffer_profiles_testkit.server.storage.store import Store

__all__ = ["BufferApi", "BufferUser"]

PROFILES_MARKER = "buffer_profiles"


@dataclass(frozen=True)
class BufferUser:
    """A user of the local API: its id, its access token and its profiles' ids, in listing order."""

    id: str
    token: str
    profile_ids: tuple[str, ...]


def _new_id() -> str:
    return secrets.token_hex(12)  # 24 lowercase hex digits, as Buffer's ids


def _profile(user_id: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """A complete profile: the fields every profile requires, then what the test gave."""
    profile_id = str(given.get("id", _new_id()))
    username = str(given.get("service_username", f"user{profile_id[-4:]}"))
    required = {
        "id": profile_id,
        "service": "twitter",
        "service_id": profile_id[-9:],
        "service_username": username,
        "formatted_username": f"@{username}",
        "created_at": 1700000000,
        "timezone": "UTC",
        "schedules": [],
    }
    return required | dict(given) | {"user_id": user_id}


class BufferApi:
    """The local API of a test session: its base URL, its stored state and its faults.

    The same server answers Buffer's GraphQL reads at ``graphql_url`` from the same data, with a
    user's access token as its API key (``BufferProfiles(backend="graphql", api_key=user.token,
    base_url=buffer_api.graphql_url)``); ``fail_next("graphql", fault)`` fails its next request.
    """

    def __init__(self, base_url: str, db_path: Path, faults: FaultPlan) -> None:
        self.base_url = base_url
        self.graphql_url = base_url.removesuffix(BASE_PATH) + GRAPHQL_PATH
        self.faults = faults
        self._store = Store(db_path)  # this thread's own connection; the server has its own

    def close(self) -> None:
        self._store.close()

    def reset(self) -> None:
        """Forget every user, profile and schedule, and every fault not yet used."""
        self._store.reset()
        self.faults.clear()

    def add_user(self, profiles: Sequence[Mapping[str, Any]] = ({},), *, token: str | None = None) -> BufferUser:
        """A new user with these profiles (each a partial profile, completed with defaults) and a new token."""
        user_id = _new_id()
        user_token = token or f"test-{secrets.token_urlsafe(16)}"
        complete = [_profile(user_id, given) for given in profiles]
        load_fixtures(self._store, {"users": [{"id": user_id, "tokens": [user_token], "profiles": complete}]})
        return BufferUser(user_id, user_token, tuple(profile["id"] for profile in complete))

    def add_demo_users(self) -> list[BufferUser]:
        """The demo users of ``buffer-profiles-server --demo`` (the Profiles page's example first)."""
        load_fixtures(self._store, DEMO_FIXTURES)
        return [
            BufferUser(user["id"], user["tokens"][0], tuple(profile["id"] for profile in user["profiles"]))
            for user in DEMO_FIXTURES["users"]
        ]

    def profiles(self, user: BufferUser) -> list[dict[str, Any]]:
        """The user's profiles as the API would list them, read from storage directly."""
        profiles: list[dict[str, Any]] = json.loads(self._store.profiles_json(user.id))
        return profiles

    def schedules(self, user: BufferUser, profile_id: str) -> list[dict[str, list[str]]]:
        found = self._store.get_schedules(user.id, profile_id)
        if found is None:
            raise KeyError(f"user {user.id} has no profile {profile_id}")
        return found

    def set_schedules(self, user: BufferUser, profile_id: str, schedules: list[dict[str, list[str]]]) -> None:
        if not self._store.replace_schedules(user.id, profile_id, schedules):
            raise KeyError(f"user {user.id} has no profile {profile_id}")

    def fail_next(self, operation: str, fault: Fault, times: int = 1) -> None:
        """The next ``times`` calls of ``operation`` (an operationId) get ``fault`` instead of the API's answer."""
        self.faults.inject(operation, fault, times)

    def client(self, user: BufferUser) -> AuthenticatedClient:
        return AuthenticatedClient(base_url=self.base_url, token=user.token)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", f"{PROFILES_MARKER}(*profiles): the profiles of buffer_user (partial profiles, defaults filled in)"
    )


@pytest.fixture(scope="session")
def buffer_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BufferApi]:
    """The session's reference server; most tests want ``buffer_api``, which also resets it."""
    db_path = tmp_path_factory.mktemp("buffer-profiles") / "api.sqlite3"
    faults = FaultPlan()
    Store(db_path).close()  # create the schema before the server and the helper open the file
    with running_server(create_app(db_path, hooks=faults)) as base_url:
        api = BufferApi(base_url, db_path, faults)
        try:
            yield api
        finally:
            api.close()


@pytest.fixture
def buffer_api(buffer_server: BufferApi) -> BufferApi:
    """The local API, empty and without faults at the start of each test."""
    buffer_server.reset()
    return buffer_server


@pytest.fixture
def buffer_user(buffer_api: BufferApi, request: pytest.FixtureRequest) -> BufferUser:
    """A user with the profiles of the test's ``buffer_profiles`` marker, or else the demo user and data."""
    marker = request.node.get_closest_marker(PROFILES_MARKER)
    if marker is None:
        return buffer_api.add_demo_users()[0]
    return buffer_api.add_user(marker.args)


@pytest.fixture
def buffer_token(buffer_user: BufferUser) -> str:
    return buffer_user.token


@pytest.fixture
def buffer_client(buffer_api: BufferApi, buffer_user: BufferUser) -> Iterator[AuthenticatedClient]:
    """The typed client, authenticated as ``buffer_user``."""
    with buffer_api.client(buffer_user) as client:
        yield client
