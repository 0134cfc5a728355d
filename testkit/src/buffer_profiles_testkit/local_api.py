"""The local Buffer API of a test session, as the pytest fixtures hand it to tests: :class:`BufferApi`.

It holds the running server's base URL, its own connection to the server's SQLite file (so tests
arrange and read state without going through the API), and the server's :class:`Controls`: faults,
the request journal and a rate limit. Everything a test sets is checked when it is set, and a
mistake is refused with a message that names it.
"""

import json
import secrets
import ssl
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from buffer_profiles_client import AuthenticatedClient

from buffer_profiles_testkit.controls import Controls
from buffer_profiles_testkit.faults.kinds import Fault
from buffer_profiles_testkit.faults.plan import FaultPlan, PlannedFault
from buffer_profiles_testkit.journal import Journal, Request
from buffer_profiles_testkit.server.app import BASE_PATH
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES
from buffer_profiles_testkit.server.fixtures import (
    FixtureError,
    check_profile,
    check_schedules,
    complete_profile,
    load_fixtures,
)
from buffer_profiles_testkit.server.graphql.endpoint import GRAPHQL_PATH
from buffer_profiles_testkit.server.storage.store import Store

__all__ = ["BufferApi", "BufferUser", "FixtureError", "add_marker_user", "running_api"]


@dataclass(frozen=True)
class BufferUser:
    """A user of the local API: its id, its access token and its profiles' ids, in listing order."""

    id: str
    token: str
    profile_ids: tuple[str, ...]


def _new_id() -> str:
    return secrets.token_hex(12)  # 24 lowercase hex digits, as Buffer's ids


def _user_id(user: BufferUser | str | None) -> str | None:
    return user.id if isinstance(user, BufferUser) else user


class BufferApi:
    """The local API of a test session: its base URL, its stored state, its faults and its request journal."""

    def __init__(self, base_url: str, db_path: Path, controls: Controls) -> None:
        self.base_url = base_url
        # The same server's GraphQL stand-in (see the kit's README): the same data, a user's token as its API key.
        self.graphql_url = base_url.removesuffix(BASE_PATH) + GRAPHQL_PATH
        self.controls = controls
        self._store = Store(db_path)  # this thread's own connection; the server has its own
        # One TLS context for every client of the session: httpx builds a new one for each client
        # otherwise (loading the CA bundle: ~20-30 ms, more than the rest of a test).
        self._ssl_context = httpx.create_ssl_context()

    @property
    def faults(self) -> FaultPlan:
        return self.controls.faults

    @property
    def journal(self) -> Journal:
        return self.controls.journal

    def close(self) -> None:
        self._store.close()

    def reset(self) -> None:
        """Forget every user, profile and schedule, every planned fault, every request seen, and the rate limit."""
        self._store.reset()
        self.controls.reset()

    # --- users and state ---------------------------------------------------------------------

    def add_user(self, profiles: Sequence[Mapping[str, Any]] = ({},), *, token: str | None = None) -> BufferUser:
        """A new user with these profiles and a new token (or ``token``).

        Each profile gives any of the spec's ``Profile`` fields (the rest are filled in); fields beyond
        the spec go under ``extra_fields``. A misspelt field is refused, naming it and the known ones.
        """
        return self._add_user(profiles, token, "add_user")

    def _add_user(self, profiles: Any, token: str | None, origin: str) -> BufferUser:
        if isinstance(profiles, str | bytes | Mapping) or not isinstance(profiles, Sequence):
            raise FixtureError(f"{origin}: profiles must be a list of profiles (dicts), not {profiles!r}.")
        user_id = _new_id()
        user_token = f"test-{secrets.token_urlsafe(16)}" if token is None else token
        for position, given in enumerate(profiles):
            # Checked here first, so that a mistake is named as the test made it (marker, profile 2).
            where = f"{origin}, profile {position + 1}"
            check_profile(complete_profile(user_id, given, position, where), where)
        user = {"id": user_id, "tokens": [user_token], "profiles": list(profiles)}
        loaded = load_fixtures(self._store, {"users": [user]})
        return BufferUser(user_id, user_token, tuple(loaded.users[0].profile_ids))

    def add_demo_users(self) -> list[BufferUser]:
        """The demo users of ``buffer-profiles-server --demo``: the Profiles page's example user, then a second."""
        loaded = load_fixtures(self._store, DEMO_FIXTURES)
        return [BufferUser(user.id, user.tokens[0], tuple(user.profile_ids)) for user in loaded.users]

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
        """Store the profile's schedules as they are, once checked against the spec's ``Schedule``."""
        checked = check_schedules(schedules, "set_schedules")
        if not self._store.replace_schedules(user.id, profile_id, checked):
            raise KeyError(f"user {user.id} has no profile {profile_id}")

    # --- faults and rate limits --------------------------------------------------------------

    def fail_next(
        self,
        operation: str,
        fault: Fault,
        times: int = 1,
        *,
        profile_id: str | None = None,
        user: BufferUser | str | None = None,
        optional: bool = False,
    ) -> PlannedFault:
        """The next ``times`` calls of ``operation`` (an operationId), of that profile and that user when
        given, get ``fault``. The test fails if they do not all come, unless ``optional``."""
        return self.controls.faults.plan(
            operation, fault, times=times, profile_id=profile_id, user_id=_user_id(user), optional=optional
        )

    def limit_rate(self, per_minute: int | None, *, clock: Callable[[], float] = time.monotonic) -> None:
        """At most ``per_minute`` requests per user over a sliding minute of ``clock`` (None: no limit)."""
        self.controls.rate_limits.limit(per_minute, clock)

    # --- the journal -------------------------------------------------------------------------

    def requests(
        self, operation: str | None = None, *, profile_id: str | None = None, user: BufferUser | str | None = None
    ) -> list[Request]:
        """The requests this test sent (of ``operation``, that profile, that user, when given), oldest first."""
        return self.controls.journal.requests(operation, profile_id=profile_id, user_id=_user_id(user))

    def assert_requested(
        self,
        operation: str,
        *,
        times: int | None = None,
        profile_id: str | None = None,
        user: BufferUser | str | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> list[Request]:
        """The matching requests (and ``body``, when given, the decoded form each sent); fails when there
        are not exactly ``times`` of them (or, without ``times``, none)."""
        __tracebackhide__ = True  # pytest shows the test's line, not this one
        found = self.requests(operation, profile_id=profile_id, user=user)
        if body is not None:
            found = [request for request in found if request.body == body]
        if (times is None and not found) or (times is not None and len(found) != times):
            wanted = "at least 1" if times is None else str(times)
            raise AssertionError(
                f"expected {wanted} {_what(operation, profile_id, user, body)}, got {len(found)}; "
                f"all requests: {_listed(self.requests())}"
            )
        return found

    def assert_not_requested(
        self, operation: str, *, profile_id: str | None = None, user: BufferUser | str | None = None
    ) -> None:
        __tracebackhide__ = True
        found = self.requests(operation, profile_id=profile_id, user=user)
        if found:
            raise AssertionError(f"expected no {_what(operation, profile_id, user, None)}, got: {_listed(found)}")

    def assert_all_faults_triggered(self) -> None:
        """Fails, in one line, when a planned fault (not ``optional``) was not given as often as planned."""
        __tracebackhide__ = True
        unused = self.controls.faults.unused()
        if unused:
            raise AssertionError(unused_faults_message(unused))

    def client(self, user: BufferUser) -> AuthenticatedClient:
        """The typed client, authenticated as ``user`` (it does not retry: what a test sends is what is sent).

        It ignores the environment's proxy settings: the local API is on loopback, where an
        ``HTTP_PROXY`` of a CI machine would only get in the way (and reading them is most of what
        making a client costs)."""
        return AuthenticatedClient(
            base_url=self.base_url, token=user.token, verify_ssl=self.ssl_context, httpx_args={"trust_env": False}
        )

    @property
    def ssl_context(self) -> ssl.SSLContext:
        """The session's one TLS context, for clients of your own: ``httpx.Client(verify=buffer_api.ssl_context)``."""
        return self._ssl_context


def add_marker_user(api: BufferApi, marker_args: tuple[Any, ...], marker_kwargs: Mapping[str, Any]) -> BufferUser:
    """The user of a ``@pytest.mark.buffer_profiles(*profiles)`` marker; its arguments checked as ``add_user``'s."""
    if marker_kwargs:
        name = next(iter(marker_kwargs))
        raise FixtureError(
            f"buffer_profiles marker: unknown keyword argument {name!r}; give each profile as an argument,"
            " e.g. @pytest.mark.buffer_profiles({'service': 'twitter'}, {'service': 'linkedin'})."
        )
    return api._add_user(marker_args, None, "buffer_profiles marker")


def unused_faults_message(unused: list[PlannedFault]) -> str:
    planned = "; ".join(planned.describe() for planned in unused)
    return f"planned fault never triggered: {planned} (pass optional=True to fail_next if it may not be)"


def _what(operation: str, profile_id: str | None, user: BufferUser | str | None, body: object) -> str:
    scope = "".join(
        f" {name} {value}" for name, value in (("of profile", profile_id), ("by user", _user_id(user))) if value
    )
    sent = f" with body {body!r}" if body is not None else ""
    return f"request(s) of {operation}{scope}{sent}"


def _listed(requests: list[Request]) -> str:
    return ", ".join(request.describe() for request in requests) or "none"


@contextmanager
def running_api(folder: Path | None = None) -> Iterator[BufferApi]:
    """A local API over a new SQLite file in ``folder`` (a temporary one by default), served on a free loopback port."""
    with tempfile.TemporaryDirectory(prefix="buffer-profiles-") as scratch:
        db_path = (folder or Path(scratch)) / "api.sqlite3"
        Store(db_path).close()  # the schema, before the server and the helper open the file
        controls = Controls()
        with running_server(controls.app(db_path)) as base_url:
            api = BufferApi(base_url, db_path, controls)
            try:
                yield api
            finally:
                api.close()
