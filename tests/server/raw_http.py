"""Bytes on a socket, for requests that httpx would refuse to send or would tidy up first."""

import json
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

# Only a guard against a hang: every answer these tests wait for comes within the server's own timeouts.
SOCKET_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class RawResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name.lower()), None)

    def json(self) -> Any:
        return json.loads(self.body)


def address(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def connect(base_url: str) -> socket.socket:
    connection = socket.create_connection(address(base_url), timeout=SOCKET_TIMEOUT_SECONDS)
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


def read_response(connection: socket.socket, head_only: bool = False) -> RawResponse | None:
    """The next final response on ``connection`` (after any 100 Continue); None if closed without one."""
    buffer = bytearray()
    while True:
        response = _read_one(connection, buffer, head_only)
        if response is None or not 100 <= response.status < 200:
            return response


def _receive(connection: socket.socket, buffer: bytearray) -> bool:
    chunk = connection.recv(65536)
    buffer += chunk
    return bool(chunk)


def _read_one(connection: socket.socket, buffer: bytearray, head_only: bool) -> RawResponse | None:
    while b"\r\n\r\n" not in buffer:
        if not _receive(connection, buffer):
            if buffer:
                raise AssertionError(f"connection closed inside a response head: {bytes(buffer[:200])!r}")
            return None
    head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = [
        (name.strip().lower(), value.strip()) for name, _, value in (line.partition(":") for line in header_lines)
    ]
    status = int(status_line.split(" ")[1])
    declared = next((int(value) for name, value in headers if name == "content-length"), None)
    length = 0 if head_only or 100 <= status < 200 else declared
    buffer[:] = rest
    while length is None or len(buffer) < length:
        if not _receive(connection, buffer):
            if length is None:
                break
            raise AssertionError("connection closed inside a response body")
    size = len(buffer) if length is None else length
    body = bytes(buffer[:size])
    del buffer[:size]
    return RawResponse(status, headers, body)


def exchange(base_url: str, request: bytes) -> RawResponse | None:
    """Send ``request`` on a new connection and read one response (None if closed without one)."""
    with connect(base_url) as connection:
        connection.sendall(request)
        return read_response(connection, head_only=request.startswith(b"HEAD "))


def request_bytes(method: str, target: str, headers: list[tuple[str, str]] | None = None, body: bytes = b"") -> bytes:
    """An HTTP/1.1 request, exactly as given plus Host, Content-Length (for a body) and Connection: close."""
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1", *(f"{name}: {value}" for name, value in headers or [])]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def is_buffer_error(response: RawResponse) -> bool:
    """A JSON body in Buffer's error shape: success false, a numeric code, a message."""
    if response.header("content-type") != "application/json":
        return False
    body = response.json()
    return (
        isinstance(body, dict)
        and body.get("success") is False
        and isinstance(body.get("code"), int)
        and isinstance(body.get("message"), str)
    )
