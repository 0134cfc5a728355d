"""Who is asking: the access token from the Authorization header or the access_token parameter.

A token sent in both places (or twice in one) is refused with 401, as Buffer did (FINDINGS.md):
guessing which one was meant could act as the wrong user.
"""

import re

from starlette.requests import Request

from server.errors import ApiError, ErrorCode
from server.store import Store

_BEARER = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +([!-~]+) *")  # RFC 7235: the scheme is case-insensitive
_QUERY_NAME = "access_token"


def _unauthorized(message: str, error: str | None = None) -> ApiError:
    challenge = 'Bearer realm="Buffer"' + (f', error="{error}"' if error else "")
    return ApiError(ErrorCode.ACCESS_TOKEN_REQUIRED, message, {"WWW-Authenticate": challenge})


def presented_token(request: Request) -> str:
    headers = request.headers.getlist("authorization")
    query_string = request.scope["query_string"]  # parsed only when there is one: most requests have none
    query = [value for name, value in request.query_params.multi_items() if name == _QUERY_NAME] if query_string else []
    if len(headers) + len(query) > 1:
        raise _unauthorized(
            "Send the access token once: in the Authorization header or the access_token parameter, not both.",
            "invalid_request",
        )
    if headers:
        match = _BEARER.fullmatch(headers[0])
        if match is None:
            raise _unauthorized("The Authorization header must be 'Bearer <access token>'.", "invalid_request")
        return match.group(1)
    if query and query[0]:
        return query[0]
    raise _unauthorized("Access token required.")


def authenticated_user(request: Request, store: Store) -> str:
    """The id of the user whose token the request carries; raises 401 (code 1001) otherwise."""
    user_id = store.user_for_token(presented_token(request))
    if user_id is None:
        raise _unauthorized("Access token required: this one is unknown.", "invalid_token")
    return user_id
