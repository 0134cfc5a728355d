"""The client's defaults: a finite timeout on every request, a few retries, and where settings come from.

Every client the package makes (``BufferProfiles``, ``AsyncBufferProfiles`` and ``AuthenticatedClient``)
waits at most 5 seconds for a connection and 60 seconds in all for each step of a request, so that a
server that accepts the connection and never answers cannot block the caller without end. httpx's
own default is 5 seconds for everything; a list of many profiles can take longer than that to arrive.
"""

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
# Only BufferProfiles and AsyncBufferProfiles retry by default; each operation decides what may be
# sent again (retry_policy.py).
DEFAULT_MAX_RETRIES = 2

ACCESS_TOKEN_VARIABLE = "BUFFER_ACCESS_TOKEN"
BASE_URL_VARIABLE = "BUFFER_BASE_URL"
LOG_VARIABLE = "BUFFER_LOG"
# backend="graphql": the key as Buffer's own CLI reads it, and the endpoint (like BASE_URL_VARIABLE for v1).
API_KEY_VARIABLE = "BUFFER_API_KEY"
GRAPHQL_URL_VARIABLE = "BUFFER_GRAPHQL_URL"


def as_timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    """``value`` as an ``httpx.Timeout``: seconds for every step, or the default for None.

    None was ``AuthenticatedClient``'s default before 2.1, when it meant no limit at all; it now
    means the default. An unlimited wait has to be asked for by name, as ``httpx.Timeout(None)``.
    """
    if value is None:
        return DEFAULT_TIMEOUT
    if isinstance(value, httpx.Timeout):
        return value
    return httpx.Timeout(value)
