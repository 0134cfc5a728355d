"""Run the app on a loopback port inside this process: for tests, benchmarks and the contract suite."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from buffer_profiles_testkit.server.app import BASE_PATH
from buffer_profiles_testkit.server.serving.config import server_config
from buffer_profiles_testkit.server.serving.protocol import ConnectionLimits

STARTUP_TIMEOUT_SECONDS = 10.0


def bound_socket(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 picks a free one. Connections wait in its backlog until the app is up."""
    # proto=IPPROTO_TCP, not the default 0: asyncio sets TCP_NODELAY on accepted sockets only when
    # the proto says TCP, and without it each keep-alive response waits ~40 ms (Nagle, delayed ACK).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)  # a burst of connections waits here instead of being refused
    return sock


def base_url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}{BASE_PATH}"


@contextmanager
def running_server(
    app: ASGIApp, host: str = "127.0.0.1", port: int = 0, limits: ConnectionLimits | None = None
) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yield its base URL (ending in ``/1``); stop it on exit."""
    sock = bound_socket(host, port)
    server = uvicorn.Server(server_config(app, limits=limits))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="reference-server", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the server stopped during startup (see its log)")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server did not start within {STARTUP_TIMEOUT_SECONDS} s")
            time.sleep(0.005)
        yield base_url(sock)
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT_SECONDS)
        sock.close()
