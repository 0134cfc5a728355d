"""The one uvicorn configuration that ``buffer-profiles-server``, the tests and the benchmarks all run."""

from typing import Any

import uvicorn
from starlette.types import ASGIApp

from buffer_profiles_testkit.server.serving.protocol import ConnectionLimits, guarded_protocol

# Longer than any client waits between keep-alive requests in practice, shorter than the request timeout.
KEEP_ALIVE_SECONDS = 5


def server_config(
    app: ASGIApp,
    *,
    limits: ConnectionLimits | None = None,
    log_config: dict[str, Any] | None = None,
    access_log: bool = False,
) -> uvicorn.Config:
    """uvloop, httptools with :mod:`server.serving.protocol`'s guards, no Server header.

    ``log_config=None`` leaves the host process's logging alone (tests, benchmarks).
    """
    return uvicorn.Config(
        app,
        loop="uvloop",
        http=guarded_protocol(limits or ConnectionLimits()),
        ws="none",  # an HTTP API: an Upgrade header is answered as any other request
        lifespan="on",
        log_config=log_config,
        access_log=access_log,
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )
