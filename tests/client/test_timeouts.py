"""No call waits without limit: a server that accepts connections and never answers ends in APITimeoutError.

The server is a real listening socket on loopback that reads nothing and writes nothing; the client
is given a timeout of a few hundredths of a second, so no test waits long.
"""

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
import pytest
from buffer_profiles_client import (
    DEFAULT_TIMEOUT,
    APIConnectionError,
    APITimeoutError,
    AsyncBufferProfiles,
    AuthenticatedClient,
    BufferProfiles,
)
from buffer_profiles_client.api.profiles import get_profile, list_profiles
from buffer_profiles_client.models import ScheduleInputDict

from tests.client.scripted import Clock
from tests.seeds import SEED_PROFILE_ID

SHORT = 0.05
SCHEDULES: list[ScheduleInputDict] = [{"days": ["mon"], "times": ["12:45"]}]


@dataclass
class SilentServer:
    """Accepts connections on loopback, keeps them open, and never reads or answers."""

    base_url: str
    accepted: list[socket.socket] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    def connections(self, at_least: int) -> int:
        """How many connections were accepted, once at least ``at_least`` were (the kernel may queue them a moment)."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.accepted) >= at_least, timeout=10)
            return len(self.accepted)


@contextmanager
def silent_server() -> Iterator[SilentServer]:
    listener = socket.create_server(("127.0.0.1", 0))
    server = SilentServer(f"http://127.0.0.1:{listener.getsockname()[1]}/1")

    def accept() -> None:
        while True:
            try:
                connection = listener.accept()[0]
            except OSError:  # the listener was closed: the test is over
                return
            with server.arrived:
                server.accepted.append(connection)
                server.arrived.notify_all()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(timeout=5)
        for connection in server.accepted:
            connection.close()


@pytest.fixture
def server() -> Iterator[SilentServer]:
    with silent_server() as running:
        yield running


def test_every_client_the_package_makes_has_a_finite_default_timeout() -> None:
    assert httpx.Timeout(60.0, connect=5.0) == DEFAULT_TIMEOUT
    with BufferProfiles("t") as buffer:
        assert buffer.timeout == DEFAULT_TIMEOUT
    with AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t") as client:
        assert client.get_httpx_client().timeout == DEFAULT_TIMEOUT


def test_timeouts_take_seconds_or_an_httpx_timeout() -> None:
    with AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t", timeout=2.0) as client:
        assert client.get_httpx_client().timeout == httpx.Timeout(2.0)
    with BufferProfiles("t", timeout=httpx.Timeout(3.0, connect=1.0)) as buffer:
        assert buffer.timeout == httpx.Timeout(3.0, connect=1.0)
        assert buffer.with_options(timeout=7).timeout == httpx.Timeout(7.0)


def test_a_read_that_gets_no_answer_times_out_after_each_of_its_attempts(server: SilentServer) -> None:
    clock = Clock()
    with (
        BufferProfiles("secret-token", base_url=server.base_url, timeout=SHORT, backoff=clock.backoff()) as buffer,
        pytest.raises(APITimeoutError) as raised,
    ):
        buffer.profiles.retrieve(SEED_PROFILE_ID)

    assert isinstance(raised.value, httpx.TimeoutException)
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)
    assert str(raised.value).startswith(f"GET {server.base_url}/profiles/{SEED_PROFILE_ID}.json timed out (ReadTimeout")
    assert "secret-token" not in str(raised.value)
    assert server.connections(at_least=3) == 3  # the first attempt and two retries, each on a new connection
    assert clock.sleeps == [0.5, 1.0]


def test_an_update_that_gets_no_answer_is_not_sent_again(server: SilentServer) -> None:
    with (
        BufferProfiles("t", base_url=server.base_url, timeout=SHORT) as buffer,
        pytest.raises(APITimeoutError),
    ):
        buffer.profiles.schedules.update(SEED_PROFILE_ID, schedules=SCHEDULES)

    assert server.connections(at_least=1) == 1


def test_the_async_client_times_out_too(server: SilentServer) -> None:
    async def call() -> None:
        async with AsyncBufferProfiles("t", base_url=server.base_url, timeout=SHORT, max_retries=0) as buffer:
            await buffer.profiles.list()

    with pytest.raises(APITimeoutError):
        asyncio.run(call())


def test_a_per_call_timeout_applies_to_that_call(server: SilentServer) -> None:
    with BufferProfiles("t", base_url=server.base_url, max_retries=0) as buffer, pytest.raises(APITimeoutError):
        buffer.with_options(timeout=SHORT).profiles.list()


def test_the_per_operation_functions_time_out_with_the_packages_error(server: SilentServer) -> None:
    with (
        AuthenticatedClient(base_url=server.base_url, token="t", timeout=SHORT) as client,
        pytest.raises(APITimeoutError),
    ):
        list_profiles.sync(client=client)

    async def call() -> None:
        async with AuthenticatedClient(base_url=server.base_url, token="t", timeout=SHORT) as client:
            await get_profile.asyncio(SEED_PROFILE_ID, client=client)

    with pytest.raises(APITimeoutError):
        asyncio.run(call())


def test_a_refused_connection_is_a_connection_error_not_a_timeout() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        closed_port = probe.getsockname()[1]  # nothing listens there once the probe is closed
    base_url = f"http://127.0.0.1:{closed_port}/1"

    with (
        AuthenticatedClient(base_url=base_url, token="t") as client,
        pytest.raises(APIConnectionError) as raised,
    ):
        list_profiles.sync(client=client)

    assert not isinstance(raised.value, APITimeoutError)
    assert isinstance(raised.value.__cause__, httpx.ConnectError)
