"""Who is asking: the access token from the Authorization header, the query or a POST's form body.

Buffer's Authentication page names all three places. A token sent in more than one (or twice in
one) is refused with 401 (OAuth ``invalid_request``), as Buffer answered it in recorded traffic:
guessing which one was meant could act as the wrong user.
"""

import re
from collections.abc import Sequence
from urllib.parse import unquote_plus

from starlette.requests import Request

from buffer_profiles_testkit.server.errors import ApiError, ErrorCode
from buffer_profiles_testkit.server.forms.decoder import decoded_name

_BEARER = re.compile(r"[Bb][Ee][Aa][Rr][Ee][Rr] +([!-~]+) *")  # RFC 7235: the scheme is case-insensitive
TOKEN_PARAMETER = "access_token"
_TOKEN_NAME = TOKEN_PARAMETER.encode("ascii")


def _unauthorized(message: str, error: str | None = None) -> ApiError:
    challenge = 'Bearer realm="Buffer"' + (f', error="{error}"' if error else "")
    return ApiError(ErrorCode.ACCESS_TOKEN_REQUIRED, message, {"WWW-Authenticate": challenge})


def form_body_tokens(body: bytes) -> list[str]:
    """The ``access_token`` values of a form body, read leniently: the update's own decoder is strict later.

    A name that decodes to ``access_token`` at all decodes to it strictly too (malformed escapes
    leave a ``%`` or U+FFFD behind), so names go through the decoder's cache of names seen before.
    """
    if b"%" not in body and _TOKEN_NAME not in body:
        return []  # no name in it can decode to access_token (the common case), told without splitting the body
    tokens = []
    for pair in body.split(b"&"):
        raw_name, _, raw_value = pair.partition(b"=")
        if decoded_name(raw_name) == TOKEN_PARAMETER:
            tokens.append(unquote_plus(raw_value.decode("utf-8", "replace")))
    return tokens


def presented_token(request: Request, body_tokens: Sequence[str] = ()) -> str:
    headers = [value.decode("latin-1") for name, value in request.scope["headers"] if name == b"authorization"]
    query_string = request.scope["query_string"]  # parsed only when there is one: most requests have none
    query = (
        [value for name, value in request.query_params.multi_items() if name == TOKEN_PARAMETER] if query_string else []
    )
    if len(headers) + len(query) + len(body_tokens) > 1:
        raise _unauthorized(
            "Send the access token once: in the Authorization header, the access_token parameter or the form body.",
            "invalid_request",
        )
    if headers:
        match = _BEARER.fullmatch(headers[0])
        if match is None:
            raise _unauthorized("The Authorization header must be 'Bearer <access token>'.", "invalid_request")
        return match.group(1)
    token = next(iter(query or body_tokens), "")
    if token:
        return token
    raise _unauthorized("Access token required.")


def unknown_token() -> ApiError:
    return _unauthorized("Access token required: this one is unknown.", "invalid_token")
