"""uvicorn for the app: one configuration (``config``), the HTTP guards (``protocol``), token-free logs, memory.

``server_config`` is what ``buffer-profiles-server``, the tests and the benchmarks all run.
"""

from buffer_profiles_testkit.server.serving.config import server_config

__all__ = ["server_config"]
