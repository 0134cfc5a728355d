"""The floor the reference server is measured against: the same HTTP stack answering constant JSON.

Starlette routes of the same paths behind the same uvicorn configuration (uvloop, httptools and
the connection guards of server/serving/), whose handlers return fixed bytes: the difference
between its time per request and the server's is the time the server's own work takes.

    python -m bench.constant_app [--port 0]    # prints "Base URL: http://127.0.0.1:PORT/1"
"""

import argparse
import json
import sys
from collections.abc import Awaitable, Callable

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from buffer_profiles_testkit.server.app import BASE_PATH
from buffer_profiles_testkit.server.background import base_url, bound_socket
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_PROFILE
from buffer_profiles_testkit.server.serving.config import server_config

_PROFILE = json.dumps(DEMO_PROFILE, separators=(",", ":")).encode()
_PROFILES = json.dumps(DEMO_FIXTURES["users"][0]["profiles"], separators=(",", ":")).encode()
_UPDATED = b'{"success":true,"message":"Schedules updated."}'


def _constant(body: bytes, reads_body: bool = False) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        if reads_body:
            await request.body()  # the server reads it too; receiving it is part of the stack's cost
        return Response(body, media_type="application/json")

    return endpoint


def constant_app() -> Starlette:
    return Starlette(
        routes=[
            Route(f"{BASE_PATH}/profiles.json", _constant(_PROFILES), methods=["GET"]),
            Route(f"{BASE_PATH}/profiles/{{id}}.json", _constant(_PROFILE), methods=["GET"]),
            Route(
                f"{BASE_PATH}/profiles/{{id}}/schedules/update.json",
                _constant(_UPDATED, reads_body=True),
                methods=["POST"],
            ),
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    arguments = parser.parse_args()
    sock = bound_socket("127.0.0.1", arguments.port)
    print(f"Base URL: {base_url(sock)}", flush=True)
    uvicorn.Server(server_config(constant_app())).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
