"""How the per-operation functions (``list_profiles.sync(client=...)`` and the like) send a request.

Once, with the ``AuthenticatedClient``'s own httpx client and timeout (no retries: those belong to
``BufferProfiles``), with the same log line per request as the client objects, and with the
package's own ``APIConnectionError`` or ``APITimeoutError`` when no answer comes. These functions
call Buffer's v1 API, so the first of them in a process gives the sunset's warning (sunset.py).
"""

from typing import Any

import httpx

from . import errors, request_log, sunset


def send(http: httpx.Client, kwargs: dict[str, Any]) -> httpx.Response:
    request = http.build_request(**kwargs)
    sunset.warn_once()
    since = request_log.started()
    try:
        response = http.send(request)
    except httpx.TransportError as error:
        request_log.attempt(request, error, since, 1, 1)
        raise errors.no_answer(error, request, sunset.note()) from error
    request_log.attempt(request, response, since, 1, 1)
    return response


async def send_async(http: httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Response:
    request = http.build_request(**kwargs)
    sunset.warn_once()
    since = request_log.started()
    try:
        response = await http.send(request)
    except httpx.TransportError as error:
        request_log.attempt(request, error, since, 1, 1)
        raise errors.no_answer(error, request, sunset.note()) from error
    request_log.attempt(request, response, since, 1, 1)
    return response
