"""What the HTTP layer answers by itself, over raw sockets: malformed and slow requests, too many connections."""

import gzip
import logging
import socket
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN
from buffer_profiles_testkit.server.serving.protocol import ConnectionLimits
from tests.server.raw_http import (
    SOCKET_TIMEOUT_SECONDS,
    connect,
    exchange,
    is_buffer_error,
    read_response,
    request_bytes,
)

AUTH = ("Authorization", f"Bearer {DEMO_TOKEN}")
FORM = ("Content-Type", "application/x-www-form-urlencoded")
UPDATE = f"/1/profiles/{DEMO_PROFILE_ID}/schedules/update.json"
SCHEDULES = f"/1/profiles/{DEMO_PROFILE_ID}/schedules.json"
VALID_FORM = b"schedules[0][days][]=sun&schedules[0][times][]=06:05"
# Short enough that the tests that wait for it stay quick; the default is 10 s.
SHORT_TIMEOUT = 0.3


@pytest.fixture(scope="module")
def guarded_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with a short request timeout and room for few connections."""
    from tests.demo_server import seed_demo

    db = seed_demo(tmp_path_factory.mktemp("guarded") / "profiles.sqlite3")
    limits = ConnectionLimits(request_timeout=SHORT_TIMEOUT, max_connections=8)
    with running_server(create_app(db), limits=limits) as url:
        yield url


def _schedules(base_url: str) -> object:
    response = exchange(base_url, request_bytes("GET", SCHEDULES, [AUTH]))
    assert response is not None
    assert response.status == 200
    return response.json()


@pytest.mark.parametrize(
    "request_",
    [
        b"GARBAGE\r\n\r\n",
        b"GET /1/profiles.json HTTP/9.9\r\nHost: x\r\n\r\n",
        b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /1/profiles/\xff.json HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nX: \x00\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # a TLS ClientHello on the plain port
    ],
    ids=[
        "garbage",
        "version",
        "header without colon",
        "negative length",
        "two lengths",
        "bad chunk",
        "non-ASCII path",
        "NUL in header",
        "TLS",
    ],
)
def test_a_request_the_parser_refuses_gets_buffers_error_shape_in_json(shared_base_url: str, request_: bytes) -> None:
    response = exchange(shared_base_url, request_)

    assert response is not None
    assert response.status == 400
    assert is_buffer_error(response)
    assert response.header("connection") == "close"


def test_headers_past_their_limit_are_431_in_json(shared_base_url: str) -> None:
    limit = ConnectionLimits().max_header_bytes
    response = exchange(shared_base_url, request_bytes("GET", "/1/profiles.json", [("X-Big", "a" * limit)]))

    assert response is not None
    assert response.status == 431
    assert is_buffer_error(response)


@pytest.mark.parametrize(
    "half_a_request",
    [
        b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\n",
        b"GET /1/profiles.js",
        request_bytes("POST", UPDATE, [AUTH, FORM, ("Content-Length", "100")]) + b"schedules",
    ],
    ids=["headers unfinished", "request line unfinished", "body unfinished"],
)
def test_a_request_that_never_finishes_is_answered_408_and_closed(guarded_url: str, half_a_request: bytes) -> None:
    with connect(guarded_url) as connection:
        connection.sendall(half_a_request)
        response = read_response(connection)
        closed = connection.recv(1) == b""

    assert response is not None
    assert response.status == 408
    assert is_buffer_error(response)
    assert closed


@pytest.mark.parametrize("keep_alive_request", [False, True], ids=["silent from the start", "silent after a request"])
def test_a_connection_that_sends_no_request_is_closed_without_an_answer(
    guarded_url: str, keep_alive_request: bool
) -> None:
    with connect(guarded_url) as connection:
        if keep_alive_request:
            connection.sendall(
                f"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {DEMO_TOKEN}\r\n\r\n".encode()
            )
            first = read_response(connection)
            assert first is not None
            assert first.status == 200
        assert read_response(connection) is None


def test_at_the_connection_limit_the_oldest_waiting_connection_makes_room(guarded_url: str) -> None:
    slow = []
    try:
        for _ in range(30):  # far more than the 8 allowed, none of them finishing a request
            connection = connect(guarded_url)
            connection.sendall(b"GET /1/profiles.json HTTP/1.1\r\nHost: x\r\n")
            slow.append(connection)
        response = httpx.get(f"{guarded_url}/profiles.json", headers=dict([AUTH]), timeout=SOCKET_TIMEOUT_SECONDS)
        evicted = read_response(slow[0])
    finally:
        for connection in slow:
            connection.close()

    assert response.status_code == 200
    assert evicted is not None
    assert evicted.status == 503
    assert is_buffer_error(evicted)


@pytest.mark.parametrize(
    "target",
    [
        "/1%2Fprofiles.json",
        "/1%2fprofiles.json",
        f"/1/profiles%2F{DEMO_PROFILE_ID}.json",
    ],
)
def test_an_encoded_slash_is_not_a_path_separator(shared_base_url: str, target: str) -> None:
    response = exchange(shared_base_url, request_bytes("GET", target, [AUTH]))

    assert response is not None
    assert response.status == 404
    assert is_buffer_error(response)


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ([FORM, ("Content-Encoding", "gzip")], gzip.compress(VALID_FORM)),
        ([FORM, ("Content-Encoding", "gzip")], VALID_FORM),  # labelled gzip, sent plain: still not identity
        ([FORM, ("Content-Encoding", "identity, br")], VALID_FORM),
        ([FORM, ("Content-Type", "application/json")], VALID_FORM),
        ([FORM, FORM], VALID_FORM),
    ],
    ids=["gzip", "mislabelled gzip", "br after identity", "two media types", "one media type twice"],
)
def test_a_content_coding_or_repeated_content_type_is_refused_and_changes_nothing(
    guarded_url: str, headers: list[tuple[str, str]], body: bytes
) -> None:
    before = _schedules(guarded_url)

    response = exchange(guarded_url, request_bytes("POST", UPDATE, [AUTH, *headers], body))

    assert response is not None
    assert response.status == 415
    assert is_buffer_error(response)
    assert _schedules(guarded_url) == before


def test_identity_content_encoding_is_accepted(guarded_url: str) -> None:
    headers = [AUTH, FORM, ("Content-Encoding", "identity")]
    response = exchange(guarded_url, request_bytes("POST", UPDATE, headers, VALID_FORM))

    assert response is not None
    assert response.status == 200
    assert _schedules(guarded_url) == [{"days": ["sun"], "times": ["06:05"]}]


def test_a_client_that_aborts_its_upload_costs_one_log_line(db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="uvicorn.error")
    with running_server(create_app(db_path)) as base_url:
        before = _schedules(base_url)
        for _ in range(3):
            with connect(base_url) as connection:
                connection.sendall(request_bytes("POST", UPDATE, [AUTH, FORM, ("Content-Length", "5000")]) + b"sched")
                connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )  # reset, as a crash does
        deadline = time.monotonic() + SOCKET_TIMEOUT_SECONDS
        while time.monotonic() < deadline and len(_disconnect_records(caplog)) < 3:
            time.sleep(0.01)
        after = _schedules(base_url)

    records = _disconnect_records(caplog)
    assert len(records) == 3
    assert all(record.exc_info is None for record in records)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert after == before


def _disconnect_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if "disconnected" in record.getMessage()]
