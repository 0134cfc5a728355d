"""2,400 hostile requests from a fixed seed, each on its own connection, as raw bytes.

Whatever arrives, the server answers: never a 5xx, never anything but JSON (an error in Buffer's
shape), and a request that is refused changes nothing in the database. Only a well-formed
update may change it.
"""

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.serving.protocol import ConnectionLimits
from tests.demo_server import seed_demo
from tests.server.hostile_requests import hostile_requests
from tests.server.raw_http import RawResponse, connect, is_buffer_error, read_response

SEED = 20261129
COUNT = 2_400


def _state(db: Path) -> list[tuple[object, ...]]:
    """Everything the server stores, in a fixed order (every table's first column is its key, or leads it)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = []
        for table in ("users", "access_tokens", "profiles"):
            rows += [(table, *row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1")]
    connection.close()
    return rows


def _send(base_url: str, request: bytes) -> RawResponse | None:
    with connect(base_url) as connection:
        # The server may answer and close before it has read all of a refused body.
        with contextlib.suppress(ConnectionError):
            connection.sendall(request)
        return read_response(connection, head_only=request.startswith(b"HEAD "))


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = seed_demo(tmp_path_factory.mktemp("hostile") / "profiles.sqlite3")
    # A short timeout, so that a request the generator left unfinished is answered 408 quickly.
    with running_server(create_app(db), limits=ConnectionLimits(request_timeout=0.5)) as url:
        yield url, db


def test_hostile_requests_get_json_answers_and_refusals_change_nothing(hostile_server: tuple[str, Path]) -> None:
    base_url, db = hostile_server
    state = _state(db)
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    for number, request in enumerate(hostile_requests(SEED, COUNT)):
        response = _send(base_url, request)
        label = f"#{number} {request[:120]!r}"
        if response is None:
            problems.append(f"{label}: closed without an answer")
            continue
        statuses[response.status] += 1
        if response.status >= 500:
            problems.append(f"{label}: {response.status} {response.body[:200]!r}")
        if response.header("content-type") != "application/json":
            problems.append(f"{label}: {response.status} with Content-Type {response.header('content-type')}")
        elif response.body and response.status >= 400 and not is_buffer_error(response):
            problems.append(f"{label}: {response.status} not in Buffer's error shape: {response.body[:200]!r}")
        now = _state(db)
        if response.status != 200 and now != state:
            problems.append(f"{label}: refused with {response.status}, yet the database changed")
        state = now

    assert not problems, "\n".join(problems[:20])
    assert sum(statuses.values()) == COUNT
    # The corpus reaches every kind of answer, not just the parser's 400.
    assert {200, 400, 401, 404, 405, 413, 415} <= set(statuses), statuses
