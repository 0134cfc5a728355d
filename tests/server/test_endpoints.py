"""Unknown endpoints are 404, wrong methods 405 with Allow, both in Buffer's error shape; docs at /docs."""

import socket
from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import bound_socket, running_server
from tests.server.conftest import ClientFactory
from tests.server.operations import OPERATIONS, Operation


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/1",
        "/1/",
        "/1/profiles",
        "/1/profiles.xml",
        "/1/profiles.json/",
        "/2/profiles.json",
        "/1/profiles/4eb854340acb04e870000010",
        "/1/profiles/4eb854340acb04e870000010/schedules/update",
        "/1/profiles/a/b/schedules.json",
        "/docs",  # no docs_dir given
    ],
)
def test_unknown_endpoints_are_404_code_404(shared_api: ClientFactory, path: str) -> None:
    response = shared_api().get(httpx.URL(path))

    assert response.status_code == 404
    assert response.json() == {"success": False, "code": 404, "message": "Endpoint not found."}


WRONG_METHODS = [
    pytest.param(operation, method, id=f"{method} {operation.name}")
    for operation in OPERATIONS
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
    if method != operation.method
]


@pytest.mark.parametrize(("operation", "method"), WRONG_METHODS)
def test_other_methods_are_405_with_allow(shared_api: ClientFactory, operation: Operation, method: str) -> None:
    allowed = "POST" if operation.method == "POST" else "GET, HEAD"

    response = shared_api().request(method, operation.path())

    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert response.json()["code"] == 405


def test_docs_are_served_from_docs_dir(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<!doctype html><title>Buffer Profiles API</title>")

    with running_server(create_app(tmp_path / "db.sqlite3", docs_dir=tmp_path / "site")) as base_url:
        response = httpx.get(base_url.removesuffix("/1") + "/docs")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Buffer Profiles API" in response.text


def test_the_listening_socket_says_tcp_so_responses_are_not_held_back_by_nagle() -> None:
    """asyncio sets TCP_NODELAY on accepted sockets only when the listener's proto says TCP; without it
    each keep-alive response waited ~40 ms (Nagle and delayed ACK). Checked on the socket, not by timing."""
    sock = bound_socket("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


def test_a_bug_is_a_500_in_buffers_shape_not_a_traceback(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("injected bug")

    monkeypatch.setattr("buffer_profiles_testkit.server.storage.store.Store.token_and_profiles", broken)
    with running_server(create_app(db_path)) as base_url:
        response = httpx.get(f"{base_url}/profiles.json", headers={"Authorization": "Bearer demo-skinnyoteam-token"})

    assert response.status_code == 500
    assert response.json() == {"success": False, "code": 1000, "message": "An unknown error occurred."}
